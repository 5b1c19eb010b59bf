/// Spec: core/valid/modules — validates a module under `features` and returns its import and
/// export types (and those of its index spaces), or throws the first rule it breaks.
///
/// The checks run in about the order of the reference interpreter (`valid.ml`, `check_module`), so
/// that a module breaking two rules reports the one the test suites expect: types, imports, the
/// types of tables and memories (as they enter the context), globals, element and data segments,
/// functions, start function, exports, and last the number of memories.
public func validateModule(_ module: Module, features: Features = .wasm2) throws -> ModuleTypes {
    do {
        return try checkModule(module, features: features, deferBodies: false).types
    } catch let placed as PlacedValidationError {
        throw placed.error
    }
}

/// Validates all of a module but its function bodies, and returns its types with a closure that
/// validates the bodies: wasmparser validates a component's sections first and its modules'
/// function bodies last, which decides the error a component breaking rules of both reports.
public func validateModuleDeferringBodies(_ module: Module, features: Features) throws -> (types: ModuleTypes, validateBodies: () throws -> Void) {
    do {
        let (types, bodies) = try checkModule(module, features: features, deferBodies: true)
        return (types, {
            do { try bodies() } catch let placed as PlacedValidationError { throw placed.error }
        })
    } catch let placed as PlacedValidationError {
        throw placed.error
    }
}

/// Spec: core/valid/modules — the checks of `validateModule`, whose errors may still be wrapped with
/// their place; with `deferBodies` the function bodies' checks are returned instead of run.
private func checkModule(_ module: Module, features: Features, deferBodies: Bool) throws -> (types: ModuleTypes, bodies: () throws -> Void) {
    var result = ModuleTypes()

    // The context C0 of the imports: the types and the declared function references.
    var context = ValidationContext(features: features)
    context.types = module.types
    context.references = declaredFunctionReferences(module)
    for group in module.recursionGroups {
        try inPlace("type \(context.hierarchy.subTypes.count)") { try context.addRecursionGroup(group) }
    }

    for (i, item) in module.imports.enumerated() {
        let type = try inPlace("import \(i) \"\(item.module)\" \"\(item.name)\"") { () -> ExternalType in
            try importType(item.descriptor, in: &context)
        }
        result.imports.append(.init(module: item.module, name: item.name, type: type))
    }

    // C1: add the module's own functions, tables, memories, tags, element and data segments.
    for (i, function) in module.functions.enumerated() {
        let index = context.functions.count
        let type = try inPlace("function \(index) / defined function \(i)") { try context.type(function.typeIndex) }
        context.functions.append(type)
        context.functionTypeIndices.append(function.typeIndex)
    }
    for (i, table) in module.tables.enumerated() {
        try inPlace("table \(context.tables.count) / defined table \(i)") { try context.validate(table.type) }
        context.tables.append(table.type)
    }
    for (i, memory) in module.memories.enumerated() {
        try inPlace("memory \(context.memories.count) / defined memory \(i)") { try context.validate(memory) }
        context.memories.append(memory)
    }
    for (i, tag) in module.tags.enumerated() {
        let type = try inPlace("tag \(context.tags.count) / defined tag \(i)") { try validateTag(tag, in: context) }
        context.tags.append(type)
    }
    context.elements = module.elements.map(\.type)
    context.dataCount = module.data.count
    if module.hasDataCount { try context.require(.bulkMemory, for: "a data count section") }

    // Globals see the imported globals (and, with GC, the globals defined before them).
    let importedGlobals = context.globals
    for (i, global) in module.globals.enumerated() {
        let index = context.globals.count
        try inPlace("global \(index) / defined global \(i)") {
            var constants = context
            if !features.contains(.gc) { constants.globals = importedGlobals }
            try constants.validate(global.type)
            try constants.validateConstant(global.initializer, type: global.type.valueType, place: "initializer of global \(index)")
        }
        context.globals.append(global.type)
    }

    // Segments and table initializers see the imported globals (all globals with GC).
    var constants = context
    if !features.contains(.gc) { constants.globals = importedGlobals }
    let importedTableCount = context.tables.count - module.tables.count
    for (i, table) in module.tables.enumerated() {
        guard let initializer = table.initializer else { continue }
        let index = importedTableCount + i
        try inPlace("table \(index)") {
            try constants.require(.functionReferences, for: "a table initializer")
            try constants.validateConstant(initializer, type: .reference(table.type.elementType), place: "initializer of table \(index)")
        }
    }
    if !features.contains(.referenceTypes), context.tables.count > 1 {
        throw WasmError.invalid("multiple tables")
    }
    for (i, segment) in module.elements.enumerated() {
        try inPlace("elem segment \(i)") { try validateElementSegment(segment, index: i, in: constants) }
    }
    for (i, segment) in module.data.enumerated() {
        try inPlace("data segment \(i)") { try validateDataSegment(segment, index: i, in: constants) }
    }

    // Function bodies see everything.
    let importedFunctionCount = context.functions.count - module.functions.count
    let bodies = { [context] in
        for (i, function) in module.functions.enumerated() {
            try validateFunction(function, index: importedFunctionCount + i, in: context)
        }
    }
    if !deferBodies { try bodies() }

    if let start = module.start {
        try inPlace("start function") {
            let type = try context.function(start)
            guard type.parameters.isEmpty, type.results.isEmpty else {
                throw WasmError.invalid("start function must not have parameters or results")
            }
        }
    }

    // Names are compared by their code points: Swift's `String ==` equates canonically equivalent
    // strings (e.g. U+212B and U+00C5), which are distinct names.
    var names = Set<[UInt8]>()
    for export in module.exports {
        let type = try inPlace("export \"\(export.name)\"") { () -> ExternalType in
            let type = try exportType(export.descriptor, in: context)
            guard names.insert(Array(export.name.utf8)).inserted else {
                throw WasmError.invalid("duplicate export name \"\(export.name)\"")
            }
            return type
        }
        result.exports.append(.init(name: export.name, type: type))
    }

    if context.memories.count > 1, !features.contains(.multiMemory) {
        throw WasmError.invalid("multiple memories are not allowed without the multi-memory feature")
    }

    result.functions = context.functions
    result.tables = context.tables
    result.memories = context.memories
    result.globals = context.globals
    result.tags = context.tags
    result.definedTypes = context.hierarchy.subTypes
    return (result, deferBodies ? bodies : {})
}

