/// The bound wasm-tools puts on the effective size of a type (its node count, with every
/// reference to an earlier type expanded), so that types cannot grow exponentially.
let maximumTypeSize = 1_000_000

extension ComponentValidator {
    /// Throws when `t`, expanded, has more than `maximumTypeSize` nodes. Stops counting at the bound.
    func checkTypeSize(_ t: EType) throws {
        var budget = maximumTypeSize
        if !count(t, &budget) { throw invalid("effective type size exceeds the limit of \(maximumTypeSize)") }
    }

    private func count(_ t: EType, _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch t {
        case .coreModule(let m):
            budget -= m.imports.count + m.exports.count
            return budget >= 0
        case .function(let f): return count(f, &budget)
        case .value(let v): return count(v, &budget)
        case .type(let e):
            switch e {
            case .value(let v): return count(v, &budget)
            case .function(let f): return count(f, &budget)
            case .resource: return true
            case .instance(let i): return count(.instance(i), &budget)
            case .component(let c): return count(.component(c), &budget)
            }
        case .instance(let i):
            for e in i.exportList where !count(e.type, &budget) { return false }
            return true
        case .component(let c):
            for e in c.imports + c.exports where !count(e.type, &budget) { return false }
            return true
        }
    }

    private func count(_ f: FuncT, _ budget: inout Int) -> Bool {
        for p in f.parameters where !count(p.type, &budget) { return false }
        if let r = f.result { return count(r, &budget) }
        return true
    }

    private func count(_ v: ValType, _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch v {
        case .record(let fs, _): for f in fs where !count(f.type, &budget) { return false }
        case .variant(let cs, _): for c in cs { if let t = c.type, !count(t, &budget) { return false } }
        case .list(let e), .fixedLengthList(let e, _), .option(let e): return count(e, &budget)
        case .tuple(let ts): for t in ts where !count(t, &budget) { return false }
        case .result(let o, let e):
            if let o, !count(o, &budget) { return false }
            if let e, !count(e, &budget) { return false }
        case .stream(let e), .future(let e): if let e { return count(e, &budget) }
        case .map(let k, let v): return count(k, &budget) && count(v, &budget)
        default: break
        }
        return budget >= 0
    }
}

/// The bound wasm-tools puts on the structural nesting depth of a defined value type
/// (`MAX_WASM_COMPONENT_TYPE_DEPTH`; a leaf counts 1, `(list u32)` 2). It also keeps every later
/// stage's walk over a type (lifting, lowering, flattening) shallow.
let maximumTypeDepth = 100

extension ComponentValidator {
    /// Throws when the defined value type `v` nests deeper than `maximumTypeDepth`.
    func checkTypeDepth(_ v: ValType) throws {
        if depth(v, limit: maximumTypeDepth) > maximumTypeDepth { throw invalid("type nesting is too deep") }
    }

    /// `v`'s nesting depth, or a number above `limit` as soon as it exceeds it (so the walk stays shallow
    /// even for a type whose earlier parts were never checked).
    private func depth(_ v: ValType, limit: Int) -> Int {
        if limit <= 0 { return 1 }
        func deepest(_ ts: [ValType?]) -> Int {
            var d = 0
            for t in ts { if let t { d = max(d, depth(t, limit: limit - 1)); if d >= limit { break } } }
            return 1 + d
        }
        switch v {
        case .primitive, .flags, .enum, .own, .borrow: return 1
        case .record(let fs, _): return deepest(fs.map(\.type))
        case .variant(let cs, _): return deepest(cs.map(\.type))
        case .list(let e), .fixedLengthList(let e, _), .option(let e): return deepest([e])
        case .tuple(let ts): return deepest(ts)
        case .result(let o, let e): return deepest([o, e])
        case .stream(let e), .future(let e): return deepest([e])
        case .map(let k, let e): return deepest([k, e])
        }
    }
}
