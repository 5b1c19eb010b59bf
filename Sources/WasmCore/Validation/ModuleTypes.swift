/// Spec: core/valid/modules — what validating a module yields: its import and export external types.
///
/// A valid module has the type `externtype* -> externtype*` (its imports to its exports). Instantiation
/// matches provided values against `imports`; component validation reads both lists.
public struct ModuleTypes: Hashable, Sendable {
    /// One import: module name, item name and the external type it requires.
    public struct ImportType: Hashable, Sendable {
        public var module: String
        public var name: String
        public var type: ExternalType

        public init(module: String, name: String, type: ExternalType) {
            self.module = module
            self.name = name
            self.type = type
        }
    }

    /// One export: its name and the external type it provides.
    public struct ExportType: Hashable, Sendable {
        public var name: String
        public var type: ExternalType

        public init(name: String, type: ExternalType) {
            self.name = name
            self.type = type
        }
    }

    /// The imports, in order.
    public var imports: [ImportType]
    /// The exports, in order.
    public var exports: [ExportType]
    /// The type of every function in the function index space (imports first).
    public var functions: [FunctionType]
    /// The type of every table in the table index space (imports first).
    public var tables: [TableType]
    /// The type of every memory in the memory index space (imports first).
    public var memories: [MemoryType]
    /// The type of every global in the global index space (imports first).
    public var globals: [GlobalType]
    /// The type of every exception tag in the tag index space (imports first).
    public var tags: [FunctionType]
    /// The module's defined types (GC), which the concrete heap types in the types above index.
    public var definedTypes: [SubType] = []

    public init(
        imports: [ImportType] = [], exports: [ExportType] = [], functions: [FunctionType] = [],
        tables: [TableType] = [], memories: [MemoryType] = [], globals: [GlobalType] = [],
        tags: [FunctionType] = []
    ) {
        self.imports = imports
        self.exports = exports
        self.functions = functions
        self.tables = tables
        self.memories = memories
        self.globals = globals
        self.tags = tags
    }

    /// The external type of the export called `name`, if there is one.
    public func export(named name: String) -> ExternalType? {
        exports.first { $0.name.utf8.elementsEqual(name.utf8) }?.type
    }
}