/// Spec: core/valid/modules — imports: the descriptor is valid, and extends the context.
private func importType(_ descriptor: ImportDescriptor, in context: inout ValidationContext) throws -> ExternalType {
    switch descriptor {
    case .function(let x):
        let type = try context.type(x)
        context.functions.append(type)
        context.functionTypeIndices.append(x)
        return .function(type)
    case .table(let type):
        try context.validate(type)
        context.tables.append(type)
        return .table(type)
    case .memory(let type):
        try context.validate(type)
        context.memories.append(type)
        return .memory(type)
    case .global(let type):
        try context.validate(type)
        if type.mutability == .variable { try context.require(.mutableGlobal, for: "importing a mutable global") }
        context.globals.append(type)
        return .global(type)
    case .tag(let x):
        let type = try validateTag(x, in: context)
        context.tags.append(type)
        return .tag(type)
    }
}

/// Spec: core/valid/modules — exports: the exported item exists.
private func exportType(_ descriptor: ExportDescriptor, in context: ValidationContext) throws -> ExternalType {
    switch descriptor {
    case .function(let x): return .function(try context.function(x))
    case .table(let x): return .table(try context.table(x))
    case .memory(let x): return .memory(try context.memory(x))
    case .global(let x):
        let type = try context.global(x)
        if type.mutability == .variable { try context.require(.mutableGlobal, for: "exporting a mutable global") }
        return .global(type)
    case .tag(let x): return .tag(try context.tag(x))
    }
}

/// Spec: exception-handling proposal — a tag's type is a function type without results.
@discardableResult
private func validateTag(_ typeIndex: UInt32, in context: ValidationContext) throws -> FunctionType {
    try context.require(.exceptions, for: "a tag")
    let type = try context.type(typeIndex)
    guard type.results.isEmpty else { throw WasmError.invalid("non-empty tag result type") }
    return type
}

