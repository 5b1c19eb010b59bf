// The ABI cases of an expectation file (`kind: abi-cases`, Docs/yaml-formats.md): one value type, options, at most
// one operation (lift, load, lower, store) and what the spec says follows from it.
import CanonicalABI

enum ABICases {
  /// Runs every case of an `abi-cases` document.
  static func run(_ file: String, _ doc: YAMLNode, _ options: CheckOptions, _ result: inout CheckResult) throws {
    var f = try Fields(file, doc, what: "an abi-cases document")
    _ = try f.required("kind")
    let fileSpec = try f.string("spec")
    let resourceNames = try f.optional("resources").map { try f.list($0).map { try f.text($0) } } ?? []
    let cases = try f.list(try f.required("cases"))
    try f.finish()
    var names = Set<String>()
    for c in cases {
      let parsed = try Case(file, c, fileSpec: fileSpec, resourceNames: resourceNames)
      guard names.insert(parsed.name).inserted else { throw YAMLError(file, c.mark, "duplicate case name \(parsed.name)") }
      let (failure, trap) = parsed.run(options)
      if let failure { result.failures.append(failure) } else { result.passed += 1 }
      if failure == nil, let t = trap { result.hit(t, file, c.mark.line, parsed.name) }
    }
  }

  /// A case as read from the file (types are read against each run's resource types).
  struct Case {
    let file: String
    let node: YAMLNode
    let name: String
    let spec: String
    let resourceNames: [String]
    let encoding: StringEncoding
    let addr: CoreValType
    let memory: [UInt8]
    let seed: UInt64?
    let deterministic: Bool
    /// The raw nodes, read against the run's resources in `run`.
    let typeNode: YAMLNode?, funcNode: YAMLNode?
    let op: (key: String, node: YAMLNode)?
    let at: YAMLNode?
    let handles: [YAMLNode]
    let expectations: [(key: String, node: YAMLNode)]
    let asyncSig: Bool
    /// `realloc: [PTR...]`: return these pointers in turn (then 0) instead of the Heap's.
    let reallocPtrs: [UInt64]?
    /// `source-encoding:` the encoding strings of the lowered or stored value come from.
    let sourceEncoding: String?
    let maxFlatResults: Int?

    static let operations = ["lift", "load", "lower", "store"]
    static let expectationKeys = ["size", "alignment", "flat-types", "lift-signature", "lower-signature", "value", "value-bits", "tagged-code-units",
                                  "flat", "bytes", "trap", "then"]

    init(_ file: String, _ node: YAMLNode, fileSpec: String?, resourceNames: [String]) throws {
      var f = try Fields(file, node, what: "a case")
      self.file = file
      self.node = node
      self.resourceNames = resourceNames
      name = try f.text(try f.required("name"))
      guard let s = try f.string("spec") ?? fileSpec else { throw f.error(node, "case \(name): no spec: (on the case or the file)") }
      spec = s
      let enc = try f.string("encoding") ?? "utf8"
      guard let e = StringEncoding(rawValue: enc) else { throw f.error(node, "unknown encoding \(enc)") }
      encoding = e
      switch try f.string("addr") ?? "i32" {
      case "i32": addr = .i32
      case "i64": addr = .i64
      case let a: throw f.error(node, "addr must be i32 or i64, got \(a)")
      }
      var mem = try f.optional("memory").map { try f.bytes($0) } ?? []
      if let n = try f.int("memory-size") {
        guard n <= 1 << 24 else { throw f.error(node, "memory-size above 16 MiB") }
        if Int(n) > mem.count { mem += [UInt8](repeating: 0, count: Int(n) - mem.count) }
      }
      memory = mem
      seed = try f.int("seed")
      deterministic = try f.bool("deterministic") ?? true
      typeNode = f.optional("type")
      funcNode = f.optional("func")
      guard (typeNode == nil) != (funcNode == nil) else { throw f.error(node, "case \(name): give exactly one of type: and func:") }
      let ops = Self.operations.compactMap { k in f.optional(k).map { (k, $0) } }
      guard ops.count <= 1 else { throw f.error(node, "case \(name): more than one operation (\(ops.map(\.0).joined(separator: ", ")))") }
      op = ops.first
      at = f.optional("at")
      handles = try f.optional("handles").map { try f.list($0) } ?? []
      asyncSig = try f.bool("async") ?? false
      reallocPtrs = try f.optional("realloc").map { try f.list($0).map { try f.uint($0) } }
      sourceEncoding = try f.string("source-encoding")
      if let e = sourceEncoding, !["utf8", "utf16", "latin1", "latin1+utf16"].contains(e) {
        throw f.error(node, "source-encoding must be utf8, utf16, latin1 or latin1+utf16, got \(e)")
      }
      maxFlatResults = try f.int("max-flat-results").map { Int(min($0, 1 << 16)) }
      expectations = Self.expectationKeys.compactMap { k in f.optional(k).map { (k, $0) } }
      try f.finish()
      guard !expectations.isEmpty || op != nil else { throw f.error(node, "case \(name): neither an operation nor an expectation") }
      if funcNode != nil, let e = expectations.first(where: { !["lift-signature", "lower-signature"].contains($0.key) }) {
        throw f.error(e.node, "case \(name): \(e.key) needs type:, not func:")
      }
      if op != nil && funcNode != nil { throw f.error(node, "case \(name): an operation needs type:") }
      // Read the types and values once now, so shape errors surface before anything runs.
      _ = try Run(self, CheckOptions())
    }

