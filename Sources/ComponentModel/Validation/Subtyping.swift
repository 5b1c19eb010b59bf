import WasmCore

extension ComponentValidator {
    /// Every resource a type refers to.
    func collectResources(_ t: EType, into set: inout Set<ResourceID>) {
        func val(_ v: ValType) {
            visit(v) {
                switch $0 {
                case .own(let r), .borrow(let r): set.insert(r)
                default: break
                }
            }
        }
        func fn(_ f: FuncT) { f.parameters.forEach { val($0.type) }; if let r = f.result { val(r) } }
        switch t {
        case .coreModule: break
        case .function(let f): fn(f)
        case .value(let v): val(v)
        case .type(let e):
            switch e {
            case .value(let v): val(v)
            case .function(let f): fn(f)
            case .resource(let r): set.insert(r)
            case .instance(let i): i.exportList.forEach { collectResources($0.type, into: &set) }
            case .component(let c):
                c.imports.forEach { collectResources($0.type, into: &set) }
                c.exports.forEach { collectResources($0.type, into: &set) }
            }
        case .instance(let i): i.exportList.forEach { collectResources($0.type, into: &set) }
        case .component(let c):
            c.imports.forEach { collectResources($0.type, into: &set) }
            c.exports.forEach { collectResources($0.type, into: &set) }
        }
    }

    /// Spec: Explainer.md#type-checking — renames resources in a type (a renamed resource keeps
    /// the tag it is referred to by), and the tags of `tags` (instantiation renames the tags of a
    /// component's type imports to the arguments').
    func substitute(_ t: EType, _ map: [ResourceID: ResourceID], tags: [Int: TypeTag] = [:]) -> EType {
        if map.isEmpty && tags.isEmpty { return t }
        func r(_ x: ResourceID) -> ResourceID {
            var y = x
            if let m = map[x] { y.raw = m.raw }
            if let a = tags[x.alias.raw] { y.alias = a }
            return y
        }
        func tag(_ t: TypeTag) -> TypeTag { tags[t.raw] ?? t }
        func val(_ v: ValType) -> ValType {
            switch v {
            case .primitive: return v
            case .flags(let ns, let t): return .flags(ns, tag(t))
            case .enum(let ns, let t): return .enum(ns, tag(t))
            case .record(let fs, let t): return .record(fs.map { ResolvedField(label: $0.label, type: val($0.type)) }, tag(t))
            case .variant(let cs, let t): return .variant(cs.map { ResolvedCase(label: $0.label, type: $0.type.map(val)) }, tag(t))
            case .list(let e): return .list(val(e))
            case .fixedLengthList(let e, let n): return .fixedLengthList(val(e), n)
            case .tuple(let ts): return .tuple(ts.map(val))
            case .option(let e): return .option(val(e))
            case .result(let o, let e): return .result(ok: o.map(val), error: e.map(val))
            case .own(let x): return .own(r(x))
            case .borrow(let x): return .borrow(r(x))
            case .stream(let e): return .stream(e.map(val))
            case .future(let e): return .future(e.map(val))
            case .map(let k, let v): return .map(val(k), val(v))
            }
        }
        func fn(_ f: FuncT) -> FuncT {
            FuncT(isAsync: f.isAsync, parameters: f.parameters.map { ResolvedField(label: $0.label, type: val($0.type)) }, result: f.result.map(val))
        }
        func inst(_ i: InstanceT) -> InstanceT {
            InstanceT(exportList: i.exportList.map { NamedEType(name: $0.name, type: substitute($0.type, map, tags: tags)) },
                      definedResources: i.definedResources.map(r))
        }
        func comp(_ c: ComponentT) -> ComponentT {
            ComponentT(imports: c.imports.map { NamedEType(name: $0.name, type: substitute($0.type, map, tags: tags)) },
                       exports: c.exports.map { NamedEType(name: $0.name, type: substitute($0.type, map, tags: tags)) },
                       importedResources: c.importedResources.map(r), definedResources: c.definedResources.map(r))
        }
        switch t {
        case .coreModule: return t
        case .function(let f): return .function(fn(f))
        case .value(let v): return .value(val(v))
        case .type(let e):
            switch e {
            case .value(let v): return .type(.value(val(v)))
            case .function(let f): return .type(.function(fn(f)))
            case .resource(let x): return .type(.resource(r(x)))
            case .instance(let i): return .type(.instance(inst(i)))
            case .component(let c): return .type(.component(comp(c)))
            }
        case .instance(let i): return .instance(inst(i))
        case .component(let c): return .component(comp(c))
        }
    }

