/// The value stack of one invocation: locals and operands of all its frames, as 64-bit slots.
final class ValueStack {
    let base: UnsafeMutablePointer<UInt64>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        self.base = UnsafeMutablePointer<UInt64>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }
}

/// One suspended activation on the interpreter's explicit frame stack.
///
/// Spec: core/exec/runtime#frames — a frame: the function's locals (at `fp`) and its module instance;
/// the continuation (`pc`) is where the caller resumes.
///
/// The references are `Unmanaged`: the store keeps every function (hence its code and instance)
/// alive for as long as it runs, and skipping reference counting here makes calls cheap.
struct Frame {
    var code: Unmanaged<CompiledFunction>
    var instance: Unmanaged<ModuleInstance>
    var pc: Int
    var fp: UnsafeMutablePointer<UInt64>
}

/// The interpreter's explicit frame stack: a growable buffer of `Frame`s, without an `Array`'s
/// uniqueness and bounds checks on every call and return. Its owner deallocates it.
struct FrameStack {
    private(set) var base: UnsafeMutablePointer<Frame>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        self.base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func push(_ frame: Frame) {
        if count == capacity { grow() }
        (base + count).initialize(to: frame)
        count &+= 1
    }

    /// The top frame, removed; `nil` when empty.
    @inline(__always)
    mutating func pop() -> Frame? {
        guard count > 0 else { return nil }
        count &-= 1
        return (base + count).pointee
    }

    @inline(never)
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Frame>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    func deallocate() { base.deallocate() }
}

extension Unmanaged {
    /// Reads from the referenced object without retaining it (the caller guarantees it is alive).
    @inline(__always)
    func read<Result>(_ body: (Instance) -> Result) -> Result { _withUnsafeGuaranteedRef(body) }
}

/// Traps of the interpreter, by the suite's wording.
enum Trap {
    static let unreachable = WasmError(.trap, "unreachable")
    static let memoryOutOfBounds = WasmError(.trap, "out of bounds memory access")
    static let tableOutOfBounds = WasmError(.trap, "out of bounds table access")
    static let indirectCallTypeMismatch = WasmError(.trap, "indirect call type mismatch")
    static let callStackExhausted = WasmError(.exhaustion, "call stack exhausted")
    static let fuelExhausted = WasmError(.exhaustion, "fuel exhausted")
    static let simdUnsupported = WasmError(.trap, "SIMD not supported yet: cannot execute v128 code")
    static let nullExceptionReference = WasmError(.trap, "null exception reference")
    static let exceptionReferencesExhausted = WasmError(.exhaustion, "too many exception references")
}

@inline(__always) private func u32(_ s: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: s) }
@inline(__always) private func s32(_ s: UInt64) -> Int32 { Int32(truncatingIfNeeded: s) }
@inline(__always) private func s64(_ s: UInt64) -> Int64 { Int64(bitPattern: s) }
@inline(__always) private func f32(_ s: UInt64) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: s)) }
@inline(__always) private func f64(_ s: UInt64) -> Double { Double(bitPattern: s) }
@inline(__always) private func slot(_ v: UInt32) -> UInt64 { UInt64(v) }
@inline(__always) private func slot(_ v: Int32) -> UInt64 { UInt64(UInt32(bitPattern: v)) }
@inline(__always) private func slot(_ v: Int64) -> UInt64 { UInt64(bitPattern: v) }
@inline(__always) private func slot(_ v: Float) -> UInt64 { UInt64(v.bitPattern) }
@inline(__always) private func slot(_ v: Double) -> UInt64 { v.bitPattern }
@inline(__always) private func slot(_ b: Bool) -> UInt64 { b ? 1 : 0 }

extension Store {
    /// Spec: core/exec/modules#invocation — invokes a function with arguments, returning its results.
    ///
    /// Arguments must match the function's parameter types (an embedder error otherwise, reported as
    /// `.usage`). Traps and exhaustion are thrown as `WasmError`s; the store stays usable afterwards.
    public func invoke(_ function: FunctionInstance, _ arguments: [Value]) throws -> [Value] {
        let params = function.type.parameters
        guard arguments.count == params.count else {
            throw WasmError(.usage, "wrong number of arguments: expected \(params.count), got \(arguments.count)")
        }
        for (a, t) in zip(arguments, params) where !a.isOfType(t) {
            throw WasmError(.usage, "argument \(a) is not of type \(t)")
        }
        switch function.kind {
        case .host(let body):
            let counters = ThreadDepth.current
            guard counters.callDepth < bounds.maxCallDepth else { throw Trap.callStackExhausted }
            counters.callDepth += 1
            defer { counters.callDepth -= 1 }
            return try checkedHostResults(function, try body(self, arguments))
        case .wasm:
            let counters = ThreadDepth.current
            guard counters.nestedInvocations < bounds.maxNestedInvocations else { throw Trap.callStackExhausted }
            counters.nestedInvocations += 1
            defer { counters.nestedInvocations -= 1 }
            let stack = stackPool.popLast() ?? ValueStack(capacity: bounds.maxStackSlots)
            defer { stackPool.append(stack) }
            guard params.count + 1 < stack.capacity else { throw Trap.callStackExhausted }
            for (i, a) in arguments.enumerated() { stack.base[i] = Slot.encode(a) }
            try execute(function, stack: stack)
            return function.type.results.enumerated().map { i, t in Slot.decode(stack.base[i], as: t) }
        }
    }

    /// Checks a host function's results against its type.
    func checkedHostResults(_ function: FunctionInstance, _ results: [Value]) throws -> [Value] {
        let types = function.type.results
        guard results.count == types.count, zip(results, types).allSatisfy({ $0.isOfType($1) }) else {
            throw WasmError(.trap, "host function returned results not of its type \(types)")
        }
        return results
    }

