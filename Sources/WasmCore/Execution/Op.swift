/// The interpreter's internal instruction: one per executed operation, with branch targets, stack
/// drops and indices resolved when the function is translated (`Translator`).
///
/// Spec: core/exec/instructions — each case executes as the spec instruction of the same name; the
/// control cases are the spec's labels and branches precomputed (see `Translator`).
enum Op {
    // Control.
    case unreachable
    /// Executing a SIMD function: decoding and validation support SIMD, execution does not yet.
    case simdUnsupported
    /// Unconditional jump to a pc (the end of a `then` arm).
    case jump(Int32)
    /// Pops an i32; jumps to the pc when it is zero (`if`).
    case jumpIfZero(Int32)
    /// `br`: keep the top `arity` values, drop `drop` values below them, go to the target pc.
    case br(target: Int32, arity: Int32, drop: Int32)
    /// `br_if`: pops an i32; when non-zero, branches as `br`.
    case brIf(target: Int32, arity: Int32, drop: Int32)
    /// `i32.eqz` fused with `br_if`: pops an i32; when zero, branches as `br`.
    case brIfZero(target: Int32, arity: Int32, drop: Int32)
    /// An i32 comparison fused with `br_if` (a branch that drops nothing): pops two i32s, jumps when
    /// the comparison holds.
    case brIfCompare(I32Comparison, target: Int32)
    /// As `brIfCompare`, comparing two locals (`local.get a`, `local.get b` fused in).
    case brIfCompareLocals(a: Int32, b: Int32, target: Int32, I32Comparison)
    /// As `brIfCompare`, comparing a local with a constant (`local.get a`, `i32.const c` fused in).
    case brIfCompareLocalConst(a: Int32, c: UInt32, target: Int32, I32Comparison)
    /// A `jump` to a `brIfCompareLocals` (a loop's back edge to its exit test): when the test would
    /// not branch, continues after it directly; otherwise goes to it (which then branches).
    case jumpPastCompareLocals(a: Int32, b: Int32, target: Int32, I32Comparison)
    /// As `jumpPastCompareLocals`, to a `brIfCompareLocalConst`.
    case jumpPastCompareLocalConst(a: Int32, c: UInt32, target: Int32, I32Comparison)
    /// An i32 comparison fused with `if`: pops two i32s, jumps (to the `else` arm or past the `end`)
    /// when the comparison does not hold.
    case jumpUnlessCompare(I32Comparison, target: Int32)
    /// As `jumpUnlessCompare`, comparing a local with a constant.
    case jumpUnlessCompareLocalConst(a: Int32, c: UInt32, target: Int32, I32Comparison)
    /// `i32.eqz` fused with `if`: pops an i32; jumps when it is non-zero.
    case jumpIfNonZero(Int32)
    /// `br_table`: pops an index into the function's branch table number `table`.
    case brTable(Int32)
    case `return`
    /// `throw` of the instance's tag number n: pops the tag's parameters as the payload.
    case `throw`(Int32)
    /// `throw_ref`: pops an `exnref`, rethrows its exception (traps on null).
    case throwRef
    /// Goes on at the frame `unwind` pushed on the frame stack: at the handler of an exception (thrown
    /// here, or by a host function called from here). Every function ends with it, after its `return`.
    case resume
    /// `call`, of the function resolved at translation (unretained: the module instance keeps it alive).
    case call(Unmanaged<FunctionInstance>)
    /// `call_indirect` through a table resolved at translation (unretained, like `call`), expecting the
    /// store's interned type id.
    case callIndirect(table: Unmanaged<TableInstance>, typeID: Int32)

    // Parametric.
    case drop
    case select

    // Variables.
    case localGet(Int32)
    /// Two `local.get`s in a row.
    case localGet2(Int32, Int32)
    case localSet(Int32)
    case localTee(Int32)
    case globalGet(Int32)
    case globalSet(Int32)

    // Tables.
    case tableGet(Int32)
    case tableSet(Int32)
    case tableSize(Int32)
    case tableGrow(Int32)
    case tableFill(Int32)
    case tableCopy(destination: Int32, source: Int32)
    case tableInit(element: Int32, table: Int32)
    case elemDrop(Int32)

    // References.
    case refIsNull
    case refFunc(Int32)

