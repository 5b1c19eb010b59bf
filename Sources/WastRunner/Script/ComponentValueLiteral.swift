import WasmCore

/// A component value as a `.wast` script writes it: the argument of a component `invoke`, or the
/// expected result of an `assert_return` over one.
///
/// The forms (see ../shared/testsuite/SOURCES.md; wasm-tools' `wast` crate reads the same ones):
///
/// | script form                       | case                     |
/// | --------------------------------- | ------------------------ |
/// | `(bool.const true)`               | `.bool(true)`            |
/// | `(u8.const 7)` ... `(s64.const -1)` | `.u8(7)` ... `.s64(-1)` |
/// | `(f32.const 1.5)`, `(f64.const nan)` | `.f32(.bits(...))`, `.f64(...)` |
/// | `(char.const "x")`                | `.char("x")`             |
/// | `(str.const "hi")`                | `.string("hi")`          |
/// | `(list.const v*)`                 | `.list([...])`           |
/// | `(tuple.const v*)`                | `.tuple([...])`          |
/// | `(record.const (field "a" v)*)`   | `.record([Field])`       |
/// | `(variant.const "case" v?)`       | `.variant(case:payload:)` |
/// | `(enum.const "case")`             | `.enumCase("case")`      |
/// | `(flags.const "a"*)`              | `.flags(["a", ...])`     |
/// | `(option.none)`, `(option.some v)` | `.optionNone`, `.optionSome(v)` |
/// | `(result.ok v?)`, `(result.err v?)` | `.resultOk(v?)`, `.resultErr(v?)` |
///
/// Nested values are written in parentheses, as above, except inside `(field "name" v)`, where the
/// value's keyword follows the name directly (`(field "n" u32.const 7)`), as the component-model
/// suite writes it; the parenthesised form `(field "n" (u32.const 7))` is accepted too.
///
/// A literal carries no type: the function's type (known once the component is instantiated) says
/// how it is lifted or lowered. Converting a literal to a Canonical ABI value is the execution
/// engine's job (it alone knows the types); this type only records what the script says.
public indirect enum ComponentValueLiteral: Hashable, Sendable {
    case bool(Bool)
    case u8(UInt8)
    case s8(Int8)
    case u16(UInt16)
    case s16(Int16)
    case u32(UInt32)
    case s32(Int32)
    case u64(UInt64)
    case s64(Int64)
    /// `f32.const`: the value's bits (in the low 32 bits of `.bits`), or, as an expected result only,
    /// `nan:canonical` / `nan:arithmetic`.
    case f32(FloatPattern)
    /// `f64.const`: the value's bits, or a NaN pattern as for `f32`.
    case f64(FloatPattern)
    /// `char.const "c"`: exactly one Unicode scalar value.
    case char(Unicode.Scalar)
    /// `str.const "..."`: well-formed UTF-8 text. Compare with `==` on `unicodeScalars` (see
    /// DESIGN.md, Strings), never with `String ==`.
    case string(String)
    case list([ComponentValueLiteral])
    case tuple([ComponentValueLiteral])
    case record([Field])
    /// `variant.const "case" v?`: the case's name and its payload, if written.
    case variant(case: String, payload: ComponentValueLiteral?)
    case enumCase(String)
    /// `flags.const "a"*`: the names of the flags that are set, in the order written.
    case flags([String])
    case optionNone
    case optionSome(ComponentValueLiteral)
    case resultOk(ComponentValueLiteral?)
    case resultErr(ComponentValueLiteral?)

    /// One `(field "name" v)` of a `record.const`.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: ComponentValueLiteral

        public init(name: String, value: ComponentValueLiteral) {
            self.name = name
            self.value = value
        }
    }

    /// The keywords that start a component value literal.
    public static let keywords: Set<String> = [
        "bool.const", "u8.const", "s8.const", "u16.const", "s16.const", "u32.const", "s32.const",
        "u64.const", "s64.const", "f32.const", "f64.const", "char.const", "str.const", "list.const",
        "tuple.const", "record.const", "variant.const", "enum.const", "flags.const", "option.none",
        "option.some", "result.ok", "result.err",
    ]

    /// Whether the literal (at any depth) holds a NaN pattern, which only an expected result may.
    public var hasNaNPattern: Bool {
        switch self {
        case .f32(let p), .f64(let p): return p == .canonicalNaN || p == .arithmeticNaN
        case .list(let vs), .tuple(let vs): return vs.contains { $0.hasNaNPattern }
        case .record(let fs): return fs.contains { $0.value.hasNaNPattern }
        case .variant(_, let v), .resultOk(let v), .resultErr(let v): return v?.hasNaNPattern ?? false
        case .optionSome(let v): return v.hasNaNPattern
        default: return false
        }
    }
}

