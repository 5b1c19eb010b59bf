// Scenarios (`kind: scenario`, Docs/yaml-formats.md): one lifted call from the host whose core function runs a
// list of steps (resource built-ins, calls to host functions through `canon lower`, table checks).
import CanonicalABI

enum Scenario {
  /// A step's expectation did not hold: ends the call (thrown through the callee) and becomes the failure.
  struct Mismatch: Error { let failure: CheckFailure }

  /// Runs a `scenario` document: one scenario, or a list under `scenarios:` (sharing the file's `spec:`).
  static func run(_ file: String, _ doc: YAMLNode, _ options: CheckOptions, _ result: inout CheckResult) throws {
    guard let list = doc["scenarios"] else { return try runOne(file, doc, nil, options, &result) }
    var f = try Fields(file, doc, what: "a scenario list")
    _ = try f.required("kind")
    let spec = try f.string("spec")
    let items = try f.list(try f.required("scenarios"))
    try f.finish()
    _ = list
    var names = Set<String>()
    for item in items {
      if let n = item["name"]?.scalar, !names.insert(n).inserted { throw f.error(item, "duplicate scenario name \(n)") }
      try runOne(file, item, spec, options, &result)
    }
  }

  static func runOne(_ file: String, _ doc: YAMLNode, _ fileSpec: String?, _ options: CheckOptions, _ result: inout CheckResult) throws {
    var f = try Fields(file, doc, what: "a scenario")
    _ = f.optional("kind")
    let name = try f.text(try f.required("name"))
    guard let spec = try f.string("spec") ?? fileSpec else { throw f.error(doc, "scenario \(name): no spec:") }
    let seed = try f.int("seed")
    let maxFlatResults = try f.int("max-flat-results").map { Int(min($0, 1 << 16)) }
    let resourcesNode = f.optional("resources")
    let hostNode = f.optional("host")
    let callNode = try f.required("call")
    let afterNode = f.optional("after")
    try f.finish()

    func fail(_ n: YAMLNode, _ expected: String, _ got: String) -> CheckFailure {
      CheckFailure(file: file, line: n.mark.line, caseName: name, spec: spec, expected: expected, got: got)
    }

    // The store, the instances and the resource types.
    var limits = FlatLimits.default
    if let m = maxFlatResults { limits.maxFlatResults = m }
    let store = Store(seed: seed ?? options.seed, flatLimits: limits)
    // The scenario's end: unwind the threads it left blocked (Docs/execution.md, "Abandoned continuations").
    defer { store.tearDown() }
    if let trace = options.trace { store.trace = { trace(name, $0) } }
    let root = ComponentInstance(store)
    let inst = ComponentInstance(store, parent: root)
    var resources = [String: ResourceType]()
    final class Log { var dtor: [UInt32] = [] }
    let log = Log()
    for (k, v) in resourcesNode?.mapping ?? [] {
      let rname = try f.text(k)
      var r = try Fields(file, v, what: "a resource")
      let withDtor = try r.bool("dtor") ?? false
      let impl = try r.string("impl") ?? "other"
      try r.finish()
      guard impl == "other" || impl == "callee" else { throw f.error(v, "impl must be other or callee") }
      let dtor: CoreFuncInst? = withDtor ? { args in
        if case .i32(let rep)? = args.first { log.dtor.append(rep) }
        return []
      } : nil
      resources[rname] = ResourceType(impl == "callee" ? inst : ComponentInstance(store, parent: root), dtor, name: rname)
    }
    if let r = resourcesNode, r.mapping == nil { throw f.error(r, "resources: must be a mapping NAME: {dtor: ..., impl: ...}") }

    // Host functions: check their arguments, return their results.
    var hosts = [String: (FuncType, FuncInst)]()
    var hostFailure: CheckFailure? = nil
    for (k, v) in hostNode?.mapping ?? [] {
      let hname = try f.text(k)
      var h = try Fields(file, v, what: "a host function")
      let ft = try h.funcType(try h.required("type"), resources)
      let argsNode = h.optional("args")
      let wantArgs = try argsNode.map { try h.values($0, ft.paramTypes()) }
      let results = try h.optional("results").map { try h.values($0, ft.result) } ?? []
      try h.finish()
      let fi: FuncInst = { onStart, onResolve, _ in
        let task = Task(ft, CanonicalOptions(), ComponentInstance(store), onStart, onResolve)
        let thread = CanonicalABI.Thread(task) {
          let args = try onStart()
          if let want = wantArgs, let n = argsNode, !(args.count == want.count && zip(args, want).allSatisfy { $0.equalModuloStringEncoding($1) }) {
            hostFailure = fail(n, "host \(hname) receives \(want)", "\(args)")
          }
          try onResolve(results)
        }
        try thread.resume()
        return { _ in }
      }
      hosts[hname] = (ft, fi)
    }
    if let h = hostNode, h.mapping == nil { throw f.error(h, "host: must be a mapping NAME: {type, args, results}") }

    // The call.
    var c = try Fields(file, callNode, what: "call:")
    var ft = try c.funcType(try c.required("type"), resources)
    let withCallback = try c.bool("callback") ?? false
    let isAsync = try c.bool("async") ?? withCallback
    ft.async_ = ft.async_ || isAsync
    let args = try c.optional("args").map { try c.values($0, ft.paramTypes()) } ?? []
    let addrText = try c.string("addr") ?? "i32"
    guard addrText == "i32" || addrText == "i64" else { throw c.error(callNode, "addr must be i32 or i64") }
    let encText = try c.string("encoding") ?? "utf8"
    guard let enc = StringEncoding(rawValue: encText) else { throw c.error(callNode, "unknown encoding \(encText)") }
    var mem = try c.optional("memory").map { try c.bytes($0) } ?? []
    if let n = try c.int("memory-size"), n <= 1 << 24, Int(n) > mem.count { mem += [UInt8](repeating: 0, count: Int(n) - mem.count) }
    let steps = try c.optional("steps").map { try c.list($0) } ?? []
    let reallocSteps = try c.optional("realloc-steps").map { try c.list($0) } ?? []
    let resultsNode = c.optional("results")
    let wantResults = try resultsNode.map { try c.values($0, ft.result) }
    let trapNode = c.optional("trap")
    let wantTrap = try trapNode.map { try c.trapSite($0) }
    try c.finish()
    let parsedSteps = try steps.map { try Step($0, file, resources, hosts) }
    let parsedReallocSteps = try reallocSteps.map { try Step($0, file, resources, hosts) }
    if let i = parsedSteps.firstIndex(where: { $0.op == "return" }), i != parsedSteps.count - 1 {
      throw f.error(steps[i], "return: must be the last step")
    }

    let heap = BumpHeap(mem, addrText == "i64" ? .i64 : .i32)
    // `realloc-steps:` run inside the callee's first `realloc` call (where `may_leave` is false).
    final class Once { var done = false }
    let once = Once()
    final class OptionsBox { var opts: CanonicalOptions? }
    let box = OptionsBox()
    let realloc: CoreFuncInst = { args in
      if !once.done, let opts = box.opts {
        once.done = true
        for s in parsedReallocSteps { _ = try s.run(args, inst, opts, store, log: { log.dtor }, fail: fail) }
      }
      return try heap.realloc(args)
    }
    // `callback: true`: the core function's results are its packed callback code; the callback itself exits.
    let callback: CoreFuncInst? = withCallback ? { _ in [.i32(0)] } : nil
    let opts = CanonicalOptions(stringEncoding: enc, memory: heap.memory, realloc: realloc, async_: isAsync, callback: callback)
    box.opts = opts
    let callee: CoreFuncInst = { flatArgs in
      var results: [CoreValue] = []
      for s in parsedSteps {
        log.dtor = []
        if let r = try s.run(flatArgs, inst, opts, store, log: { log.dtor }, fail: fail) { results = r }
      }
      return results
    }
    var got: [Value]? = nil
    var outcome: CheckFailure? = nil
    var trapped: CanonicalABITrap? = nil
    do {
      let fi = store.lift(callee, ft, opts, inst)
      _ = try store.invoke(fi, { args }, { got = $0 })
      var spins = 0
      while !store.waiting.isEmpty && store.waiting.contains(where: { $0.ready() }) && spins < 10_000 {
        try store.tick()
        spins += 1
      }
      if !store.waiting.isEmpty { outcome = fail(callNode, "the call to finish", "\(store.waiting.count) threads waiting, none ready") }
      else if let t = wantTrap, let n = trapNode { outcome = fail(n, "\(t)", "results \(got.map { "\($0)" } ?? "none")") }
      else if let want = wantResults, let n = resultsNode {
        let same = got.map { g in g.count == want.count && zip(g, want).allSatisfy { $0.equalModuloStringEncoding($1) } } ?? false
        if !same {
          outcome = fail(n, "results \(want)", got.map { "\($0)" } ?? "none")
        }
      }
    } catch let m as Mismatch {
      outcome = m.failure
    } catch let trap as CanonicalABITrap {
      trapped = trap
      if let t = wantTrap, let n = trapNode { outcome = t.matches(trap) ? nil : fail(n, "\(t)", "\(trap)") }
      else { outcome = fail(callNode, "no trap", "\(trap)") }
    } catch {
      outcome = fail(callNode, "the call to run", "\(error)")
    }
    if outcome == nil, let h = hostFailure { outcome = h }
    if outcome == nil, let a = afterNode {
      var g = try Fields(file, a, what: "after:")
      if let t = g.optional("table") { outcome = try checkTable(t, inst, file: file, fail: fail) }
      try g.finish()
    }
    if let o = outcome { result.failures.append(o) } else {
      result.passed += 1
      if let t = trapped { result.hit(t, file, doc.mark.line, name) }
    }
  }