    /// The translated body of a wasm function, translating it on first use.
    @inline(__always)
    func compiled(_ function: FunctionInstance) throws -> CompiledFunction {
        if let c = function.compiled { return c }
        guard case .wasm(let module, let code) = function.kind else { throw WasmError(.trap, "not a wasm function") }
        var translator = Translator(instance: module)
        let c = try translator.translate(code, type: function.type)
        function.compiled = c
        return c
    }

    /// Spec: core/exec/instructions#exec-br — keeps the top `arity` values, drops `drop` values below them.
    @inline(__always)
    static func branch(_ sp: UnsafeMutablePointer<UInt64>, _ arity: Int32, _ drop: Int32) -> UnsafeMutablePointer<UInt64> {
        if drop == 0 { return sp }
        let a = Int(arity)
        (sp - a - Int(drop)).update(from: sp - a, count: a)
        return sp - Int(drop)
    }

    /// Spec: core/exec/instructions#exec-load — the effective address of an access of `size` bytes at
    /// the i32 operand plus the static offset, when it lies inside the memory.
    @inline(__always)
    static func effectiveAddress(_ memorySize: Int, _ operand: UInt64, _ offset: UInt64, _ size: Int) throws -> Int {
        let (ea, o1) = UInt64(u32(operand)).addingReportingOverflow(offset)
        let (end, o2) = ea.addingReportingOverflow(UInt64(size))
        guard !o1, !o2, end <= UInt64(memorySize) else { throw Trap.memoryOutOfBounds }
        return Int(ea)
    }

    /// Reads a little-endian integer at a checked effective address.
    @inline(__always)
    static func load<T: FixedWidthInteger>(_ base: UnsafeMutableRawPointer, _ ea: Int, _: T.Type) -> T {
        T(littleEndian: (base + ea).loadUnaligned(as: T.self))
    }

    /// Writes a little-endian integer at a checked effective address.
    @inline(__always)
    static func store<T: FixedWidthInteger>(_ base: UnsafeMutableRawPointer, _ ea: Int, _ value: T) {
        (base + ea).storeBytes(of: value.littleEndian, as: T.self)
    }

    /// Spec: core/exec/instructions#exec-invoke — calls a host function from `caller`: pops its arguments
    /// at `sp`, pushes its results and returns the new `sp`. An exception the host function lets through
    /// (thrown by wasm it called back) is thrown at the call: then the handler's frame is pushed on
    /// `frames`, its stack pointer returned, and `resume` is true (the caller goes on at its `resume` op).
    /// `depth` is the call depth of the host function.
    @inline(never)
    func callHost(
        _ callee: FunctionInstance, sp: UnsafeMutablePointer<UInt64>, depth: Int, frames: inout FrameStack, caller: Frame
    ) throws -> (sp: UnsafeMutablePointer<UInt64>, resume: Bool) {
        do {
            return (try callHost(callee, sp: sp, depth: depth), false)
        } catch let thrown as WasmException {
            let (handler, handlerSp) = try unwind(thrown.exception, frames: &frames, from: caller)
            frames.push(handler)
            return (handlerSp, true)
        }
    }

    /// Calls a host function from wasm: pops its arguments at `sp`, pushes its results, returns the new `sp`.
    func callHost(_ callee: FunctionInstance, sp: UnsafeMutablePointer<UInt64>, depth: Int) throws -> UnsafeMutablePointer<UInt64> {
        guard case .host(let body) = callee.kind else { throw WasmError(.trap, "not a host function") }
        let params = callee.type.parameters
        var arguments: [Value] = []
        arguments.reserveCapacity(params.count)
        var sp = sp - params.count
        for (i, t) in params.enumerated() { arguments.append(Slot.decode(sp[i], as: t)) }
        guard depth < bounds.maxCallDepth else { throw Trap.callStackExhausted }
        let counters = ThreadDepth.current
        let saved = counters.callDepth
        counters.callDepth = depth
        defer { counters.callDepth = saved }
        let results = try checkedHostResults(callee, try body(self, arguments))
        for r in results {
            sp.pointee = Slot.encode(r)
            sp += 1
        }
        return sp
    }

