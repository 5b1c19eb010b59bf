/// Spec: core/text — prints a module in the WebAssembly text format.
///
/// The output uses numeric indices and flat (unfolded) instructions, and writes every field out
/// in full, so that parsing it gives back the same module. Custom sections, which WebAssembly 2.0's
/// text format cannot express, are written as `@custom` annotations.
public func printModule(_ module: Module) -> String {
    var printer = ModulePrinter()
    printer.module(module)
    return printer.output
}

/// Builds the text of a module, one field per line.
public struct ModulePrinter {
    public init() {}
    var output = ""

    /// Spec: core/text/modules — `(module field*)`, fields in the order of the binary format.
    mutating func module(_ m: Module) {
        output += "(module\n"
        customs(m, after: 0)
        var index = 0
        for group in m.recursionGroups {
            if !group.isExplicit, group.members.count == 1 {
                line("(type (;\(index);) \(subType(group.members[0])))")
            } else {
                line("(rec" + group.members.enumerated().map { " (type (;\(index + $0.offset);) \(subType($0.element)))" }.joined() + ")")
            }
            index += group.members.count
        }
        customs(m, after: 1)
        for i in m.imports { line(importField(i)) }
        customs(m, after: 2)
        customs(m, after: 3)
        for t in m.tables {
            var text = "(table \(tableType(t.type))"
            if let initializer = t.initializer { text += " " + instructions(initializer) }
            line(text + ")")
        }
        customs(m, after: 4)
        for memory in m.memories { line("(memory \(memoryType(memory)))") }
        customs(m, after: 5)
        for tag in m.tags { line("(tag (type \(tag)))") }
        customs(m, after: 13)
        for g in m.globals {
            line("(global \(globalType(g.type)) \(instructions(g.initializer)))")
        }
        customs(m, after: 6)
        for e in m.exports { line("(export \(string(e.name)) \(exportDescriptor(e.descriptor)))") }
        customs(m, after: 7)
        if let start = m.start { line("(start \(start))") }
        customs(m, after: 8)
        for e in m.elements { line(elementSegment(e)) }
        customs(m, after: 9)
        customs(m, after: 12)
        let importedFunctions = m.importedFunctionTypes.count
        for (i, f) in m.functions.enumerated() { function(f, index: importedFunctions + i) }
        customs(m, after: 10)
        for d in m.data { line(dataSegment(d)) }
        customs(m, after: 11)
        output += ")\n"
    }

    private mutating func line(_ text: String) {
        output += "  " + text + "\n"
    }

    /// Custom sections, as `(@custom "name" (after section) "bytes")` annotations (the custom
    /// annotation of the text format's annotations proposal, which wasm-tools reads; parsers that
    /// do not know it skip it as an annotation).
    private mutating func customs(_ m: Module, after id: UInt8) {
        for c in m.customSections where c.after == id {
            line("(@custom \(string(c.name)) \(Self.placement(after: id)) \(string(c.bytes)))")
        }
    }

    /// The placement of a custom section that follows section `id`.
    static func placement(after id: UInt8) -> String {
        switch SectionID(rawValue: id) {
        case .type?: return "(after type)"
        case .import?: return "(after import)"
        case .function?: return "(after func)"
        case .table?: return "(after table)"
        case .memory?: return "(after memory)"
        case .tag?: return "(after tag)"
        case .global?: return "(after global)"
        case .export?: return "(after export)"
        case .start?: return "(after start)"
        case .element?: return "(after elem)"
        // The data count section has no placement name; it comes right before the code section.
        case .dataCount?: return "(before code)"
        case .code?: return "(after code)"
        case .data?: return "(after data)"
        case .custom?, nil: return "(before first)"
        }
    }

    /// The deepest indentation, so that deeply nested blocks keep the output linear in the module's size.
    static let maximumIndentation = 32

