// `cmref check`: finds the expectation files, reads each, and dispatches on its `kind:` (Docs/yaml-formats.md).
import CanonicalABI
import Foundation

/// One failed case: where, which, and what differed.
public struct CheckFailure: Equatable {
  public var file: String
  public var line: Int
  public var caseName: String
  public var spec: String
  public var expected: String
  public var got: String
  /// `file:line: case NAME, spec SECTION: expected ..., got ...`
  public var description: String { "\(file):\(line): case \(caseName), spec \(spec): expected \(expected), got \(got)" }
}

/// What checking some files gave.
public struct CheckResult {
  public var files = 0
  public var passed = 0
  public var failures = [CheckFailure]()
  /// The trap sites (`definition | condition`) that passing `trap:` expectations matched, with the first case
  /// that did (`file:line case NAME`): the YAML side of the trap-site mapping.
  public var trapSites = [String: String]()
  public init() {}
  mutating func hit(_ t: CanonicalABITrap, _ file: String, _ line: Int, _ name: String) {
    let key = "\(t.definition) | \(t.condition)"
    if trapSites[key] == nil { trapSites[key] = "\(file):\(line) case \(name)" }
  }
  public var failed: Int { failures.count }
  /// `check: N passed, M failed (K files)`
  public var summary: String { "check: \(passed) passed, \(failed) failed (\(files) file\(files == 1 ? "" : "s"))" }
}

/// How to run the files: the seed for the spec's non-deterministic choices and an optional trace hook.
public struct CheckOptions {
  public var seed: UInt64
  /// Receives `(case name, definition entered)` when set.
  public var trace: ((String, String) -> Void)?
  public init(seed: UInt64 = 0, trace: ((String, String) -> Void)? = nil) { self.seed = seed; self.trace = trace }
}

/// The runner of one kind of expectation document.
public typealias ExpectationRunner = (_ file: String, _ document: YAMLNode, _ options: CheckOptions, _ result: inout CheckResult) throws -> Void

public enum ExpectationCheck {
  /// The runners by `kind:`. Issue 8's observation files register `observations` here.
  nonisolated(unsafe) public static var runners: [String: ExpectationRunner] = [
    "abi-cases": ABICases.run,
    "scenario": Scenario.run,
    "observations": Observations.run,
  ]

  /// The `*.yaml` files under `paths` (files as given; directories searched recursively, sorted).
  public static func files(_ paths: [String]) throws -> [String] {
    var out = [String]()
    let fm = FileManager.default
    for p in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw YAMLError(p, YAMLMark(line: 0, column: 0), "no such file or directory") }
      if !isDir.boolValue { out.append(p); continue }
      guard let e = fm.enumerator(atPath: p) else { continue }
      var found = [String]()
      while let rel = e.nextObject() as? String {
        if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { found.append((p as NSString).appendingPathComponent(rel)) }
      }
      out += found.sorted()
    }
    return out
  }

  /// Checks one file: reads it, finds its `kind:` and runs it. Shape errors are thrown (`YAMLError`).
  public static func check(file: String, options: CheckOptions, into result: inout CheckResult) throws {
    guard let data = FileManager.default.contents(atPath: file) else { throw YAMLError(file, YAMLMark(line: 0, column: 0), "cannot read the file") }
    let docs = try YAMLReader.documents(String(decoding: data, as: UTF8.self), file: file)
    guard docs.count == 1, let doc = docs.first else {
      throw YAMLError(file, docs.dropFirst().first?.mark ?? YAMLMark(line: 1, column: 1), "expected exactly one YAML document, found \(docs.count)")
    }
    guard doc.mapping != nil, let kindNode = doc["kind"], let kind = kindNode.scalar else {
      throw YAMLError(file, doc.mark, "the top-level mapping needs a kind: (\(runners.keys.sorted().joined(separator: ", ")))")
    }
    guard let run = runners[kind] else {
      throw YAMLError(file, kindNode.mark, "unknown kind \(kind) (known: \(runners.keys.sorted().joined(separator: ", ")))")
    }
    result.files += 1
    try run(file, doc, options, &result)
  }
}