    /// Binds the abstract resources of `expected` (those in `bindable`) to the resources `actual`
    /// supplies at the same places.
    func bindResources(actual: EType, expected: EType, bindable: Set<ResourceID>, map: inout [ResourceID: ResourceID]) {
        switch (actual, expected) {
        case (.type(.resource(let a)), .type(.resource(let e))):
            if bindable.contains(e), map[e] == nil { map[e] = a }
        case (.instance(let a), .instance(let e)):
            for x in e.exportList {
                if let y = a.export(x.name) { bindResources(actual: y, expected: x.type, bindable: bindable, map: &map) }
            }
        default:
            break
        }
    }

    /// The tags of `expected`'s type imports (also inside instances) renamed to those of the
    /// types `actual` supplies at the same places.
    func bindTags(actual: EType, expected: EType, tags: inout [Int: TypeTag]) {
        switch (actual, expected) {
        case (.type(let a), .type(let e)):
            if let x = tag(of: e), let y = tag(of: a) { tags[x.raw] = y }
        case (.instance(let a), .instance(let e)):
            for x in e.exportList {
                if let y = a.export(x.name) { bindTags(actual: y, expected: x.type, tags: &tags) }
            }
        default:
            break
        }
    }

    /// Spec: Explainer.md#type-checking — why `actual` is not a subtype of `expected`, or nil.
    func subtypeMismatch(_ actual: EType, _ expected: EType) -> String? {
        switch (actual, expected) {
        case (.coreModule(let a), .coreModule(let e)):
            for imp in a.imports {
                guard let x = e.imports.first(where: { $0.module == imp.module && $0.name == imp.name }) else {
                    return "missing expected import `\(imp.module)::\(imp.name)`"
                }
                if let why = coreMismatch(x.type, imp.type) { return "type mismatch in import `\(imp.module)::\(imp.name)`\n\(why)" }
            }
            for exp in e.exports {
                guard let x = a.exports.first(where: { $0.name == exp.name }) else { return "missing expected export `\(exp.name)`" }
                if let why = coreMismatch(x.type, exp.type) { return "type mismatch in export `\(exp.name)`\n\(why)" }
            }
            return nil
        case (.function(let a), .function(let e)):
            return funcMismatch(a, e)
        case (.value(let a), .value(let e)):
            return valMismatch(a, e)
        case (.type(let a), .type(let e)):
            return typeEntryMismatch(a, e)
        case (.instance(let a), .instance(var e)):
            var map: [ResourceID: ResourceID] = [:]
            for x in e.exportList {
                if let y = a.export(x.name) { bindResources(actual: y, expected: x.type, bindable: Set(e.definedResources), map: &map) }
            }
            if case .instance(let c) = substitute(.instance(e), map) { e = c }
            for x in e.exportList {
                guard let y = a.export(x.name) else { return "missing expected export `\(x.name)`" }
                if let why = subtypeMismatch(y, x.type) { return "type mismatch in instance export `\(x.name)`\n\(why)" }
            }
            return nil
        case (.component(var a), .component(var e)):
            // The actual type's imported resources take the expected type's; the expected type's
            // abstract exported resources take the actual type's.
            var map: [ResourceID: ResourceID] = [:]
            for x in a.imports {
                if let y = e.import(x.name) { bindResources(actual: y, expected: x.type, bindable: Set(a.importedResources), map: &map) }
            }
            if case .component(let c) = substitute(.component(a), map) { a = c }
            map = [:]
            for x in e.exports {
                if let y = a.export(x.name) { bindResources(actual: y, expected: x.type, bindable: Set(e.definedResources), map: &map) }
            }
            if case .component(let c) = substitute(.component(e), map) { e = c }
            for x in a.imports {
                guard let y = e.import(x.name) else { return "missing expected import `\(x.name)`" }
                if let why = subtypeMismatch(y, x.type) { return "type mismatch in import `\(x.name)`\n\(why)" }
            }
            for x in e.exports {
                guard let y = a.export(x.name) else { return "missing expected export `\(x.name)`" }
                if let why = subtypeMismatch(y, x.type) { return "type mismatch in export `\(x.name)`\n\(why)" }
            }
            return nil
        default:
            return "expected \(expected.kindName), found \(actual.kindName)"
        }
    }

