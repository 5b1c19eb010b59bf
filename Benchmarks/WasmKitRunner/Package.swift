// swift-tools-version:6.3
// Benchmark-only package: runs the workloads of ../programs on WasmKit 0.4.2's interpreter, so that
// `Benchmarks/compare.sh` can set them beside `cmref bench`. The product never depends on WasmKit.
import PackageDescription

let package = Package(
    name: "wasmkit-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2")
    ],
    targets: [
        .executableTarget(
            name: "wasmkit-bench",
            dependencies: [.product(name: "WasmKit", package: "WasmKit")]
        )
    ]
)