    /// Spec: core/exec/instructions — runs a wasm function whose arguments are at the bottom of `stack`,
    /// leaving its results there. Calls between wasm functions push `Frame`s on an explicit stack; only
    /// host functions (which may re-enter through `invoke`) use the Swift stack.
    func execute(_ entry: FunctionInstance, stack: ValueStack) throws {
        guard case .wasm(let entryModule, _) = entry.kind else { return }
        let counters = ThreadDepth.current
        let depthBase = counters.callDepth
        defer { counters.callDepth = depthBase }
        let maxDepth = bounds.maxCallDepth
        guard depthBase < maxDepth else { throw Trap.callStackExhausted }
        let stackEnd = stack.base + stack.capacity
        var fuel = bounds.fuel ?? Int.max

        // The running function, its instance and memory are held unretained (`Unmanaged`): the store
        // keeps them alive, and the loop then does no reference counting on calls and returns.
        let entryCode = try compiled(entry)
        var code = Unmanaged.passUnretained(entryCode)
        var instance = Unmanaged.passUnretained(entryModule)
        let noMemory = Unmanaged.passUnretained(self.noMemory)
        /// The memory 0 of an instance (a placeholder of size 0 when it has none).
        @inline(__always) func memoryOf(_ i: Unmanaged<ModuleInstance>) -> Unmanaged<MemoryInstance> {
            i.read { $0.memories.first.map { Unmanaged.passUnretained($0) } } ?? noMemory
        }
        var fp = stack.base
        guard fp + entryCode.frameSize <= stackEnd else { throw Trap.callStackExhausted }
        (fp + entryCode.parameterCount).initialize(repeating: 0, count: entryCode.localCount - entryCode.parameterCount)
        var sp = fp + entryCode.localCount
        var ops = entryCode.ops
        var pc = 0
        var memory = memoryOf(instance)
        // The current memory's bytes and size, cached; refreshed whenever they may have changed
        // (a different instance, `memory.grow`, and after any call, which may grow a shared memory).
        var memBase = memory.read { $0.bytes }
        var memSize = memory.read { $0.byteCount }
        var frames = FrameStack(capacity: 64)
        defer { frames.deallocate() }

        while true {
            let op = ops[pc]
            pc &+= 1
            switch op {
            // Spec: core/exec/instructions#control-instructions
            case .unreachable:
                throw Trap.unreachable
            case .simdUnsupported:
                throw Trap.simdUnsupported
            case .jump(let target):
                pc = Int(target)
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
            case .jumpIfZero(let target):
                sp -= 1
                if sp[0] == 0 { pc = Int(target) }
            case .br(let target, let arity, let drop):
                sp = Self.branch(sp, arity, drop)
                pc = Int(target)
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
            case .brIf(let target, let arity, let drop):
                sp -= 1
                if sp[0] != 0 {
                    sp = Self.branch(sp, arity, drop)
                    pc = Int(target)
                    fuel &-= 1
                    if fuel < 0 { throw Trap.fuelExhausted }
                }
            case .brIfZero(let target, let arity, let drop):
                sp -= 1
                if sp[0] == 0 {
                    sp = Self.branch(sp, arity, drop)
                    pc = Int(target)
                    fuel &-= 1
                    if fuel < 0 { throw Trap.fuelExhausted }
                }
            case .brIfCompare(let c, let target):
                sp -= 2
                if c.holds(sp[0], sp[1]) {
                    pc = Int(target)
                    fuel &-= 1
                    if fuel < 0 { throw Trap.fuelExhausted }
                }
            case .brIfCompareLocals(let a, let b, let target, let c):
                if c.holds(fp[Int(a)], fp[Int(b)]) {
                    pc = Int(target)
                    fuel &-= 1
                    if fuel < 0 { throw Trap.fuelExhausted }
                }
            case .brIfCompareLocalConst(let a, let k, let target, let c):
                if c.holds(fp[Int(a)], UInt64(k)) {
                    pc = Int(target)
                    fuel &-= 1
                    if fuel < 0 { throw Trap.fuelExhausted }
                }
            case .jumpPastCompareLocals(let a, let b, let target, let c):
                pc = c.holds(fp[Int(a)], fp[Int(b)]) ? Int(target) : Int(target) &+ 1
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
            case .jumpPastCompareLocalConst(let a, let k, let target, let c):
                pc = c.holds(fp[Int(a)], UInt64(k)) ? Int(target) : Int(target) &+ 1
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
            case .jumpUnlessCompare(let c, let target):
                sp -= 2
                if !c.holds(sp[0], sp[1]) { pc = Int(target) }
            case .jumpUnlessCompareLocalConst(let a, let k, let target, let c):
                if !c.holds(fp[Int(a)], UInt64(k)) { pc = Int(target) }
            case .jumpIfNonZero(let target):
                sp -= 1
                if sp[0] != 0 { pc = Int(target) }
            case .brTable(let t):
                sp -= 1
                let i = Int(u32(sp[0]))
                let b = code.read { code in
                    code.branchTables[Int(t)].withUnsafeBufferPointer { table in
                        i < table.count - 1 ? table[i] : table[table.count - 1]
                    }
                }
                sp = Self.branch(sp, b.arity, b.drop)
                pc = Int(b.target)
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
            case .throw, .throwRef:
                // Spec: core/exec/instructions#exec-throw, #exec-throw_ref — go on at the handler. A throw
                // costs fuel like a call: a loop may go round through a catch.
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
                let (handler, handlerSp) = try raise(op, sp: sp, frames: &frames, in: Frame(code: code, instance: instance, pc: pc, fp: fp))
                frames.push(handler)
                sp = handlerSp
                pc = code.read { $0.count } - 1
            case .resume:
                // Spec: core/exec/instructions#exec-throw_ref — at the handler `unwind` found, on top of `frames`.
                guard let handler = frames.pop() else { throw WasmError(.trap, "resume without a handler frame") }
                (code, instance, pc, fp) = (handler.code, handler.instance, handler.pc, handler.fp)
                ops = code.read { $0.ops }; memory = memoryOf(instance)
                memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
            case .return:
                let n = code.read { $0.resultCount }
                if n == 1 {
                    fp[0] = sp[-1]
                } else if n > 0 {
                    fp.update(from: sp - n, count: n)
                }
                sp = fp + n
                guard let caller = frames.pop() else { return }
                code = caller.code
                ops = code.read { $0.ops }
                pc = caller.pc
                fp = caller.fp
                if caller.instance.toOpaque() != instance.toOpaque() {
                    instance = caller.instance
                    memory = memoryOf(instance)
                }
                memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
            case .call(let callee):
                // Spec: core/exec/instructions#exec-call, #exec-invoke — push a frame, continue in the callee.
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
                guard let calleeModule = callee.read({ $0.moduleRef }) else {
                    let caller = Frame(code: code, instance: instance, pc: pc, fp: fp)
                    let (newSp, resume) = try callHost(
                        callee.takeUnretainedValue(), sp: sp, depth: depthBase + frames.count + 1, frames: &frames, caller: caller)
                    sp = newSp
                    if resume { pc = code.read { $0.count } - 1 }
                    memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
                    continue
                }
                let c = try callee.read({ $0.compiledRef }) ?? Unmanaged.passUnretained(compiled(callee.takeUnretainedValue()))
                let shape = c.read { $0.shape }
                guard depthBase + frames.count + 1 < maxDepth else { throw Trap.callStackExhausted }
                let newFp = sp - shape.parameterCount
                guard newFp + shape.frameSize <= stackEnd else { throw Trap.callStackExhausted }
                frames.push(Frame(code: code, instance: instance, pc: pc, fp: fp))
                (newFp + shape.parameterCount).initialize(repeating: 0, count: shape.localCount - shape.parameterCount)
                fp = newFp
                sp = newFp + shape.localCount
                code = c
                ops = shape.ops
                pc = 0
                if calleeModule.toOpaque() != instance.toOpaque() {
                    instance = calleeModule
                    memory = memoryOf(instance)
                    memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
                }
            case .callIndirect(let table, let typeID):
                sp -= 1
                let i = Int(u32(sp[0]))
                let element = table.read { i < $0.elements.count ? $0.elements[i] : nil }
                guard let element else { throw WasmError(.trap, "undefined element \(i)") }
                guard element != 0, Int(element - 1) < functions.count else {
                    throw WasmError(.trap, "uninitialized element \(i)")
                }
                let callee = functions.withUnsafeBufferPointer { Unmanaged.passUnretained($0[Int(element - 1)]) }
                guard callee.read({ $0.typeID }) == Int(typeID) else { throw Trap.indirectCallTypeMismatch }
                fuel &-= 1
                if fuel < 0 { throw Trap.fuelExhausted }
                guard let calleeModule = callee.read({ $0.moduleRef }) else {
                    let caller = Frame(code: code, instance: instance, pc: pc, fp: fp)
                    let (newSp, resume) = try callHost(
                        callee.takeUnretainedValue(), sp: sp, depth: depthBase + frames.count + 1, frames: &frames, caller: caller)
                    sp = newSp
                    if resume { pc = code.read { $0.count } - 1 }
                    memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
                    continue
                }
                let c = try callee.read({ $0.compiledRef }) ?? Unmanaged.passUnretained(compiled(callee.takeUnretainedValue()))
                let shape = c.read { $0.shape }
                guard depthBase + frames.count + 1 < maxDepth else { throw Trap.callStackExhausted }
                let newFp = sp - shape.parameterCount
                guard newFp + shape.frameSize <= stackEnd else { throw Trap.callStackExhausted }
                frames.push(Frame(code: code, instance: instance, pc: pc, fp: fp))
                (newFp + shape.parameterCount).initialize(repeating: 0, count: shape.localCount - shape.parameterCount)
                fp = newFp
                sp = newFp + shape.localCount
                code = c
                ops = shape.ops
                pc = 0
                if calleeModule.toOpaque() != instance.toOpaque() {
                    instance = calleeModule
                    memory = memoryOf(instance)
                    memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
                }

            // Spec: core/exec/instructions#parametric-instructions
            case .drop:
                sp -= 1
            case .select:
                sp -= 2
                if sp[1] == 0 { sp[-1] = sp[0] }

            // Spec: core/exec/instructions#variable-instructions
            case .localGet(let i):
                sp[0] = fp[Int(i)]
                sp += 1
            case .localGet2(let a, let b):
                sp[0] = fp[Int(a)]
                sp[1] = fp[Int(b)]
                sp += 2
            case .localSet(let i):
                sp -= 1
                fp[Int(i)] = sp[0]
            case .localTee(let i):
                fp[Int(i)] = sp[-1]
            case .globalGet(let i):
                sp[0] = instance.read { $0.globals[Int(i)].slot }
                sp += 1
            case .globalSet(let i):
                sp -= 1
                let v = sp[0]
                instance.read { $0.globals[Int(i)].slot = v }

            // Spec: core/exec/instructions#table-instructions
            case .tableGet(let t):
                let table = instance.takeUnretainedValue().tables[Int(t)]
                let i = Int(u32(sp[-1]))
                guard i < table.elements.count else { throw Trap.tableOutOfBounds }
                sp[-1] = table.elements[i]
            case .tableSet(let t):
                sp -= 2
                let table = instance.takeUnretainedValue().tables[Int(t)]
                let i = Int(u32(sp[0]))
                guard i < table.elements.count else { throw Trap.tableOutOfBounds }
                table.elements[i] = sp[1]
            case .tableSize(let t):
                sp[0] = UInt64(instance.takeUnretainedValue().tables[Int(t)].elements.count)
                sp += 1
            case .tableGrow(let t):
                sp -= 1
                let n = UInt64(u32(sp[0]))
                let old = instance.takeUnretainedValue().tables[Int(t)].grow(by: n, initial: sp[-1])
                sp[-1] = old.map { UInt64($0) } ?? UInt64(UInt32.max)
            case .tableFill(let t):
                sp -= 3
                try Operations.tableFill(instance.takeUnretainedValue().tables[Int(t)], at: UInt64(u32(sp[0])), value: sp[1], count: UInt64(u32(sp[2])))
            case .tableCopy(let d, let s):
                sp -= 3
                try Operations.tableCopy(
                    to: instance.takeUnretainedValue().tables[Int(d)], at: UInt64(u32(sp[0])), from: instance.takeUnretainedValue().tables[Int(s)],
                    at: UInt64(u32(sp[1])), count: UInt64(u32(sp[2])))
            case .tableInit(let e, let t):
                sp -= 3
                try Operations.tableInit(
                    instance.takeUnretainedValue().tables[Int(t)], at: UInt64(u32(sp[0])), from: instance.takeUnretainedValue().elements[Int(e)],
                    at: UInt64(u32(sp[1])), count: UInt64(u32(sp[2])))
            case .elemDrop(let e):
                instance.takeUnretainedValue().elements[Int(e)].drop()

            // Spec: core/exec/instructions#reference-instructions
            case .refIsNull:
                sp[-1] = slot(sp[-1] == 0)
            case .refFunc(let f):
                sp[0] = UInt64(instance.takeUnretainedValue().functions[Int(f)].address) &+ 1
                sp += 1

            // Spec: core/exec/instructions#memory-instructions — loads
            case .i32Load(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 4); sp[-1] = UInt64(Self.load(memBase, ea, UInt32.self))
            case .i64Load(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 8); sp[-1] = Self.load(memBase, ea, UInt64.self)
            case .f32Load(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 4); sp[-1] = UInt64(Self.load(memBase, ea, UInt32.self))
            case .f64Load(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 8); sp[-1] = Self.load(memBase, ea, UInt64.self)
            case .i32Load8S(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 1); sp[-1] = slot(Int32(Self.load(memBase, ea, Int8.self)))
            case .i32Load8U(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 1); sp[-1] = UInt64(Self.load(memBase, ea, UInt8.self))
            case .i32Load16S(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 2); sp[-1] = slot(Int32(Self.load(memBase, ea, Int16.self)))
            case .i32Load16U(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 2); sp[-1] = UInt64(Self.load(memBase, ea, UInt16.self))
            case .i64Load8S(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 1); sp[-1] = slot(Int64(Self.load(memBase, ea, Int8.self)))
            case .i64Load8U(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 1); sp[-1] = UInt64(Self.load(memBase, ea, UInt8.self))
            case .i64Load16S(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 2); sp[-1] = slot(Int64(Self.load(memBase, ea, Int16.self)))
            case .i64Load16U(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 2); sp[-1] = UInt64(Self.load(memBase, ea, UInt16.self))
            case .i64Load32S(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 4); sp[-1] = slot(Int64(Self.load(memBase, ea, Int32.self)))
            case .i64Load32U(let o):
                let ea = try Self.effectiveAddress(memSize, sp[-1], o, 4); sp[-1] = UInt64(Self.load(memBase, ea, UInt32.self))

            // Spec: core/exec/instructions#memory-instructions — stores
            case .i32Store(let o), .f32Store(let o):
                let v = sp[-1]; sp -= 2; let ea = try Self.effectiveAddress(memSize, sp[0], o, 4); Self.store(memBase, ea, UInt32(truncatingIfNeeded: v))
            case .i64Store(let o), .f64Store(let o):
                let v = sp[-1]; sp -= 2; let ea = try Self.effectiveAddress(memSize, sp[0], o, 8); Self.store(memBase, ea, v)
            case .i32Store8(let o), .i64Store8(let o):
                let v = sp[-1]; sp -= 2; let ea = try Self.effectiveAddress(memSize, sp[0], o, 1); Self.store(memBase, ea, UInt8(truncatingIfNeeded: v))
            case .i32Store16(let o), .i64Store16(let o):
                let v = sp[-1]; sp -= 2; let ea = try Self.effectiveAddress(memSize, sp[0], o, 2); Self.store(memBase, ea, UInt16(truncatingIfNeeded: v))
            case .i64Store32(let o):
                let v = sp[-1]; sp -= 2; let ea = try Self.effectiveAddress(memSize, sp[0], o, 4); Self.store(memBase, ea, UInt32(truncatingIfNeeded: v))

            // Spec: core/exec/instructions#memory-instructions — multi-memory: the memory the next access uses.
            case .selectMemory(let m):
                memory = m == 0 ? memoryOf(instance) : instance.read { Unmanaged.passUnretained($0.memories[Int(m)]) }
                memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }

            // Spec: core/exec/instructions#memory-instructions — size, grow and bulk operations
            case .memorySize:
                sp[0] = memory.takeUnretainedValue().pageCount
                sp += 1
            case .memoryGrow:
                let n = UInt64(u32(sp[-1]))
                sp[-1] = memory.takeUnretainedValue().grow(by: n).map { UInt64($0) } ?? UInt64(UInt32.max)
                memBase = memory.read { $0.bytes }; memSize = memory.read { $0.byteCount }
            case .memoryInit(let d):
                sp -= 3
                try Operations.memoryInit(
                    memory.takeUnretainedValue(), at: UInt64(u32(sp[0])), from: instance.takeUnretainedValue().datas[Int(d)], at: UInt64(u32(sp[1])), count: UInt64(u32(sp[2])))
            case .dataDrop(let d):
                instance.takeUnretainedValue().datas[Int(d)].drop()
            case .memoryCopy:
                sp -= 3
                try Operations.memoryCopy(memory.takeUnretainedValue(), to: UInt64(u32(sp[0])), from: UInt64(u32(sp[1])), count: UInt64(u32(sp[2])))
            case .memoryFill:
                sp -= 3
                try Operations.memoryFill(memory.takeUnretainedValue(), at: UInt64(u32(sp[0])), byte: UInt8(truncatingIfNeeded: sp[1]), count: UInt64(u32(sp[2])))

            // Spec: core/exec/instructions#numeric-instructions
            case .const(let v):
                sp[0] = v
                sp += 1

            case .i32AddConst(let c): sp[-1] = slot(u32(sp[-1]) &+ c)
            case .i64AddConst(let c): sp[-1] = sp[-1] &+ c
            case .i32LocalAddConst(let a, let c):
                sp[0] = slot(u32(fp[Int(a)]) &+ c)
                sp += 1
            case .i32AddConstLocal(let a, let c, let d): fp[Int(d)] = slot(u32(fp[Int(a)]) &+ c)
            case .i32AddLocals(let a, let b, let d): fp[Int(d)] = slot(u32(fp[Int(a)]) &+ u32(fp[Int(b)]))

            // i32 tests and comparisons
            case .i32Eqz: sp[-1] = slot(sp[-1] == 0)
            case .i32Eq: sp -= 1; sp[-1] = slot(sp[-1] == sp[0])
            case .i32Ne: sp -= 1; sp[-1] = slot(sp[-1] != sp[0])
            case .i32LtS: sp -= 1; sp[-1] = slot(s32(sp[-1]) < s32(sp[0]))
            case .i32LtU: sp -= 1; sp[-1] = slot(sp[-1] < sp[0])
            case .i32GtS: sp -= 1; sp[-1] = slot(s32(sp[-1]) > s32(sp[0]))
            case .i32GtU: sp -= 1; sp[-1] = slot(sp[-1] > sp[0])
            case .i32LeS: sp -= 1; sp[-1] = slot(s32(sp[-1]) <= s32(sp[0]))
            case .i32LeU: sp -= 1; sp[-1] = slot(sp[-1] <= sp[0])
            case .i32GeS: sp -= 1; sp[-1] = slot(s32(sp[-1]) >= s32(sp[0]))
            case .i32GeU: sp -= 1; sp[-1] = slot(sp[-1] >= sp[0])
            // i64 tests and comparisons
            case .i64Eqz: sp[-1] = slot(sp[-1] == 0)
            case .i64Eq: sp -= 1; sp[-1] = slot(sp[-1] == sp[0])
            case .i64Ne: sp -= 1; sp[-1] = slot(sp[-1] != sp[0])
            case .i64LtS: sp -= 1; sp[-1] = slot(s64(sp[-1]) < s64(sp[0]))
            case .i64LtU: sp -= 1; sp[-1] = slot(sp[-1] < sp[0])
            case .i64GtS: sp -= 1; sp[-1] = slot(s64(sp[-1]) > s64(sp[0]))
            case .i64GtU: sp -= 1; sp[-1] = slot(sp[-1] > sp[0])
            case .i64LeS: sp -= 1; sp[-1] = slot(s64(sp[-1]) <= s64(sp[0]))
            case .i64LeU: sp -= 1; sp[-1] = slot(sp[-1] <= sp[0])
            case .i64GeS: sp -= 1; sp[-1] = slot(s64(sp[-1]) >= s64(sp[0]))
            case .i64GeU: sp -= 1; sp[-1] = slot(sp[-1] >= sp[0])
            // float comparisons
            case .f32Eq: sp -= 1; sp[-1] = slot(f32(sp[-1]) == f32(sp[0]))
            case .f32Ne: sp -= 1; sp[-1] = slot(f32(sp[-1]) != f32(sp[0]))
            case .f32Lt: sp -= 1; sp[-1] = slot(f32(sp[-1]) < f32(sp[0]))
            case .f32Gt: sp -= 1; sp[-1] = slot(f32(sp[-1]) > f32(sp[0]))
            case .f32Le: sp -= 1; sp[-1] = slot(f32(sp[-1]) <= f32(sp[0]))
            case .f32Ge: sp -= 1; sp[-1] = slot(f32(sp[-1]) >= f32(sp[0]))
            case .f64Eq: sp -= 1; sp[-1] = slot(f64(sp[-1]) == f64(sp[0]))
            case .f64Ne: sp -= 1; sp[-1] = slot(f64(sp[-1]) != f64(sp[0]))
            case .f64Lt: sp -= 1; sp[-1] = slot(f64(sp[-1]) < f64(sp[0]))
            case .f64Gt: sp -= 1; sp[-1] = slot(f64(sp[-1]) > f64(sp[0]))
            case .f64Le: sp -= 1; sp[-1] = slot(f64(sp[-1]) <= f64(sp[0]))
            case .f64Ge: sp -= 1; sp[-1] = slot(f64(sp[-1]) >= f64(sp[0]))

            // i32 arithmetic
            case .i32Clz: sp[-1] = UInt64(u32(sp[-1]).leadingZeroBitCount)
            case .i32Ctz: sp[-1] = UInt64(u32(sp[-1]).trailingZeroBitCount)
            case .i32Popcnt: sp[-1] = UInt64(u32(sp[-1]).nonzeroBitCount)
            case .i32Add: sp -= 1; sp[-1] = slot(u32(sp[-1]) &+ u32(sp[0]))
            case .i32Sub: sp -= 1; sp[-1] = slot(u32(sp[-1]) &- u32(sp[0]))
            case .i32Mul: sp -= 1; sp[-1] = slot(u32(sp[-1]) &* u32(sp[0]))
            case .i32DivS: sp -= 1; sp[-1] = slot(try Numerics.divS(s32(sp[-1]), s32(sp[0])))
            case .i32DivU: sp -= 1; sp[-1] = slot(try Numerics.divU(u32(sp[-1]), u32(sp[0])))
            case .i32RemS: sp -= 1; sp[-1] = slot(try Numerics.remS(s32(sp[-1]), s32(sp[0])))
            case .i32RemU: sp -= 1; sp[-1] = slot(try Numerics.remU(u32(sp[-1]), u32(sp[0])))
            case .i32And: sp -= 1; sp[-1] = sp[-1] & sp[0]
            case .i32Or: sp -= 1; sp[-1] = sp[-1] | sp[0]
            case .i32Xor: sp -= 1; sp[-1] = sp[-1] ^ sp[0]
            case .i32Shl: sp -= 1; sp[-1] = slot(u32(sp[-1]) &<< u32(sp[0]))
            case .i32ShrS: sp -= 1; sp[-1] = slot(s32(sp[-1]) &>> s32(sp[0]))
            case .i32ShrU: sp -= 1; sp[-1] = slot(u32(sp[-1]) &>> u32(sp[0]))
            case .i32Rotl: sp -= 1; sp[-1] = slot(Numerics.rotl(u32(sp[-1]), u32(sp[0])))
            case .i32Rotr: sp -= 1; sp[-1] = slot(Numerics.rotr(u32(sp[-1]), u32(sp[0])))
            // i64 arithmetic
            case .i64Clz: sp[-1] = UInt64(sp[-1].leadingZeroBitCount)
            case .i64Ctz: sp[-1] = UInt64(sp[-1].trailingZeroBitCount)
            case .i64Popcnt: sp[-1] = UInt64(sp[-1].nonzeroBitCount)
            case .i64Add: sp -= 1; sp[-1] = sp[-1] &+ sp[0]
            case .i64Sub: sp -= 1; sp[-1] = sp[-1] &- sp[0]
            case .i64Mul: sp -= 1; sp[-1] = sp[-1] &* sp[0]
            case .i64DivS: sp -= 1; sp[-1] = slot(try Numerics.divS(s64(sp[-1]), s64(sp[0])))
            case .i64DivU: sp -= 1; sp[-1] = try Numerics.divU(sp[-1], sp[0])
            case .i64RemS: sp -= 1; sp[-1] = slot(try Numerics.remS(s64(sp[-1]), s64(sp[0])))
            case .i64RemU: sp -= 1; sp[-1] = try Numerics.remU(sp[-1], sp[0])
            case .i64And: sp -= 1; sp[-1] = sp[-1] & sp[0]
            case .i64Or: sp -= 1; sp[-1] = sp[-1] | sp[0]
            case .i64Xor: sp -= 1; sp[-1] = sp[-1] ^ sp[0]
            case .i64Shl: sp -= 1; sp[-1] = sp[-1] &<< sp[0]
            case .i64ShrS: sp -= 1; sp[-1] = slot(s64(sp[-1]) &>> s64(sp[0]))
            case .i64ShrU: sp -= 1; sp[-1] = sp[-1] &>> sp[0]
            case .i64Rotl: sp -= 1; sp[-1] = Numerics.rotl(sp[-1], sp[0])
            case .i64Rotr: sp -= 1; sp[-1] = Numerics.rotr(sp[-1], sp[0])

            // f32 arithmetic (abs, neg, copysign on bits)
            case .f32Abs: sp[-1] = sp[-1] & 0x7FFF_FFFF
            case .f32Neg: sp[-1] = sp[-1] ^ 0x8000_0000
            case .f32Ceil: sp[-1] = slot(Numerics.round(f32(sp[-1]), .up))
            case .f32Floor: sp[-1] = slot(Numerics.round(f32(sp[-1]), .down))
            case .f32Trunc: sp[-1] = slot(Numerics.round(f32(sp[-1]), .towardZero))
            case .f32Nearest: sp[-1] = slot(Numerics.round(f32(sp[-1]), .toNearestOrEven))
            case .f32Sqrt: sp[-1] = slot(Numerics.sqrt(f32(sp[-1])))
            case .f32Add: sp -= 1; sp[-1] = slot(f32(sp[-1]) + f32(sp[0]))
            case .f32Sub: sp -= 1; sp[-1] = slot(f32(sp[-1]) - f32(sp[0]))
            case .f32Mul: sp -= 1; sp[-1] = slot(f32(sp[-1]) * f32(sp[0]))
            case .f32Div: sp -= 1; sp[-1] = slot(f32(sp[-1]) / f32(sp[0]))
            case .f32Min: sp -= 1; sp[-1] = slot(Numerics.fmin(f32(sp[-1]), f32(sp[0])))
            case .f32Max: sp -= 1; sp[-1] = slot(Numerics.fmax(f32(sp[-1]), f32(sp[0])))
            case .f32Copysign: sp -= 1; sp[-1] = (sp[-1] & 0x7FFF_FFFF) | (sp[0] & 0x8000_0000)
            // f64 arithmetic
            case .f64Abs: sp[-1] = sp[-1] & 0x7FFF_FFFF_FFFF_FFFF
            case .f64Neg: sp[-1] = sp[-1] ^ 0x8000_0000_0000_0000
            case .f64Ceil: sp[-1] = slot(Numerics.round(f64(sp[-1]), .up))
            case .f64Floor: sp[-1] = slot(Numerics.round(f64(sp[-1]), .down))
            case .f64Trunc: sp[-1] = slot(Numerics.round(f64(sp[-1]), .towardZero))
            case .f64Nearest: sp[-1] = slot(Numerics.round(f64(sp[-1]), .toNearestOrEven))
            case .f64Sqrt: sp[-1] = slot(Numerics.sqrt(f64(sp[-1])))
            case .f64Add: sp -= 1; sp[-1] = slot(f64(sp[-1]) + f64(sp[0]))
            case .f64Sub: sp -= 1; sp[-1] = slot(f64(sp[-1]) - f64(sp[0]))
            case .f64Mul: sp -= 1; sp[-1] = slot(f64(sp[-1]) * f64(sp[0]))
            case .f64Div: sp -= 1; sp[-1] = slot(f64(sp[-1]) / f64(sp[0]))
            case .f64Min: sp -= 1; sp[-1] = slot(Numerics.fmin(f64(sp[-1]), f64(sp[0])))
            case .f64Max: sp -= 1; sp[-1] = slot(Numerics.fmax(f64(sp[-1]), f64(sp[0])))
            case .f64Copysign:
                sp -= 1; sp[-1] = (sp[-1] & 0x7FFF_FFFF_FFFF_FFFF) | (sp[0] & 0x8000_0000_0000_0000)

            // Conversions
            case .i32WrapI64: sp[-1] = sp[-1] & 0xFFFF_FFFF
            case .i32TruncF32S: sp[-1] = slot(try Numerics.truncS32(f32(sp[-1])))
            case .i32TruncF32U: sp[-1] = slot(try Numerics.truncU32(f32(sp[-1])))
            case .i32TruncF64S: sp[-1] = slot(try Numerics.truncS32(f64(sp[-1])))
            case .i32TruncF64U: sp[-1] = slot(try Numerics.truncU32(f64(sp[-1])))
            case .i64ExtendI32S: sp[-1] = slot(Int64(s32(sp[-1])))
            case .i64TruncF32S: sp[-1] = slot(try Numerics.truncS64(f32(sp[-1])))
            case .i64TruncF32U: sp[-1] = try Numerics.truncU64(f32(sp[-1]))
            case .i64TruncF64S: sp[-1] = slot(try Numerics.truncS64(f64(sp[-1])))
            case .i64TruncF64U: sp[-1] = try Numerics.truncU64(f64(sp[-1]))
            case .f32ConvertI32S: sp[-1] = slot(Float(s32(sp[-1])))
            case .f32ConvertI32U: sp[-1] = slot(Float(u32(sp[-1])))
            case .f32ConvertI64S: sp[-1] = slot(Float(s64(sp[-1])))
            case .f32ConvertI64U: sp[-1] = slot(Float(sp[-1]))
            case .f32DemoteF64: sp[-1] = slot(Float(f64(sp[-1])))
            case .f64ConvertI32S: sp[-1] = slot(Double(s32(sp[-1])))
            case .f64ConvertI32U: sp[-1] = slot(Double(u32(sp[-1])))
            case .f64ConvertI64S: sp[-1] = slot(Double(s64(sp[-1])))
            case .f64ConvertI64U: sp[-1] = slot(Double(sp[-1]))
            case .f64PromoteF32: sp[-1] = slot(Double(f32(sp[-1])))
            case .i32Extend8S: sp[-1] = slot(Int32(Int8(truncatingIfNeeded: sp[-1])))
            case .i32Extend16S: sp[-1] = slot(Int32(Int16(truncatingIfNeeded: sp[-1])))
            case .i64Extend8S: sp[-1] = slot(Int64(Int8(truncatingIfNeeded: sp[-1])))
            case .i64Extend16S: sp[-1] = slot(Int64(Int16(truncatingIfNeeded: sp[-1])))
            case .i64Extend32S: sp[-1] = slot(Int64(Int32(truncatingIfNeeded: sp[-1])))
            case .i32TruncSatF32S: sp[-1] = slot(Numerics.truncSatS32(f32(sp[-1])))
            case .i32TruncSatF32U: sp[-1] = slot(Numerics.truncSatU32(f32(sp[-1])))
            case .i32TruncSatF64S: sp[-1] = slot(Numerics.truncSatS32(f64(sp[-1])))
            case .i32TruncSatF64U: sp[-1] = slot(Numerics.truncSatU32(f64(sp[-1])))
            case .i64TruncSatF32S: sp[-1] = slot(Numerics.truncSatS64(f32(sp[-1])))
            case .i64TruncSatF32U: sp[-1] = Numerics.truncSatU64(f32(sp[-1]))
            case .i64TruncSatF64S: sp[-1] = slot(Numerics.truncSatS64(f64(sp[-1])))
            case .i64TruncSatF64U: sp[-1] = Numerics.truncSatU64(f64(sp[-1]))
            }
        }
    }

    /// Spec: core/exec/instructions#exec-throw, #exec-throw_ref — throws, in `frame`, the exception a
    /// `throw` makes (of the instance's tag, its payload popped) or a `throw_ref` pops (null traps):
    /// the handler's frame and stack pointer (`unwind`).
    @inline(never)
    func raise(
        _ op: Op, sp: UnsafeMutablePointer<UInt64>, frames: inout FrameStack, in frame: Frame
    ) throws -> (Frame, UnsafeMutablePointer<UInt64>) {
        let exception: ExceptionInstance
        switch op {
        case .throw(let t):
            let tag = frame.instance.read { $0.tags[Int(t)] }
            let n = tag.type.parameters.count
            exception = ExceptionInstance(tag: tag, fields: Array(UnsafeBufferPointer(start: sp - n, count: n)))
        default:
            guard let e = self.exception(slot: sp[-1]) else {
                throw sp[-1] == 0 ? Trap.nullExceptionReference : WasmError(.trap, "unknown exception reference")
            }
            exception = e
        }
        return try unwind(exception, frames: &frames, from: frame)
    }

    /// Spec: core/exec/instructions#exec-throw_ref — finds the handler of an exception thrown in `frame`
    /// (by the op before its pc): the innermost `try_table` around that op with a clause that catches it,
    /// in this frame or else in its callers, popped from `frames` as they are left. Pushes the payload
    /// (for `catch`, `catch_ref`) and the `exnref` (for the `_ref` clauses) at the label's height and
    /// returns the frame to go on in, at the label, with its stack pointer (the caller pushes it on
    /// `frames` for the `resume` op). With no handler in any frame the exception leaves the invocation
    /// as a `WasmException`.
    @inline(never)
    func unwind(
        _ exception: ExceptionInstance, frames: inout FrameStack, from frame: Frame
    ) throws -> (Frame, UnsafeMutablePointer<UInt64>) {
        var frame = frame
        while true {
            let at = frame.pc - 1
            let clause: CatchTarget? = frame.code.read { code in
                for handler in code.handlers.reversed() where handler.start <= at && at < handler.end {
                    if let c = handler.catches.first(where: { $0.tag == nil || $0.tag === exception.tag }) { return c }
                }
                return nil
            }
            if let clause {
                var sp = frame.fp + Int(clause.height)
                if clause.tag != nil {
                    for field in exception.fields {
                        sp.pointee = field
                        sp += 1
                    }
                }
                if clause.pushesReference {
                    sp.pointee = Slot.encode(.exception(try address(of: exception)))
                    sp += 1
                }
                frame.pc = Int(clause.target)
                return (frame, sp)
            }
            guard let caller = frames.pop() else { throw WasmException(exception) }
            frame = caller
        }
    }
}
