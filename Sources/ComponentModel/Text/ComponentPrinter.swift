import WasmCore

/// Spec: Explainer.md — prints a component in the text format.
///
/// The output uses numeric indices and writes every definition in its explicit form (no inline
/// types, aliases or exports), so parsing it gives back the same definitions. Custom sections have
/// no text form; they are noted as comments.
public func printComponent(_ component: Component) -> String {
    var p = ComponentPrinter()
    p.component(component, indent: "")
    return p.output
}

struct ComponentPrinter {
    var output = ""
    let core = ModulePrinter()

    func q(_ s: String) -> String { core.string(s) }

    mutating func line(_ indent: String, _ text: String) { output += indent + text + "\n" }

    mutating func component(_ c: Component, indent: String) {
        line(indent, "(component")
        for d in c.definitions { definition(d, indent: indent + "  ") }
        line(indent, ")")
    }

    mutating func definition(_ d: Definition, indent: String) {
        switch d {
        case .coreModule(let m):
            var text = printModule(m)
            if text.hasPrefix("(module") { text.removeFirst("(module".count) }
            line(indent, "(core module" + text.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent))
        case .coreInstance(let i): line(indent, coreInstance(i))
        case .coreType(let t): line(indent, coreTypeField(t, keyword: "core type"))
        case .component(let c): component(c, indent: indent)
        case .instance(let i): line(indent, instance(i))
        case .alias(let a): line(indent, alias(a))
        case .type(let t): line(indent, "(type \(typeDefinition(t)))")
        case .canon(let c): line(indent, canon(c))
        case .start(let s):
            let args = s.arguments.map { " (value \($0))" }.joined()
            let results = String(repeating: " (result (value))", count: Int(s.resultCount))
            line(indent, "(start \(s.function)\(args)\(results))")
        case .import(let i): line(indent, "(import \(externName(i.name)) \(externType(i.type)))")
        case .export(let e):
            let t = e.type.map { " " + externType($0) } ?? ""
            line(indent, "(export \(externName(e.name)) \(sortIndex(e.item))\(t))")
        case .value(let v):
            line(indent, "(value \(valueType(v.type)) (binary \(core.string(v.bytes))))")
        case .custom(let name, let bytes):
            line(indent, ";; custom section \(q(name)), \(bytes.count) bytes")
        }
    }

    func coreInstance(_ i: CoreInstance) -> String {
        switch i {
        case .instantiate(let m, let args):
            return "(core instance (instantiate \(m)" + args.map { "\n  (with \(q($0.name)) (\($0.sort.keyword) \($0.index)))" }.joined() + "))"
        case .exports(let es):
            return "(core instance" + es.map { "\n  (export \(q($0.name)) (\($0.sort.keyword) \($0.index)))" }.joined() + ")"
        }
    }

    func instance(_ i: Instance) -> String {
        switch i {
        case .instantiate(let c, let args):
            return "(instance (instantiate \(c)" + args.map { "\n  (with \(q($0.name)) \(sortIndex($0.item)))" }.joined() + "))"
        case .exports(let es):
            return "(instance" + es.map { "\n  (export \(externName($0.name)) \(sortIndex($0.item)))" }.joined() + ")"
        }
    }

    func sortIndex(_ s: SortIndex) -> String { "(\(s.sort.keyword) \(s.index))" }

    func alias(_ a: Alias) -> String {
        switch a.target {
        case .export(let i, let n): return "(alias export \(i) \(q(n)) (\(a.sort.keyword)))"
        case .coreExport(let i, let n): return "(alias core export \(i) \(q(n)) (\(a.sort.keyword)))"
        case .outer(let c, let i): return "(alias outer \(c) \(i) (\(a.sort.keyword)))"
        }
    }

    func externName(_ n: ExternName) -> String {
        q(n.name) + n.attributes.map { " (\($0.keyword) \(q($0.value)))" }.joined()
    }

    func externType(_ t: ExternType) -> String {
        switch t {
        case .coreModule(let i): return "(core module (type \(i)))"
        case .function(let i): return "(func (type \(i)))"
        case .value(let v): return "(value \(valueType(v)))"
        case .type(.equal(let i)): return "(type (eq \(i)))"
        case .type(.subResource): return "(type (sub resource))"
        case .component(let i): return "(component (type \(i)))"
        case .instance(let i): return "(instance (type \(i)))"
        }
    }

    /// `(core type t)` (`(type t)` in a module type), or a rec group `(core rec (type t)*)`.
    func coreTypeField(_ t: CoreType, keyword: String) -> String {
        guard case .rec(let members) = t else { return "(\(keyword) \(coreType(t)))" }
        let rec = keyword == "type" ? "rec" : "core rec"
        return "(\(rec)" + members.map { " (type \(subType($0)))" }.joined() + ")"
    }

    func coreType(_ t: CoreType) -> String {
        switch t {
        case .function(let f): return "(func\(core.functionSignature(f)))"
        case .module(let decls):
            return "(module" + decls.map { "\n  " + coreModuleDeclaration($0) }.joined() + ")"
        case .sub(let s): return subType(s)
        case .rec(let members): return "(rec" + members.map { " (type \(subType($0)))" }.joined() + ")"
        }
    }

    /// Spec: core/text/types (GC) — `(sub final? x* comptype)`, or the composite type alone.
    func subType(_ s: CoreSubType) -> String { core.subType(s) }

    func coreModuleDeclaration(_ d: CoreModuleDeclaration) -> String {
        switch d {
        case .import(let i): return "(import \(q(i.module)) \(q(i.name)) \(core.importDescriptor(i.descriptor)))"
        case .type(let t): return coreTypeField(t, keyword: "type")
        case .outerTypeAlias(let c, let i): return "(alias outer \(c) \(i) (type))"
        case .export(let n, let d): return "(export \(q(n)) \(core.importDescriptor(d)))"
        }
    }

    func valueType(_ t: ComponentValueType) -> String {
        switch t {
        case .primitive(let p): return p.keyword
        case .index(let i): return "\(i)"
        }
    }

    func typeDefinition(_ t: TypeDefinition) -> String {
        switch t {
        case .value(.primitive(let p)): return p.keyword
        case .value(let v): return definedValueType(v)
        case .function(let f):
            return "(func" + (f.isAsync ? " async" : "") + f.parameters.map { " (param \(q($0.label)) \(valueType($0.type)))" }.joined()
                + (f.result.map { " (result \(valueType($0)))" } ?? "") + ")"
        case .component(let decls): return "(component" + decls.map { "\n  " + declaration($0) }.joined() + ")"
        case .instance(let decls): return "(instance" + decls.map { "\n  " + declaration($0) }.joined() + ")"
        case .resource(let r):
            return "(resource (rep \(core.valueType(r.representation)))" + (r.destructor.map { " (dtor \($0))" } ?? "") + ")"
        }
    }

    func declaration(_ d: Declaration) -> String {
        switch d {
        case .coreType(let t): return coreTypeField(t, keyword: "core type")
        case .type(let t): return "(type \(typeDefinition(t)))"
        case .alias(let a): return alias(a)
        case .import(let i): return "(import \(externName(i.name)) \(externType(i.type)))"
        case .export(let n, let t): return "(export \(externName(n)) \(externType(t)))"
        }
    }

    func definedValueType(_ t: DefinedValueType) -> String {
        switch t {
        case .primitive(let p): return p.keyword
        case .record(let fs): return "(record" + fs.map { "\n  (field \(q($0.label)) \(valueType($0.type)))" }.joined() + ")"
        case .variant(let cs): return "(variant" + cs.map { "\n  (case \(q($0.label))" + ($0.type.map { " " + valueType($0) } ?? "") + ")" }.joined() + ")"
        case .list(let e): return "(list \(valueType(e)))"
        case .fixedLengthList(let e, let n): return "(list \(valueType(e)) \(n))"
        case .tuple(let ts): return "(tuple" + ts.map { " " + valueType($0) }.joined() + ")"
        case .flags(let ls): return "(flags" + ls.map { " " + q($0) }.joined() + ")"
        case .enum(let ls): return "(enum" + ls.map { " " + q($0) }.joined() + ")"
        case .option(let t): return "(option \(valueType(t)))"
        case .result(let ok, let err):
            return "(result" + (ok.map { " " + valueType($0) } ?? "") + (err.map { " (error \(valueType($0)))" } ?? "") + ")"
        case .own(let i): return "(own \(i))"
        case .borrow(let i): return "(borrow \(i))"
        case .stream(let t): return "(stream" + (t.map { " " + valueType($0) } ?? "") + ")"
        case .future(let t): return "(future" + (t.map { " " + valueType($0) } ?? "") + ")"
        case .map(let k, let v): return "(map \(valueType(k)) \(valueType(v)))"
        }
    }

    func canonOption(_ o: CanonOption) -> String {
        switch o {
        case .utf8: return "string-encoding=utf8"
        case .utf16: return "string-encoding=utf16"
        case .latin1UTF16: return "string-encoding=latin1+utf16"
        case .memory(let i): return "(memory \(i))"
        case .realloc(let i): return "(realloc \(i))"
        case .postReturn(let i): return "(post-return \(i))"
        case .async: return "async"
        case .callback(let i): return "(callback \(i))"
        case .coreType(let i): return "(core-type \(i))"
        case .gc: return "gc"
        }
    }

    /// Spec: Explainer.md — `(canon ...)`, written by the immediates of `CanonBuiltin`'s table.
    func canon(_ c: Canon) -> String {
        var text = "(canon \(c.builtin.rawValue)"
        for immediate in c.builtin.immediates {
            switch immediate {
            case .coreFunction: text += " (core func \(c.function ?? 0))"
            case .function: text += " (func \(c.function ?? 0))"
            case .type: if c.builtin != .lift { text += " \(c.type ?? 0)" }
            case .coreType: text += " \(c.type ?? 0)"
            case .table: text += " \(c.table ?? 0)"
            case .memory: text += " (memory \(c.memory ?? 0))"
            case .options: text += c.options.map { " " + canonOption($0) }.joined()
            case .resultList: if let r = c.result { text += " (result \(valueType(r)))" }
            case .contextSlot: text += " \(core.valueType(c.contextType ?? .i32)) \(c.contextIndex ?? 0)"
            case .async: if c.isAsync { text += " async" }
            case .cancel: if c.isCancellable { text += " cancellable" }
            case .shared: if c.isShared { text += " shared" }
            }
        }
        if c.builtin == .lift { return text + " (func (type \(c.type ?? 0))))" }
        return text + " (core func))"
    }
}