    /// Spec: core/text/modules#functions — `(func (type x) (local t*) instr*)`, one instruction a line.
    private mutating func function(_ f: Function, index: Int) {
        var head = "(func (;\(index);) (type \(f.typeIndex))"
        if !f.locals.isEmpty { head += " (local" + f.locals.map { " " + valueType($0) }.joined() + ")" }
        line(head)
        var depth = 2
        for instruction in f.body {
            if instruction.opcode == .end || instruction.opcode == .else { depth = max(2, depth - 1) }
            output += String(repeating: "  ", count: Swift.min(depth, Self.maximumIndentation)) + self.instruction(instruction) + "\n"
            switch instruction.opcode {
            case .block, .loop, .if, .else, .tryTable: depth += 1
            default: break
            }
        }
        line(")")
    }

    // MARK: Types

    public func valueType(_ t: ValueType) -> String {
        switch t {
        case .number(let n):
            switch n {
            case .i32: return "i32"
            case .i64: return "i64"
            case .f32: return "f32"
            case .f64: return "f64"
            }
        case .vector: return "v128"
        case .reference(let r): return referenceType(r)
        }
    }

    func heapType(_ h: HeapType) -> String {
        if case .concrete(let x) = h { return String(x) }
        return h.abstractInfo?.keyword ?? ""
    }

    /// Spec: core/text/types#reference-types — `funcref`, `externref`, or `(ref null? ht)`.
    public func referenceType(_ r: ReferenceType) -> String {
        if r.isNullable, let row = r.heapType.abstractInfo { return row.shorthand }
        return "(ref \(r.isNullable ? "null " : "")\(heapType(r.heapType)))"
    }

    public func functionSignature(_ t: FunctionType) -> String {
        var text = ""
        if !t.parameters.isEmpty { text += " (param" + t.parameters.map { " " + valueType($0) }.joined() + ")" }
        if !t.results.isEmpty { text += " (result" + t.results.map { " " + valueType($0) }.joined() + ")" }
        return text
    }

    /// Spec: core/text/types — `(sub final? x* comptype)`, or the composite type alone when final
    /// without supertypes.
    public func subType(_ s: SubType) -> String {
        let composite: String
        switch s.composite {
        case .function(let f): composite = "(func\(functionSignature(f)))"
        case .struct(let fields): composite = "(struct" + fields.map { " (field \(fieldType($0)))" }.joined() + ")"
        case .array(let f): composite = "(array \(fieldType(f)))"
        }
        if s.isAbbreviated { return composite }
        return "(sub" + (s.isFinal ? " final" : "") + s.supertypes.map { " \($0)" }.joined() + " \(composite))"
    }

    /// Spec: core/text/types — a field type: `i8`, `i16` or a value type, in `(mut ...)` when mutable.
    public func fieldType(_ f: CompositeType.Field) -> String {
        let storage: String
        switch f.storage {
        case .i8: storage = "i8"
        case .i16: storage = "i16"
        case .value(let t): storage = valueType(t)
        }
        return f.isMutable ? "(mut \(storage))" : storage
    }

    /// Spec: core/text/types#limits — the address type (memory64), minimum, and maximum.
    func limits(_ l: Limits) -> String {
        var text = l.addressType == .i64 ? "i64 " : ""
        text += String(l.min)
        if let max = l.max { text += " \(max)" }
        if l.isShared { text += " shared" }
        return text
    }

    func tableType(_ t: TableType) -> String { "\(limits(t.limits)) \(referenceType(t.elementType))" }

    func memoryType(_ m: MemoryType) -> String {
        guard m.pageSizeLog2 != nil else { return limits(m.limits) }
        return "\(limits(m.limits)) (pagesize \(m.bytesPerPage))"
    }

    func globalType(_ g: GlobalType) -> String {
        g.mutability == .variable ? "(mut \(valueType(g.valueType)))" : valueType(g.valueType)
    }

    // MARK: Imports, exports and segments

    public func importDescriptor(_ d: ImportDescriptor) -> String {
        switch d {
        case .function(let x): return "(func (type \(x)))"
        case .table(let t): return "(table \(tableType(t)))"
        case .memory(let m): return "(memory \(memoryType(m)))"
        case .global(let g): return "(global \(globalType(g)))"
        case .tag(let x): return "(tag (type \(x)))"
        }
    }