  /// `{length: N, free: M}` against the instance's handle table.
  static func checkTable(_ n: YAMLNode, _ inst: ComponentInstance, file: String, fail: (YAMLNode, String, String) -> CheckFailure) throws -> CheckFailure? {
    var t = try Fields(file, n, what: "table:")
    let length = try t.int("length"), free = try t.int("free")
    try t.finish()
    let got = "{length: \(inst.handles.array.count), free: \(inst.handles.free.count)}"
    if let l = length, l != inst.handles.array.count { return fail(n, "table length \(l)", got) }
    if let fr = free, fr != inst.handles.free.count { return fail(n, "table free \(fr)", got) }
    return nil
  }

  /// One step of the core function's body.
  struct Step {
    let node: YAMLNode
    let file: String
    let op: String
    let opNode: YAMLNode
    let resource: ResourceType?
    let number: UInt32
    let host: (FuncType, FuncInst)?
    let callArgs: [CoreValue]
    let expect: [CoreValue]?
    let expectNode: YAMLNode?
    let trap: TrapSite?
    let trapNode: YAMLNode?
    let dtor: (node: YAMLNode, rep: UInt32?)?
    /// `builtin:` — the element type (`type:`) and the `async:`/`cancellable:` flag.
    let builtinType: ValType?
    let flag: Bool
    /// `builtin:` — `encoding:` calls the built-in with options of another string encoding than the call's.
    let builtinEncoding: StringEncoding?
    /// `repeat: N` runs the step N times (the expectations apply to the last run).
    let repeatCount: Int

