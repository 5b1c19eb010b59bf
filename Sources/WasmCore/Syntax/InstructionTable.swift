// The index of instructions (Spec: core/appendix/index-instructions), as data.
//
// Each row: the opcode, its text name, its binary encoding, its immediate operands, its type where the
// type is fixed (`.special` where validation has a rule of its own), and the feature that gates it
// (`nil` for the MVP). The decoder, encoder, text parser, printer and validator all read this one table.

/// Every instruction of the core language, in the order of the spec's index of instructions.
public enum Opcode: UInt16, CaseIterable, Hashable, Sendable {
    case unreachable
    case `nop`
    case block
    case loop
    case `if`
    case `else`
    case end
    case br
    case brIf
    case brTable
    case `return`
    case call
    case callIndirect
    case drop
    case select
    case selectTyped
    case localGet
    case localSet
    case localTee
    case globalGet
    case globalSet
    case tableGet
    case tableSet
    case i32Load
    case i64Load
    case f32Load
    case f64Load
    case i32Load8S
    case i32Load8U
    case i32Load16S
    case i32Load16U
    case i64Load8S
    case i64Load8U
    case i64Load16S
    case i64Load16U
    case i64Load32S
    case i64Load32U
    case i32Store
    case i64Store
    case f32Store
    case f64Store
    case i32Store8
    case i32Store16
    case i64Store8
    case i64Store16
    case i64Store32
    case memorySize
    case memoryGrow
    case i32Const
    case i64Const
    case f32Const
    case f64Const
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
    case i64ExtendI32U
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
    case i32ReinterpretF32
    case i64ReinterpretF64
    case f32ReinterpretI32
    case f64ReinterpretI64
    case i32Extend8S
    case i32Extend16S
    case i64Extend8S
    case i64Extend16S
    case i64Extend32S
    case refNull
    case refIsNull
    case refFunc
    case i32TruncSatF32S
    case i32TruncSatF32U
    case i32TruncSatF64S
    case i32TruncSatF64U
    case i64TruncSatF32S
    case i64TruncSatF32U
    case i64TruncSatF64S
    case i64TruncSatF64U
    case memoryInit
    case dataDrop
    case memoryCopy
    case memoryFill
    case tableInit
    case elemDrop
    case tableCopy
    case tableGrow
    case tableSize
    case tableFill
    case v128Load
    case v128Load8x8S
    case v128Load8x8U
    case v128Load16x4S
    case v128Load16x4U
    case v128Load32x2S
    case v128Load32x2U
    case v128Load8Splat
    case v128Load16Splat
    case v128Load32Splat
    case v128Load64Splat
    case v128Store
    case v128Const
    case i8x16Shuffle
    case i8x16Swizzle
    case i8x16Splat
    case i16x8Splat
    case i32x4Splat
    case i64x2Splat
    case f32x4Splat
    case f64x2Splat
    case i8x16ExtractLaneS
    case i8x16ExtractLaneU
    case i8x16ReplaceLane
    case i16x8ExtractLaneS
    case i16x8ExtractLaneU
    case i16x8ReplaceLane
    case i32x4ExtractLane
    case i32x4ReplaceLane
    case i64x2ExtractLane
    case i64x2ReplaceLane
    case f32x4ExtractLane
    case f32x4ReplaceLane
    case f64x2ExtractLane
    case f64x2ReplaceLane
    case i8x16Eq
    case i8x16Ne
    case i8x16LtS
    case i8x16LtU
    case i8x16GtS
    case i8x16GtU
    case i8x16LeS
    case i8x16LeU
    case i8x16GeS
    case i8x16GeU
    case i16x8Eq
    case i16x8Ne
    case i16x8LtS
    case i16x8LtU
    case i16x8GtS
    case i16x8GtU
    case i16x8LeS
    case i16x8LeU
    case i16x8GeS
    case i16x8GeU
    case i32x4Eq
    case i32x4Ne
    case i32x4LtS
    case i32x4LtU
    case i32x4GtS
    case i32x4GtU
    case i32x4LeS
    case i32x4LeU
    case i32x4GeS
    case i32x4GeU
    case f32x4Eq
    case f32x4Ne
    case f32x4Lt
    case f32x4Gt
    case f32x4Le
    case f32x4Ge
    case f64x2Eq
    case f64x2Ne
    case f64x2Lt
    case f64x2Gt
    case f64x2Le
    case f64x2Ge
    case v128Not
    case v128And
    case v128Andnot
    case v128Or
    case v128Xor
    case v128Bitselect
    case v128AnyTrue
    case v128Load8Lane
    case v128Load16Lane
    case v128Load32Lane
    case v128Load64Lane
    case v128Store8Lane
    case v128Store16Lane
    case v128Store32Lane
    case v128Store64Lane
    case v128Load32Zero
    case v128Load64Zero
    case f32x4DemoteF64x2Zero
    case f64x2PromoteLowF32x4
    case i8x16Abs
    case i8x16Neg
    case i8x16Popcnt
    case i8x16AllTrue
    case i8x16Bitmask
    case i8x16NarrowI16x8S
    case i8x16NarrowI16x8U
    case f32x4Ceil
    case f32x4Floor
    case f32x4Trunc
    case f32x4Nearest
    case i8x16Shl
    case i8x16ShrS
    case i8x16ShrU
    case i8x16Add
    case i8x16AddSatS
    case i8x16AddSatU
    case i8x16Sub
    case i8x16SubSatS
    case i8x16SubSatU
    case f64x2Ceil
    case f64x2Floor
    case i8x16MinS
    case i8x16MinU
    case i8x16MaxS
    case i8x16MaxU
    case f64x2Trunc
    case i8x16AvgrU
    case i16x8ExtaddPairwiseI8x16S
    case i16x8ExtaddPairwiseI8x16U
    case i32x4ExtaddPairwiseI16x8S
    case i32x4ExtaddPairwiseI16x8U
    case i16x8Abs
    case i16x8Neg
    case i16x8Q15mulrSatS
    case i16x8AllTrue
    case i16x8Bitmask
    case i16x8NarrowI32x4S
    case i16x8NarrowI32x4U
    case i16x8ExtendLowI8x16S
    case i16x8ExtendHighI8x16S
    case i16x8ExtendLowI8x16U
    case i16x8ExtendHighI8x16U
    case i16x8Shl
    case i16x8ShrS
    case i16x8ShrU
    case i16x8Add
    case i16x8AddSatS
    case i16x8AddSatU
    case i16x8Sub
    case i16x8SubSatS
    case i16x8SubSatU
    case f64x2Nearest
    case i16x8Mul
    case i16x8MinS
    case i16x8MinU
    case i16x8MaxS
    case i16x8MaxU
    case i16x8AvgrU
    case i16x8ExtmulLowI8x16S
    case i16x8ExtmulHighI8x16S
    case i16x8ExtmulLowI8x16U
    case i16x8ExtmulHighI8x16U
    case i32x4Abs
    case i32x4Neg
    case i32x4AllTrue
    case i32x4Bitmask
    case i32x4ExtendLowI16x8S
    case i32x4ExtendHighI16x8S
    case i32x4ExtendLowI16x8U
    case i32x4ExtendHighI16x8U
    case i32x4Shl
    case i32x4ShrS
    case i32x4ShrU
    case i32x4Add
    case i32x4Sub
    case i32x4Mul
    case i32x4MinS
    case i32x4MinU
    case i32x4MaxS
    case i32x4MaxU
    case i32x4DotI16x8S
    case i32x4ExtmulLowI16x8S
    case i32x4ExtmulHighI16x8S
    case i32x4ExtmulLowI16x8U
    case i32x4ExtmulHighI16x8U
    case i64x2Abs
    case i64x2Neg
    case i64x2AllTrue
    case i64x2Bitmask
    case i64x2ExtendLowI32x4S
    case i64x2ExtendHighI32x4S
    case i64x2ExtendLowI32x4U
    case i64x2ExtendHighI32x4U
    case i64x2Shl
    case i64x2ShrS
    case i64x2ShrU
    case i64x2Add
    case i64x2Sub
    case i64x2Mul
    case i64x2Eq
    case i64x2Ne
    case i64x2LtS
    case i64x2GtS
    case i64x2LeS
    case i64x2GeS
    case i64x2ExtmulLowI32x4S
    case i64x2ExtmulHighI32x4S
    case i64x2ExtmulLowI32x4U
    case i64x2ExtmulHighI32x4U
    case f32x4Abs
    case f32x4Neg
    case f32x4Sqrt
    case f32x4Add
    case f32x4Sub
    case f32x4Mul
    case f32x4Div
    case f32x4Min
    case f32x4Max
    case f32x4Pmin
    case f32x4Pmax
    case f64x2Abs
    case f64x2Neg
    case f64x2Sqrt
    case f64x2Add
    case f64x2Sub
    case f64x2Mul
    case f64x2Div
    case f64x2Min
    case f64x2Max
    case f64x2Pmin
    case f64x2Pmax
    case i32x4TruncSatF32x4S
    case i32x4TruncSatF32x4U
    case f32x4ConvertI32x4S
    case f32x4ConvertI32x4U
    case i32x4TruncSatF64x2SZero
    case i32x4TruncSatF64x2UZero
    case f64x2ConvertLowI32x4S
    case f64x2ConvertLowI32x4U
    // Exception handling.
    case `throw`
    case throwRef
    case tryTable
}