    /// Spec: core/text/modules#imports — an import, in the inline abbreviation
    /// `(func (import "m" "n") (type x))`, which means the same as `(import "m" "n" (func (type x)))`.
    func importField(_ i: Import) -> String {
        let names = "(import \(string(i.module)) \(string(i.name)))"
        switch i.descriptor {
        case .function(let x): return "(func \(names) (type \(x)))"
        case .table(let t): return "(table \(names) \(tableType(t)))"
        case .memory(let m): return "(memory \(names) \(memoryType(m)))"
        case .global(let g): return "(global \(names) \(globalType(g)))"
        case .tag(let x): return "(tag \(names) (type \(x)))"
        }
    }

    func exportDescriptor(_ d: ExportDescriptor) -> String {
        switch d {
        case .function(let x): return "(func \(x))"
        case .table(let x): return "(table \(x))"
        case .memory(let x): return "(memory \(x))"
        case .global(let x): return "(global \(x))"
        case .tag(let x): return "(tag \(x))"
        }
    }

    /// Spec: core/text/modules#element-segments — mode, then `func x*` or a reference type and items.
    func elementSegment(_ e: ElementSegment) -> String {
        var text = "(elem"
        switch e.mode {
        case .passive: break
        case .declarative: text += " declare"
        case .active(let table, let offset):
            if table != 0 || e.namesTable { text += " (table \(table))" }
            text += " (offset \(instructions(offset)))"
        }
        switch e.items {
        case .functions(let indices):
            text += " func" + indices.map { " \($0)" }.joined()
        case .expressions(let expressions):
            text += " " + referenceType(e.type)
            text += expressions.map { " (item \(instructions($0)))" }.joined()
        }
        return text + ")"
    }

    /// Spec: core/text/modules#data-segments — mode, then the bytes as a string.
    func dataSegment(_ d: DataSegment) -> String {
        var text = "(data"
        if case .active(let memory, let offset) = d.mode {
            if memory != 0 { text += " (memory \(memory))" }
            text += " (offset \(instructions(offset)))"
        }
        return text + " " + string(d.bytes) + ")"
    }

    // MARK: Instructions

    /// A constant expression (or any instruction sequence) on one line.
    func instructions(_ body: [Instruction]) -> String {
        body.map(instruction).joined(separator: " ")
    }

    /// Spec: core/text/instructions — one plain instruction: its name from the index of
    /// instructions, then its immediates by kind.
    func instruction(_ i: Instruction) -> String {
        let definition = i.opcode.definition
        let operands = immediate(i.immediate, kind: definition.immediates, opcode: i.opcode)
        return operands.isEmpty ? definition.name : definition.name + " " + operands
    }

