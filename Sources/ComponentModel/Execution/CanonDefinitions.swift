import CanonicalABI
import WasmCore

/// Spec: Explainer.md#canonical-definitions, CanonicalABI.md#canonical-definitions — each `canon`
/// definition made runnable: `canon lift` becomes a component function (`Store.lift` over a core
/// function of the interpreter), every other built-in a core host function of the interpreter whose
/// body is the CanonicalABI definition (`canon_lower` through `Store.lower`, `canon_resource_new`,
/// `canon_task_return`, ...). Nothing here re-implements a definition: it converts values and
/// resolves indices.
extension ComponentRuntime {
    func canon(_ c: Canon, in frame: InstanceFrame) throws {
        let name = c.builtin.rawValue
        switch c.builtin {
        case .lift:
            // Spec: CanonicalABI.md#canon-lift — Store.lift(core function, ft, opts, inst).
            let core = try frame.coreFunction(c.function ?? 0)
            guard case .function(let ft) = try frame.type(c.type ?? 0) else { throw linkError("canon lift: not a function type") }
            let opts = try canonicalOptions(c.options, in: frame)
            let callee = coreFuncInst(core)
            let lifted = store.lift(callee, ft, opts, frame.state)
            let coreName = frame.coreExportName(of: core) ?? "func \(c.function ?? 0)"
            let traced: CanonicalABI.FuncInst = { [weak self] onStart, onResolve, caller in
                self?.trace?("canon lift \(coreName)")
                return try lifted(onStart, onResolve, caller)
            }
            frame.funcs.append(ComponentFunc(type: ft, name: coreName, traced))

        case .lower:
            // Spec: CanonicalABI.md#canon-lower — Store.lower(callee, ft, opts, inst).
            let callee = try frame.function(c.function ?? 0)
            let opts = try canonicalOptions(c.options, in: frame)
            let flat = flattenFunctype(opts, callee.type, .lower, store.flatLimits)
            let lowered = store.lower(callee.call, callee.type, opts, frame.state)
            frame.coreFuncs.append(coreHost("canon lower \(callee.name)", flat.params, flat.results) { args in
                // Core code running outside any task (a core start function) cannot call out.
                _ = try currentInstance()
                return try lowered(args)
            })

        case .resourceNew:
            let rt = try resource(c.type, in: frame)
            frame.coreFuncs.append(coreHost(name, [.i32], [.i32]) { try canonResourceNew(rt, try u32($0, 0)) })
        case .resourceDrop:
            let rt = try resource(c.type, in: frame)
            frame.coreFuncs.append(coreHost(name, [.i32], []) { try canonResourceDrop(rt, try u32($0, 0)) })
        case .resourceRep:
            let rt = try resource(c.type, in: frame)
            frame.coreFuncs.append(coreHost(name, [.i32], [.i32]) { try canonResourceRep(rt, try u32($0, 0)) })

        case .backpressureInc:
            frame.coreFuncs.append(coreHost(name, [], []) { _ in try canonBackpressureInc() })
        case .backpressureDec:
            frame.coreFuncs.append(coreHost(name, [], []) { _ in try canonBackpressureDec() })
        case .taskReturn:
            let results = try c.result.map { [try valType($0, in: frame)] } ?? []
            let opts = try canonicalOptions(c.options, in: frame)
            let flat = flattenFunctype(opts, CanonicalABI.FuncType(results, []), .lower, store.flatLimits)
            frame.coreFuncs.append(coreHost(name, flat.params, []) { try canonTaskReturn(results, opts, $0) })
        case .taskCancel:
            frame.coreFuncs.append(coreHost(name, [], []) { _ in try canonTaskCancel() })
        case .contextGet:
            let t = coreValType(c.contextType)
            let i = Int(c.contextIndex ?? 0)
            frame.coreFuncs.append(coreHost(name, [], [t]) { _ in try canonContextGet(t, i) })
        case .contextSet:
            let t = coreValType(c.contextType)
            let i = Int(c.contextIndex ?? 0)
            frame.coreFuncs.append(coreHost(name, [t], []) { try canonContextSet(t, i, try int($0, 0)) })

        case .subtaskCancel:
            let async_ = c.isAsync
            frame.coreFuncs.append(coreHost(name, [.i32], [.i32]) { try canonSubtaskCancel(async_, try u32($0, 0)) })
        case .subtaskDrop:
            frame.coreFuncs.append(coreHost(name, [.i32], []) { try canonSubtaskDrop(try u32($0, 0)) })

        case .streamNew:
            let t = try element(c.type, in: frame)
            frame.coreFuncs.append(coreHost(name, [], [.i64]) { _ in try canonStreamNew(t) })
        case .futureNew:
            let t = try element(c.type, in: frame)
            frame.coreFuncs.append(coreHost(name, [], [.i64]) { _ in try canonFutureNew(t) })
        case .streamRead, .streamWrite:
            let t = try element(c.type, in: frame)
            let opts = try canonicalOptions(c.options, in: frame)
            let p = opts.ptrType
            let read = c.builtin == .streamRead
            frame.coreFuncs.append(coreHost(name, [.i32, p, p], [p]) { args in
                read ? try canonStreamRead(t, opts, try u32(args, 0), try int(args, 1), try int(args, 2))
                     : try canonStreamWrite(t, opts, try u32(args, 0), try int(args, 1), try int(args, 2))
            })
        case .futureRead, .futureWrite:
            let t = try element(c.type, in: frame)
            let opts = try canonicalOptions(c.options, in: frame)
            let read = c.builtin == .futureRead
            frame.coreFuncs.append(coreHost(name, [.i32, opts.ptrType], [.i32]) { args in
                read ? try canonFutureRead(t, opts, try u32(args, 0), try int(args, 1))
                     : try canonFutureWrite(t, opts, try u32(args, 0), try int(args, 1))
            })
        case .streamCancelRead, .streamCancelWrite, .futureCancelRead, .futureCancelWrite:
            let t = try element(c.type, in: frame)
            let async_ = c.isAsync
            let cancel: (CanonicalABI.ValType?, Bool, UInt32) throws -> [CoreValue]
            switch c.builtin {
            case .streamCancelRead: cancel = canonStreamCancelRead
            case .streamCancelWrite: cancel = canonStreamCancelWrite
            case .futureCancelRead: cancel = canonFutureCancelRead
            default: cancel = canonFutureCancelWrite
            }
            frame.coreFuncs.append(coreHost(name, [.i32], [.i32]) { try cancel(t, async_, try u32($0, 0)) })
        case .streamDropReadable, .streamDropWritable, .futureDropReadable, .futureDropWritable:
            let t = try element(c.type, in: frame)
            let drop: (CanonicalABI.ValType?, UInt32) throws -> [CoreValue]
            switch c.builtin {
            case .streamDropReadable: drop = canonStreamDropReadable
            case .streamDropWritable: drop = canonStreamDropWritable
            case .futureDropReadable: drop = canonFutureDropReadable
            default: drop = canonFutureDropWritable
            }
            frame.coreFuncs.append(coreHost(name, [.i32], []) { try drop(t, try u32($0, 0)) })

        case .errorContextNew:
            let opts = try canonicalOptions(c.options, in: frame)
            let p = opts.ptrType
            frame.coreFuncs.append(coreHost(name, [p, p], [.i32]) { try canonErrorContextNew(opts, try int($0, 0), try int($0, 1)) })
        case .errorContextDebugMessage:
            let opts = try canonicalOptions(c.options, in: frame)
            frame.coreFuncs.append(coreHost(name, [.i32, opts.ptrType], []) {
                try canonErrorContextDebugMessage(opts, try u32($0, 0), try int($0, 1))
            })
        case .errorContextDrop:
            frame.coreFuncs.append(coreHost(name, [.i32], []) { try canonErrorContextDrop(try u32($0, 0)) })

        case .waitableSetNew:
            frame.coreFuncs.append(coreHost(name, [], [.i32]) { _ in try canonWaitableSetNew() })
        case .waitableSetWait, .waitableSetPoll:
            let mem = memoryView(try frame.coreMemory(c.memory ?? 0))
            let cancellable = c.isCancellable
            let wait = c.builtin == .waitableSetWait
            frame.coreFuncs.append(coreHost(name, [.i32, mem.addrtype], [.i32]) { args in
                wait ? try canonWaitableSetWait(cancellable, mem, try u32(args, 0), try int(args, 1))
                     : try canonWaitableSetPoll(cancellable, mem, try u32(args, 0), try int(args, 1))
            })
        case .waitableSetDrop:
            frame.coreFuncs.append(coreHost(name, [.i32], []) { try canonWaitableSetDrop(try u32($0, 0)) })
        case .waitableJoin:
            frame.coreFuncs.append(coreHost(name, [.i32, .i32], []) { try canonWaitableJoin(try u32($0, 0), try u32($0, 1)) })

        case .threadIndex:
            frame.coreFuncs.append(coreHost(name, [], [.i32]) { _ in try canonThreadIndex() })
        case .threadNewIndirect:
            let ft = try coreFuncType(c.type, in: frame)
            let table = try frame.coreTable(c.table ?? 0)
            frame.coreFuncs.append(coreHost(name, [.i32] + ft.params, [.i32]) { [unowned self] args in
                guard args.count == 2 else { throw CanonicalABIMisuse("thread.new-indirect takes two arguments") }
                let fi = try u32(args, 0)
                return try canonThreadNewIndirect(ft, self.funcRefTable(table, fi), fi, args[1])
            })
        case .threadResumeLater:
            frame.coreFuncs.append(coreHost(name, [.i32], []) { try canonThreadResumeLater(try u32($0, 0)) })
        case .threadSuspend:
            let cancellable = c.isCancellable
            frame.coreFuncs.append(coreHost(name, [], [.i32]) { _ in try canonThreadSuspend(cancellable) })
        case .threadYield:
            let cancellable = c.isCancellable
            frame.coreFuncs.append(coreHost(name, [], [.i32]) { _ in try canonThreadYield(cancellable) })
        case .threadSuspendThenResume, .threadYieldThenResume, .threadSuspendThenPromote, .threadYieldThenPromote:
            let cancellable = c.isCancellable
            let f: (Bool, UInt32) throws -> [CoreValue]
            switch c.builtin {
            case .threadSuspendThenResume: f = canonThreadSuspendThenResume
            case .threadYieldThenResume: f = canonThreadYieldThenResume
            case .threadSuspendThenPromote: f = canonThreadSuspendThenPromote
            default: f = canonThreadYieldThenPromote
            }
            frame.coreFuncs.append(coreHost(name, [.i32], [.i32]) { try f(cancellable, try u32($0, 0)) })

        case .threadSpawnRef, .threadSpawnIndirect, .threadAvailableParallelism:
            // shared-everything threads: not in the pinned definitions.py.
            throw linkError("`canon \(name)` (shared-everything threads) is not supported")
        }
    }

