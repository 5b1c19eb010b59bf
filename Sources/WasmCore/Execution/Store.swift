/// Spec: core/exec/runtime#store — the store: every function, table, memory, global, element, data and
/// exception instance ever allocated, addressed by index.
///
/// The store also holds the interpreter's bounds (call depth, fuel, growth caps) and its per-thread
/// execution state. It is not thread-safe: one thread uses it at a time (DESIGN.md principle 3).
///
/// The fields the interpreter touches on every call or access are marked `@exclusivity(unchecked)`:
/// with one thread at a time and no access held across a call, Swift's dynamic exclusivity checks
/// (a thread-local lookup each) cannot fire, and they would dominate the cost of a call.
public final class Store {
    /// Resource bounds, reported as traps (DESIGN.md principle 5).
    public struct Bounds: Sendable {
        /// The deepest nesting of calls (wasm and host together) before "call stack exhausted".
        public var maxCallDepth: Int = 20_000
        /// The deepest nesting of invocations from the host (a host function calling back into wasm):
        /// each re-entry uses the Swift stack, so it is bounded apart from `maxCallDepth`.
        public var maxNestedInvocations: Int = 100
        /// The value-stack slots of one invocation (locals and operands of all its frames).
        public var maxStackSlots: Int = 1 << 22
        /// Fuel per invocation from the host: each call and each taken backward branch costs one unit.
        /// `nil` means unbounded.
        public var fuel: Int? = nil
        /// The most pages any one memory may grow to (in addition to its own maximum).
        public var maxMemoryPages: UInt64 = 65536
        /// The most elements any one table may grow to (in addition to its own maximum).
        public var maxTableElements: UInt64 = 10_000_000
        /// The most exceptions `exnref`s may refer to in one store: each is kept for the store's
        /// lifetime (no garbage collector), so a loop catching with `catch_ref` ends as an exhaustion.
        public var maxExceptionReferences: Int = 1_000_000

        public init() {}
    }

    public var bounds: Bounds

    @exclusivity(unchecked)
    public internal(set) var functions: [FunctionInstance] = []
    public internal(set) var tables: [TableInstance] = []
    public internal(set) var memories: [MemoryInstance] = []
    public internal(set) var globals: [GlobalInstance] = []
    public internal(set) var elements: [ElementInstance] = []
    public internal(set) var datas: [DataInstance] = []
    /// The exceptions `exnref`s refer to, by address (exception handling; see `ExceptionInstance`).
    public internal(set) var exceptions: [ExceptionInstance] = []

    /// A memory of no pages, standing in (never accessed: validation forbids it) for the memory of
    /// instances that have none, so the interpreter's current memory is never optional.
    let noMemory: MemoryInstance

    /// Every module instance made in this store; they live as long as the store does.
    var instances: [ModuleInstance] = []

    /// Function types interned to small integers, so `call_indirect` compares two integers.
    private var typeIDs: [FunctionType: Int] = [:]

    /// The current depth of nested calls, across host re-entries, on the running OS thread
    /// (`ThreadDepth`: each thread bounds its own stack).
    var callDepth: Int { ThreadDepth.current.callDepth }
    /// The number of invocations running on this OS thread (nested through host functions).
    var nestedInvocations: Int { ThreadDepth.current.nestedInvocations }
    /// Value stacks no longer in use, kept for the next invocation.
    @exclusivity(unchecked)
    var stackPool: [ValueStack] = []

    public init(bounds: Bounds = Bounds()) {
        self.bounds = bounds
        self.noMemory = MemoryInstance(placeholder: ())
    }

    /// Breaks the reference cycles between module instances and their functions, so the store's
    /// memories and tables are freed with it.
    deinit {
        for instance in instances { instance.release() }
    }

    /// The interned id of a function type.
    func typeID(of type: FunctionType) -> Int {
        if let id = typeIDs[type] { return id }
        let id = typeIDs.count
        typeIDs[type] = id
        return id
    }

    // Spec: core/exec/modules#alloc — allocation of each kind of instance.

    /// Spec: core/exec/modules#alloc-func — allocates a host function.
    public func allocateHostFunction(type: FunctionType, _ body: @escaping HostFunction) -> FunctionInstance {
        let f = FunctionInstance(type: type, typeID: typeID(of: type), address: functions.count, kind: .host(body))
        functions.append(f)
        return f
    }

    func allocateWasmFunction(type: FunctionType, module: ModuleInstance, code: Function) -> FunctionInstance {
        let f = FunctionInstance(
            type: type, typeID: typeID(of: type), address: functions.count, kind: .wasm(module, code))
        functions.append(f)
        return f
    }

    /// Spec: core/exec/modules#alloc-table — allocates a table filled with `initial`.
    public func allocateTable(type: TableType, initial: Reference? = nil) throws -> TableInstance {
        let t = try TableInstance(
            type: type, address: tables.count, initial: initial.map(Slot.encode) ?? 0, cap: bounds.maxTableElements)
        tables.append(t)
        return t
    }

    /// Spec: core/exec/modules#alloc-mem — allocates a zeroed memory.
    public func allocateMemory(type: MemoryType) throws -> MemoryInstance {
        let m = try MemoryInstance(type: type, address: memories.count, capPages: bounds.maxMemoryPages)
        memories.append(m)
        return m
    }

    /// Spec: core/exec/modules#alloc-global — allocates a global holding `value`.
    public func allocateGlobal(type: GlobalType, value: Value) -> GlobalInstance {
        let g = GlobalInstance(type: type, address: globals.count, value: value)
        globals.append(g)
        return g
    }

    func allocateElement(type: ReferenceType, slots: [UInt64]) -> ElementInstance {
        let e = ElementInstance(type: type, slots: slots)
        elements.append(e)
        return e
    }

    func allocateData(bytes: [UInt8]) -> DataInstance {
        let d = DataInstance(bytes: bytes)
        datas.append(d)
        return d
    }

    /// Spec: core/exec/instructions#exec-throw (its allocation) — an exception's address (its `exnref`
    /// slot is it plus one), allocated on the first reference; past `bounds.maxExceptionReferences`,
    /// an exhaustion.
    func address(of exception: ExceptionInstance) throws -> ExceptionAddress {
        if let a = exception.address { return a }
        guard exceptions.count < bounds.maxExceptionReferences else { throw Trap.exceptionReferencesExhausted }
        exception.address = exceptions.count
        exceptions.append(exception)
        return exceptions.count - 1
    }

    /// The exception an `exnref` slot refers to, if there is one.
    func exception(slot: UInt64) -> ExceptionInstance? {
        slot > 0 && slot <= UInt64(exceptions.count) ? exceptions[Int(slot &- 1)] : nil
    }

    /// The function at an address, if there is one.
    public func function(at address: FunctionAddress) -> FunctionInstance? {
        address >= 0 && address < functions.count ? functions[address] : nil
    }
}
