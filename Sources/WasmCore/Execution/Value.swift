/// Spec: core/exec/runtime#values — a runtime value: a number, a vector, or a reference.
///
/// Floating-point values are kept as their bit patterns, so NaN payloads survive every move.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    /// An `f32`, by its bits.
    case f32(UInt32)
    /// An `f64`, by its bits.
    case f64(UInt64)
    case v128(V128)
    case ref(Reference)

    /// Spec: core/exec/runtime#default-val — the default value of a value type (zero, or a null reference).
    public static func defaultValue(of type: ValueType) -> Value {
        switch type {
        case .number(.i32): return .i32(0)
        case .number(.i64): return .i64(0)
        case .number(.f32): return .f32(0)
        case .number(.f64): return .f64(0)
        case .vector: return .v128(.zero)
        case .reference(let r): return .ref(.null(r.heapType))
        }
    }

    /// Whether the value is of the given value type (references: by their heap type, nulls by nullability).
    public func isOfType(_ type: ValueType) -> Bool {
        switch (self, type) {
        case (.i32, .number(.i32)), (.i64, .number(.i64)), (.f32, .number(.f32)), (.f64, .number(.f64)),
             (.v128, .vector(.v128)):
            return true
        case (.ref(let r), .reference(let t)):
            switch r {
            case .null: return t.isNullable
            case .function: return t.heapType == .func || { if case .concrete = t.heapType { return true }; return false }()
            case .extern: return t.heapType == .extern || t.heapType == .any
            case .exception: return t.heapType == .exn
            }
        default:
            return false
        }
    }

    public var description: String {
        switch self {
        case .i32(let v): return "i32:\(v)"
        case .i64(let v): return "i64:\(v)"
        case .f32(let v): return "f32:\(Float(bitPattern: v)) (0x\(String(v, radix: 16)))"
        case .f64(let v): return "f64:\(Double(bitPattern: v)) (0x\(String(v, radix: 16)))"
        case .v128(let v): return "v128:0x\(String(v.high, radix: 16))_\(String(v.low, radix: 16))"
        case .ref(let r): return r.description
        }
    }
}

/// Spec: core/exec/runtime#values — reference values: null, a function address, an exception address
/// (`exnref`), or an external (host) reference.
public enum Reference: Hashable, Sendable, CustomStringConvertible {
    case null(HeapType)
    /// A function, by its address in the store.
    case function(FunctionAddress)
    /// An opaque host reference (`ref.extern N` in scripts).
    case extern(UInt32)
    /// An exception (`ref.exn a`), by its address in the store.
    case exception(ExceptionAddress)

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .null(let h): return "ref.null \(h)"
        case .function(let a): return "ref.func @\(a)"
        case .extern(let n): return "ref.extern \(n)"
        case .exception(let a): return "ref.exn @\(a)"
        }
    }
}

/// Spec: core/exec/runtime#addresses — store addresses, as indices into the store's lists.
public typealias FunctionAddress = Int
public typealias TableAddress = Int
public typealias MemoryAddress = Int
public typealias GlobalAddress = Int
public typealias ElementAddress = Int
public typealias DataAddress = Int
public typealias ExceptionAddress = Int

/// The interpreter's uniform 64-bit slot encoding of a value; the type is always known statically.
///
/// Numbers are their bits (`i32`/`f32` zero-extended); a reference is `0` for null and the function
/// or exception address or extern payload plus one otherwise. Vectors do not fit a slot (see `Interpreter`).
enum Slot {
    @inline(__always)
    static func encode(_ reference: Reference) -> UInt64 {
        switch reference {
        case .null: return 0
        case .function(let a): return UInt64(a) &+ 1
        case .extern(let n): return UInt64(n) &+ 1
        case .exception(let a): return UInt64(a) &+ 1
        }
    }

    @inline(__always)
    static func decodeReference(_ slot: UInt64, heapType: HeapType) -> Reference {
        if slot == 0 { return .null(heapType) }
        switch heapType {
        case .extern, .noextern, .any: return .extern(UInt32(truncatingIfNeeded: slot &- 1))
        case .exn, .noexn: return .exception(Int(truncatingIfNeeded: slot &- 1))
        // GC references other than null are never created by the interpreter.
        default: return .function(Int(truncatingIfNeeded: slot &- 1))
        }
    }

    static func encode(_ value: Value) -> UInt64 {
        switch value {
        case .i32(let v): return UInt64(v)
        case .i64(let v): return v
        case .f32(let v): return UInt64(v)
        case .f64(let v): return v
        case .v128(let v): return v.low
        case .ref(let r): return encode(r)
        }
    }

    static func decode(_ slot: UInt64, as type: ValueType) -> Value {
        switch type {
        case .number(.i32): return .i32(UInt32(truncatingIfNeeded: slot))
        case .number(.i64): return .i64(slot)
        case .number(.f32): return .f32(UInt32(truncatingIfNeeded: slot))
        case .number(.f64): return .f64(slot)
        case .vector: return .v128(V128(low: slot, high: 0))
        case .reference(let r): return .ref(decodeReference(slot, heapType: r.heapType))
        }
    }
}
