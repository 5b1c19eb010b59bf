import ArgumentParser
import Dispatch
import Foundation
import WasmCore

/// `cmref bench`: times the core interpreter on the CPU-bound workloads of `Benchmarks/programs`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the core interpreter on CPU-bound workloads (build with -c release).",
        discussion: """
            Each workload of WORKLOADS.txt in the programs directory names a text module NAME.wat that \
            exports `run: [i32] -> [i32]` and the argument to call it with. For each, the module is \
            encoded, decoded, validated, instantiated and run; the best wall-clock time of --repeat runs \
            of instantiate + invoke is printed with the result. `Benchmarks/compare.sh` sets these \
            figures beside WasmKit's on the same .wasm files.
            """
    )

    @Option(help: "The directory of workloads (with workloads.txt and NAME.wat files).")
    var programs: String = "Benchmarks/programs"

    @Option(help: "How many times to run each workload; the best time counts.")
    var `repeat`: Int = 3

    @Option(help: "Also write each workload's binary to DIR/NAME.wasm (for other engines).")
    var emitWasm: String?

    @Flag(help: "Print plain `name seconds result` lines.")
    var plain = false

    func run() throws {
        let directory = URL(fileURLWithPath: programs)
        let list = try String(contentsOf: directory.appendingPathComponent("workloads.txt"), encoding: .utf8)
        let workloads: [(name: String, argument: UInt32)] = list.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard !line.hasPrefix("#"), fields.count == 2, let n = UInt32(fields[1]) else { return nil }
            return (String(fields[0]), n)
        }
        if !plain { print("workload        seconds   result") }
        for workload in workloads {
            let path = directory.appendingPathComponent("\(workload.name).wat").path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let bytes: [UInt8]
            do {
                bytes = encodeModule(try parseModule(text))
            } catch let error as WasmError {
                throw error.inFile(path)
            }
            if let emitWasm {
                try write(Data(bytes), to: URL(fileURLWithPath: emitWasm).appendingPathComponent("\(workload.name).wasm").path)
            }
            let module = try decodeModule(bytes)
            _ = try validateModule(module)
            var best = Double.infinity
            var result = ""
            for _ in 0..<max(1, self.repeat) {
                let start = DispatchTime.now().uptimeNanoseconds
                let store = Store()
                let instance = try store.instantiate(module, imports: [])
                guard case .function(let run)? = instance.export("run") else {
                    throw WasmError(.usage, "the module exports no function `run`", file: path)
                }
                let results = try store.invoke(run, [.i32(workload.argument)])
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                result = results.first.map { if case .i32(let v) = $0 { return "\(v)" } else { return "\($0)" } } ?? "-"
            }
            if plain {
                print(workload.name, String(format: "%.4f", best), result)
            } else {
                print(workload.name.padding(toLength: 14, withPad: " ", startingAt: 0), String(format: "%9.4f", best), " ", result)
            }
        }
    }
}
