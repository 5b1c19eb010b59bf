import WasmCore

/// Spec: Binary.md — `canon`: a canonical definition, one of the built-ins of `CanonBuiltin`.
///
/// Which fields a definition uses is fixed by its built-in's `immediates` (the one table of
/// `CanonBuiltin`); the others stay at their defaults.
public struct Canon: Hashable, Sendable {
    public var builtin: CanonBuiltin
    /// `lift`: the core function lifted; `lower`: the component function lowered.
    public var function: UInt32?
    /// `lift`: the component function type; resource, stream and future built-ins: their type;
    /// thread built-ins: the core function type.
    public var type: UInt32?
    /// `thread.new-indirect`, `thread.spawn-indirect`: the core table.
    public var table: UInt32?
    /// `waitable-set.wait`, `waitable-set.poll`: the core memory.
    public var memory: UInt32?
    public var options: [CanonOption]
    /// `task.return`: the result type, if any.
    public var result: ComponentValueType?
    /// `context.get`, `context.set`: the core value type and slot.
    public var contextType: WasmCore.ValueType?
    public var contextIndex: UInt32?
    /// The `async?` immediate.
    public var isAsync: Bool
    /// The `cancel?` immediate (`cancellable`).
    public var isCancellable: Bool
    /// The `sh?` immediate (`shared`).
    public var isShared: Bool

    public init(
        _ builtin: CanonBuiltin, function: UInt32? = nil, type: UInt32? = nil, table: UInt32? = nil,
        memory: UInt32? = nil, options: [CanonOption] = [], result: ComponentValueType? = nil,
        contextType: WasmCore.ValueType? = nil, contextIndex: UInt32? = nil,
        isAsync: Bool = false, isCancellable: Bool = false, isShared: Bool = false
    ) {
        self.builtin = builtin
        self.function = function
        self.type = type
        self.table = table
        self.memory = memory
        self.options = options
        self.result = result
        self.contextType = contextType
        self.contextIndex = contextIndex
        self.isAsync = isAsync
        self.isCancellable = isCancellable
        self.isShared = isShared
    }

    /// Whether this definition adds a component function (only `lift`) rather than a core function.
    public var definesComponentFunction: Bool { builtin == .lift }
}

/// Spec: Binary.md — the immediates of a canon built-in, in binary order.
public enum CanonImmediate: Hashable, Sendable {
    /// `0x00 f:<core:funcidx>` (lift).
    case coreFunction
    /// `0x00 f:<funcidx>` (lower).
    case function
    /// `<typeidx>` (component type).
    case type
    /// `<core:typeidx>`.
    case coreType
    /// `<core:tableidx>`.
    case table
    /// `<core:memoryidx>`.
    case memory
    /// `opts`.
    case options
    /// `resultlist` (task.return).
    case resultList
    /// `<core:valtype>` then `<u32>` (context.get/set).
    case contextSlot
    /// `async?`
    case async
    /// `cancel?`
    case cancel
    /// `sh?`
    case shared
}