    // Memory (memory 0; the payload is the static offset).
    case i32Load(UInt64)
    case i64Load(UInt64)
    case f32Load(UInt64)
    case f64Load(UInt64)
    case i32Load8S(UInt64)
    case i32Load8U(UInt64)
    case i32Load16S(UInt64)
    case i32Load16U(UInt64)
    case i64Load8S(UInt64)
    case i64Load8U(UInt64)
    case i64Load16S(UInt64)
    case i64Load16U(UInt64)
    case i64Load32S(UInt64)
    case i64Load32U(UInt64)
    case i32Store(UInt64)
    case i64Store(UInt64)
    case f32Store(UInt64)
    case f64Store(UInt64)
    case i32Store8(UInt64)
    case i32Store16(UInt64)
    case i64Store8(UInt64)
    case i64Store16(UInt64)
    case i64Store32(UInt64)
    /// Multi-memory: the loads and stores that follow use memory `m` of the instance (the translator
    /// brackets an access to a memory other than 0 with `selectMemory(m)` ... `selectMemory(0)`).
    case selectMemory(Int32)
    case memorySize
    case memoryGrow
    case memoryInit(Int32)
    case dataDrop(Int32)
    case memoryCopy
    case memoryFill

    /// Any constant, in slot encoding.
    case const(UInt64)
    /// `i32.const c` fused with `i32.add`.
    case i32AddConst(UInt32)
    /// `local.get a`, `i32.const c`, `i32.add` in one: pushes local `a` plus `c`.
    case i32LocalAddConst(Int32, UInt32)
    /// `local.get a`, `i32.const c`, `i32.add`, `local.set b` in one: a counter step.
    case i32AddConstLocal(a: Int32, c: UInt32, into: Int32)
    /// `local.get a`, `local.get b`, `i32.add`, `local.set d` in one.
    case i32AddLocals(a: Int32, b: Int32, into: Int32)
    /// `i64.const c` fused with `i64.add`.
    case i64AddConst(UInt64)

    // Numeric instructions.
    case i32Eqz
    case i32Eq
    case i32Ne
    case i32LtS
    case i32LtU
    case i32GtS
    case i32GtU
    case i32LeS
    case i32LeU
    case i32GeS
    case i32GeU
    case i64Eqz
    case i64Eq
    case i64Ne
    case i64LtS
    case i64LtU
    case i64GtS
    case i64GtU
    case i64LeS
    case i64LeU
    case i64GeS
    case i64GeU
    case f32Eq
    case f32Ne
    case f32Lt
    case f32Gt
    case f32Le
    case f32Ge
    case f64Eq
    case f64Ne
    case f64Lt
    case f64Gt
    case f64Le
    case f64Ge
    case i32Clz
    case i32Ctz
    case i32Popcnt
    case i32Add
    case i32Sub
    case i32Mul
    case i32DivS
    case i32DivU
    case i32RemS
    case i32RemU
    case i32And
    case i32Or
    case i32Xor
    case i32Shl
    case i32ShrS
    case i32ShrU
    case i32Rotl
    case i32Rotr
    case i64Clz
    case i64Ctz
    case i64Popcnt
    case i64Add
    case i64Sub
    case i64Mul
    case i64DivS
    case i64DivU
    case i64RemS
    case i64RemU
    case i64And
    case i64Or
    case i64Xor
    case i64Shl
    case i64ShrS
    case i64ShrU
    case i64Rotl
    case i64Rotr
    case f32Abs
    case f32Neg
    case f32Ceil
    case f32Floor
    case f32Trunc
    case f32Nearest
    case f32Sqrt
    case f32Add
    case f32Sub
    case f32Mul
    case f32Div
    case f32Min
    case f32Max
    case f32Copysign
    case f64Abs
    case f64Neg
    case f64Ceil
    case f64Floor
    case f64Trunc
    case f64Nearest
    case f64Sqrt
    case f64Add
    case f64Sub
    case f64Mul
    case f64Div
    case f64Min
    case f64Max
    case f64Copysign
    case i32WrapI64
    case i32TruncF32S
    case i32TruncF32U
    case i32TruncF64S
    case i32TruncF64U
    case i64ExtendI32S
    case i64TruncF32S
    case i64TruncF32U
    case i64TruncF64S
    case i64TruncF64U
    case f32ConvertI32S
    case f32ConvertI32U
    case f32ConvertI64S
    case f32ConvertI64U
    case f32DemoteF64
    case f64ConvertI32S
    case f64ConvertI32U
    case f64ConvertI64S
    case f64ConvertI64U
    case f64PromoteF32
    case i32Extend8S
    case i32Extend16S
    case i64Extend8S
    case i64Extend16S
    case i64Extend32S
    case i32TruncSatF32S
    case i32TruncSatF32U
    case i32TruncSatF64S
    case i32TruncSatF64U
    case i64TruncSatF32S
    case i64TruncSatF32U
    case i64TruncSatF64S
    case i64TruncSatF64U
}