    // MARK: - Options

    /// Spec: CanonicalABI.md#canonical-abi-options — the options of a definition, with `memory` as an
    /// `ABIMemory` over the core memory, and `realloc`, `post-return`, `callback` as core functions.
    func canonicalOptions(_ options: [CanonOption], in frame: InstanceFrame) throws -> CanonicalOptions {
        let opts = CanonicalOptions()
        for o in options {
            switch o {
            case .utf8: opts.stringEncoding = .utf8
            case .utf16: opts.stringEncoding = .utf16
            case .latin1UTF16: opts.stringEncoding = .latin1Utf16
            case .memory(let m): opts.memory = memoryView(try frame.coreMemory(m))
            case .realloc(let f): opts.realloc = coreFuncInst(try frame.coreFunction(f))
            case .postReturn(let f): opts.postReturn = coreFuncInst(try frame.coreFunction(f))
            case .async: opts.async_ = true
            case .callback(let f): opts.callback = coreFuncInst(try frame.coreFunction(f))
            case .coreType, .gc: throw linkError("the `cm-gc` canonical options are not supported")
            }
        }
        return opts
    }

    // MARK: - Core functions

    /// A core function of the interpreter as a Canonical ABI `CoreFuncInst`. An exception it leaves
    /// uncaught is the spec's `CoreWebAssemblyException` (which `call_and_trap_on_throw` makes a trap).
    func coreFuncInst(_ f: FunctionInstance) -> CoreFuncInst {
        let coreStore = self.coreStore, steps = self.steps
        return { args in
            try steps.spend()
            do {
                return try coreStore.invoke(f, args.map(wasmValue)).map(abiValue)
            } catch let e as WasmException {
                throw CoreWebAssemblyException(e.description)
            }
        }
    }

