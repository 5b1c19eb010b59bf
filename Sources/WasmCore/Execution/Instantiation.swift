/// Spec: core/exec/modules#instantiation — instantiating a module with the extern values the embedder
/// resolved for its imports.
extension Store {
    /// Spec: core/exec/modules#instantiation — allocates the module's instances, initializes tables and
    /// memories from the active segments, then runs the start function.
    ///
    /// The module must be valid (run the validator first). Import errors are `unlinkable`; a trap while
    /// initializing is thrown as it happens, keeping the effects already made on imported tables and
    /// memories (and the instances already allocated in the store), as the spec's step-by-step
    /// execution does.
    public func instantiate(_ module: Module, imports externals: [ExternalValue]) throws -> ModuleInstance {
        // Spec step: the number of imports and of extern values must agree; each must match its import's type.
        guard externals.count == module.imports.count else {
            throw WasmError(.unlinkable, "wrong number of imports: expected \(module.imports.count), got \(externals.count)")
        }
        let instance = ModuleInstance()
        instances.append(instance)
        instance.types = module.types
        instance.typeIDs = module.types.map { typeID(of: $0) }
        for (i, (imp, external)) in zip(module.imports, externals).enumerated() {
            let expected = try importType(imp.descriptor, in: module)
            guard matches(external.type, expected) else {
                throw WasmError(.unlinkable, "incompatible import type for import \(i) \"\(imp.module)\" \"\(imp.name)\"")
            }
            switch external {
            case .function(let f): instance.functions.append(f)
            case .table(let t): instance.tables.append(t)
            case .memory(let m): instance.memories.append(m)
            case .global(let g): instance.globals.append(g)
            case .tag(let t): instance.tags.append(t)
            }
        }

        // Spec: core/exec/modules#alloc-module — functions first, so `ref.func` in initializers resolves.
        for function in module.functions {
            guard let type = module.types[safeIndex: Int(function.typeIndex)] else { throw WasmError.invalid("unknown type") }
            instance.functions.append(allocateWasmFunction(type: type, module: instance, code: function))
        }
        for table in module.tables {
            let initial = try table.initializer.map { try ConstantEvaluation.evaluate($0, in: instance) }
            guard case .ref(let r)? = initial ?? .ref(.null(table.type.elementType.heapType)) else {
                throw WasmError.invalid("type mismatch in table initializer")
            }
            instance.tables.append(try allocateTable(type: table.type, initial: r))
        }
        for memory in module.memories {
            instance.memories.append(try allocateMemory(type: memory))
        }
        for typeIndex in module.tags {
            guard let type = module.types[safeIndex: Int(typeIndex)] else { throw WasmError.invalid("unknown type \(typeIndex)") }
            instance.tags.append(TagInstance(type: type))
        }
        for global in module.globals {
            let value = try ConstantEvaluation.evaluate(global.initializer, in: instance)
            instance.globals.append(allocateGlobal(type: global.type, value: value))
        }
        for segment in module.elements {
            var slots: [UInt64] = []
            switch segment.items {
            case .functions(let indices):
                for i in indices {
                    guard Int(i) < instance.functions.count else { throw WasmError.invalid("unknown function \(i)") }
                    slots.append(UInt64(instance.functions[Int(i)].address) &+ 1)
                }
            case .expressions(let expressions):
                for e in expressions {
                    guard case .ref(let r) = try ConstantEvaluation.evaluate(e, in: instance) else {
                        throw WasmError.invalid("type mismatch in element segment")
                    }
                    slots.append(Slot.encode(r))
                }
            }
            instance.elements.append(allocateElement(type: segment.type, slots: slots))
        }
        for segment in module.data {
            instance.datas.append(allocateData(bytes: segment.bytes))
        }
        for export in module.exports {
            instance.exports.append((export.name, try exportValue(export.descriptor, of: instance)))
        }

        // Spec step: active element segments run `table.init` then `elem.drop`; declarative ones are dropped.
        for (i, segment) in module.elements.enumerated() {
            switch segment.mode {
            case .active(let t, let offset):
                guard Int(t) < instance.tables.count else { throw WasmError.invalid("unknown table \(t)") }
                let d = try offsetValue(offset, in: instance)
                let element = instance.elements[i]
                try Operations.tableInit(instance.tables[Int(t)], at: d, from: element, at: 0, count: UInt64(element.slots.count))
                element.drop()
            case .declarative:
                instance.elements[i].drop()
            case .passive:
                break
            }
        }
        // Spec step: active data segments run `memory.init` then `data.drop`.
        for (i, segment) in module.data.enumerated() {
            guard case .active(let m, let offset) = segment.mode else { continue }
            guard Int(m) < instance.memories.count else { throw WasmError.invalid("unknown memory \(m)") }
            let d = try offsetValue(offset, in: instance)
            let data = instance.datas[i]
            try Operations.memoryInit(instance.memories[Int(m)], at: d, from: data, at: 0, count: UInt64(data.bytes.count))
            data.drop()
        }
        // Spec step: the start function.
        if let start = module.start {
            guard Int(start) < instance.functions.count else { throw WasmError.invalid("unknown function \(start)") }
            _ = try invoke(instance.functions[Int(start)], [])
        }
        return instance
    }

    /// The value of a segment offset (an i32, or an i64 under memory64), as an unsigned address.
    private func offsetValue(_ expression: ConstantExpression, in instance: ModuleInstance) throws -> UInt64 {
        switch try ConstantEvaluation.evaluate(expression, in: instance) {
        case .i32(let v): return UInt64(v)
        case .i64(let v): return v
        default: throw WasmError.invalid("type mismatch in segment offset")
        }
    }

    /// The extern type an import asks for.
    private func importType(_ descriptor: ImportDescriptor, in module: Module) throws -> ExternalType {
        switch descriptor {
        case .function(let t):
            guard let type = module.types[safeIndex: Int(t)] else { throw WasmError.invalid("unknown type \(t)") }
            return .function(type)
        case .table(let t): return .table(t)
        case .memory(let m): return .memory(m)
        case .global(let g): return .global(g)
        case .tag(let t):
            guard let type = module.types[safeIndex: Int(t)] else { throw WasmError.invalid("unknown type \(t)") }
            return .tag(type)
        }
    }

    private func exportValue(_ descriptor: ExportDescriptor, of instance: ModuleInstance) throws -> ExternalValue {
        switch descriptor {
        case .function(let i) where Int(i) < instance.functions.count: return .function(instance.functions[Int(i)])
        case .table(let i) where Int(i) < instance.tables.count: return .table(instance.tables[Int(i)])
        case .memory(let i) where Int(i) < instance.memories.count: return .memory(instance.memories[Int(i)])
        case .global(let i) where Int(i) < instance.globals.count: return .global(instance.globals[Int(i)])
        case .tag(let i) where Int(i) < instance.tags.count: return .tag(instance.tags[Int(i)])
        default: throw WasmError.invalid("unknown export index")
        }
    }
}

extension Array {
    /// The element at an index, or `nil` when out of range.
    fileprivate subscript(safeIndex index: Int) -> Element? {
        index >= 0 && index < count ? self[index] : nil
    }
}
