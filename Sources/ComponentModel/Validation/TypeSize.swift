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
