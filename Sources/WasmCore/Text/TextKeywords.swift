/// Spec: core/text/lexical — the keywords the text format (and the script format around it) knows.
///
/// The reference interpreter rejects any other keyword already when lexing, as "unknown operator";
/// the parser does the same when it meets one where it expected something else.
public enum TextKeywords {
    /// The structural keywords of modules and scripts, besides instruction names.
    static let structural: Set<String> = [
        "module", "type", "func", "param", "result", "local", "import", "export", "table", "memory",
        "global", "mut", "elem", "data", "start", "offset", "item", "declare", "then", "else", "end",
        "funcref", "externref", "ref", "null", "extern", "i32", "i64", "f32", "f64", "v128", "shared",
        "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "binary", "quote", "definition", "instance",
        "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion", "assert_malformed",
        "assert_invalid", "assert_unlinkable", "assert_exception", "assert_suspension", "script", "input",
        "output", "either", "nan:canonical", "nan:arithmetic", "ref.extern", "ref.host", "tag", "rec", "sub",
        "final", "struct", "array", "field", "any", "eq", "i31", "none", "noextern", "nofunc", "exn", "noexn",
        "cont", "nocont", "i8", "i16", "pagesize", "component", "core",
    ]

    /// Spec: core/text/instructions — the GC instructions (aggregates, casts, `i31`), which WasmCore
    /// does not read yet: a body using one fails as an unknown operator that says so.
    static let unsupportedGCInstructions: Set<String> = [
        "struct.new", "struct.new_default", "struct.get", "struct.get_s", "struct.get_u", "struct.set",
        "array.new", "array.new_default", "array.new_fixed", "array.new_data", "array.new_elem", "array.get",
        "array.get_s", "array.get_u", "array.set", "array.len", "array.fill", "array.copy", "array.init_data",
        "array.init_elem", "ref.test", "ref.cast", "br_on_cast", "br_on_cast_fail", "any.convert_extern",
        "extern.convert_any", "ref.i31", "i31.get_s", "i31.get_u", "ref.eq",
    ]

    /// Whether `keyword` is a keyword of the text format: a structural keyword, an instruction name,
    /// or a memory-argument field (`offset=`, `align=`).
    public static func isKnown(_ keyword: String) -> Bool {
        structural.contains(keyword) || InstructionTable.byName[keyword] != nil
            || keyword.hasPrefix("offset=") || keyword.hasPrefix("align=")
    }
}