extension InstructionTable {
    /// The rows of the table, indexed by `Opcode.rawValue`.
    public static let definitions: [InstructionDefinition] = [
        .init(.unreachable, "unreachable", .init(0x00), .none, .special, nil),
        .init(.nop, "nop", .init(0x01), .none, .fixed([], []), nil),
        .init(.block, "block", .init(0x02), .blockType, .special, nil),
        .init(.loop, "loop", .init(0x03), .blockType, .special, nil),
        .init(.`if`, "if", .init(0x04), .blockType, .special, nil),
        .init(.`else`, "else", .init(0x05), .none, .special, nil),
        .init(.end, "end", .init(0x0B), .none, .special, nil),
        .init(.br, "br", .init(0x0C), .label, .special, nil),
        .init(.brIf, "br_if", .init(0x0D), .label, .special, nil),
        .init(.brTable, "br_table", .init(0x0E), .labelTable, .special, nil),
        .init(.`return`, "return", .init(0x0F), .none, .special, nil),
        .init(.call, "call", .init(0x10), .function, .special, nil),
        .init(.callIndirect, "call_indirect", .init(0x11), .callIndirect, .special, nil),
        .init(.drop, "drop", .init(0x1A), .none, .special, nil),
        .init(.select, "select", .init(0x1B), .none, .special, nil),
        .init(.selectTyped, "select", .init(0x1C), .valueTypes, .special, .referenceTypes),
        .init(.localGet, "local.get", .init(0x20), .local, .special, nil),
        .init(.localSet, "local.set", .init(0x21), .local, .special, nil),
        .init(.localTee, "local.tee", .init(0x22), .local, .special, nil),
        .init(.globalGet, "global.get", .init(0x23), .global, .special, nil),
        .init(.globalSet, "global.set", .init(0x24), .global, .special, nil),
        .init(.tableGet, "table.get", .init(0x25), .table, .special, .referenceTypes),
        .init(.tableSet, "table.set", .init(0x26), .table, .special, .referenceTypes),
        .init(.i32Load, "i32.load", .init(0x28), .memoryArgument(naturalAlignment: 2), .fixed([.i32], [.i32]), nil),
        .init(.i64Load, "i64.load", .init(0x29), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.i64]), nil),
        .init(.f32Load, "f32.load", .init(0x2A), .memoryArgument(naturalAlignment: 2), .fixed([.i32], [.f32]), nil),
        .init(.f64Load, "f64.load", .init(0x2B), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.f64]), nil),
        .init(.i32Load8S, "i32.load8_s", .init(0x2C), .memoryArgument(naturalAlignment: 0), .fixed([.i32], [.i32]), nil),
        .init(.i32Load8U, "i32.load8_u", .init(0x2D), .memoryArgument(naturalAlignment: 0), .fixed([.i32], [.i32]), nil),
        .init(.i32Load16S, "i32.load16_s", .init(0x2E), .memoryArgument(naturalAlignment: 1), .fixed([.i32], [.i32]), nil),
        .init(.i32Load16U, "i32.load16_u", .init(0x2F), .memoryArgument(naturalAlignment: 1), .fixed([.i32], [.i32]), nil),
        .init(.i64Load8S, "i64.load8_s", .init(0x30), .memoryArgument(naturalAlignment: 0), .fixed([.i32], [.i64]), nil),
        .init(.i64Load8U, "i64.load8_u", .init(0x31), .memoryArgument(naturalAlignment: 0), .fixed([.i32], [.i64]), nil),
        .init(.i64Load16S, "i64.load16_s", .init(0x32), .memoryArgument(naturalAlignment: 1), .fixed([.i32], [.i64]), nil),
        .init(.i64Load16U, "i64.load16_u", .init(0x33), .memoryArgument(naturalAlignment: 1), .fixed([.i32], [.i64]), nil),
        .init(.i64Load32S, "i64.load32_s", .init(0x34), .memoryArgument(naturalAlignment: 2), .fixed([.i32], [.i64]), nil),
        .init(.i64Load32U, "i64.load32_u", .init(0x35), .memoryArgument(naturalAlignment: 2), .fixed([.i32], [.i64]), nil),
        .init(.i32Store, "i32.store", .init(0x36), .memoryArgument(naturalAlignment: 2), .fixed([.i32, .i32], []), nil),
        .init(.i64Store, "i64.store", .init(0x37), .memoryArgument(naturalAlignment: 3), .fixed([.i32, .i64], []), nil),
        .init(.f32Store, "f32.store", .init(0x38), .memoryArgument(naturalAlignment: 2), .fixed([.i32, .f32], []), nil),
        .init(.f64Store, "f64.store", .init(0x39), .memoryArgument(naturalAlignment: 3), .fixed([.i32, .f64], []), nil),
        .init(.i32Store8, "i32.store8", .init(0x3A), .memoryArgument(naturalAlignment: 0), .fixed([.i32, .i32], []), nil),
        .init(.i32Store16, "i32.store16", .init(0x3B), .memoryArgument(naturalAlignment: 1), .fixed([.i32, .i32], []), nil),
        .init(.i64Store8, "i64.store8", .init(0x3C), .memoryArgument(naturalAlignment: 0), .fixed([.i32, .i64], []), nil),
        .init(.i64Store16, "i64.store16", .init(0x3D), .memoryArgument(naturalAlignment: 1), .fixed([.i32, .i64], []), nil),
        .init(.i64Store32, "i64.store32", .init(0x3E), .memoryArgument(naturalAlignment: 2), .fixed([.i32, .i64], []), nil),
        .init(.memorySize, "memory.size", .init(0x3F), .memory, .fixed([], [.i32]), nil),
        .init(.memoryGrow, "memory.grow", .init(0x40), .memory, .fixed([.i32], [.i32]), nil),
        .init(.i32Const, "i32.const", .init(0x41), .i32, .fixed([], [.i32]), nil),
        .init(.i64Const, "i64.const", .init(0x42), .i64, .fixed([], [.i64]), nil),
        .init(.f32Const, "f32.const", .init(0x43), .f32, .fixed([], [.f32]), nil),
        .init(.f64Const, "f64.const", .init(0x44), .f64, .fixed([], [.f64]), nil),
        .init(.i32Eqz, "i32.eqz", .init(0x45), .none, .fixed([.i32], [.i32]), nil),
        .init(.i32Eq, "i32.eq", .init(0x46), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Ne, "i32.ne", .init(0x47), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32LtS, "i32.lt_s", .init(0x48), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32LtU, "i32.lt_u", .init(0x49), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32GtS, "i32.gt_s", .init(0x4A), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32GtU, "i32.gt_u", .init(0x4B), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32LeS, "i32.le_s", .init(0x4C), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32LeU, "i32.le_u", .init(0x4D), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32GeS, "i32.ge_s", .init(0x4E), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32GeU, "i32.ge_u", .init(0x4F), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i64Eqz, "i64.eqz", .init(0x50), .none, .fixed([.i64], [.i32]), nil),
        .init(.i64Eq, "i64.eq", .init(0x51), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64Ne, "i64.ne", .init(0x52), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64LtS, "i64.lt_s", .init(0x53), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64LtU, "i64.lt_u", .init(0x54), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64GtS, "i64.gt_s", .init(0x55), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64GtU, "i64.gt_u", .init(0x56), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64LeS, "i64.le_s", .init(0x57), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64LeU, "i64.le_u", .init(0x58), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64GeS, "i64.ge_s", .init(0x59), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.i64GeU, "i64.ge_u", .init(0x5A), .none, .fixed([.i64, .i64], [.i32]), nil),
        .init(.f32Eq, "f32.eq", .init(0x5B), .none, .fixed([.f32, .f32], [.i32]), nil),
        .init(.f32Ne, "f32.ne", .init(0x5C), .none, .fixed([.f32, .f32], [.i32]), nil),
        .init(.f32Lt, "f32.lt", .init(0x5D), .none, .fixed([.f32, .f32], [.i32]), nil),
        .init(.f32Gt, "f32.gt", .init(0x5E), .none, .fixed([.f32, .f32], [.i32]), nil),
        .init(.f32Le, "f32.le", .init(0x5F), .none, .fixed([.f32, .f32], [.i32]), nil),
        .init(.f32Ge, "f32.ge", .init(0x60), .none, .fixed([.f32, .f32], [.i32]), nil),
        .init(.f64Eq, "f64.eq", .init(0x61), .none, .fixed([.f64, .f64], [.i32]), nil),
        .init(.f64Ne, "f64.ne", .init(0x62), .none, .fixed([.f64, .f64], [.i32]), nil),
        .init(.f64Lt, "f64.lt", .init(0x63), .none, .fixed([.f64, .f64], [.i32]), nil),
        .init(.f64Gt, "f64.gt", .init(0x64), .none, .fixed([.f64, .f64], [.i32]), nil),
        .init(.f64Le, "f64.le", .init(0x65), .none, .fixed([.f64, .f64], [.i32]), nil),
        .init(.f64Ge, "f64.ge", .init(0x66), .none, .fixed([.f64, .f64], [.i32]), nil),
        .init(.i32Clz, "i32.clz", .init(0x67), .none, .fixed([.i32], [.i32]), nil),
        .init(.i32Ctz, "i32.ctz", .init(0x68), .none, .fixed([.i32], [.i32]), nil),
        .init(.i32Popcnt, "i32.popcnt", .init(0x69), .none, .fixed([.i32], [.i32]), nil),
        .init(.i32Add, "i32.add", .init(0x6A), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Sub, "i32.sub", .init(0x6B), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Mul, "i32.mul", .init(0x6C), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32DivS, "i32.div_s", .init(0x6D), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32DivU, "i32.div_u", .init(0x6E), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32RemS, "i32.rem_s", .init(0x6F), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32RemU, "i32.rem_u", .init(0x70), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32And, "i32.and", .init(0x71), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Or, "i32.or", .init(0x72), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Xor, "i32.xor", .init(0x73), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Shl, "i32.shl", .init(0x74), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32ShrS, "i32.shr_s", .init(0x75), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32ShrU, "i32.shr_u", .init(0x76), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Rotl, "i32.rotl", .init(0x77), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i32Rotr, "i32.rotr", .init(0x78), .none, .fixed([.i32, .i32], [.i32]), nil),
        .init(.i64Clz, "i64.clz", .init(0x79), .none, .fixed([.i64], [.i64]), nil),
        .init(.i64Ctz, "i64.ctz", .init(0x7A), .none, .fixed([.i64], [.i64]), nil),
        .init(.i64Popcnt, "i64.popcnt", .init(0x7B), .none, .fixed([.i64], [.i64]), nil),
        .init(.i64Add, "i64.add", .init(0x7C), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Sub, "i64.sub", .init(0x7D), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Mul, "i64.mul", .init(0x7E), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64DivS, "i64.div_s", .init(0x7F), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64DivU, "i64.div_u", .init(0x80), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64RemS, "i64.rem_s", .init(0x81), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64RemU, "i64.rem_u", .init(0x82), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64And, "i64.and", .init(0x83), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Or, "i64.or", .init(0x84), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Xor, "i64.xor", .init(0x85), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Shl, "i64.shl", .init(0x86), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64ShrS, "i64.shr_s", .init(0x87), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64ShrU, "i64.shr_u", .init(0x88), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Rotl, "i64.rotl", .init(0x89), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.i64Rotr, "i64.rotr", .init(0x8A), .none, .fixed([.i64, .i64], [.i64]), nil),
        .init(.f32Abs, "f32.abs", .init(0x8B), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Neg, "f32.neg", .init(0x8C), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Ceil, "f32.ceil", .init(0x8D), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Floor, "f32.floor", .init(0x8E), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Trunc, "f32.trunc", .init(0x8F), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Nearest, "f32.nearest", .init(0x90), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Sqrt, "f32.sqrt", .init(0x91), .none, .fixed([.f32], [.f32]), nil),
        .init(.f32Add, "f32.add", .init(0x92), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f32Sub, "f32.sub", .init(0x93), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f32Mul, "f32.mul", .init(0x94), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f32Div, "f32.div", .init(0x95), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f32Min, "f32.min", .init(0x96), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f32Max, "f32.max", .init(0x97), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f32Copysign, "f32.copysign", .init(0x98), .none, .fixed([.f32, .f32], [.f32]), nil),
        .init(.f64Abs, "f64.abs", .init(0x99), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Neg, "f64.neg", .init(0x9A), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Ceil, "f64.ceil", .init(0x9B), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Floor, "f64.floor", .init(0x9C), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Trunc, "f64.trunc", .init(0x9D), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Nearest, "f64.nearest", .init(0x9E), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Sqrt, "f64.sqrt", .init(0x9F), .none, .fixed([.f64], [.f64]), nil),
        .init(.f64Add, "f64.add", .init(0xA0), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.f64Sub, "f64.sub", .init(0xA1), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.f64Mul, "f64.mul", .init(0xA2), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.f64Div, "f64.div", .init(0xA3), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.f64Min, "f64.min", .init(0xA4), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.f64Max, "f64.max", .init(0xA5), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.f64Copysign, "f64.copysign", .init(0xA6), .none, .fixed([.f64, .f64], [.f64]), nil),
        .init(.i32WrapI64, "i32.wrap_i64", .init(0xA7), .none, .fixed([.i64], [.i32]), nil),
        .init(.i32TruncF32S, "i32.trunc_f32_s", .init(0xA8), .none, .fixed([.f32], [.i32]), nil),
        .init(.i32TruncF32U, "i32.trunc_f32_u", .init(0xA9), .none, .fixed([.f32], [.i32]), nil),
        .init(.i32TruncF64S, "i32.trunc_f64_s", .init(0xAA), .none, .fixed([.f64], [.i32]), nil),
        .init(.i32TruncF64U, "i32.trunc_f64_u", .init(0xAB), .none, .fixed([.f64], [.i32]), nil),
        .init(.i64ExtendI32S, "i64.extend_i32_s", .init(0xAC), .none, .fixed([.i32], [.i64]), nil),
        .init(.i64ExtendI32U, "i64.extend_i32_u", .init(0xAD), .none, .fixed([.i32], [.i64]), nil),
        .init(.i64TruncF32S, "i64.trunc_f32_s", .init(0xAE), .none, .fixed([.f32], [.i64]), nil),
        .init(.i64TruncF32U, "i64.trunc_f32_u", .init(0xAF), .none, .fixed([.f32], [.i64]), nil),
        .init(.i64TruncF64S, "i64.trunc_f64_s", .init(0xB0), .none, .fixed([.f64], [.i64]), nil),
        .init(.i64TruncF64U, "i64.trunc_f64_u", .init(0xB1), .none, .fixed([.f64], [.i64]), nil),
        .init(.f32ConvertI32S, "f32.convert_i32_s", .init(0xB2), .none, .fixed([.i32], [.f32]), nil),
        .init(.f32ConvertI32U, "f32.convert_i32_u", .init(0xB3), .none, .fixed([.i32], [.f32]), nil),
        .init(.f32ConvertI64S, "f32.convert_i64_s", .init(0xB4), .none, .fixed([.i64], [.f32]), nil),
        .init(.f32ConvertI64U, "f32.convert_i64_u", .init(0xB5), .none, .fixed([.i64], [.f32]), nil),
        .init(.f32DemoteF64, "f32.demote_f64", .init(0xB6), .none, .fixed([.f64], [.f32]), nil),
        .init(.f64ConvertI32S, "f64.convert_i32_s", .init(0xB7), .none, .fixed([.i32], [.f64]), nil),
        .init(.f64ConvertI32U, "f64.convert_i32_u", .init(0xB8), .none, .fixed([.i32], [.f64]), nil),
        .init(.f64ConvertI64S, "f64.convert_i64_s", .init(0xB9), .none, .fixed([.i64], [.f64]), nil),
        .init(.f64ConvertI64U, "f64.convert_i64_u", .init(0xBA), .none, .fixed([.i64], [.f64]), nil),
        .init(.f64PromoteF32, "f64.promote_f32", .init(0xBB), .none, .fixed([.f32], [.f64]), nil),
        .init(.i32ReinterpretF32, "i32.reinterpret_f32", .init(0xBC), .none, .fixed([.f32], [.i32]), nil),
        .init(.i64ReinterpretF64, "i64.reinterpret_f64", .init(0xBD), .none, .fixed([.f64], [.i64]), nil),
        .init(.f32ReinterpretI32, "f32.reinterpret_i32", .init(0xBE), .none, .fixed([.i32], [.f32]), nil),
        .init(.f64ReinterpretI64, "f64.reinterpret_i64", .init(0xBF), .none, .fixed([.i64], [.f64]), nil),
        .init(.i32Extend8S, "i32.extend8_s", .init(0xC0), .none, .fixed([.i32], [.i32]), .signExtension),
        .init(.i32Extend16S, "i32.extend16_s", .init(0xC1), .none, .fixed([.i32], [.i32]), .signExtension),
        .init(.i64Extend8S, "i64.extend8_s", .init(0xC2), .none, .fixed([.i64], [.i64]), .signExtension),
        .init(.i64Extend16S, "i64.extend16_s", .init(0xC3), .none, .fixed([.i64], [.i64]), .signExtension),
        .init(.i64Extend32S, "i64.extend32_s", .init(0xC4), .none, .fixed([.i64], [.i64]), .signExtension),
        .init(.refNull, "ref.null", .init(0xD0), .heapType, .special, .referenceTypes),
        .init(.refIsNull, "ref.is_null", .init(0xD1), .none, .special, .referenceTypes),
        .init(.refFunc, "ref.func", .init(0xD2), .function, .fixed([], [.funcRef]), .referenceTypes),
        .init(.i32TruncSatF32S, "i32.trunc_sat_f32_s", .init(prefix: 0xFC, 0x00), .none, .fixed([.f32], [.i32]), .saturatingFloatToInt),
        .init(.i32TruncSatF32U, "i32.trunc_sat_f32_u", .init(prefix: 0xFC, 0x01), .none, .fixed([.f32], [.i32]), .saturatingFloatToInt),
        .init(.i32TruncSatF64S, "i32.trunc_sat_f64_s", .init(prefix: 0xFC, 0x02), .none, .fixed([.f64], [.i32]), .saturatingFloatToInt),
        .init(.i32TruncSatF64U, "i32.trunc_sat_f64_u", .init(prefix: 0xFC, 0x03), .none, .fixed([.f64], [.i32]), .saturatingFloatToInt),
        .init(.i64TruncSatF32S, "i64.trunc_sat_f32_s", .init(prefix: 0xFC, 0x04), .none, .fixed([.f32], [.i64]), .saturatingFloatToInt),
        .init(.i64TruncSatF32U, "i64.trunc_sat_f32_u", .init(prefix: 0xFC, 0x05), .none, .fixed([.f32], [.i64]), .saturatingFloatToInt),
        .init(.i64TruncSatF64S, "i64.trunc_sat_f64_s", .init(prefix: 0xFC, 0x06), .none, .fixed([.f64], [.i64]), .saturatingFloatToInt),
        .init(.i64TruncSatF64U, "i64.trunc_sat_f64_u", .init(prefix: 0xFC, 0x07), .none, .fixed([.f64], [.i64]), .saturatingFloatToInt),
        .init(.memoryInit, "memory.init", .init(prefix: 0xFC, 0x08), .memoryInit, .fixed([.i32, .i32, .i32], []), .bulkMemory),
        .init(.dataDrop, "data.drop", .init(prefix: 0xFC, 0x09), .data, .fixed([], []), .bulkMemory),
        .init(.memoryCopy, "memory.copy", .init(prefix: 0xFC, 0x0A), .memoryCopy, .fixed([.i32, .i32, .i32], []), .bulkMemory),
        .init(.memoryFill, "memory.fill", .init(prefix: 0xFC, 0x0B), .memoryFill, .fixed([.i32, .i32, .i32], []), .bulkMemory),
        .init(.tableInit, "table.init", .init(prefix: 0xFC, 0x0C), .tableInit, .fixed([.i32, .i32, .i32], []), .bulkMemory),
        .init(.elemDrop, "elem.drop", .init(prefix: 0xFC, 0x0D), .element, .fixed([], []), .bulkMemory),
        .init(.tableCopy, "table.copy", .init(prefix: 0xFC, 0x0E), .tableCopy, .fixed([.i32, .i32, .i32], []), .bulkMemory),
        .init(.tableGrow, "table.grow", .init(prefix: 0xFC, 0x0F), .table, .special, .referenceTypes),
        .init(.tableSize, "table.size", .init(prefix: 0xFC, 0x10), .table, .fixed([], [.i32]), .referenceTypes),
        .init(.tableFill, "table.fill", .init(prefix: 0xFC, 0x11), .table, .special, .referenceTypes),
        .init(.v128Load, "v128.load", .init(prefix: 0xFD, 0x00), .memoryArgument(naturalAlignment: 4), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load8x8S, "v128.load8x8_s", .init(prefix: 0xFD, 0x01), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load8x8U, "v128.load8x8_u", .init(prefix: 0xFD, 0x02), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load16x4S, "v128.load16x4_s", .init(prefix: 0xFD, 0x03), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load16x4U, "v128.load16x4_u", .init(prefix: 0xFD, 0x04), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load32x2S, "v128.load32x2_s", .init(prefix: 0xFD, 0x05), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load32x2U, "v128.load32x2_u", .init(prefix: 0xFD, 0x06), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load8Splat, "v128.load8_splat", .init(prefix: 0xFD, 0x07), .memoryArgument(naturalAlignment: 0), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load16Splat, "v128.load16_splat", .init(prefix: 0xFD, 0x08), .memoryArgument(naturalAlignment: 1), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load32Splat, "v128.load32_splat", .init(prefix: 0xFD, 0x09), .memoryArgument(naturalAlignment: 2), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load64Splat, "v128.load64_splat", .init(prefix: 0xFD, 0x0A), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.v128Store, "v128.store", .init(prefix: 0xFD, 0x0B), .memoryArgument(naturalAlignment: 4), .fixed([.i32, .v128], []), .simd),
        .init(.v128Const, "v128.const", .init(prefix: 0xFD, 0x0C), .v128, .fixed([], [.v128]), .simd),
        .init(.i8x16Shuffle, "i8x16.shuffle", .init(prefix: 0xFD, 0x0D), .shuffle, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16Swizzle, "i8x16.swizzle", .init(prefix: 0xFD, 0x0E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16Splat, "i8x16.splat", .init(prefix: 0xFD, 0x0F), .none, .fixed([.i32], [.v128]), .simd),
        .init(.i16x8Splat, "i16x8.splat", .init(prefix: 0xFD, 0x10), .none, .fixed([.i32], [.v128]), .simd),
        .init(.i32x4Splat, "i32x4.splat", .init(prefix: 0xFD, 0x11), .none, .fixed([.i32], [.v128]), .simd),
        .init(.i64x2Splat, "i64x2.splat", .init(prefix: 0xFD, 0x12), .none, .fixed([.i64], [.v128]), .simd),
        .init(.f32x4Splat, "f32x4.splat", .init(prefix: 0xFD, 0x13), .none, .fixed([.f32], [.v128]), .simd),
        .init(.f64x2Splat, "f64x2.splat", .init(prefix: 0xFD, 0x14), .none, .fixed([.f64], [.v128]), .simd),
        .init(.i8x16ExtractLaneS, "i8x16.extract_lane_s", .init(prefix: 0xFD, 0x15), .lane(count: 16), .fixed([.v128], [.i32]), .simd),
        .init(.i8x16ExtractLaneU, "i8x16.extract_lane_u", .init(prefix: 0xFD, 0x16), .lane(count: 16), .fixed([.v128], [.i32]), .simd),
        .init(.i8x16ReplaceLane, "i8x16.replace_lane", .init(prefix: 0xFD, 0x17), .lane(count: 16), .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i16x8ExtractLaneS, "i16x8.extract_lane_s", .init(prefix: 0xFD, 0x18), .lane(count: 8), .fixed([.v128], [.i32]), .simd),
        .init(.i16x8ExtractLaneU, "i16x8.extract_lane_u", .init(prefix: 0xFD, 0x19), .lane(count: 8), .fixed([.v128], [.i32]), .simd),
        .init(.i16x8ReplaceLane, "i16x8.replace_lane", .init(prefix: 0xFD, 0x1A), .lane(count: 8), .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i32x4ExtractLane, "i32x4.extract_lane", .init(prefix: 0xFD, 0x1B), .lane(count: 4), .fixed([.v128], [.i32]), .simd),
        .init(.i32x4ReplaceLane, "i32x4.replace_lane", .init(prefix: 0xFD, 0x1C), .lane(count: 4), .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i64x2ExtractLane, "i64x2.extract_lane", .init(prefix: 0xFD, 0x1D), .lane(count: 2), .fixed([.v128], [.i64]), .simd),
        .init(.i64x2ReplaceLane, "i64x2.replace_lane", .init(prefix: 0xFD, 0x1E), .lane(count: 2), .fixed([.v128, .i64], [.v128]), .simd),
        .init(.f32x4ExtractLane, "f32x4.extract_lane", .init(prefix: 0xFD, 0x1F), .lane(count: 4), .fixed([.v128], [.f32]), .simd),
        .init(.f32x4ReplaceLane, "f32x4.replace_lane", .init(prefix: 0xFD, 0x20), .lane(count: 4), .fixed([.v128, .f32], [.v128]), .simd),
        .init(.f64x2ExtractLane, "f64x2.extract_lane", .init(prefix: 0xFD, 0x21), .lane(count: 2), .fixed([.v128], [.f64]), .simd),
        .init(.f64x2ReplaceLane, "f64x2.replace_lane", .init(prefix: 0xFD, 0x22), .lane(count: 2), .fixed([.v128, .f64], [.v128]), .simd),
        .init(.i8x16Eq, "i8x16.eq", .init(prefix: 0xFD, 0x23), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16Ne, "i8x16.ne", .init(prefix: 0xFD, 0x24), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16LtS, "i8x16.lt_s", .init(prefix: 0xFD, 0x25), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16LtU, "i8x16.lt_u", .init(prefix: 0xFD, 0x26), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16GtS, "i8x16.gt_s", .init(prefix: 0xFD, 0x27), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16GtU, "i8x16.gt_u", .init(prefix: 0xFD, 0x28), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16LeS, "i8x16.le_s", .init(prefix: 0xFD, 0x29), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16LeU, "i8x16.le_u", .init(prefix: 0xFD, 0x2A), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16GeS, "i8x16.ge_s", .init(prefix: 0xFD, 0x2B), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16GeU, "i8x16.ge_u", .init(prefix: 0xFD, 0x2C), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8Eq, "i16x8.eq", .init(prefix: 0xFD, 0x2D), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8Ne, "i16x8.ne", .init(prefix: 0xFD, 0x2E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8LtS, "i16x8.lt_s", .init(prefix: 0xFD, 0x2F), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8LtU, "i16x8.lt_u", .init(prefix: 0xFD, 0x30), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8GtS, "i16x8.gt_s", .init(prefix: 0xFD, 0x31), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8GtU, "i16x8.gt_u", .init(prefix: 0xFD, 0x32), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8LeS, "i16x8.le_s", .init(prefix: 0xFD, 0x33), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8LeU, "i16x8.le_u", .init(prefix: 0xFD, 0x34), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8GeS, "i16x8.ge_s", .init(prefix: 0xFD, 0x35), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8GeU, "i16x8.ge_u", .init(prefix: 0xFD, 0x36), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4Eq, "i32x4.eq", .init(prefix: 0xFD, 0x37), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4Ne, "i32x4.ne", .init(prefix: 0xFD, 0x38), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4LtS, "i32x4.lt_s", .init(prefix: 0xFD, 0x39), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4LtU, "i32x4.lt_u", .init(prefix: 0xFD, 0x3A), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4GtS, "i32x4.gt_s", .init(prefix: 0xFD, 0x3B), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4GtU, "i32x4.gt_u", .init(prefix: 0xFD, 0x3C), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4LeS, "i32x4.le_s", .init(prefix: 0xFD, 0x3D), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4LeU, "i32x4.le_u", .init(prefix: 0xFD, 0x3E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4GeS, "i32x4.ge_s", .init(prefix: 0xFD, 0x3F), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4GeU, "i32x4.ge_u", .init(prefix: 0xFD, 0x40), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Eq, "f32x4.eq", .init(prefix: 0xFD, 0x41), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Ne, "f32x4.ne", .init(prefix: 0xFD, 0x42), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Lt, "f32x4.lt", .init(prefix: 0xFD, 0x43), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Gt, "f32x4.gt", .init(prefix: 0xFD, 0x44), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Le, "f32x4.le", .init(prefix: 0xFD, 0x45), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Ge, "f32x4.ge", .init(prefix: 0xFD, 0x46), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Eq, "f64x2.eq", .init(prefix: 0xFD, 0x47), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Ne, "f64x2.ne", .init(prefix: 0xFD, 0x48), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Lt, "f64x2.lt", .init(prefix: 0xFD, 0x49), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Gt, "f64x2.gt", .init(prefix: 0xFD, 0x4A), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Le, "f64x2.le", .init(prefix: 0xFD, 0x4B), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Ge, "f64x2.ge", .init(prefix: 0xFD, 0x4C), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.v128Not, "v128.not", .init(prefix: 0xFD, 0x4D), .none, .fixed([.v128], [.v128]), .simd),
        .init(.v128And, "v128.and", .init(prefix: 0xFD, 0x4E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.v128Andnot, "v128.andnot", .init(prefix: 0xFD, 0x4F), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.v128Or, "v128.or", .init(prefix: 0xFD, 0x50), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.v128Xor, "v128.xor", .init(prefix: 0xFD, 0x51), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.v128Bitselect, "v128.bitselect", .init(prefix: 0xFD, 0x52), .none, .fixed([.v128, .v128, .v128], [.v128]), .simd),
        .init(.v128AnyTrue, "v128.any_true", .init(prefix: 0xFD, 0x53), .none, .fixed([.v128], [.i32]), .simd),
        .init(.v128Load8Lane, "v128.load8_lane", .init(prefix: 0xFD, 0x54), .memoryLane(naturalAlignment: 0, lanes: 16), .fixed([.i32, .v128], [.v128]), .simd),
        .init(.v128Load16Lane, "v128.load16_lane", .init(prefix: 0xFD, 0x55), .memoryLane(naturalAlignment: 1, lanes: 8), .fixed([.i32, .v128], [.v128]), .simd),
        .init(.v128Load32Lane, "v128.load32_lane", .init(prefix: 0xFD, 0x56), .memoryLane(naturalAlignment: 2, lanes: 4), .fixed([.i32, .v128], [.v128]), .simd),
        .init(.v128Load64Lane, "v128.load64_lane", .init(prefix: 0xFD, 0x57), .memoryLane(naturalAlignment: 3, lanes: 2), .fixed([.i32, .v128], [.v128]), .simd),
        .init(.v128Store8Lane, "v128.store8_lane", .init(prefix: 0xFD, 0x58), .memoryLane(naturalAlignment: 0, lanes: 16), .fixed([.i32, .v128], []), .simd),
        .init(.v128Store16Lane, "v128.store16_lane", .init(prefix: 0xFD, 0x59), .memoryLane(naturalAlignment: 1, lanes: 8), .fixed([.i32, .v128], []), .simd),
        .init(.v128Store32Lane, "v128.store32_lane", .init(prefix: 0xFD, 0x5A), .memoryLane(naturalAlignment: 2, lanes: 4), .fixed([.i32, .v128], []), .simd),
        .init(.v128Store64Lane, "v128.store64_lane", .init(prefix: 0xFD, 0x5B), .memoryLane(naturalAlignment: 3, lanes: 2), .fixed([.i32, .v128], []), .simd),
        .init(.v128Load32Zero, "v128.load32_zero", .init(prefix: 0xFD, 0x5C), .memoryArgument(naturalAlignment: 2), .fixed([.i32], [.v128]), .simd),
        .init(.v128Load64Zero, "v128.load64_zero", .init(prefix: 0xFD, 0x5D), .memoryArgument(naturalAlignment: 3), .fixed([.i32], [.v128]), .simd),
        .init(.f32x4DemoteF64x2Zero, "f32x4.demote_f64x2_zero", .init(prefix: 0xFD, 0x5E), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2PromoteLowF32x4, "f64x2.promote_low_f32x4", .init(prefix: 0xFD, 0x5F), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16Abs, "i8x16.abs", .init(prefix: 0xFD, 0x60), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16Neg, "i8x16.neg", .init(prefix: 0xFD, 0x61), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16Popcnt, "i8x16.popcnt", .init(prefix: 0xFD, 0x62), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16AllTrue, "i8x16.all_true", .init(prefix: 0xFD, 0x63), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i8x16Bitmask, "i8x16.bitmask", .init(prefix: 0xFD, 0x64), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i8x16NarrowI16x8S, "i8x16.narrow_i16x8_s", .init(prefix: 0xFD, 0x65), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16NarrowI16x8U, "i8x16.narrow_i16x8_u", .init(prefix: 0xFD, 0x66), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Ceil, "f32x4.ceil", .init(prefix: 0xFD, 0x67), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4Floor, "f32x4.floor", .init(prefix: 0xFD, 0x68), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4Trunc, "f32x4.trunc", .init(prefix: 0xFD, 0x69), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4Nearest, "f32x4.nearest", .init(prefix: 0xFD, 0x6A), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16Shl, "i8x16.shl", .init(prefix: 0xFD, 0x6B), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i8x16ShrS, "i8x16.shr_s", .init(prefix: 0xFD, 0x6C), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i8x16ShrU, "i8x16.shr_u", .init(prefix: 0xFD, 0x6D), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i8x16Add, "i8x16.add", .init(prefix: 0xFD, 0x6E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16AddSatS, "i8x16.add_sat_s", .init(prefix: 0xFD, 0x6F), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16AddSatU, "i8x16.add_sat_u", .init(prefix: 0xFD, 0x70), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16Sub, "i8x16.sub", .init(prefix: 0xFD, 0x71), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16SubSatS, "i8x16.sub_sat_s", .init(prefix: 0xFD, 0x72), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16SubSatU, "i8x16.sub_sat_u", .init(prefix: 0xFD, 0x73), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Ceil, "f64x2.ceil", .init(prefix: 0xFD, 0x74), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2Floor, "f64x2.floor", .init(prefix: 0xFD, 0x75), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16MinS, "i8x16.min_s", .init(prefix: 0xFD, 0x76), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16MinU, "i8x16.min_u", .init(prefix: 0xFD, 0x77), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16MaxS, "i8x16.max_s", .init(prefix: 0xFD, 0x78), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i8x16MaxU, "i8x16.max_u", .init(prefix: 0xFD, 0x79), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Trunc, "f64x2.trunc", .init(prefix: 0xFD, 0x7A), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i8x16AvgrU, "i8x16.avgr_u", .init(prefix: 0xFD, 0x7B), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8ExtaddPairwiseI8x16S, "i16x8.extadd_pairwise_i8x16_s", .init(prefix: 0xFD, 0x7C), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8ExtaddPairwiseI8x16U, "i16x8.extadd_pairwise_i8x16_u", .init(prefix: 0xFD, 0x7D), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4ExtaddPairwiseI16x8S, "i32x4.extadd_pairwise_i16x8_s", .init(prefix: 0xFD, 0x7E), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4ExtaddPairwiseI16x8U, "i32x4.extadd_pairwise_i16x8_u", .init(prefix: 0xFD, 0x7F), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8Abs, "i16x8.abs", .init(prefix: 0xFD, 0x80), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8Neg, "i16x8.neg", .init(prefix: 0xFD, 0x81), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8Q15mulrSatS, "i16x8.q15mulr_sat_s", .init(prefix: 0xFD, 0x82), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8AllTrue, "i16x8.all_true", .init(prefix: 0xFD, 0x83), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i16x8Bitmask, "i16x8.bitmask", .init(prefix: 0xFD, 0x84), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i16x8NarrowI32x4S, "i16x8.narrow_i32x4_s", .init(prefix: 0xFD, 0x85), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8NarrowI32x4U, "i16x8.narrow_i32x4_u", .init(prefix: 0xFD, 0x86), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8ExtendLowI8x16S, "i16x8.extend_low_i8x16_s", .init(prefix: 0xFD, 0x87), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8ExtendHighI8x16S, "i16x8.extend_high_i8x16_s", .init(prefix: 0xFD, 0x88), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8ExtendLowI8x16U, "i16x8.extend_low_i8x16_u", .init(prefix: 0xFD, 0x89), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8ExtendHighI8x16U, "i16x8.extend_high_i8x16_u", .init(prefix: 0xFD, 0x8A), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8Shl, "i16x8.shl", .init(prefix: 0xFD, 0x8B), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i16x8ShrS, "i16x8.shr_s", .init(prefix: 0xFD, 0x8C), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i16x8ShrU, "i16x8.shr_u", .init(prefix: 0xFD, 0x8D), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i16x8Add, "i16x8.add", .init(prefix: 0xFD, 0x8E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8AddSatS, "i16x8.add_sat_s", .init(prefix: 0xFD, 0x8F), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8AddSatU, "i16x8.add_sat_u", .init(prefix: 0xFD, 0x90), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8Sub, "i16x8.sub", .init(prefix: 0xFD, 0x91), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8SubSatS, "i16x8.sub_sat_s", .init(prefix: 0xFD, 0x92), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8SubSatU, "i16x8.sub_sat_u", .init(prefix: 0xFD, 0x93), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Nearest, "f64x2.nearest", .init(prefix: 0xFD, 0x94), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i16x8Mul, "i16x8.mul", .init(prefix: 0xFD, 0x95), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8MinS, "i16x8.min_s", .init(prefix: 0xFD, 0x96), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8MinU, "i16x8.min_u", .init(prefix: 0xFD, 0x97), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8MaxS, "i16x8.max_s", .init(prefix: 0xFD, 0x98), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8MaxU, "i16x8.max_u", .init(prefix: 0xFD, 0x99), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8AvgrU, "i16x8.avgr_u", .init(prefix: 0xFD, 0x9B), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8ExtmulLowI8x16S, "i16x8.extmul_low_i8x16_s", .init(prefix: 0xFD, 0x9C), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8ExtmulHighI8x16S, "i16x8.extmul_high_i8x16_s", .init(prefix: 0xFD, 0x9D), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8ExtmulLowI8x16U, "i16x8.extmul_low_i8x16_u", .init(prefix: 0xFD, 0x9E), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i16x8ExtmulHighI8x16U, "i16x8.extmul_high_i8x16_u", .init(prefix: 0xFD, 0x9F), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4Abs, "i32x4.abs", .init(prefix: 0xFD, 0xA0), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4Neg, "i32x4.neg", .init(prefix: 0xFD, 0xA1), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4AllTrue, "i32x4.all_true", .init(prefix: 0xFD, 0xA3), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i32x4Bitmask, "i32x4.bitmask", .init(prefix: 0xFD, 0xA4), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i32x4ExtendLowI16x8S, "i32x4.extend_low_i16x8_s", .init(prefix: 0xFD, 0xA7), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4ExtendHighI16x8S, "i32x4.extend_high_i16x8_s", .init(prefix: 0xFD, 0xA8), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4ExtendLowI16x8U, "i32x4.extend_low_i16x8_u", .init(prefix: 0xFD, 0xA9), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4ExtendHighI16x8U, "i32x4.extend_high_i16x8_u", .init(prefix: 0xFD, 0xAA), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4Shl, "i32x4.shl", .init(prefix: 0xFD, 0xAB), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i32x4ShrS, "i32x4.shr_s", .init(prefix: 0xFD, 0xAC), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i32x4ShrU, "i32x4.shr_u", .init(prefix: 0xFD, 0xAD), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i32x4Add, "i32x4.add", .init(prefix: 0xFD, 0xAE), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4Sub, "i32x4.sub", .init(prefix: 0xFD, 0xB1), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4Mul, "i32x4.mul", .init(prefix: 0xFD, 0xB5), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4MinS, "i32x4.min_s", .init(prefix: 0xFD, 0xB6), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4MinU, "i32x4.min_u", .init(prefix: 0xFD, 0xB7), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4MaxS, "i32x4.max_s", .init(prefix: 0xFD, 0xB8), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4MaxU, "i32x4.max_u", .init(prefix: 0xFD, 0xB9), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4DotI16x8S, "i32x4.dot_i16x8_s", .init(prefix: 0xFD, 0xBA), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4ExtmulLowI16x8S, "i32x4.extmul_low_i16x8_s", .init(prefix: 0xFD, 0xBC), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4ExtmulHighI16x8S, "i32x4.extmul_high_i16x8_s", .init(prefix: 0xFD, 0xBD), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4ExtmulLowI16x8U, "i32x4.extmul_low_i16x8_u", .init(prefix: 0xFD, 0xBE), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4ExtmulHighI16x8U, "i32x4.extmul_high_i16x8_u", .init(prefix: 0xFD, 0xBF), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2Abs, "i64x2.abs", .init(prefix: 0xFD, 0xC0), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i64x2Neg, "i64x2.neg", .init(prefix: 0xFD, 0xC1), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i64x2AllTrue, "i64x2.all_true", .init(prefix: 0xFD, 0xC3), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i64x2Bitmask, "i64x2.bitmask", .init(prefix: 0xFD, 0xC4), .none, .fixed([.v128], [.i32]), .simd),
        .init(.i64x2ExtendLowI32x4S, "i64x2.extend_low_i32x4_s", .init(prefix: 0xFD, 0xC7), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i64x2ExtendHighI32x4S, "i64x2.extend_high_i32x4_s", .init(prefix: 0xFD, 0xC8), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i64x2ExtendLowI32x4U, "i64x2.extend_low_i32x4_u", .init(prefix: 0xFD, 0xC9), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i64x2ExtendHighI32x4U, "i64x2.extend_high_i32x4_u", .init(prefix: 0xFD, 0xCA), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i64x2Shl, "i64x2.shl", .init(prefix: 0xFD, 0xCB), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i64x2ShrS, "i64x2.shr_s", .init(prefix: 0xFD, 0xCC), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i64x2ShrU, "i64x2.shr_u", .init(prefix: 0xFD, 0xCD), .none, .fixed([.v128, .i32], [.v128]), .simd),
        .init(.i64x2Add, "i64x2.add", .init(prefix: 0xFD, 0xCE), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2Sub, "i64x2.sub", .init(prefix: 0xFD, 0xD1), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2Mul, "i64x2.mul", .init(prefix: 0xFD, 0xD5), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2Eq, "i64x2.eq", .init(prefix: 0xFD, 0xD6), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2Ne, "i64x2.ne", .init(prefix: 0xFD, 0xD7), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2LtS, "i64x2.lt_s", .init(prefix: 0xFD, 0xD8), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2GtS, "i64x2.gt_s", .init(prefix: 0xFD, 0xD9), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2LeS, "i64x2.le_s", .init(prefix: 0xFD, 0xDA), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2GeS, "i64x2.ge_s", .init(prefix: 0xFD, 0xDB), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2ExtmulLowI32x4S, "i64x2.extmul_low_i32x4_s", .init(prefix: 0xFD, 0xDC), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2ExtmulHighI32x4S, "i64x2.extmul_high_i32x4_s", .init(prefix: 0xFD, 0xDD), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2ExtmulLowI32x4U, "i64x2.extmul_low_i32x4_u", .init(prefix: 0xFD, 0xDE), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i64x2ExtmulHighI32x4U, "i64x2.extmul_high_i32x4_u", .init(prefix: 0xFD, 0xDF), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Abs, "f32x4.abs", .init(prefix: 0xFD, 0xE0), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4Neg, "f32x4.neg", .init(prefix: 0xFD, 0xE1), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4Sqrt, "f32x4.sqrt", .init(prefix: 0xFD, 0xE3), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4Add, "f32x4.add", .init(prefix: 0xFD, 0xE4), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Sub, "f32x4.sub", .init(prefix: 0xFD, 0xE5), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Mul, "f32x4.mul", .init(prefix: 0xFD, 0xE6), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Div, "f32x4.div", .init(prefix: 0xFD, 0xE7), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Min, "f32x4.min", .init(prefix: 0xFD, 0xE8), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Max, "f32x4.max", .init(prefix: 0xFD, 0xE9), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Pmin, "f32x4.pmin", .init(prefix: 0xFD, 0xEA), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f32x4Pmax, "f32x4.pmax", .init(prefix: 0xFD, 0xEB), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Abs, "f64x2.abs", .init(prefix: 0xFD, 0xEC), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2Neg, "f64x2.neg", .init(prefix: 0xFD, 0xED), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2Sqrt, "f64x2.sqrt", .init(prefix: 0xFD, 0xEF), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2Add, "f64x2.add", .init(prefix: 0xFD, 0xF0), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Sub, "f64x2.sub", .init(prefix: 0xFD, 0xF1), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Mul, "f64x2.mul", .init(prefix: 0xFD, 0xF2), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Div, "f64x2.div", .init(prefix: 0xFD, 0xF3), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Min, "f64x2.min", .init(prefix: 0xFD, 0xF4), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Max, "f64x2.max", .init(prefix: 0xFD, 0xF5), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Pmin, "f64x2.pmin", .init(prefix: 0xFD, 0xF6), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.f64x2Pmax, "f64x2.pmax", .init(prefix: 0xFD, 0xF7), .none, .fixed([.v128, .v128], [.v128]), .simd),
        .init(.i32x4TruncSatF32x4S, "i32x4.trunc_sat_f32x4_s", .init(prefix: 0xFD, 0xF8), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4TruncSatF32x4U, "i32x4.trunc_sat_f32x4_u", .init(prefix: 0xFD, 0xF9), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4ConvertI32x4S, "f32x4.convert_i32x4_s", .init(prefix: 0xFD, 0xFA), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f32x4ConvertI32x4U, "f32x4.convert_i32x4_u", .init(prefix: 0xFD, 0xFB), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4TruncSatF64x2SZero, "i32x4.trunc_sat_f64x2_s_zero", .init(prefix: 0xFD, 0xFC), .none, .fixed([.v128], [.v128]), .simd),
        .init(.i32x4TruncSatF64x2UZero, "i32x4.trunc_sat_f64x2_u_zero", .init(prefix: 0xFD, 0xFD), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2ConvertLowI32x4S, "f64x2.convert_low_i32x4_s", .init(prefix: 0xFD, 0xFE), .none, .fixed([.v128], [.v128]), .simd),
        .init(.f64x2ConvertLowI32x4U, "f64x2.convert_low_i32x4_u", .init(prefix: 0xFD, 0xFF), .none, .fixed([.v128], [.v128]), .simd),
        .init(.throw, "throw", .init(0x08), .tag, .special, .exceptions),
        .init(.throwRef, "throw_ref", .init(0x0A), .none, .special, .exceptions),
        .init(.tryTable, "try_table", .init(0x1F), .tryTable, .special, .exceptions),
    ]
}