    private func immediate(
        _ immediate: Immediate, kind: InstructionDefinition.ImmediateKind, opcode: Opcode
    ) -> String {
        switch immediate {
        case .none:
            return ""
        case .block(let type):
            switch type {
            case .empty: return ""
            case .value(let t): return "(result \(valueType(t)))"
            case .typeIndex(let x): return "(type \(x))"
            }
        case .index(let x):
            switch kind {
            case .memory, .memoryFill: return x == 0 ? "" : String(x)
            default: return String(x)
            }
        case .indices(let x, let y):
            switch kind {
            case .callIndirect: return "\(y) (type \(x))"
            case .tableInit: return "\(y) \(x)"
            case .memoryInit: return y == 0 ? String(x) : "\(y) \(x)"
            case .memoryCopy: return x == 0 && y == 0 ? "" : "\(x) \(y)"
            default: return "\(x) \(y)"
            }
        case .branchTable(let targets, let defaultTarget):
            return (targets + [defaultTarget]).map(String.init).joined(separator: " ")
        case .memory(let argument):
            return memoryArgument(argument, kind: kind)
        case .memoryLane(let argument, let lane):
            let memarg = memoryArgument(argument, kind: kind)
            return memarg.isEmpty ? String(lane) : "\(memarg) \(lane)"
        case .lane(let lane):
            return String(lane)
        case .shuffle(let lanes):
            return lanes.map(String.init).joined(separator: " ")
        case .i32(let v):
            return String(v)
        case .i64(let v):
            return String(v)
        case .f32(let bits):
            return FloatText.f32(bits)
        case .f64(let bits):
            return FloatText.f64(bits)
        case .v128(let v):
            let b = v.bytes
            let lanes = (0..<4).map { k -> String in
                let word = (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[k * 4 + $1]) << (8 * UInt32($1)) }
                return "0x" + String(word, radix: 16)
            }
            return "i32x4 " + lanes.joined(separator: " ")
        case .heapType(let h):
            return heapType(h)
        case .valueTypes(let types):
            return "(result" + types.map { " " + valueType($0) }.joined() + ")"
        case .tryTable(let type, let catches):
            let clauses = catches.map { c in "(\(c.kind.keyword)\(c.tag.map { " \($0)" } ?? "") \(c.label))" }
            return ([self.immediate(.block(type), kind: .blockType, opcode: opcode)] + clauses).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// Spec: core/text/instructions#memory-instructions — `memidx? offset=o? align=a?`, the
    /// alignment in bytes and left out when natural.
    private func memoryArgument(_ m: MemoryArgument, kind: InstructionDefinition.ImmediateKind) -> String {
        var parts: [String] = []
        if m.memory != 0 { parts.append(String(m.memory)) }
        if m.offset != 0 { parts.append("offset=\(m.offset)") }
        let natural: UInt32
        switch kind {
        case .memoryArgument(let n), .memoryLane(let n, _): natural = n
        default: natural = m.align
        }
        if m.align != natural, m.align < 64 { parts.append("align=\(UInt64(1) << UInt64(m.align))") }
        return parts.joined(separator: " ")
    }

    // MARK: Strings

    /// Spec: core/text/values#strings — a string literal: printable ASCII as is, other bytes as `\hh`.
    public func string(_ bytes: [UInt8]) -> String {
        var text = "\""
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16)
                text += "\\" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return text + "\""
    }

    public func string(_ s: String) -> String { string(Array(s.utf8)) }
}

/// Spec: core/text/values#floating-point — floats written exactly: hexadecimal significands,
/// `inf`, and `nan:0x` with the payload.
enum FloatText {
    static func f32(_ bits: UInt32) -> String {
        format(sign: bits >> 31 != 0, exponent: UInt64((bits >> 23) & 0xFF), mantissa: UInt64(bits & 0x7F_FFFF),
               exponentBits: 8, mantissaBits: 23)
    }

    static func f64(_ bits: UInt64) -> String {
        format(sign: bits >> 63 != 0, exponent: (bits >> 52) & 0x7FF, mantissa: bits & 0xF_FFFF_FFFF_FFFF,
               exponentBits: 11, mantissaBits: 52)
    }

    private static func format(sign: Bool, exponent: UInt64, mantissa: UInt64, exponentBits: UInt64, mantissaBits: UInt64) -> String {
        let prefix = sign ? "-" : ""
        let maxExponent: UInt64 = (1 << exponentBits) - 1
        let bias = Int64((1 << (exponentBits - 1)) - 1)
        if exponent == maxExponent {
            return prefix + (mantissa == 0 ? "inf" : "nan:0x" + String(mantissa, radix: 16))
        }
        if exponent == 0 && mantissa == 0 { return prefix + "0x0p+0" }
        // The significand's fraction as whole hex digits (pad the bit count up to a multiple of 4).
        let digits = Int((mantissaBits + 3) / 4)
        let shifted = mantissa << (UInt64(digits * 4) - mantissaBits)
        var fraction = String(shifted, radix: 16)
        fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let lead = exponent == 0 ? "0" : "1"
        let power = exponent == 0 ? 1 - bias : Int64(exponent) - bias
        let body = fraction.isEmpty ? "0x\(lead)" : "0x\(lead).\(fraction)"
        return prefix + body + "p" + (power >= 0 ? "+" : "") + String(power)
    }
}
