/// Spec: core/syntax/modules — a module, the unit of deployment, loading and compilation.
///
/// The function and code sections of the binary format meet here as one list of `Function`s.
public struct Module: Hashable, Sendable {
    /// Spec: core/syntax/modules — `types`: the type section's recursion groups. Their members,
    /// in order, form the type index space (`definedTypes`).
    public var recursionGroups: [RecursionGroup] = [] {
        didSet {
            definedTypes = recursionGroups.flatMap(\.members)
            functionTypes = definedTypes.map { $0.functionType ?? FunctionType() }
        }
    }
    /// The sub type of every type index: the members of `recursionGroups` in order.
    public private(set) var definedTypes: [SubType] = []
    private var functionTypes: [FunctionType] = []

    /// The function type of every type index, as WebAssembly 2.0 has them. A struct or array type
    /// (GC) shows as the empty function type here: validation rejects every use of it as a
    /// function type, so only `definedTypes` tells them apart. Setting it replaces the type
    /// section with plain function types, each a group of its own.
    public var types: [FunctionType] {
        get { functionTypes }
        set { recursionGroups = newValue.map { RecursionGroup(single: SubType($0)) } }
    }
    public var imports: [Import] = []
    public var functions: [Function] = []
    public var tables: [Table] = []
    public var memories: [MemoryType] = []
    public var globals: [Global] = []
    /// Exception tags (exception handling; gated by `Feature.exceptions`), each a type index.
    public var tags: [UInt32] = []
    public var exports: [Export] = []
    public var start: UInt32?
    public var elements: [ElementSegment] = []
    public var data: [DataSegment] = []
    /// Whether the binary carried a data count section (bulk memory). Text modules set it when a
    /// function uses `memory.init` or `data.drop`, as the binary format requires.
    public var hasDataCount: Bool = false
    /// Custom sections in binary order, each placed after the section it followed.
    public var customSections: [CustomSection] = []

    public init() {}
}

/// Spec: core/syntax/modules — an import: module name, item name, description.
public struct Import: Hashable, Sendable {
    public var module: String
    public var name: String
    public var descriptor: ImportDescriptor

    public init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

/// Spec: core/syntax/modules — what an import provides.
public enum ImportDescriptor: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    case tag(typeIndex: UInt32)
}

/// Spec: core/syntax/modules — a function: its type index, its locals, its body.
public struct Function: Hashable, Sendable {
    public var typeIndex: UInt32
    /// The declared locals (beyond the parameters), one entry per local.
    public var locals: [ValueType]
    /// The body, without the final `end`; nested blocks keep their `else`/`end` instructions.
    public var body: [Instruction]

    public init(typeIndex: UInt32, locals: [ValueType] = [], body: [Instruction] = []) {
        self.typeIndex = typeIndex
        self.locals = locals
        self.body = body
    }
}

/// Spec: core/syntax/modules — a table, with an initializer under typed references.
public struct Table: Hashable, Sendable {
    public var type: TableType
    /// The initial value of every entry (typed references); `nil` means `ref.null` of the element type.
    public var initializer: ConstantExpression?

    public init(type: TableType, initializer: ConstantExpression? = nil) {
        self.type = type
        self.initializer = initializer
    }
}

/// A constant expression: a short instruction sequence without its final `end`.
public typealias ConstantExpression = [Instruction]

/// Spec: core/syntax/modules — a global with its initializer.
public struct Global: Hashable, Sendable {
    public var type: GlobalType
    public var initializer: ConstantExpression

    public init(type: GlobalType, initializer: ConstantExpression) {
        self.type = type
        self.initializer = initializer
    }
}

/// Spec: core/syntax/modules — an export: a name and what it exports.
public struct Export: Hashable, Sendable {
    public var name: String
    public var descriptor: ExportDescriptor

    public init(name: String, descriptor: ExportDescriptor) {
        self.name = name
        self.descriptor = descriptor
    }
}

/// Spec: core/syntax/modules — what an export refers to.
public enum ExportDescriptor: Hashable, Sendable {
    case function(UInt32)
    case table(UInt32)
    case memory(UInt32)
    case global(UInt32)
    case tag(UInt32)
}

/// Spec: core/syntax/modules — element segments.
public struct ElementSegment: Hashable, Sendable {
    /// Spec: core/syntax/modules — element segment modes.
    public enum Mode: Hashable, Sendable {
        case passive
        case active(table: UInt32, offset: ConstantExpression)
        case declarative
    }

    /// The segment's contents: plain function indices, or constant expressions.
    /// The binary format distinguishes the two, so the encoder keeps the form it was given.
    public enum Items: Hashable, Sendable {
        case functions([UInt32])
        case expressions([ConstantExpression])

        public var count: Int {
            switch self {
            case .functions(let f): return f.count
            case .expressions(let e): return e.count
            }
        }
    }

    public var type: ReferenceType
    public var items: Items
    public var mode: Mode
    /// Whether an active segment names its table even when it is table 0 with `funcref`s: the
    /// binary forms 2 and 6 rather than 0 and 4. Text gives it with `(table x)` in the segment or the
    /// inline `(table funcref (elem ...))` abbreviation. It changes the encoding only.
    public var namesTable: Bool

    public init(type: ReferenceType, items: Items, mode: Mode, namesTable: Bool = false) {
        self.type = type
        self.items = items
        self.mode = mode
        self.namesTable = namesTable
    }
}

/// Spec: core/syntax/modules — data segments.
public struct DataSegment: Hashable, Sendable {
    /// Spec: core/syntax/modules — data segment modes.
    public enum Mode: Hashable, Sendable {
        case passive
        case active(memory: UInt32, offset: ConstantExpression)
    }

    public var bytes: [UInt8]
    public var mode: Mode

    public init(bytes: [UInt8], mode: Mode) {
        self.bytes = bytes
        self.mode = mode
    }
}

/// Spec: core/binary/modules — a custom section: a name and uninterpreted bytes.
public struct CustomSection: Hashable, Sendable {
    public var name: String
    public var bytes: [UInt8]
    /// The id of the last non-custom section before it (0 when it comes first).
    public var after: UInt8

    public init(name: String, bytes: [UInt8], after: UInt8) {
        self.name = name
        self.bytes = bytes
        self.after = after
    }
}

extension Module {
    /// The imports that are functions, as type indices, in order (they come first in the function index space).
    public var importedFunctionTypes: [UInt32] {
        imports.compactMap { if case .function(let t) = $0.descriptor { return t } else { return nil } }
    }
    public var importedTables: [TableType] {
        imports.compactMap { if case .table(let t) = $0.descriptor { return t } else { return nil } }
    }
    public var importedMemories: [MemoryType] {
        imports.compactMap { if case .memory(let t) = $0.descriptor { return t } else { return nil } }
    }
    public var importedGlobals: [GlobalType] {
        imports.compactMap { if case .global(let t) = $0.descriptor { return t } else { return nil } }
    }
}
