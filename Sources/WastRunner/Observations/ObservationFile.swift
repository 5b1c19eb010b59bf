// An observation file (Docs/observations.md): what some runtime observed running a component, read from its
// located YAML nodes. Every shape error names the file, line and column.
import CanonicalABI
import Foundation

/// One observation file: the runtime, the component, and the steps in the order the runtime ran them.
struct ObservationFile {
  /// Where the component comes from.
  enum ComponentSource {
    /// A `.wat` or `.wasm` file, as a path relative to the observation file (already joined).
    case path(String)
    /// Component text written inline.
    case text(String)
  }

  /// What the host did in a step.
  enum Action {
    /// A call of an export: the export path (`api#math#add` is `["api", "math", "add"]`) and the WAVE
    /// text of the arguments, parentheses included (`(1, "a")`).
    case call(path: [String], arguments: String)
    /// The host drops the handle `@N` it holds.
    case drop(handle: Int)
  }

  /// What the runtime observed.
  enum Outcome {
    /// The call returned this WAVE value (`()` for a function without a result).
    case result(String)
    /// The call trapped; the runtime's message, informational.
    case trap(String)
  }

  struct Step {
    var action: Action
    /// The action as written (`call echo("x")`, `drop @1`), for messages.
    var actionText: String
    var actionMark: YAMLMark
    var outcome: Outcome
    /// The line of the outcome key: where a divergence is reported.
    var outcomeMark: YAMLMark
    /// `dtors:` when present: the destructor calls the runtime reported (`RESOURCE REP`).
    var dtors: [(resource: String, rep: UInt32)]?
    var dtorsMark: YAMLMark?
    /// `differs:` when present: a known difference between the runtime and the spec, explained.
    var differs: String?
  }

  var runtimeName: String
  var runtimeVersion: String
  var component: ComponentSource
  var steps: [Step]

  /// Reads the document of `file` (its `kind: observations` already seen).
  static func read(file: String, _ doc: YAMLNode) throws -> ObservationFile {
    var f = try Fields(file, doc, what: "an observation file")
    _ = f.optional("kind")
    _ = f.optional("spec")
    _ = f.optional("note")
    var runtime = try Fields(file, try f.required("runtime"), what: "runtime:")
    guard let name = try runtime.string("name") else { throw runtime.error(runtime.node, "missing key name") }
    guard let version = try runtime.string("version") else { throw runtime.error(runtime.node, "missing key version") }
    // a recorder may keep more about the runtime (its configuration); the checker does not read it
    let compNode = try f.required("component")
    let compText = try f.text(compNode)
    let component: ComponentSource
    if compText.drop(while: { $0.isWhitespace }).hasPrefix("(") {
      component = .text(compText)
    } else {
      let dir = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
      component = .path(compText.hasPrefix("/") || dir.isEmpty ? compText : dir + "/" + compText)
    }
    var steps = [Step]()
    for item in try f.list(try f.required("calls")) {
      steps.append(try readStep(file, item))
    }
    try f.finish()
    return ObservationFile(runtimeName: name, runtimeVersion: version, component: component, steps: steps)
  }

  static func readStep(_ file: String, _ node: YAMLNode) throws -> Step {
    var s = try Fields(file, node, what: "a step")
    let call = s.optional("call"), drop = s.optional("drop")
    let result = s.optional("result"), trap = s.optional("trap")
    let dtorsNode = s.optional("dtors")
    let differs = try s.optional("differs").map { try s.text($0) }
    _ = s.optional("note")
    try s.finish()
    let action: Action
    let actionText: String
    let actionMark: YAMLMark
    switch (call, drop) {
    case (let c?, nil):
      let text = try s.text(c)
      guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
        throw s.error(c, "expected NAME(ARGUMENTS), got \(text)")
      }
      let name = text[..<open].trimmingCharacters(in: .whitespaces)
      let path = name.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
      guard !path.contains(where: \.isEmpty) else { throw s.error(c, "empty export name in \(name)") }
      action = .call(path: path, arguments: String(text[open...]))
      actionText = "call \(text)"
      actionMark = c.mark
    case (nil, let d?):
      let text = try s.text(d)
      guard text.hasPrefix("@"), let n = Int(text.dropFirst()), n > 0 else { throw s.error(d, "expected a handle @N, got \(text)") }
      action = .drop(handle: n)
      actionText = "drop \(text)"
      actionMark = d.mark
    default:
      throw s.error(node, "a step needs exactly one action: call or drop")
    }
    /// The mark of a key of this step (a divergence is reported at the outcome's key).
    func keyMark(_ key: String, _ value: YAMLNode) -> YAMLMark {
      node.mapping?.first { $0.key.scalar == key }?.key.mark ?? value.mark
    }
    let outcome: Outcome
    let outcomeMark: YAMLMark
    switch (result, trap) {
    case (let r?, nil): outcome = .result(try s.text(r)); outcomeMark = keyMark("result", r)
    case (nil, let t?): outcome = .trap(try s.text(t)); outcomeMark = keyMark("trap", t)
    default: throw s.error(node, "a step needs exactly one outcome: result or trap")
    }
    var dtors: [(resource: String, rep: UInt32)]?
    if let d = dtorsNode {
      dtors = try s.list(d).map { item in
        let parts = try s.text(item).split(separator: " ")
        guard parts.count == 2, let rep = UInt32(parts[1]) else { throw s.error(item, "expected RESOURCE REP, got \(item)") }
        return (String(parts[0]), rep)
      }
    }
    return Step(action: action, actionText: actionText, actionMark: actionMark, outcome: outcome,
                outcomeMark: outcomeMark, dtors: dtors, dtorsMark: dtorsNode?.mark, differs: differs)
  }
}
