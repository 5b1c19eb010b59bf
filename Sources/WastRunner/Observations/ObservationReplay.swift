// `cmref check` on observation files (Docs/observations.md): replays what a runtime did on the reference and
// reports every step whose observed outcome the spec does not allow.
import CanonicalABI
import ComponentModel
import Foundation
import struct WasmCore.Features

/// The runner of `kind: observations` documents.
public enum Observations {
  /// Replays one observation file: one instance of its component, every step in order, each compared with
  /// what the reference does (Docs/observations.md, "When a call agrees").
  public static func run(file: String, document: YAMLNode, options: CheckOptions, result: inout CheckResult) throws {
    let obs = try ObservationFile.read(file: file, document)
    let compMark = document["component"]?.mark ?? document.mark
    let syntax = try load(obs.component, file: file, mark: compMark)
    let runtime = ComponentRuntime(seed: options.seed)
    defer { runtime.tearDown() }
    if let trace = options.trace { runtime.store.trace = { trace(file, $0) } }
    let instance: ComponentInstanceValue
    do {
      instance = try runtime.instantiate(syntax)
    } catch {
      result.failures.append(CheckFailure(
        file: file, line: compMark.line, caseName: "instantiate", spec: "Explainer.md#instance-definitions",
        expected: "an instance (the runtime instantiated the component)", got: "\(error)"))
      return
    }
    var replay = Replay(file: file, runtime: runtime, instance: instance)
    let destructorCalls = DestructorCalls()
    runtime.destructorCalled = { type, rep in destructorCalls.calls.append((type, rep)) }
    for step in obs.steps {
      destructorCalls.calls = []
      var failure = try replay.check(step)
      if failure == nil, let reported = step.dtors {
        failure = replay.compareDestructorCalls(step, reported, destructorCalls.calls)
      }
      switch (failure, step.differs) {
      case (nil, nil): result.passed += 1
      case (let f?, nil): result.failures.append(f)
      // a known difference, explained in the file: it must still differ (so the explanation stays true)
      case (_?, _?): result.passed += 1
      case (nil, let why?):
        result.failures.append(replay.failure(step, spec: "Docs/observations.md#known-differences",
                                              expected: "a known difference (\(why))", got: "an outcome the reference agrees with"))
      }
    }
  }

  /// Decodes or parses and validates the component, with wasm-tools' default features.
  static func load(_ source: ObservationFile.ComponentSource, file: String, mark: YAMLMark) throws -> Component {
    let features = Features.wasmToolsDefaults
    do {
      let syntax: Component
      switch source {
      case .path(let p): syntax = try ComponentPipeline(features: features).read(file: p)
      case .text(let t): syntax = try parseComponent(t, features: features, legacyIndices: false)
      }
      _ = try validateComponent(syntax, features: features)
      return syntax
    } catch {
      throw YAMLError(file, mark, "component: \(ModulePipeline.asWasmError(error))")
    }
  }
}

/// The state of one replay: the instance, and the handles the host holds by their names.
struct Replay {
  let file: String
  let runtime: ComponentRuntime
  let instance: ComponentInstanceValue
  /// `@N` to the rep and resource type of a handle the host holds.
  var held: [Int: (rep: UInt32, type: ResourceType)] = [:]
  /// The greatest handle number named so far: a handle received later is named by a greater one.
  var lastHandle = 0

  init(file: String, runtime: ComponentRuntime, instance: ComponentInstanceValue) {
    self.file = file
    self.runtime = runtime
    self.instance = instance
  }

  /// What the reference did in a step.
  enum Reference {
    case returned([Value], [CanonicalABI.ValType])
    case trapped(ComponentTrap)
  }

