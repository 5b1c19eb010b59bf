/// Spec: core/valid/instructions — constant expressions: only constants, `ref.null`, `ref.func`
/// and `global.get` of an immutable global (plus integer `add`/`sub`/`mul` under extended-const),
/// typed like any other expression.
extension ValidationContext {
    /// Spec: core/valid/instructions — `C ⊢ expr : [t] const`. Each instruction must be constant
    /// ("constant expression required"), then the whole must produce `type`.
    func validateConstant(_ expression: ConstantExpression, type: ValueType, place: String) throws {
        for (i, instruction) in expression.enumerated() {
            try inPlace("\(place), instruction \(i): \(instruction.opcode.name)") { try requireConstant(instruction) }
        }
        var context = self
        context.locals = []
        context.returnTypes = nil
        var validator = CodeValidator(context: context, results: [type])
        try validator.validate(expression, place: place)
    }

    /// Spec: core/valid/instructions — whether one instruction is constant.
    func requireConstant(_ instruction: Instruction) throws {
        switch instruction.opcode {
        case .i32Const, .i64Const, .f32Const, .f64Const, .v128Const, .refNull, .refFunc:
            return
        case .globalGet:
            guard case .index(let x) = instruction.immediate else { return }
            let global = try global(x)
            guard global.mutability == .constant else { throw WasmError.invalid("constant expression required") }
        case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
            guard features.contains(.extendedConst) else { throw WasmError.invalid("constant expression required") }
        default:
            throw WasmError.invalid("constant expression required")
        }
    }
}