extension ComponentValueLiteral: CustomStringConvertible {
    /// The literal in the script's own syntax, e.g. `(record.const (field "a" u32.const 1))`.
    public var description: String { "(\(body))" }

    /// The literal without its enclosing parentheses.
    var body: String {
        // The text format's string syntax, as the core printer writes names.
        func quoted(_ s: String) -> String { ModulePrinter().string(s) }
        func float(_ p: FloatPattern, _ width: Int) -> String {
            switch p {
            case .canonicalNaN: return "nan:canonical"
            case .arithmeticNaN: return "nan:arithmetic"
            case .bits(let b):
                if width == 32 {
                    let f = Float(bitPattern: UInt32(truncatingIfNeeded: b))
                    return f.isNaN ? "nan:0x\(String(b & 0x7F_FFFF, radix: 16))" : "\(f)"
                }
                let d = Double(bitPattern: b)
                return d.isNaN ? "nan:0x\(String(b & 0xF_FFFF_FFFF_FFFF, radix: 16))" : "\(d)"
            }
        }
        func values(_ vs: [ComponentValueLiteral]) -> String { vs.map { " \($0)" }.joined() }
        switch self {
        case .bool(let b): return "bool.const \(b)"
        case .u8(let v): return "u8.const \(v)"
        case .s8(let v): return "s8.const \(v)"
        case .u16(let v): return "u16.const \(v)"
        case .s16(let v): return "s16.const \(v)"
        case .u32(let v): return "u32.const \(v)"
        case .s32(let v): return "s32.const \(v)"
        case .u64(let v): return "u64.const \(v)"
        case .s64(let v): return "s64.const \(v)"
        case .f32(let p): return "f32.const \(float(p, 32))"
        case .f64(let p): return "f64.const \(float(p, 64))"
        case .char(let c): return "char.const \(quoted(String(c)))"
        case .string(let s): return "str.const \(quoted(s))"
        case .list(let vs): return "list.const" + values(vs)
        case .tuple(let vs): return "tuple.const" + values(vs)
        case .record(let fs): return "record.const" + fs.map { " (field \(quoted($0.name)) \($0.value.body))" }.joined()
        case .variant(let name, let v): return "variant.const \(quoted(name))" + (v.map { " \($0)" } ?? "")
        case .enumCase(let name): return "enum.const \(quoted(name))"
        case .flags(let names): return "flags.const" + names.map { " \(quoted($0))" }.joined()
        case .optionNone: return "option.none"
        case .optionSome(let v): return "option.some \(v)"
        case .resultOk(let v): return "result.ok" + (v.map { " \($0)" } ?? "")
        case .resultErr(let v): return "result.err" + (v.map { " \($0)" } ?? "")
        }
    }
}

/// Reads component value literals from a script.
extension ScriptParser {
    /// A parenthesised component value literal: `(u32.const 1)`, `(str.const "x")`, ...
    ///
    /// - Parameter patterns: whether `nan:canonical` / `nan:arithmetic` may stand for a float (only in
    ///   expected results).
    mutating func componentValue(patterns: Bool) throws -> ComponentValueLiteral {
        try cursor.expectLeftParen()
        let value = try componentValueBody(patterns: patterns, depth: 0)
        try cursor.expectRightParen()
        return value
    }

    /// The deepest nesting of literals accepted; deeper input is a located error, not a stack overflow.
    static let maximumValueDepth = 500