    static let ops = ["received", "echo", "resource-new", "resource-rep", "resource-drop", "call", "builtin", "table", "throw", "return"]

    init(_ node: YAMLNode, _ file: String, _ resources: [String: ResourceType], _ hosts: [String: (FuncType, FuncInst)]) throws {
      var f = try Fields(file, node, what: "a step")
      self.node = node
      self.file = file
      let present = Self.ops.filter { f.has($0) }
      guard present.count == 1, let op = present.first, let opNode = f.optional(op) else {
        throw f.error(node, "a step has exactly one of \(Self.ops.joined(separator: ", "))")
      }
      self.op = op
      self.opNode = opNode
      var resource: ResourceType? = nil, number: UInt32 = 0, host: (FuncType, FuncInst)? = nil
      switch op {
      case "resource-new", "resource-rep", "resource-drop":
        let a = try f.list(opNode)
        guard a.count == 2, let rname = a[0].scalar, let rt = resources[rname] else { throw f.error(opNode, "\(op): [RESOURCE, NUMBER] with a declared resource") }
        resource = rt
        number = UInt32(truncatingIfNeeded: try f.uint(a[1]))
      case "call":
        guard let h = hosts[try f.text(opNode)] else { throw f.error(opNode, "no host function \(opNode)") }
        host = h
      case "builtin":
        guard Scenario.builtinNames.contains(try f.text(opNode)) else {
          throw f.error(opNode, "unknown built-in \(opNode) (known: \(Scenario.builtinNames.sorted().joined(separator: ", ")))")
        }
      case "received", "return": _ = try f.coreValues(opNode)
      default: break
      }
      self.resource = resource
      self.number = number
      self.host = host
      callArgs = try f.optional("args").map { try f.coreValues($0) } ?? []
      expectNode = f.optional("expect")
      expect = try expectNode.map { try f.coreValues($0) }
      trapNode = f.optional("trap")
      trap = try trapNode.map { try f.trapSite($0) }
      builtinType = try f.optional("type").map { try f.valType($0, resources) }
      flag = try f.bool("async") ?? f.bool("cancellable") ?? false
      if let e = try f.string("encoding") {
        guard let enc = StringEncoding(rawValue: e) else { throw f.error(node, "unknown encoding \(e)") }
        builtinEncoding = enc
      } else { builtinEncoding = nil }
      repeatCount = Int(min(try f.int("repeat") ?? 1, 1 << 20))
      dtor = try f.optional("dtor").map { n in (n, try f.text(n) == "none" ? nil : UInt32(truncatingIfNeeded: try f.uint(n))) }
      try f.finish()
    }