  /// Runs a step on the reference and compares; nil when the step agrees.
  mutating func check(_ step: ObservationFile.Step) throws -> CheckFailure? {
    let reference: Reference
    var entry = "Store.lift (CanonicalABI.md#embedding)"
    var loweredNaN = false
    switch step.action {
    case .call(let path, let arguments):
      let f = try function(path, step.actionMark)
      let types = f.type.params.map(\.1)
      let args: [Value]
      switch try self.arguments(arguments, types, step.actionMark) {
      case .failure(let why):
        return failure(step, spec: "Docs/observations.md#handles", expected: "a handle the host holds", got: why.message)
      case .success(let a): args = a
      }
      loweredNaN = args.contains { containsNaN($0) }
      entry = "canon_lift (CanonicalABI.md#canon-lift)"
      do { reference = .returned(try runtime.invoke(f, args), f.type.result) } catch let t as ComponentTrap { reference = .trapped(t) }
    case .drop(let n):
      guard let h = held.removeValue(forKey: n) else {
        return failure(step, spec: "Docs/observations.md#handles", expected: "a handle the host holds", got: "@\(n) is not held")
      }
      entry = "canon_resource_drop (CanonicalABI.md#canon-resourcedrop)"
      // Spec: CanonicalABI.md#canon-resourcedrop — the destructor (or a no-op) lifted in the resource's
      // instance and called with the rep, here with the host as the caller
      let ft = FuncType([.u32], [], async_: false)
      let dtor: CoreFuncInst = h.type.dtor ?? { _ in [] }
      let callee = runtime.store.lift(dtor, ft, CanonicalOptions(async_: false), h.type.impl)
      do {
        reference = .returned(try runtime.invoke(ComponentFunc(type: ft, name: "drop", callee), [.u32(h.rep)]), [])
      } catch let t as ComponentTrap { reference = .trapped(t) }
    }
    let note = loweredNaN ? " (a NaN argument was lowered: its bits are the spec's non-deterministic choice)" : ""
    switch (reference, step.outcome) {
    case (.trapped, .trap):
      return nil
    case (.trapped(let t), .result(let observed)):
      return failure(step, spec: site(t), expected: "\(t)", got: observed + note)
    case (.returned(let vs, let ts), .trap(let message)):
      return failure(step, spec: entry, expected: resultText(vs, ts), got: "trap (\(message))" + note)
    case (.returned(let vs, let ts), .result(let observed)):
      guard let v = vs.first, let t = ts.first else {
        if observed == "()" { return nil }
        return failure(step, spec: entry, expected: "()", got: observed + note)
      }
      return try compare(step, v, t, observed, spec: entry, note: note)
    }
  }