    func typeEntryMismatch(_ a: TypeEntry, _ e: TypeEntry) -> String? {
        switch (a, e) {
        case (.value(let x), .value(let y)): return valMismatch(x, y, definition: true)
        case (.function(let x), .function(let y)): return funcMismatch(x, y)
        case (.resource(let x), .resource(let y)): return x == y ? nil : "resource types are not the same"
        case (.instance(let x), .instance(let y)): return subtypeMismatch(.instance(x), .instance(y))
        case (.component(let x), .component(let y)): return subtypeMismatch(.component(x), .component(y))
        default:
            func name(_ t: TypeEntry) -> String {
                switch t {
                case .value: return "defined type"
                case .function: return "func"
                case .resource: return "resource"
                case .instance: return "instance"
                case .component: return "component"
                }
            }
            return "expected \(name(e)), found \(name(a))"
        }
    }

    func funcMismatch(_ a: FuncT, _ e: FuncT) -> String? {
        if a.isAsync != e.isAsync { return "expected \(e.isAsync ? "async" : "sync") function, found \(a.isAsync ? "async" : "sync")" }
        guard a.parameters.count == e.parameters.count else {
            return "expected \(e.parameters.count) parameters, found \(a.parameters.count)"
        }
        for (x, y) in zip(a.parameters, e.parameters) {
            guard x.label == y.label else { return "expected parameter named `\(y.label)`, found `\(x.label)`" }
            if let why = valMismatch(x.type, y.type) { return "type mismatch in function parameter `\(x.label)`\n\(why)" }
        }
        switch (a.result, e.result) {
        case (nil, nil): return nil
        case (let x?, let y?):
            if let why = valMismatch(x, y) { return "type mismatch with result type\n\(why)" }
            return nil
        default: return "expected a result, found none"
        }
    }

    func valName(_ v: ValType) -> String {
        switch v {
        case .primitive(let p): return p.keyword
        case .record: return "record"
        case .variant: return "variant"
        case .list: return "list"
        case .fixedLengthList: return "list"
        case .tuple: return "tuple"
        case .flags: return "flags"
        case .enum: return "enum"
        case .option: return "option"
        case .result: return "result"
        case .own: return "own"
        case .borrow: return "borrow"
        case .stream: return "stream"
        case .future: return "future"
        case .map: return "map"
        }
    }

    /// Spec: Explainer.md#type-checking — value types must be equal (up to resource identity).
    ///
    /// `definition`: the types are type definitions, where wasmparser calls an expected primitive
    /// "primitive" (a primitive used in another type it calls by its name).
    func valMismatch(_ a: ValType, _ e: ValType, definition: Bool = false) -> String? {
        if a == e { return nil }
        switch (a, e) {
        case (.primitive(let x), .primitive(let y)):
            return "expected primitive `\(y.keyword)` found primitive `\(x.keyword)`"
        case (.record(let x, _), .record(let y, _)):
            guard x.count == y.count else { return "expected \(y.count) fields, found \(x.count)" }
            for (f, g) in zip(x, y) {
                guard f.label == g.label else { return "expected field name `\(g.label)`, found `\(f.label)`" }
                if let why = valMismatch(f.type, g.type) { return "type mismatch in record field `\(f.label)`\n\(why)" }
            }
            return nil
        case (.variant(let x, _), .variant(let y, _)):
            guard x.count == y.count else { return "expected \(y.count) cases, found \(x.count)" }
            for (f, g) in zip(x, y) {
                guard f.label == g.label else { return "expected case named `\(g.label)`, found `\(f.label)`" }
                switch (f.type, g.type) {
                case (let p?, let q?): if let why = valMismatch(p, q) { return "type mismatch in variant case `\(f.label)`\n\(why)" }
                case (nil, nil): break
                case (nil, _): return "expected case `\(f.label)` to have a type, found none"
                case (_, nil): return "expected case `\(f.label)` to have no type"
                }
            }
            return nil
        case (.tuple(let x), .tuple(let y)):
            guard x.count == y.count else { return "expected \(y.count) types, found \(x.count)" }
            for (i, (f, g)) in zip(x, y).enumerated() {
                if let why = valMismatch(f, g) { return "type mismatch in tuple field \(i)\n\(why)" }
            }
            return nil
        case (.flags, .flags): return "mismatch in flags elements"
        case (.enum, .enum): return "mismatch in enum elements"
        case (.list(let x), .list(let y)), (.option(let x), .option(let y)):
            return valMismatch(x, y).map { "type mismatch in \(valName(a)) element\n\($0)" }
        case (.result(let o1, let e1), .result(let o2, let e2)):
            switch (o1, o2) {
            case (let p?, let q?): if let why = valMismatch(p, q) { return "type mismatch in ok variant\n\(why)" }
            case (nil, nil): break
            case (nil, _): return "expected ok type, but found none"
            case (_, nil): return "expected ok type to not be present"
            }
            switch (e1, e2) {
            case (let p?, let q?): if let why = valMismatch(p, q) { return "type mismatch in err variant\n\(why)" }
            case (nil, nil): break
            case (nil, _): return "expected err type, but found none"
            case (_, nil): return "expected err type to not be present"
            }
            return nil
        case (.own, .own), (.borrow, .borrow): return "resource types are not the same"
        default:
            let en = valName(e), an = valName(a)
            if definition, case .primitive = e { return "expected primitive, found \(an)" }
            return "expected \(en), found \(an)"
        }
    }