    /// Runs the step inside the core function; returns the core results for `echo` and `return`.
    func run(_ flatArgs: [CoreValue], _ inst: ComponentInstance, _ opts: CanonicalOptions, _ store: Store,
             log: () -> [UInt32], fail: (YAMLNode, String, String) -> CheckFailure) throws -> [CoreValue]? {
      let f = try Fields(file, node, what: "a step")
      var got: [CoreValue] = []
      do {
        switch op {
        case "received":
          let want = try f.coreValues(opNode)
          if flatArgs != want { throw Mismatch(failure: fail(opNode, "arguments \(describe(want))", describe(flatArgs))) }
          return nil
        case "echo": return flatArgs
        case "throw": throw CoreWebAssemblyException("scenario step throw:")
        case "return": return try f.coreValues(opNode)
        case "table":
          if let m = try Scenario.checkTable(opNode, inst, file: file, fail: fail) { throw Mismatch(failure: m) }
          return nil
        case "resource-new", "resource-rep", "resource-drop":
          guard let rt = resource else { return nil }
          got = op == "resource-new" ? try canonResourceNew(rt, number)
            : op == "resource-rep" ? try canonResourceRep(rt, number) : try canonResourceDrop(rt, number)
        case "builtin":
          var o = opts
          if let e = builtinEncoding {
            o = CanonicalOptions(stringEncoding: e, memory: opts.memory, realloc: opts.realloc, postReturn: opts.postReturn,
                                 async_: opts.async_, callback: opts.callback)
          }
          let name = try f.text(opNode)
          for _ in 0..<max(repeatCount, 1) { got = try Scenario.builtin(name, callArgs, builtinType, flag, o) }
        default:  // call
          guard let (ft, fi) = host else { return nil }
          got = try store.lower(fi, ft, opts, inst)(callArgs)
        }
      } catch let t as CanonicalABITrap {
        guard let want = trap, let n = trapNode else { throw t }
        if !want.matches(t) { throw Mismatch(failure: fail(n, "\(want)", "\(t)")) }
        throw t  // the expected trap ends the call
      }
      if let n = trapNode, let want = trap { throw Mismatch(failure: fail(n, "\(want)", "results \(describe(got))")) }
      if let want = expect, let n = expectNode, got != want { throw Mismatch(failure: fail(n, describe(want), describe(got))) }
      if let d = dtor {
        let ran = log()
        let ok = d.rep.map { ran == [$0] } ?? ran.isEmpty
        if !ok { throw Mismatch(failure: fail(d.node, d.rep.map { "destructor called with \($0)" } ?? "no destructor call", ran.isEmpty ? "none" : "\(ran)")) }
      }
      return nil
    }
  }
}
