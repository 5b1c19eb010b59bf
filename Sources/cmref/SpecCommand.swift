// `cmref spec`: every definition of the pinned definitions.py with its Swift symbol and file:line.
// Register in the main command's `subcommands` as `SpecCommand.self`.
import ArgumentParser
import CanonicalABI

struct SpecCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spec",
    abstract: "List every definition of the pinned definitions.py with its Swift counterpart.")

  @Flag(name: .long, help: "Print only the definitions with no Swift counterpart (nothing when complete).")
  var missing = false

  func run() throws {
    let map = try specMap()
    if missing {
      for (d, c) in map where c == nil { print("\(d.section): \(d.kind.rawValue) \(d.name)") }
      return
    }
    var section = ""
    for (d, c) in map {
      if d.section != section {
        section = d.section
        print("## \(section)")
      }
      if let c {
        print("  \(d.kind.rawValue) \(d.name) -> \(c.symbol) \(c.file):\(c.line)")
      } else {
        print("  \(d.kind.rawValue) \(d.name) -> MISSING")
      }
    }
    let found = map.filter { $0.1 != nil }.count
    print("\(found)/\(map.count) definitions of definitions.py@\(specDefinitionsCommit.prefix(12)) have a Swift counterpart")
  }
}