extension Op {
    /// The op of a numeric instruction without immediates, `nil` for any other.
    static func numeric(_ opcode: Opcode) -> Op? {
        switch opcode {
        case .i32Eqz: return .i32Eqz
        case .i32Eq: return .i32Eq
        case .i32Ne: return .i32Ne
        case .i32LtS: return .i32LtS
        case .i32LtU: return .i32LtU
        case .i32GtS: return .i32GtS
        case .i32GtU: return .i32GtU
        case .i32LeS: return .i32LeS
        case .i32LeU: return .i32LeU
        case .i32GeS: return .i32GeS
        case .i32GeU: return .i32GeU
        case .i64Eqz: return .i64Eqz
        case .i64Eq: return .i64Eq
        case .i64Ne: return .i64Ne
        case .i64LtS: return .i64LtS
        case .i64LtU: return .i64LtU
        case .i64GtS: return .i64GtS
        case .i64GtU: return .i64GtU
        case .i64LeS: return .i64LeS
        case .i64LeU: return .i64LeU
        case .i64GeS: return .i64GeS
        case .i64GeU: return .i64GeU
        case .f32Eq: return .f32Eq
        case .f32Ne: return .f32Ne
        case .f32Lt: return .f32Lt
        case .f32Gt: return .f32Gt
        case .f32Le: return .f32Le
        case .f32Ge: return .f32Ge
        case .f64Eq: return .f64Eq
        case .f64Ne: return .f64Ne
        case .f64Lt: return .f64Lt
        case .f64Gt: return .f64Gt
        case .f64Le: return .f64Le
        case .f64Ge: return .f64Ge
        case .i32Clz: return .i32Clz
        case .i32Ctz: return .i32Ctz
        case .i32Popcnt: return .i32Popcnt
        case .i32Add: return .i32Add
        case .i32Sub: return .i32Sub
        case .i32Mul: return .i32Mul
        case .i32DivS: return .i32DivS
        case .i32DivU: return .i32DivU
        case .i32RemS: return .i32RemS
        case .i32RemU: return .i32RemU
        case .i32And: return .i32And
        case .i32Or: return .i32Or
        case .i32Xor: return .i32Xor
        case .i32Shl: return .i32Shl
        case .i32ShrS: return .i32ShrS
        case .i32ShrU: return .i32ShrU
        case .i32Rotl: return .i32Rotl
        case .i32Rotr: return .i32Rotr
        case .i64Clz: return .i64Clz
        case .i64Ctz: return .i64Ctz
        case .i64Popcnt: return .i64Popcnt
        case .i64Add: return .i64Add
        case .i64Sub: return .i64Sub
        case .i64Mul: return .i64Mul
        case .i64DivS: return .i64DivS
        case .i64DivU: return .i64DivU
        case .i64RemS: return .i64RemS
        case .i64RemU: return .i64RemU
        case .i64And: return .i64And
        case .i64Or: return .i64Or
        case .i64Xor: return .i64Xor
        case .i64Shl: return .i64Shl
        case .i64ShrS: return .i64ShrS
        case .i64ShrU: return .i64ShrU
        case .i64Rotl: return .i64Rotl
        case .i64Rotr: return .i64Rotr
        case .f32Abs: return .f32Abs
        case .f32Neg: return .f32Neg
        case .f32Ceil: return .f32Ceil
        case .f32Floor: return .f32Floor
        case .f32Trunc: return .f32Trunc
        case .f32Nearest: return .f32Nearest
        case .f32Sqrt: return .f32Sqrt
        case .f32Add: return .f32Add
        case .f32Sub: return .f32Sub
        case .f32Mul: return .f32Mul
        case .f32Div: return .f32Div
        case .f32Min: return .f32Min
        case .f32Max: return .f32Max
        case .f32Copysign: return .f32Copysign
        case .f64Abs: return .f64Abs
        case .f64Neg: return .f64Neg
        case .f64Ceil: return .f64Ceil
        case .f64Floor: return .f64Floor
        case .f64Trunc: return .f64Trunc
        case .f64Nearest: return .f64Nearest
        case .f64Sqrt: return .f64Sqrt
        case .f64Add: return .f64Add
        case .f64Sub: return .f64Sub
        case .f64Mul: return .f64Mul
        case .f64Div: return .f64Div
        case .f64Min: return .f64Min
        case .f64Max: return .f64Max
        case .f64Copysign: return .f64Copysign
        case .i32WrapI64: return .i32WrapI64
        case .i32TruncF32S: return .i32TruncF32S
        case .i32TruncF32U: return .i32TruncF32U
        case .i32TruncF64S: return .i32TruncF64S
        case .i32TruncF64U: return .i32TruncF64U
        case .i64ExtendI32S: return .i64ExtendI32S
        case .i64TruncF32S: return .i64TruncF32S
        case .i64TruncF32U: return .i64TruncF32U
        case .i64TruncF64S: return .i64TruncF64S
        case .i64TruncF64U: return .i64TruncF64U
        case .f32ConvertI32S: return .f32ConvertI32S
        case .f32ConvertI32U: return .f32ConvertI32U
        case .f32ConvertI64S: return .f32ConvertI64S
        case .f32ConvertI64U: return .f32ConvertI64U
        case .f32DemoteF64: return .f32DemoteF64
        case .f64ConvertI32S: return .f64ConvertI32S
        case .f64ConvertI32U: return .f64ConvertI32U
        case .f64ConvertI64S: return .f64ConvertI64S
        case .f64ConvertI64U: return .f64ConvertI64U
        case .f64PromoteF32: return .f64PromoteF32
        case .i32Extend8S: return .i32Extend8S
        case .i32Extend16S: return .i32Extend16S
        case .i64Extend8S: return .i64Extend8S
        case .i64Extend16S: return .i64Extend16S
        case .i64Extend32S: return .i64Extend32S
        case .i32TruncSatF32S: return .i32TruncSatF32S
        case .i32TruncSatF32U: return .i32TruncSatF32U
        case .i32TruncSatF64S: return .i32TruncSatF64S
        case .i32TruncSatF64U: return .i32TruncSatF64U
        case .i64TruncSatF32S: return .i64TruncSatF32S
        case .i64TruncSatF32U: return .i64TruncSatF32U
        case .i64TruncSatF64S: return .i64TruncSatF64S
        case .i64TruncSatF64U: return .i64TruncSatF64U
        default: return nil
        }
    }