    /// Runs the case: the failure (nil when every expectation held) and the trap the operation raised, if any.
    func run(_ options: CheckOptions) -> (CheckFailure?, CanonicalABITrap?) {
      do {
        let r = try Run(self, options)
        let failure = try r.execute()
        return (failure, r.trapped.value)
      } catch {
        return (CheckFailure(file: file, line: node.mark.line, caseName: name, spec: spec, expected: "the case to run", got: "\(error)"), nil)
      }
    }
  }

  /// One run of a case: a fresh store, instance, resources and heap.
  struct Run {
    let c: Case
    let f: Fields
    let store: Store
    let inst: ComponentInstance
    let resources: [String: ResourceType]
    let heap: BumpHeap
    let opts: CanonicalOptions
    let lowerCx: LiftLowerContext
    let liftCx: LiftLowerContext
    let type: ValType?
    let funcType: FuncType?
    /// The trap the operation raised (set by `execute`).
    final class TrapBox { var value: CanonicalABITrap? }
    let trapped = TrapBox()

    init(_ c: Case, _ options: CheckOptions) throws {
      self.c = c
      f = try Fields(c.file, c.node, what: "a case")
      store = Store(deterministicProfile: c.deterministic, seed: c.seed ?? options.seed)
      if let trace = options.trace { let name = c.name; store.trace = { trace(name, $0) } }
      inst = ComponentInstance(store)
      var rs = [String: ResourceType]()
      for n in c.resourceNames { rs[n] = ResourceType(ComponentInstance(store), name: n) }
      resources = rs
      heap = BumpHeap(c.memory, c.addr)
      var realloc = heap.reallocFunc
      if let ptrs = c.reallocPtrs {
        final class Queue { var ptrs: [UInt64]; init(_ p: [UInt64]) { ptrs = p } }
        let q = Queue(ptrs), addr = c.addr
        realloc = { _ in
          let p = q.ptrs.isEmpty ? 0 : q.ptrs.removeFirst()
          return [addr == .i64 ? .i64(p) : .i32(UInt32(truncatingIfNeeded: p))]
        }
      }
      opts = CanonicalOptions(stringEncoding: c.encoding, memory: heap.memory, realloc: realloc)
      let task = Task(FuncType([], []), opts, inst, { [] }, { _ in })
      lowerCx = LiftLowerContext(opts, inst, task)
      liftCx = LiftLowerContext(opts, inst, Subtask())
      let fields = f
      type = try c.typeNode.map { try fields.valType($0, rs) }
      funcType = try c.funcNode.map { try fields.funcType($0, rs) }
      for h in c.handles { try addHandle(h, task) }
      if let t = type {
        if let (k, n) = c.op, k == "lower" || k == "store" { _ = try f.value(n, t) }
        if let (k, n) = c.op, k == "lift" { _ = try f.coreValues(n) }
        if let (k, n) = c.op, k == "load" { _ = try f.uint(n) }
        for (k, n) in c.expectations where k == "flat" { _ = try f.coreValues(n) }
        for (k, n) in c.expectations where k == "bytes" { _ = try f.bytes(n) }
        for (k, n) in c.expectations where k == "trap" { _ = try f.trapSite(n) }
        for (k, n) in c.expectations where ["size", "alignment", "value-bits", "tagged-code-units"].contains(k) { _ = try f.uint(n) }
        for (k, n) in c.expectations where k == "value" { _ = try f.value(n, t) }
      }
    }

