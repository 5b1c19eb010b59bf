// Runs each workload of a directory of .wasm files (written by `cmref bench --emit-wasm DIR`) on
// WasmKit: `wasmkit-bench DIR WORKLOADS.txt [REPEAT]`. Prints `name seconds result` per workload,
// the best of REPEAT runs of instantiate + invoke, like `cmref bench`.
import Foundation
import WasmKit

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write("usage: wasmkit-bench WASM_DIR WORKLOADS.txt [REPEAT]\n".data(using: .utf8)!)
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[1])
let repeats = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 3) : 3
let workloads = try String(contentsOfFile: arguments[2], encoding: .utf8)
    .split(separator: "\n")
    .filter { !$0.hasPrefix("#") }
    .compactMap { line -> (String, UInt32)? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 2, let n = UInt32(fields[1]) else { return nil }
        return (String(fields[0]), n)
    }

for (name, argument) in workloads {
    let bytes = Array(try Data(contentsOf: directory.appendingPathComponent("\(name).wasm")))
    let module = try parseWasm(bytes: bytes)
    var best = Double.infinity
    var result: UInt32 = 0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let store = Store(engine: Engine())
        let instance = try module.instantiate(store: store)
        guard let run = instance.exports[function: "run"] else { exit(1) }
        result = try run([.i32(argument)])[0].i32
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(name, String(format: "%.4f", best), result)
}