    /// The op of a load or store with its static offset, `nil` for any other instruction.
    static func memoryAccess(_ opcode: Opcode, offset: UInt64) -> Op? {
        switch opcode {
        case .i32Load: return .i32Load(offset)
        case .i64Load: return .i64Load(offset)
        case .f32Load: return .f32Load(offset)
        case .f64Load: return .f64Load(offset)
        case .i32Load8S: return .i32Load8S(offset)
        case .i32Load8U: return .i32Load8U(offset)
        case .i32Load16S: return .i32Load16S(offset)
        case .i32Load16U: return .i32Load16U(offset)
        case .i64Load8S: return .i64Load8S(offset)
        case .i64Load8U: return .i64Load8U(offset)
        case .i64Load16S: return .i64Load16S(offset)
        case .i64Load16U: return .i64Load16U(offset)
        case .i64Load32S: return .i64Load32S(offset)
        case .i64Load32U: return .i64Load32U(offset)
        case .i32Store: return .i32Store(offset)
        case .i64Store: return .i64Store(offset)
        case .f32Store: return .f32Store(offset)
        case .f64Store: return .f64Store(offset)
        case .i32Store8: return .i32Store8(offset)
        case .i32Store16: return .i32Store16(offset)
        case .i64Store8: return .i64Store8(offset)
        case .i64Store16: return .i64Store16(offset)
        case .i64Store32: return .i64Store32(offset)
        default: return nil
        }
    }
}

/// An i32 comparison (the spec's `i32.eq` ... `i32.ge_u`), as fused into conditional jumps.
///
/// A struct over a plain byte, not an enum: an enum's spare bits would host `Op`'s case tag, making
/// every dispatch decode it from scattered bits.
struct I32Comparison: Equatable {
    let code: UInt8

    static let eq = I32Comparison(code: 0), ne = I32Comparison(code: 1)
    static let ltS = I32Comparison(code: 2), ltU = I32Comparison(code: 3)
    static let gtS = I32Comparison(code: 4), gtU = I32Comparison(code: 5)
    static let leS = I32Comparison(code: 6), leU = I32Comparison(code: 7)
    static let geS = I32Comparison(code: 8), geU = I32Comparison(code: 9)

    private init(code: UInt8) { self.code = code }

    /// The comparison an op performs, if it is an i32 comparison.
    init?(_ op: Op) {
        switch op {
        case .i32Eq: self = .eq
        case .i32Ne: self = .ne
        case .i32LtS: self = .ltS
        case .i32LtU: self = .ltU
        case .i32GtS: self = .gtS
        case .i32GtU: self = .gtU
        case .i32LeS: self = .leS
        case .i32LeU: self = .leU
        case .i32GeS: self = .geS
        case .i32GeU: self = .geU
        default: return nil
        }
    }

    /// Spec: core/exec/numerics#op-ieq ... #op-ige-u — whether `a` relates to `b` (i32 slots).
    @inline(__always)
    func holds(_ a: UInt64, _ b: UInt64) -> Bool {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        switch code {
        case 0: return x == y
        case 1: return x != y
        case 2: return Int32(bitPattern: x) < Int32(bitPattern: y)
        case 3: return x < y
        case 4: return Int32(bitPattern: x) > Int32(bitPattern: y)
        case 5: return x > y
        case 6: return Int32(bitPattern: x) <= Int32(bitPattern: y)
        case 7: return x <= y
        case 8: return Int32(bitPattern: x) >= Int32(bitPattern: y)
        default: return x >= y
        }
    }
}