/// Spec: Binary.md — `canon`: every built-in, with its opcode, text name, immediates and the
/// feature (wasm-tools' name) that gates it. Decoder, encoder, text parser and printer read this table.
///
/// One departure: Binary.md gives the 🧵② built-ins a `sh?` immediate; wasm-tools 1.262 (whose
/// binaries the suites are compared with) writes none, and neither does this table.
public enum CanonBuiltin: String, Hashable, Sendable, CaseIterable {
    case lift = "lift"
    case lower = "lower"
    case resourceNew = "resource.new"
    case resourceDrop = "resource.drop"
    case resourceRep = "resource.rep"
    case backpressureInc = "backpressure.inc"
    case backpressureDec = "backpressure.dec"
    case taskReturn = "task.return"
    case taskCancel = "task.cancel"
    case contextGet = "context.get"
    case contextSet = "context.set"
    case subtaskCancel = "subtask.cancel"
    case subtaskDrop = "subtask.drop"
    case streamNew = "stream.new"
    case streamRead = "stream.read"
    case streamWrite = "stream.write"
    case streamCancelRead = "stream.cancel-read"
    case streamCancelWrite = "stream.cancel-write"
    case streamDropReadable = "stream.drop-readable"
    case streamDropWritable = "stream.drop-writable"
    case futureNew = "future.new"
    case futureRead = "future.read"
    case futureWrite = "future.write"
    case futureCancelRead = "future.cancel-read"
    case futureCancelWrite = "future.cancel-write"
    case futureDropReadable = "future.drop-readable"
    case futureDropWritable = "future.drop-writable"
    case errorContextNew = "error-context.new"
    case errorContextDebugMessage = "error-context.debug-message"
    case errorContextDrop = "error-context.drop"
    case waitableSetNew = "waitable-set.new"
    case waitableSetWait = "waitable-set.wait"
    case waitableSetPoll = "waitable-set.poll"
    case waitableSetDrop = "waitable-set.drop"
    case waitableJoin = "waitable.join"
    case threadIndex = "thread.index"
    case threadNewIndirect = "thread.new-indirect"
    case threadResumeLater = "thread.resume-later"
    case threadSuspend = "thread.suspend"
    case threadYield = "thread.yield"
    case threadSuspendThenResume = "thread.suspend-then-resume"
    case threadYieldThenResume = "thread.yield-then-resume"
    case threadSuspendThenPromote = "thread.suspend-then-promote"
    case threadYieldThenPromote = "thread.yield-then-promote"
    case threadSpawnRef = "thread.spawn-ref"
    case threadSpawnIndirect = "thread.spawn-indirect"
    case threadAvailableParallelism = "thread.available-parallelism"

    /// One row of the table.
    public struct Row: Sendable {
        public let opcode: UInt8
        public let immediates: [CanonImmediate]
        /// The feature that gates the built-in, if any.
        public let feature: Feature?
    }

    /// The table: opcode, immediates in binary order, gate.
    public var row: Row {
        switch self {
        case .lift: return Row(opcode: 0x00, immediates: [.coreFunction, .options, .type], feature: nil)
        case .lower: return Row(opcode: 0x01, immediates: [.function, .options], feature: nil)
        case .resourceNew: return Row(opcode: 0x02, immediates: [.type], feature: nil)
        case .resourceDrop: return Row(opcode: 0x03, immediates: [.type], feature: nil)
        case .resourceRep: return Row(opcode: 0x04, immediates: [.type], feature: nil)
        case .backpressureInc: return Row(opcode: 0x24, immediates: [], feature: .cmAsync)
        case .backpressureDec: return Row(opcode: 0x25, immediates: [], feature: .cmAsync)
        case .taskReturn: return Row(opcode: 0x09, immediates: [.resultList, .options], feature: .cmAsync)
        case .taskCancel: return Row(opcode: 0x05, immediates: [], feature: .cmAsync)
        case .contextGet: return Row(opcode: 0x0A, immediates: [.contextSlot], feature: .cmAsync)
        case .contextSet: return Row(opcode: 0x0B, immediates: [.contextSlot], feature: .cmAsync)
        case .subtaskCancel: return Row(opcode: 0x06, immediates: [.async], feature: .cmAsync)
        case .subtaskDrop: return Row(opcode: 0x0D, immediates: [], feature: .cmAsync)
        case .streamNew: return Row(opcode: 0x0E, immediates: [.type], feature: .cmAsync)
        case .streamRead: return Row(opcode: 0x0F, immediates: [.type, .options], feature: .cmAsync)
        case .streamWrite: return Row(opcode: 0x10, immediates: [.type, .options], feature: .cmAsync)
        case .streamCancelRead: return Row(opcode: 0x11, immediates: [.type, .async], feature: .cmAsync)
        case .streamCancelWrite: return Row(opcode: 0x12, immediates: [.type, .async], feature: .cmAsync)
        case .streamDropReadable: return Row(opcode: 0x13, immediates: [.type], feature: .cmAsync)
        case .streamDropWritable: return Row(opcode: 0x14, immediates: [.type], feature: .cmAsync)
        case .futureNew: return Row(opcode: 0x15, immediates: [.type], feature: .cmAsync)
        case .futureRead: return Row(opcode: 0x16, immediates: [.type, .options], feature: .cmAsync)
        case .futureWrite: return Row(opcode: 0x17, immediates: [.type, .options], feature: .cmAsync)
        case .futureCancelRead: return Row(opcode: 0x18, immediates: [.type, .async], feature: .cmAsync)
        case .futureCancelWrite: return Row(opcode: 0x19, immediates: [.type, .async], feature: .cmAsync)
        case .futureDropReadable: return Row(opcode: 0x1A, immediates: [.type], feature: .cmAsync)
        case .futureDropWritable: return Row(opcode: 0x1B, immediates: [.type], feature: .cmAsync)
        case .errorContextNew: return Row(opcode: 0x1C, immediates: [.options], feature: .cmErrorContext)
        case .errorContextDebugMessage: return Row(opcode: 0x1D, immediates: [.options], feature: .cmErrorContext)
        case .errorContextDrop: return Row(opcode: 0x1E, immediates: [], feature: .cmErrorContext)
        case .waitableSetNew: return Row(opcode: 0x1F, immediates: [], feature: .cmAsync)
        case .waitableSetWait: return Row(opcode: 0x20, immediates: [.cancel, .memory], feature: .cmAsync)
        case .waitableSetPoll: return Row(opcode: 0x21, immediates: [.cancel, .memory], feature: .cmAsync)
        case .waitableSetDrop: return Row(opcode: 0x22, immediates: [], feature: .cmAsync)
        case .waitableJoin: return Row(opcode: 0x23, immediates: [], feature: .cmAsync)
        case .threadIndex: return Row(opcode: 0x26, immediates: [], feature: .cmThreading)
        case .threadNewIndirect: return Row(opcode: 0x27, immediates: [.coreType, .table], feature: .cmThreading)
        case .threadResumeLater: return Row(opcode: 0x28, immediates: [], feature: .cmThreading)
        case .threadSuspend: return Row(opcode: 0x29, immediates: [.cancel], feature: .cmThreading)
        case .threadYield: return Row(opcode: 0x0C, immediates: [.cancel], feature: .cmAsync)
        case .threadSuspendThenResume: return Row(opcode: 0x2A, immediates: [.cancel], feature: .cmThreading)
        case .threadYieldThenResume: return Row(opcode: 0x2B, immediates: [.cancel], feature: .cmThreading)
        case .threadSuspendThenPromote: return Row(opcode: 0x2C, immediates: [.cancel], feature: .cmThreading)
        case .threadYieldThenPromote: return Row(opcode: 0x2D, immediates: [.cancel], feature: .cmThreading)
        case .threadSpawnRef: return Row(opcode: 0x40, immediates: [.coreType], feature: .sharedEverythingThreads)
        case .threadSpawnIndirect: return Row(opcode: 0x41, immediates: [.coreType, .table], feature: .sharedEverythingThreads)
        case .threadAvailableParallelism: return Row(opcode: 0x42, immediates: [], feature: .sharedEverythingThreads)
        }
    }