    /// A core host function of the interpreter whose body is a Canonical ABI definition.
    func coreHost(
        _ name: String, _ params: [CoreValType], _ results: [CoreValType],
        _ body: @escaping ([CoreValue]) throws -> [CoreValue]
    ) -> FunctionInstance {
        let type = FunctionType(parameters: params.map(wasmType), results: results.map(wasmType))
        return coreStore.allocateHostFunction(type: type) { [weak self] _, args in
            self?.trace?(name)
            try self?.steps.spend()
            return try body(args.map(abiValue)).map(wasmValue)
        }
    }

    /// Spec: CanonicalABI.md#-canon-threadnew-indirect — the core table as the spec's `Table[CoreFuncRef]`,
    /// as `ftbl.get(fi)` sees it: as long as the core table, slot `fi` holding element `fi` (empty when
    /// null). Only that slot is read, so only it is filled.
    func funcRefTable(_ table: TableInstance, _ fi: UInt32) -> CanonicalABI.Table<CoreFuncRef> {
        let t = CanonicalABI.Table<CoreFuncRef>()
        t.array = [CoreFuncRef?](repeating: nil, count: table.size)
        if case .function(let address)? = table.element(at: Int(fi)), let f = coreStore.function(at: address) {
            t.array[Int(fi)] = CoreFuncRef(coreFuncType(f.type), coreFuncInst(f))
        }
        return t
    }

