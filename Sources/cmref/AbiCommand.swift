// `cmref abi TYPE [--value V] [--encoding E] [--memory64] [--resource R]... [--seed N] [--nondeterministic] [--trace]` and `cmref abi --func FUNCTYPE`.
// Register in the main command's `subcommands` as `AbiCommand.self`.
import ArgumentParser
import CanonicalABI

struct AbiCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "abi",
    abstract: "Show the Canonical ABI of a type (size, alignment, flat types) or of a value (stored bytes, flat values), or the flattened signatures of a function type.")

  @Argument(help: "A value type in the component text format, e.g. '(list string)'.")
  var type: String?

  @Option(help: "A value of the type, in the WAVE syntax, e.g. '[\"a\", \"b\"]'.")
  var value: String?

  @Option(help: "String encoding: utf8, utf16 or latin1+utf16.")
  var encoding: String = "utf8"

  @Option(name: .customLong("func"), help: "A function type, e.g. '(func (param \"x\" u32) (result string))'.")
  var funcType: String?

  @Flag(help: "Use 64-bit addresses (memory64).")
  var memory64 = false

  @Option(name: .customLong("resource"), help: "Declare a resource type NAME, so TYPE may say (own $NAME) or (borrow $NAME); repeatable.")
  var resources: [String] = []

  @Flag(help: "Use the non-deterministic profile (NaNs stored with random payloads from --seed).")
  var nondeterministic = false

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    let at: CoreValType = memory64 ? .i64 : .i32
    if let f = funcType {
      for l in abiFuncReport(try parseFuncType(f), addrType: at) { print(l) }
      return
    }
    guard let text = type else { throw ValidationError("give a TYPE or --func FUNCTYPE") }
    guard let enc = StringEncoding(rawValue: encoding) else { throw ValidationError("unknown encoding \(encoding)") }
    let store = Store(deterministicProfile: !nondeterministic, seed: storeOptions.seed)
    if storeOptions.trace { store.trace = { print("trace: \($0)") } }
    var rts = [String: ResourceType]()
    for r in resources { rts[r] = ResourceType(ComponentInstance(store), name: r) }
    let t = try parseValType(text, resources: rts)
    do {
      for l in try abiReport(t, value: try value.map { try parseValue($0, t) }, encoding: enc, addrType: at, store: store) { print(l) }
    } catch let trap as CanonicalABITrap {
      print(trap)
      throw ExitCode(1)
    }
  }
}
