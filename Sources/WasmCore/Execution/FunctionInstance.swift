/// A host function: called with the store (so it may call back into wasm) and its arguments,
/// it returns its results or throws (a `WasmError` trap, typically).
public typealias HostFunction = (Store, [Value]) throws -> [Value]

/// Spec: core/exec/runtime#function-instances — a function: its type, and either its module
/// instance and code, or a host function.
public final class FunctionInstance {
    enum Kind {
        case wasm(ModuleInstance, Function)
        case host(HostFunction)
    }

    public let type: FunctionType
    /// The store's interned id of `type`.
    let typeID: Int
    public let address: FunctionAddress
    let kind: Kind
    /// The module instance of a wasm function (`nil` for a host function), for the interpreter's call path.
    let module: ModuleInstance?
    /// `module` unretained, for the interpreter's call path: reading it costs no reference counting.
    /// (The store keeps every module instance alive while its functions can run.)
    let moduleRef: Unmanaged<ModuleInstance>?
    /// The function body translated for the interpreter, made on first call.
    @exclusivity(unchecked)
    var compiled: CompiledFunction? {
        didSet { compiledRef = compiled.map { Unmanaged.passUnretained($0) } }
    }
    /// `compiled` unretained (`compiled` keeps it alive), for the interpreter's call path.
    @exclusivity(unchecked)
    private(set) var compiledRef: Unmanaged<CompiledFunction>?

    init(type: FunctionType, typeID: Int, address: FunctionAddress, kind: Kind) {
        self.type = type
        self.typeID = typeID
        self.address = address
        self.kind = kind
        if case .wasm(let m, _) = kind { self.module = m } else { self.module = nil }
        self.moduleRef = module.map { Unmanaged.passUnretained($0) }
    }

    /// Whether this is a host function.
    public var isHost: Bool { if case .host = kind { return true } else { return false } }
}
