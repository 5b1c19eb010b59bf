import WasmCore

/// Spec: interpreter/README.md, "Scripts" — `const`: an argument value written in a script.
public enum ScriptValue: Hashable, Sendable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    /// An `f32`, by its bits (so NaN payloads survive).
    case f32(UInt32)
    /// An `f64`, by its bits.
    case f64(UInt64)
    case v128(V128)
    /// `(ref.null func)` or `(ref.null extern)`.
    case refNull(HeapType)
    /// `(ref.extern N)`: the host reference numbered `N`.
    case refExtern(UInt32)

    public var description: String {
        switch self {
        case .i32(let v): return "(i32.const \(Int32(bitPattern: v)))"
        case .i64(let v): return "(i64.const \(Int64(bitPattern: v)))"
        case .f32(let b): return "(f32.const \(FloatBits.describe32(b)))"
        case .f64(let b): return "(f64.const \(FloatBits.describe64(b)))"
        case .v128(let v): return "(v128.const i32x4 \(v.i32Lanes.map { "0x" + String($0, radix: 16) }.joined(separator: " ")))"
        case .refNull(let h): return "(ref.null \(h.scriptName))"
        case .refExtern(let n): return "(ref.extern \(n))"
        }
    }
}

/// Spec: interpreter/README.md, "Scripts" — `result`: what `assert_return` expects of one result.
public enum ResultPattern: Hashable, Sendable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    case f32(FloatPattern)
    case f64(FloatPattern)
    /// A vector, lane by lane in the given shape (float lanes may be NaN patterns).
    case v128(LaneShape, [FloatPattern])
    /// `(ref.null func|extern)`.
    case refNull(HeapType)
    /// `(ref.extern N)`, or `(ref.extern)` for any host reference.
    case refExtern(UInt32?)
    /// `(ref.func)`: any non-null function reference.
    case refFunc

    public var description: String {
        switch self {
        case .i32(let v): return "(i32.const \(Int32(bitPattern: v)))"
        case .i64(let v): return "(i64.const \(Int64(bitPattern: v)))"
        case .f32(let p): return "(f32.const \(p.describe(bitWidth: 32)))"
        case .f64(let p): return "(f64.const \(p.describe(bitWidth: 64)))"
        case .v128(let shape, let lanes):
            return "(v128.const \(shape) \(lanes.map { $0.describe(bitWidth: shape.isFloat ? shape.laneBits : 0) }.joined(separator: " ")))"
        case .refNull(let h): return "(ref.null \(h.scriptName))"
        case .refExtern(let n): return n.map { "(ref.extern \($0))" } ?? "(ref.extern)"
        case .refFunc: return "(ref.func)"
        }
    }
}

/// Spec: interpreter/README.md, "Scripts" — `num_pat`: an exact value (by bits) or a NaN class.
public enum FloatPattern: Hashable, Sendable {
    /// Exactly these bits (integer lanes use this case too).
    case bits(UInt64)
    /// `nan:canonical`: a NaN whose payload is exactly the canonical one (sign ignored).
    case canonicalNaN
    /// `nan:arithmetic`: a NaN whose payload has its most significant bit set (sign ignored).
    case arithmeticNaN

    /// Whether a value of `bitWidth` bits (32 or 64; integer lanes use 8 or 16 too) matches.
    public func matches(_ value: UInt64, bitWidth: Int) -> Bool {
        switch self {
        case .bits(let b):
            return b == value
        case .canonicalNaN, .arithmeticNaN:
            guard let layout = FloatBits.Layout(bitWidth: bitWidth) else { return false }
            let exponentAll = value & layout.exponentMask == layout.exponentMask
            let payload = value & layout.fractionMask
            if self == .canonicalNaN { return exponentAll && payload == layout.quietBit }
            return exponentAll && payload & layout.quietBit != 0
        }
    }

    /// The pattern as a script writes it; `bitWidth` 32 or 64 reads exact bits as a float, any other as an integer.
    func describe(bitWidth: Int) -> String {
        switch self {
        case .canonicalNaN: return "nan:canonical"
        case .arithmeticNaN: return "nan:arithmetic"
        case .bits(let b):
            switch bitWidth {
            case 32: return FloatBits.describe32(UInt32(truncatingIfNeeded: b))
            case 64: return FloatBits.describe64(b)
            default: return String(b)
            }
        }
    }
}

/// Spec: core/syntax/instructions — the lane shapes of `v128.const` (`i8x16` ... `f64x2`).
public enum LaneShape: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case i8x16, i16x8, i32x4, i64x2, f32x4, f64x2

    /// The width of one lane in bits.
    public var laneBits: Int {
        switch self {
        case .i8x16: return 8
        case .i16x8: return 16
        case .i32x4, .f32x4: return 32
        case .i64x2, .f64x2: return 64
        }
    }

    /// The number of lanes.
    public var laneCount: Int { 128 / laneBits }

    /// Whether the lanes are floating-point numbers.
    public var isFloat: Bool { self == .f32x4 || self == .f64x2 }

    public var description: String { rawValue }
}

extension V128 {
    /// The lanes of the vector in `shape`, each zero-extended to 64 bits.
    public func lanes(_ shape: LaneShape) -> [UInt64] {
        let bytes = self.bytes
        let width = shape.laneBits / 8
        return (0..<shape.laneCount).map { lane in
            var value: UInt64 = 0
            for i in 0..<width { value |= UInt64(bytes[lane * width + i]) << (8 * UInt64(i)) }
            return value
        }
    }

    /// Builds a vector from lanes of `shape` (each truncated to the lane width).
    public init(lanes: [UInt64], shape: LaneShape) {
        let width = shape.laneBits / 8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for lane in lanes.prefix(shape.laneCount) {
            for i in 0..<width { bytes.append(UInt8(truncatingIfNeeded: lane >> (8 * UInt64(i)))) }
        }
        self.init(bytes: bytes)
    }

    var i32Lanes: [UInt32] { lanes(.i32x4).map { UInt32(truncatingIfNeeded: $0) } }
}

extension HeapType {
    /// The heap type as scripts write it after `ref.null`.
    var scriptName: String {
        switch self {
        case .concrete(let i): return String(i)
        default: return abstractInfo?.keyword ?? ""
        }
    }
}

/// Bit layouts of IEEE 754 binary32/binary64, for NaN classes and printing.
enum FloatBits {
    struct Layout {
        let exponentMask: UInt64
        let fractionMask: UInt64
        let quietBit: UInt64

        init?(bitWidth: Int) {
            switch bitWidth {
            case 32: exponentMask = 0x7f80_0000; fractionMask = 0x007f_ffff; quietBit = 0x0040_0000
            case 64: exponentMask = 0x7ff0_0000_0000_0000; fractionMask = 0x000f_ffff_ffff_ffff; quietBit = 0x0008_0000_0000_0000
            default: return nil
            }
        }
    }

    /// An `f32` for messages: its value, and its bits when it is a NaN.
    static func describe32(_ bits: UInt32) -> String {
        let f = Float(bitPattern: bits)
        return f.isNaN ? "\(bits >> 31 == 1 ? "-" : "")nan:0x\(String(bits & 0x7f_ffff, radix: 16))" : "\(f)"
    }

    /// An `f64` for messages: its value, and its bits when it is a NaN.
    static func describe64(_ bits: UInt64) -> String {
        let f = Double(bitPattern: bits)
        return f.isNaN ? "\(bits >> 63 == 1 ? "-" : "")nan:0x\(String(bits & 0xf_ffff_ffff_ffff, radix: 16))" : "\(f)"
    }
}