  /// The export an action names: `api#math#add` walks exported instances.
  func function(_ path: [String], _ mark: YAMLMark) throws -> ComponentFunc {
    var inst = instance
    for name in path.dropLast() {
      guard case .instance(let i)? = inst.export(name) else { throw YAMLError(file, mark, "no exported instance \(name)") }
      inst = i
    }
    guard let last = path.last, let f = inst.function(last) else {
      throw YAMLError(file, mark, "no exported function \(path.joined(separator: "#"))")
    }
    return f
  }

  /// The arguments of a call, read at the parameter types; the handles named `@N` become the reps the host
  /// holds, and an owned one leaves the host (it moves into the callee).
  mutating func arguments(_ text: String, _ types: [CanonicalABI.ValType], _ mark: YAMLMark) throws -> Result<[Value], Unbound> {
    let tokens = handleTokens(text)
    for t in tokens where held[t.number] == nil { return .failure(Unbound("@\(t.number) is not held")) }
    let substituted = replacingHandles(text) { n in String(held[n]?.rep ?? 0) }
    let value: Value
    do { value = try parseValue(substituted, .tuple(types)) } catch let e as SyntaxError {
      throw YAMLError(file, mark, "arguments \(text) at types (\(types.map { "\($0)" }.joined(separator: ", "))): \(e)")
    }
    guard case .record(let fields) = value else { throw YAMLError(file, mark, "arguments \(text): not a tuple") }
    let args = fields.map(\.value)
    let kinds = zip(args, types).flatMap { handleKinds($0, $1) }
    for (token, own) in zip(tokens, kinds) where own { held[token.number] = nil }
    return .success(args)
  }

  /// Compares a returned value with the observed WAVE text; the observed text names the handles it received
  /// with new, increasing numbers, which are bound to the reference's handles.
  mutating func compare(_ step: ObservationFile.Step, _ v: Value, _ t: CanonicalABI.ValType, _ observed: String,
                        spec: String, note: String) throws -> CheckFailure? {
    let tokens = handleTokens(observed)
    let refHandles = handles(v, t)
    let expectedText = resultText([v], [t])
    guard tokens.count == refHandles.count else {
      return failure(step, spec: spec, expected: expectedText, got: observed + note)
    }
    var last = lastHandle
    for token in tokens {
      guard token.number > last else {
        throw YAMLError(file, step.outcomeMark, "handle @\(token.number) in a result: a received handle needs a new number, above @\(last)")
      }
      last = token.number
    }
    var reps = refHandles.map(\.rep).makeIterator()
    let substituted = replacingHandles(observed) { _ in String(reps.next() ?? 0) }
    let got: Value
    do { got = try parseValue(substituted, t) } catch let e as SyntaxError {
      throw YAMLError(file, step.outcomeMark, "result \(observed) at type \(t): \(e)")
    }
    for (token, h) in zip(tokens, refHandles) { held[token.number] = (h.rep, h.type) }
    lastHandle = last
    return componentValuesEqual(v, got) ? nil : failure(step, spec: spec, expected: expectedText, got: observed + note)
  }

  /// Compares the destructor calls the runtime reported for a step with the reference's, in order; each
  /// reference call is named by the export of its resource type (`counter`, `api#counter`).
  func compareDestructorCalls(_ step: ObservationFile.Step, _ reported: [(resource: String, rep: UInt32)],
                              _ reference: [(ResourceType, UInt32)]) -> CheckFailure? {
    let expected = reference.map { "\(exportName(of: $0.0, in: instance) ?? "\($0.0)") \($0.1)" }
    let got = reported.map { "\($0.resource) \($0.rep)" }
    if expected == got { return nil }
    let line = step.dtorsMark?.line ?? step.outcomeMark.line
    return CheckFailure(file: file, line: line, caseName: step.actionText,
                        spec: "canon_resource_drop (CanonicalABI.md#canon-resourcedrop)",
                        expected: "dtors [\(expected.joined(separator: ", "))]", got: "dtors [\(got.joined(separator: ", "))]")
  }

  /// The export name of a resource type, walking exported instances (`api#counter`).
  func exportName(of type: ResourceType, in inst: ComponentInstanceValue) -> String? {
    for e in inst.exports {
      switch e.value {
      case .type(.resource(let t)) where t === type: return e.name
      case .instance(let nested):
        if let n = exportName(of: type, in: nested) { return "\(e.name)#\(n)" }
      default: continue
      }
    }
    return nil
  }

  func failure(_ step: ObservationFile.Step, spec: String, expected: String, got: String) -> CheckFailure {
    CheckFailure(file: file, line: step.outcomeMark.line, caseName: step.actionText, spec: spec, expected: expected, got: got)
  }

  /// The spec site of a reference trap.
  func site(_ t: ComponentTrap) -> String {
    switch t.site {
    case .canonicalABI(let c): return "\(c.definition): \(c.condition)"
    case .core: return "core WebAssembly (Explainer.md#component-invariants)"
    default: return "\(t)"
    }
  }

  func resultText(_ vs: [Value], _ ts: [CanonicalABI.ValType]) -> String { vs.isEmpty ? "()" : waveText(vs, ts) }

  struct Unbound: Error { var message: String; init(_ m: String) { message = m } }
}

/// The destructor calls of the reference during one step, in order.
final class DestructorCalls {
  var calls: [(ResourceType, UInt32)] = []
}

extension Replay.Unbound: CustomStringConvertible { var description: String { message } }

/// Whether a value holds a NaN anywhere.
func containsNaN(_ v: Value) -> Bool {
  switch v {
  case .f32(let x): return x.isNaN
  case .f64(let x): return x.isNaN
  case .list, .numbers: return (v.listElements ?? []).contains { containsNaN($0) }
  case .record(let fs): return fs.contains { containsNaN($0.value) }
  case .variant(_, let p?): return containsNaN(p)
  default: return false
  }
}