/// Spec: core/valid/modules — element segments: every item is a constant of the segment's type,
/// and an active segment's table has a matching element type and a constant offset.
private func validateElementSegment(_ segment: ElementSegment, index: Int, in context: ValidationContext) throws {
    if segment.type != .funcRef { try context.validate(segment.type) }
    let type = ValueType.reference(segment.type)
    switch segment.items {
    case .functions(let indices):
        for x in indices { _ = try context.function(x) }
        guard matches(ReferenceType(isNullable: false, heapType: .func), segment.type, in: context.hierarchy) else {
            throw WasmError.invalid("type mismatch: function indices in an element segment of type \(typeName(type))")
        }
    case .expressions(let expressions):
        try context.require(.referenceTypes, for: "an element segment of expressions")
        for (i, expression) in expressions.enumerated() {
            try context.validateConstant(expression, type: type, place: "item \(i) of elem segment \(index)")
        }
    }
    switch segment.mode {
    case .passive:
        try context.require(.bulkMemory, for: "a passive element segment")
    case .declarative:
        // Introduced with reference types, but gated like the other new segment forms of bulk
        // memory (as wasm-tools does).
        try context.require(.bulkMemory, for: "a declarative element segment")
    case .active(let tableIndex, let offset):
        let table = try context.table(tableIndex)
        guard matches(segment.type, table.elementType, in: context.hierarchy) else {
            throw WasmError.invalid(
                "type mismatch: element segment's type \(typeName(type)) does not match table's element type \(typeName(.reference(table.elementType)))")
        }
        try context.validateConstant(offset, type: table.limits.addressType.valueType, place: "offset of elem segment \(index)")
    }
}

/// Spec: core/valid/modules — data segments: an active segment's memory exists and its offset is constant.
private func validateDataSegment(_ segment: DataSegment, index: Int, in context: ValidationContext) throws {
    switch segment.mode {
    case .passive:
        try context.require(.bulkMemory, for: "a passive data segment")
    case .active(let memoryIndex, let offset):
        let memory = try context.memory(memoryIndex)
        try context.validateConstant(offset, type: memory.limits.addressType.valueType, place: "offset of data segment \(index)")
    }
}

/// Spec: core/valid/modules — functions: the body, with the parameters and locals in scope and a
/// label and return type of the function's results, produces those results.
private func validateFunction(_ function: Function, index: Int, in moduleContext: ValidationContext) throws {
    var context = moduleContext
    let type = try inPlace("function \(index)") { try context.type(function.typeIndex) }
    try inPlace("locals of function \(index)") {
        for local in function.locals { try context.validate(local) }
    }
    context.locals = type.parameters + function.locals
    context.returnTypes = type.results
    var validator = CodeValidator(context: context, results: type.results)
    validator.initializeParameters(type.parameters.count)
    try validator.validate(function.body, place: "function \(index)")
}

/// Spec: core/valid/modules — `C.refs`: the function indices that occur in the module outside
/// its functions and start function (in global initializers, element segments, exports, ...).
func declaredFunctionReferences(_ module: Module) -> Set<UInt32> {
    var references = Set<UInt32>()
    func collect(_ expression: ConstantExpression) {
        for instruction in expression where instruction.opcode == .refFunc {
            if case .index(let x) = instruction.immediate { references.insert(x) }
        }
    }
    for global in module.globals { collect(global.initializer) }
    for table in module.tables { if let initializer = table.initializer { collect(initializer) } }
    for segment in module.elements {
        switch segment.items {
        case .functions(let indices): references.formUnion(indices)
        case .expressions(let expressions): expressions.forEach(collect)
        }
        if case .active(_, let offset) = segment.mode { collect(offset) }
    }
    for segment in module.data {
        if case .active(_, let offset) = segment.mode { collect(offset) }
    }
    for export in module.exports {
        if case .function(let x) = export.descriptor { references.insert(x) }
    }
    return references
}
