/// Spec: Binary.md — `core:instance`: a core instance, by instantiating a module or by bundling
/// core definitions.
public enum CoreInstance: Hashable, Sendable {
    /// `(instantiate m (with n (instance i))*)`.
    case instantiate(module: UInt32, arguments: [CoreInstantiateArgument])
    /// `(export n (sort idx))*`.
    case exports([CoreInlineExport])
}

/// Spec: Binary.md — `core:instantiatearg`: `(with n (instance i))`; the binary fixes the sort to
/// `instance` (0x12) but stores it, so validation can reject others.
public struct CoreInstantiateArgument: Hashable, Sendable {
    public var name: String
    public var sort: CoreSort
    public var index: UInt32

    public init(name: String, sort: CoreSort = .instance, index: UInt32) {
        self.name = name
        self.sort = sort
        self.index = index
    }
}

/// Spec: Binary.md — `core:inlineexport`.
public struct CoreInlineExport: Hashable, Sendable {
    public var name: String
    public var sort: CoreSort
    public var index: UInt32

    public init(name: String, sort: CoreSort, index: UInt32) {
        self.name = name
        self.sort = sort
        self.index = index
    }
}

/// Spec: Binary.md — `instance`: a component instance.
public enum Instance: Hashable, Sendable {
    /// `(instantiate c (with n si)*)`.
    case instantiate(component: UInt32, arguments: [InstantiateArgument])
    /// `(export na si)*`.
    case exports([InlineExport])
}

/// Spec: Binary.md — `instantiatearg`.
public struct InstantiateArgument: Hashable, Sendable {
    public var name: String
    public var item: SortIndex

    public init(name: String, item: SortIndex) {
        self.name = name
        self.item = item
    }
}

/// Spec: Binary.md — `inlineexport`.
public struct InlineExport: Hashable, Sendable {
    public var name: ExternName
    public var item: SortIndex

    public init(name: ExternName, item: SortIndex) {
        self.name = name
        self.item = item
    }
}

/// Spec: Binary.md — `alias`.
public struct Alias: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// `(alias export i n)`: an export of a component instance.
        case export(instance: UInt32, name: String)
        /// `(alias core export i n)`: an export of a core instance.
        case coreExport(instance: UInt32, name: String)
        /// `(alias outer ct idx)`: a definition of an enclosing scope.
        case outer(count: UInt32, index: UInt32)
    }

    public var sort: Sort
    public var target: Target

    public init(sort: Sort, target: Target) {
        self.sort = sort
        self.target = target
    }
}

/// Spec: Binary.md — 🪙 `start`.
public struct Start: Hashable, Sendable {
    public var function: UInt32
    public var arguments: [UInt32]
    public var resultCount: UInt32

    public init(function: UInt32, arguments: [UInt32], resultCount: UInt32) {
        self.function = function
        self.arguments = arguments
        self.resultCount = resultCount
    }
}

/// Spec: Binary.md — `import`.
public struct ComponentImport: Hashable, Sendable {
    public var name: ExternName
    public var type: ExternType

    public init(name: ExternName, type: ExternType) {
        self.name = name
        self.type = type
    }
}

/// Spec: Binary.md — `export`, with its optional type ascription.
public struct ComponentExport: Hashable, Sendable {
    public var name: ExternName
    public var item: SortIndex
    public var type: ExternType?

    public init(name: ExternName, item: SortIndex, type: ExternType? = nil) {
        self.name = name
        self.item = item
        self.type = type
    }
}