    // MARK: - Maximum value size

    /// Spec: CanonicalABI.md#element-size — every defined value type has `elem_size(t, 'i64')` below 2^28.
    func checkMaximumSize(_ v: ValType) throws {
        if elemSize(v).size >= 1 << 28 { throw invalid("type exceeds maximum byte size") }
    }

    /// `elem_size` and `alignment` with 64-bit pointers, saturating.
    func elemSize(_ v: ValType) -> (size: Int, align: Int) {
        func alignTo(_ x: Int, _ a: Int) -> Int { x >= 1 << 40 ? x : (x + a - 1) / a * a }
        switch v {
        case .primitive(let p):
            switch p {
            case .bool, .s8, .u8: return (1, 1)
            case .s16, .u16: return (2, 2)
            case .s32, .u32, .f32, .char, .errorContext: return (4, 4)
            case .s64, .u64, .f64: return (8, 8)
            case .string: return (16, 8)
            }
        case .list, .map: return (16, 8)
        case .fixedLengthList(let e, let n):
            let (s, a) = elemSize(e)
            return (min(s.multipliedReportingOverflow(by: Int(n)).overflow ? Int.max / 2 : s * Int(n), 1 << 40), a)
        case .record(let fs, _):
            return recordSize(fs.map(\.type))
        case .tuple(let ts):
            return recordSize(ts)
        case .variant(let cs, _):
            return variantSize(cs.map(\.type))
        case .option(let e):
            return variantSize([nil, e])
        case .result(let o, let e):
            return variantSize([o, e])
        case .enum(let names, _):
            return variantSize(Array(repeating: nil, count: names.count))
        case .flags(let names, _):
            return names.count <= 8 ? (1, 1) : names.count <= 16 ? (2, 2) : (4, 4)
        case .own, .borrow, .stream, .future: return (4, 4)
        }

        func recordSize(_ ts: [ValType]) -> (size: Int, align: Int) {
            var s = 0, a = 1
            for t in ts {
                let (fs, fa) = elemSize(t)
                s = min(alignTo(s, fa) + fs, 1 << 40)
                a = max(a, fa)
            }
            return (alignTo(s, a), a)
        }
        func variantSize(_ cs: [ValType?]) -> (size: Int, align: Int) {
            let n = cs.count
            let disc = n <= 256 ? 1 : n <= 65536 ? 2 : 4
            var maxSize = 0, maxAlign = disc
            for c in cs { if let c { let (s, a) = elemSize(c); maxSize = max(maxSize, s); maxAlign = max(maxAlign, a) } }
            let s = alignTo(disc, maxAlign) + maxSize
            return (alignTo(min(s, 1 << 40), maxAlign), maxAlign)
        }
    }
}