    // MARK: - Immediates

    func resource(_ index: UInt32?, in frame: InstanceFrame) throws -> CanonicalABI.ResourceType {
        guard case .resource(let rt) = try frame.type(index ?? 0) else { throw linkError("not a resource type") }
        return rt
    }

    /// The payload type of a stream or future type.
    func element(_ index: UInt32?, in frame: InstanceFrame) throws -> CanonicalABI.ValType? {
        switch try frame.type(index ?? 0) {
        case .value(.stream(let t)), .value(.future(let t)): return t
        default: throw linkError("not a stream or future type")
        }
    }

    func coreFuncType(_ index: UInt32?, in frame: InstanceFrame) throws -> CoreFuncType {
        let i = Int(index ?? 0)
        guard i < frame.coreTypes.count, case .function(let ft) = frame.coreTypes[i] else {
            throw linkError("core type index \(i) is not a function type")
        }
        return coreFuncType(ft)
    }

    func coreFuncType(_ ft: FunctionType) -> CoreFuncType {
        CoreFuncType(ft.parameters.map(coreValType), ft.results.map(coreValType))
    }
}

// MARK: - Core values between the interpreter and the Canonical ABI

/// A Canonical ABI core value as an interpreter value (floats by their bits).
func wasmValue(_ v: CoreValue) -> WasmCore.Value {
    switch v {
    case .i32(let x): return .i32(x)
    case .i64(let x): return .i64(x)
    case .f32(let x): return .f32(x.bitPattern)
    case .f64(let x): return .f64(x.bitPattern)
    }
}

/// An interpreter value as a Canonical ABI core value (references and vectors never cross: validation
/// keeps them out of canonical signatures; they become 0).
func abiValue(_ v: WasmCore.Value) -> CoreValue {
    switch v {
    case .i32(let x): return .i32(x)
    case .i64(let x): return .i64(x)
    case .f32(let x): return .f32(Float(bitPattern: x))
    case .f64(let x): return .f64(Double(bitPattern: x))
    case .v128, .ref: return .i32(0)
    }
}

func wasmType(_ t: CoreValType) -> WasmCore.ValueType {
    switch t {
    case .i32: return .i32
    case .i64: return .i64
    case .f32: return .f32
    case .f64: return .f64
    }
}

func coreValType(_ t: WasmCore.ValueType?) -> CoreValType {
    switch t {
    case .number(.i64)?: return .i64
    case .number(.f32)?: return .f32
    case .number(.f64)?: return .f64
    default: return .i32
    }
}

/// Argument `i` as a u32 (an i32 argument).
func u32(_ args: [CoreValue], _ i: Int) throws -> UInt32 {
    guard i < args.count, case .i32(let x) = args[i] else { throw CanonicalABIMisuse("argument \(i) is not an i32") }
    return x
}

/// Argument `i` as an unsigned integer (an i32 or i64 argument).
func int(_ args: [CoreValue], _ i: Int) throws -> UInt64 {
    guard i < args.count else { throw CanonicalABIMisuse("missing argument \(i)") }
    switch args[i] {
    case .i32(let x): return UInt64(x)
    case .i64(let x): return x
    default: throw CanonicalABIMisuse("argument \(i) is not an integer")
    }
}
