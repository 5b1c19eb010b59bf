/// Spec: core/valid/conventions — the context `C`: the types of everything in scope of a module's code.
///
/// Labels are not kept here: the validation algorithm keeps them on its control stack
/// (Spec: core/appendix/algorithm), which is where `br` looks them up.
struct ValidationContext {
    var features: Features
    /// `C.types`: the function types defined by the module (a struct or array type shows as the
    /// empty function type; `hierarchy` tells them apart).
    var types: [FunctionType] = []
    /// `C.types` as defined types (GC): their sub types, identities and declared supertypes.
    var hierarchy = TypeHierarchy()
    /// `C.funcs`: the type of each function, imports first.
    var functions: [FunctionType] = []
    /// The type index of each function, imports first (typed references name a function's type by index).
    var functionTypeIndices: [UInt32] = []
    /// `C.tables`.
    var tables: [TableType] = []
    /// `C.mems`.
    var memories: [MemoryType] = []
    /// `C.globals`.
    var globals: [GlobalType] = []
    /// `C.tags`: the type of each exception tag, imports first (exception handling).
    var tags: [FunctionType] = []
    /// `C.elems`: the reference type of each element segment.
    var elements: [ReferenceType] = []
    /// `C.datas`: how many data segments there are (each is simply `ok`).
    var dataCount: Int = 0
    /// `C.refs`: the function indices that may appear in `ref.func` inside functions.
    var references: Set<UInt32> = []
    /// `C.locals`: the parameters then the declared locals of the function being checked.
    var locals: [ValueType] = []
    /// `C.return`: the result types of the function being checked; `nil` in constant expressions.
    var returnTypes: [ValueType]? = nil

    init(features: Features) { self.features = features }

    /// Looks up entry `index` of one of the context's index spaces, or fails with "unknown <category> <index>".
    static func lookup<T>(_ list: [T], _ index: UInt32, _ category: String) throws -> T {
        let i = Int(index)
        guard i < list.count else { throw WasmError.invalid("unknown \(category) \(index)") }
        return list[i]
    }

    /// The function type of type `x`: it must be defined and (GC) a function type.
    func type(_ x: UInt32) throws -> FunctionType {
        let type = try Self.lookup(types, x, "type")
        switch hierarchy.composite(x) {
        case .struct?, .array?: throw WasmError.invalid("type index \(x) is not a function type")
        case .function?, nil: break
        }
        return type
    }
    func function(_ x: UInt32) throws -> FunctionType { try Self.lookup(functions, x, "function") }
    func table(_ x: UInt32) throws -> TableType { try Self.lookup(tables, x, "table") }
    func memory(_ x: UInt32) throws -> MemoryType { try Self.lookup(memories, x, "memory") }
    func global(_ x: UInt32) throws -> GlobalType { try Self.lookup(globals, x, "global") }
    func tag(_ x: UInt32) throws -> FunctionType { try Self.lookup(tags, x, "tag") }
    func element(_ x: UInt32) throws -> ReferenceType { try Self.lookup(elements, x, "elem segment") }
    func local(_ x: UInt32) throws -> ValueType { try Self.lookup(locals, x, "local") }

    /// Checks that data segment `x` exists ("unknown data segment").
    func data(_ x: UInt32) throws {
        guard Int(x) < dataCount else { throw WasmError.invalid("unknown data segment \(x)") }
    }

    /// Checks that function `x` exists and was declared for reference (`C.refs`).
    func referencedFunction(_ x: UInt32) throws -> FunctionType {
        let type = try function(x)
        guard references.contains(x) else { throw WasmError.invalid("undeclared function reference \(x)") }
        return type
    }
}
