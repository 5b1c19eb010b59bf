import WasmCore

/// Where a component value goes when lowered with the `gc` option: a core function parameter or
/// result, or a struct or array field.
enum GCLoweringSlot {
    case argument(WasmCore.ValueType)
    case field(CoreStorageType)

    var valueType: WasmCore.ValueType? {
        switch self {
        case .argument(let t): return t
        case .field(.value(let t)): return t
        case .field: return nil
        }
    }
}

extension ComponentValidator {
    /// 🛸 `canon lower ... gc (core-type $t)`: the core function type given must represent the
    /// component function's parameters and result one to one, each as the GC lowering of its type.
    func checkGCLowering(_ f: FuncT, coreType: FunctionType, _ o: ResolvedCanonOptions) throws {
        guard coreType.parameters.count == f.parameters.count else {
            throw invalid("declared `core-type` has \(coreType.parameters.count) parameters, but component function has \(f.parameters.count) parameters")
        }
        for (core, p) in zip(coreType.parameters, f.parameters) { try checkGCLowering(p.type, .argument(core), o) }
        let results = f.result.map { [$0] } ?? []
        guard coreType.results.count == results.count else {
            throw invalid("declared `core-type` has \(coreType.results.count) results, but component function has \(results.count) results")
        }
        for (core, r) in zip(coreType.results, results) { try checkGCLowering(r, .argument(core), o) }
    }

    /// The wording of wasmparser's `lower_gc`, from which the messages come.
    func checkGCLowering(_ v: ValType, _ slot: GCLoweringSlot, _ o: ResolvedCanonOptions) throws {
        let printer = ModulePrinter()
        let found: String
        switch slot {
        case .argument(let t), .field(.value(let t)): found = printer.valueType(t)
        case .field(.i8): found = "i8"
        case .field(.i16): found = "i16"
        }
        /// The composite type a concrete reference in the slot names.
        func composite() -> CoreCompositeType? {
            guard case .reference(let r)? = slot.valueType, case .concrete(let i) = r.heapType else { return nil }
            if let space = o.coreTypeSpace { return Int(i) < space.count ? space[Int(i)].composite : nil }
            guard Int(i) < top.coreTypes.count else { return nil }
            switch top.coreTypes[Int(i)] {
            case .gc(let s): return s.composite
            case .function(let f): return .function(f)
            case .module: return nil
            }
        }
        func small(_ name: String, packed: CoreStorageType, _ packedName: String) throws {
            switch slot {
            case .field(packed), .argument(.i32): return
            case .argument: throw invalid("expected to lower component `\(name)` type to core `i32` type, found `\(found)`")
            case .field: throw invalid("expected to lower component `\(name)` type to core `\(packedName)` type, found `\(found)`")
            }
        }
        func exact(_ name: String, _ t: WasmCore.ValueType) throws {
            guard slot.valueType == t else {
                throw invalid("expected to lower component `\(name)` type to core `\(printer.valueType(t))` type, found `\(found)`")
            }
        }
        func externRef(_ name: String) throws {
            if case .reference(let r)? = slot.valueType, r.heapType == .extern { return }
            throw invalid("expected to lower component `\(name)` type into core `(ref null? extern)` type, but found `\(found)`")
        }
        func product(_ fields: [ValType], _ kind: String) throws {
            guard case .struct(let core)? = composite() else {
                throw invalid("expected to lower component `\(kind)` type to core `(ref null? (struct ...))`, but found `\(found)`")
            }
            guard core.count == fields.count else {
                throw invalid("core `struct` has \(core.count) fields, but component `\(kind)` has \(fields.count) fields")
            }
            for (c, f) in zip(core, fields) { try checkGCLowering(f, .field(c.storage), o) }
        }
        func sum(_ kind: String) throws {
            guard case .struct(let core)? = composite(), core.isEmpty else {
                throw invalid("expected to lower component `\(kind)` type to core `(ref null? (struct))`, but found `\(found)`")
            }
        }
        switch v {
        case .primitive(let p):
            switch p {
            case .bool: try small("bool", packed: .i8, "i8")
            case .s8: try small("s8", packed: .i8, "i8")
            case .u8: try small("u8", packed: .i8, "i8")
            case .s16: try small("s16", packed: .i16, "i16")
            case .u16: try small("u16", packed: .i16, "i16")
            case .s32, .u32, .char: try exact(p.keyword, .i32)
            case .s64, .u64: try exact(p.keyword, .i64)
            case .f32: try exact("f32", .f32)
            case .f64: try exact("f64", .f64)
            case .string:
                let utf16 = o.stringEncoding == .utf16
                let expected = utf16 ? "(ref null? (array (mut? i16)))" : "(ref null? (array (mut? i8)))"
                guard case .array(let element)? = composite(), element.storage == (utf16 ? .i16 : .i8) else {
                    throw invalid("expected to lower component `string` type to core `\(expected)` type, found `\(found)`")
                }
            case .errorContext: try externRef("error-context")
            }
        case .record(let fields, _): try product(fields.map(\.type), "record")
        case .tuple(let types): try product(types, "tuple")
        case .variant: try sum("variant")
        case .option: try sum("option")
        case .result: try sum("result")
        case .list(let e), .fixedLengthList(let e, _):
            guard case .array(let element)? = composite() else {
                throw invalid("expected to lower component `list` type into `(ref null? (array ...))`, but found `\(found)`")
            }
            try checkGCLowering(e, .field(element.storage), o)
        case .map: throw invalid("GC lowering for component `map` type is not yet implemented")
        case .flags:
            guard slot.valueType == .i32 else { throw invalid("expected to lower component `flags` type into core `i32` type, but found `\(found)`") }
        case .enum:
            guard slot.valueType == .i32 else { throw invalid("expected to lower component `enum` type into core `i32` type, but found `\(found)`") }
        case .own: try externRef("own")
        case .borrow: try externRef("borrow")
        case .future: try externRef("future")
        case .stream: try externRef("stream")
        }
    }
}