    /// `own $r 42` or `borrow $r 43`, optionally followed by `lent` (one outstanding lend).
    func addHandle(_ n: YAMLNode, _ task: Task) throws {
      let w = try f.text(n).split(separator: " ").map(String.init)
      guard w.count == 3 || (w.count == 4 && w[3] == "lent"), w[0] == "own" || w[0] == "borrow", w[1].hasPrefix("$"),
            let rt = resources[String(w[1].dropFirst())], let rep = UInt32(w[2]) else {
        throw f.error(n, "a handle is `own $r REP` or `borrow $r REP` (optionally `lent`), with $r declared, got \(n)")
      }
      let h = ResourceHandle(rt, rep, own: w[0] == "own", borrowScope: w[0] == "own" ? nil : task)
      if w.count == 4 { h.numLends = 1 }
      if !h.own { task.numBorrows += 1 }
      _ = try inst.handles.add(h)
    }

    func fail(_ n: YAMLNode, _ expected: String, _ got: String) -> CheckFailure {
      CheckFailure(file: c.file, line: n.mark.line, caseName: c.name, spec: c.spec, expected: expected, got: got)
    }

    func execute() throws -> CheckFailure? {
      let exp = Dictionary(c.expectations.map { ($0.key, $0.node) }, uniquingKeysWith: { a, _ in a })
      if let ft = funcType { return try signatures(ft, exp) }
      guard let t = type else { return nil }
      // Static expectations.
      if let n = exp["size"], try f.uint(n) != elemSize(t, c.addr) { return fail(n, "size \(try f.uint(n))", "\(elemSize(t, c.addr))") }
      if let n = exp["alignment"], try f.uint(n) != alignment(t, c.addr) { return fail(n, "alignment \(try f.uint(n))", "\(alignment(t, c.addr))") }
      if let n = exp["flat-types"] {
        let want = try f.list(n).map { try f.text($0) }, got = flattenType(t, opts).map(\.rawValue)
        if want != got { return fail(n, "flat types \(want)", "\(got)") }
      }
      guard let (opKey, opNode) = c.op else { return nil }
      // The operation.
      var produced: Value? = nil
      var flat: [CoreValue]? = nil
      do {
        switch opKey {
        case "lift":
          let vi = CoreValueIter(try f.coreValues(opNode))
          produced = try liftFlat(liftCx, vi, t)
          if vi.i != vi.values.count { return fail(opNode, "all \(vi.values.count) flat values consumed", "\(vi.i) consumed") }
        case "load":
          let ptr = try f.uint(opNode)
          try checkRange(opNode, ptr, t)
          produced = try load(liftCx, ptr, t)
        case "lower":
          flat = try lowerFlat(lowerCx, sourced(try f.value(opNode, t)), t)
        default:  // store
          let v = sourced(try f.value(opNode, t))
          let ptr: UInt64
          if let a = c.at { ptr = try f.uint(a); try checkRange(a, ptr, t) } else { ptr = try lowerCx.allocate(alignment(t, c.addr), elemSize(t, c.addr)) }
          try CanonicalABI.store(lowerCx, v, t, ptr)
        }
      } catch let trap as CanonicalABITrap {
        trapped.value = trap
        guard let n = exp["trap"] else { return fail(opNode, "no trap", "\(trap)") }
        let want = try f.trapSite(n)
        return want.matches(trap) ? nil : fail(n, "\(want)", "\(trap)")
      } catch let e as CaseShapeError {
        throw e.error
      }
      if let n = exp["trap"] { return fail(n, "\(try f.trapSite(n))", produced.map { "\($0)" } ?? flat.map(describe) ?? "no trap") }
      if let n = exp["value"] {
        let want = try f.value(n, t)
        guard let got = produced else { return fail(n, "value \(want) (after lift or load)", "no value: the operation is \(opKey)") }
        if !got.equalModuloStringEncoding(want) { return fail(n, "\(want)", "\(got)") }
      }
      if let n = exp["tagged-code-units"] {
        let want = try f.uint(n)
        guard case .string(let s)? = produced else { return fail(n, "a string", produced.map { "\($0)" } ?? "none") }
        if s.encoding != c.encoding || s.taggedCodeUnits != want {
          return fail(n, "(\(c.encoding.rawValue), \(want))", "(\(s.encoding.rawValue), \(s.taggedCodeUnits))")
        }
      }
      if let n = exp["value-bits"] {
        let want = try f.uint(n)
        switch produced {
        case .f32(let x)?: if UInt64(x.bitPattern) != want { return fail(n, "bits 0x\(String(want, radix: 16))", "0x\(String(x.bitPattern, radix: 16))") }
        case .f64(let x)?: if x.bitPattern != want { return fail(n, "bits 0x\(String(want, radix: 16))", "0x\(String(x.bitPattern, radix: 16))") }
        default: return fail(n, "an f32 or f64 value", produced.map { "\($0)" } ?? "none")
        }
      }
      if let n = exp["flat"] {
        let want = try f.coreValues(n)
        guard let got = flat else { return fail(n, "flat values \(describe(want)) (after lower)", "none: the operation is \(opKey)") }
        if got != want { return fail(n, describe(want), describe(got)) }
      }
      if let n = exp["bytes"] {
        let want = try f.bytes(n)
        let got = Array(heap.memory.bytes.prefix(want.count))
        if got != want { return fail(n, "bytes \(hex(want))", hex(got)) }
      }
      if let n = exp["then"] { return try then(n, produced, t) }
      return nil
    }

