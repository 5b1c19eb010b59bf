import ArgumentParser

/// `--seed N` and `--trace`, shared by the commands that run Canonical ABI code on a `Store`
/// (`cmref abi`, `cmref check`; a runner can add them with `@OptionGroup var store: StoreOptions`).
struct StoreOptions: ParsableArguments {
  @Option(help: "Seed of the store's random source (the spec's non-deterministic choices).")
  var seed: UInt64 = 0

  @Flag(help: "Print the Canonical ABI definitions entered (Docs/canonical-abi.md#tracing---trace).")
  var trace = false
}
