/// Spec: core/exec/modules#instantiation — evaluating a constant expression (global initializers,
/// segment offsets and element items) in the context of a (partial) module instance.
///
/// Constant expressions are `*.const`, `ref.null`, `ref.func` and `global.get`; the integer
/// `add`/`sub`/`mul` of extended constant expressions are evaluated too.
enum ConstantEvaluation {
    static func evaluate(_ expression: ConstantExpression, in instance: ModuleInstance) throws -> Value {
        var stack: [Value] = []
        func pop() throws -> Value {
            guard let v = stack.popLast() else { throw WasmError.invalid("type mismatch in constant expression") }
            return v
        }
        func popI32() throws -> UInt32 {
            guard case .i32(let v) = try pop() else { throw WasmError.invalid("type mismatch in constant expression") }
            return v
        }
        func popI64() throws -> UInt64 {
            guard case .i64(let v) = try pop() else { throw WasmError.invalid("type mismatch in constant expression") }
            return v
        }
        for instruction in expression {
            switch (instruction.opcode, instruction.immediate) {
            case (.i32Const, .i32(let v)): stack.append(.i32(UInt32(bitPattern: v)))
            case (.i64Const, .i64(let v)): stack.append(.i64(UInt64(bitPattern: v)))
            case (.f32Const, .f32(let v)): stack.append(.f32(v))
            case (.f64Const, .f64(let v)): stack.append(.f64(v))
            case (.v128Const, .v128(let v)): stack.append(.v128(v))
            case (.refNull, .heapType(let h)): stack.append(.ref(.null(h)))
            case (.refFunc, .index(let i)):
                guard Int(i) < instance.functions.count else { throw WasmError.invalid("unknown function \(i)") }
                stack.append(.ref(.function(instance.functions[Int(i)].address)))
            case (.globalGet, .index(let i)):
                guard Int(i) < instance.globals.count else { throw WasmError.invalid("unknown global \(i)") }
                stack.append(instance.globals[Int(i)].value)
            case (.i32Add, _): let b = try popI32(), a = try popI32(); stack.append(.i32(a &+ b))
            case (.i32Sub, _): let b = try popI32(), a = try popI32(); stack.append(.i32(a &- b))
            case (.i32Mul, _): let b = try popI32(), a = try popI32(); stack.append(.i32(a &* b))
            case (.i64Add, _): let b = try popI64(), a = try popI64(); stack.append(.i64(a &+ b))
            case (.i64Sub, _): let b = try popI64(), a = try popI64(); stack.append(.i64(a &- b))
            case (.i64Mul, _): let b = try popI64(), a = try popI64(); stack.append(.i64(a &* b))
            case (.end, _): break
            default:
                throw WasmError.invalid("constant expression required")
            }
        }
        guard stack.count == 1, let v = stack.first else { throw WasmError.invalid("type mismatch in constant expression") }
        return v
    }
}