    /// The value with every string re-tagged as coming from `source-encoding` (its tagged code-unit length:
    /// UTF-8 bytes, UTF-16 units, Latin-1 units, or UTF-16 units with the UTF-16 tag for `latin1+utf16`).
    func sourced(_ v: Value) -> Value {
      guard let e = c.sourceEncoding else { return v }
      switch v {
      case .string(let s):
        switch e {
        case "utf16": return .string(ABIString(s.text, .utf16, UInt64(s.text.utf16.count)))
        case "latin1": return .string(ABIString(s.text, .latin1Utf16, UInt64(s.text.unicodeScalars.count)))
        case "latin1+utf16": return .string(ABIString(s.text, .latin1Utf16, UInt64(s.text.utf16.count) | utf16Tag(c.addr)))
        default: return .string(ABIString(utf8: s.text))
        }
      case .list(let a): return .list(a.map(sourced))
      case .record(let fs): return .record(fs.map { FieldValue($0.label, sourced($0.value)) })
      case .variant(let l, let p): return .variant(l, p.map(sourced))
      default: return v
      }
    }

    /// The caller's checks before `load`/`store` (definitions.py asserts them): a shape error if broken.
    func checkRange(_ n: YAMLNode, _ ptr: UInt64, _ t: ValType) throws {
      guard ptr == alignTo(ptr, alignment(t, c.addr)), ptr <= heap.memory.byteCount,
            elemSize(t, c.addr) <= heap.memory.byteCount - ptr else {
        throw CaseShapeError(error: f.error(n, "pointer \(ptr) is misaligned or out of bounds for \(t) (the caller checks this)"))
      }
    }

    /// run_tests.py's `test()` after the first lift: lower into a fresh heap of 5× the memory and lift back.
    func then(_ n: YAMLNode, _ produced: Value?, _ t: ValType) throws -> CheckFailure? {
      var g = try Fields(c.file, n, what: "then:")
      let encText = try g.string("encoding")
      let lowerT = try g.optional("type").map { try f.valType($0, resources) } ?? t
      let wantNode = g.optional("value")
      try g.finish()
      guard let v = produced else { return fail(n, "a value to lower (then: follows lift or load)", "none") }
      var enc = c.encoding
      if let e = encText { guard let x = StringEncoding(rawValue: e) else { throw f.error(n, "unknown encoding \(e)") }; enc = x }
      let want = try wantNode.map { try f.value($0, lowerT) } ?? v
      let heap2 = BumpHeap([UInt8](repeating: 0, count: 5 * c.memory.count), c.addr)
      let opts2 = CanonicalOptions(stringEncoding: enc, memory: heap2.memory, realloc: heap2.reallocFunc)
      let inst2 = ComponentInstance(store)
      let task2 = Task(FuncType([], []), opts2, inst2, { [] }, { _ in })
      do {
        let lowered = try lowerFlat(LiftLowerContext(opts2, inst2, task2), v, lowerT)
        let got = try liftFlat(LiftLowerContext(opts2, inst2, Subtask()), CoreValueIter(lowered), lowerT)
        return got.equalModuloStringEncoding(want) ? nil : fail(n, "re-lift \(want)", "\(got)")
      } catch let trap as CanonicalABITrap {
        return fail(n, "re-lift \(want)", "\(trap)")
      }
    }

    /// `lift-signature` / `lower-signature` of a function type.
    func signatures(_ ft: FuncType, _ exp: [String: YAMLNode]) throws -> CheckFailure? {
      var limits = FlatLimits.default
      if let m = c.maxFlatResults { limits.maxFlatResults = m }
      let o = CanonicalOptions(memory: MemInst([], c.addr), async_: c.asyncSig)
      for (key, ctx) in [("lift-signature", FlattenContext.lift), ("lower-signature", .lower)] {
        guard let n = exp[key] else { continue }
        let s = flattenFunctype(o, ft, ctx, limits)
        let got = "[\(s.params.map(\.rawValue).joined(separator: " "))] -> [\(s.results.map(\.rawValue).joined(separator: " "))]"
        let want = try f.text(n).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if want != got { return fail(n, want, got) }
      }
      return nil
    }
  }

  /// A shape error found while running (a pointer the caller should have checked).
  struct CaseShapeError: Error { let error: YAMLError }
}