    /// A literal's keyword and operands, without the enclosing parentheses.
    mutating func componentValueBody(patterns: Bool, depth: Int) throws -> ComponentValueLiteral {
        guard depth < Self.maximumValueDepth else { throw cursor.error("component value nested too deeply") }
        guard let keywordToken = cursor.peek, keywordToken.kind == .keyword else {
            throw cursor.error("expected a component value (`u32.const`, `str.const`, ...)")
        }
        let keyword = cursor.text(of: keywordToken)
        try cursor.next()
        func nested(_ parser: inout ScriptParser) throws -> ComponentValueLiteral {
            try parser.cursor.expectLeftParen()
            let v = try parser.componentValueBody(patterns: patterns, depth: depth + 1)
            try parser.cursor.expectRightParen()
            return v
        }
        func optionalNested(_ parser: inout ScriptParser) throws -> ComponentValueLiteral? {
            parser.cursor.peek?.kind == .leftParen ? try nested(&parser) : nil
        }
        switch keyword {
        case "bool.const":
            if cursor.takeKeyword("true") { return .bool(true) }
            if cursor.takeKeyword("false") { return .bool(false) }
            throw cursor.error("expected `true` or `false`")
        case "u8.const": return .u8(UInt8(try unsignedInteger(bits: 8)))
        case "u16.const": return .u16(UInt16(try unsignedInteger(bits: 16)))
        case "u32.const": return .u32(UInt32(try unsignedInteger(bits: 32)))
        case "u64.const": return .u64(try unsignedInteger(bits: 64))
        case "s8.const": return .s8(Int8(try signedInteger(bits: 8)))
        case "s16.const": return .s16(Int16(try signedInteger(bits: 16)))
        case "s32.const": return .s32(Int32(try signedInteger(bits: 32)))
        case "s64.const": return .s64(try signedInteger(bits: 64))
        case "f32.const", "f64.const":
            let width = keyword == "f32.const" ? 32 : 64
            let at = cursor.location
            let pattern = try floatPattern(bitWidth: width)
            if !patterns && !pattern.isBits {
                throw WasmError(.malformed, "a NaN pattern is only allowed in an expected result", at: at)
            }
            return width == 32 ? .f32(pattern) : .f64(pattern)
        case "char.const":
            let at = cursor.location
            let text = try cursor.expectName()
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 1 else {
                throw WasmError(.malformed, "a `char.const` holds exactly one character, got \(scalars.count)", at: at)
            }
            return .char(scalars[0])
        case "str.const":
            return .string(try cursor.expectName())
        case "list.const", "tuple.const":
            var values: [ComponentValueLiteral] = []
            while cursor.peek?.kind == .leftParen { values.append(try nested(&self)) }
            return keyword == "list.const" ? .list(values) : .tuple(values)
        case "record.const":
            var fields: [ComponentValueLiteral.Field] = []
            while cursor.takeLeftParen("field") {
                let name = try cursor.expectName()
                let value = cursor.peek?.kind == .leftParen
                    ? try nested(&self) : try componentValueBody(patterns: patterns, depth: depth + 1)
                try cursor.expectRightParen()
                fields.append(.init(name: name, value: value))
            }
            return .record(fields)
        case "variant.const":
            let name = try cursor.expectName()
            return .variant(case: name, payload: try optionalNested(&self))
        case "enum.const":
            return .enumCase(try cursor.expectName())
        case "flags.const":
            var names: [String] = []
            while cursor.peek?.kind == .string { names.append(try cursor.expectName()) }
            return .flags(names)
        case "option.none": return .optionNone
        case "option.some": return .optionSome(try nested(&self))
        case "result.ok": return .resultOk(try optionalNested(&self))
        case "result.err": return .resultErr(try optionalNested(&self))
        default:
            throw cursor.error("unknown component value `\(keyword)`", at: keywordToken)
        }
    }

    /// `uN`: an unsigned literal below 2^bits.
    mutating func unsignedInteger(bits: Int) throws -> UInt64 {
        guard let t = cursor.peek, t.kind == .unsigned else {
            throw cursor.error("expected an unsigned integer")
        }
        guard let v = NumberLiteral.unsignedValue(cursor.bytes(of: t)), bits == 64 || v < (1 << UInt64(bits)) else {
            throw cursor.error("constant out of range for u\(bits)", at: t)
        }
        try cursor.next()
        return v
    }

    /// `sN`: a literal between -2^(bits-1) and 2^(bits-1)-1, optionally signed.
    mutating func signedInteger(bits: Int) throws -> Int64 {
        guard let t = cursor.peek, t.kind == .unsigned || t.kind == .signed else {
            throw cursor.error("expected an integer")
        }
        var digits = cursor.bytes(of: t)
        let negative = digits.first == UInt8(ascii: "-")
        if t.kind == .signed { digits = digits.dropFirst() }
        let limit = UInt64(1) << UInt64(bits - 1)
        guard let magnitude = NumberLiteral.unsignedValue(digits), magnitude <= (negative ? limit : limit - 1) else {
            throw cursor.error("constant out of range for s\(bits)", at: t)
        }
        try cursor.next()
        return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    }
}

extension FloatPattern {
    /// Whether the pattern is exact bits (not `nan:canonical` / `nan:arithmetic`).
    var isBits: Bool {
        if case .bits = self { return true }
        return false
    }
}