    public var opcode: UInt8 { row.opcode }
    public var immediates: [CanonImmediate] { row.immediates }

    /// The built-in with a binary opcode.
    public static let byOpcode: [UInt8: CanonBuiltin] = {
        var table: [UInt8: CanonBuiltin] = [:]
        for b in CanonBuiltin.allCases { table[b.opcode] = b }
        return table
    }()
}

/// Spec: Binary.md — `canonopt`.
public enum CanonOption: Hashable, Sendable {
    /// 0x00 `string-encoding=utf8`
    case utf8
    /// 0x01 `string-encoding=utf16`
    case utf16
    /// 0x02 `string-encoding=latin1+utf16`
    case latin1UTF16
    /// 0x03 `(memory m)`
    case memory(UInt32)
    /// 0x04 `(realloc f)`
    case realloc(UInt32)
    /// 0x05 `(post-return f)`
    case postReturn(UInt32)
    /// 🔀 0x06 `async`
    case async
    /// 🔀 0x07 `(callback f)`
    case callback(UInt32)
    /// wasm-tools' `cm-gc`: 0x08 `(core-type t)`, the core function type of a lifted/lowered function.
    case coreType(UInt32)
    /// wasm-tools' `cm-gc`: 0x09 `gc`.
    case gc

    public var opcode: UInt8 {
        switch self {
        case .utf8: return 0x00
        case .utf16: return 0x01
        case .latin1UTF16: return 0x02
        case .memory: return 0x03
        case .realloc: return 0x04
        case .postReturn: return 0x05
        case .async: return 0x06
        case .callback: return 0x07
        case .coreType: return 0x08
        case .gc: return 0x09
        }
    }
}
