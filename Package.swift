// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cmref",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cmref", targets: ["cmref"]),
        .library(name: "WasmCore", targets: ["WasmCore"]),
        .library(name: "CanonicalABI", targets: ["CanonicalABI"]),
        .library(name: "ComponentModel", targets: ["ComponentModel"]),
        .library(name: "WastRunner", targets: ["WastRunner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "WasmCore"),
        .target(name: "CanonicalABI", dependencies: ["WasmCore"]),
        .target(name: "ComponentModel", dependencies: ["WasmCore", "CanonicalABI"]),
        .target(name: "WastRunner", dependencies: ["WasmCore", "CanonicalABI", "ComponentModel", "CLibYAML"]),
        .executableTarget(
            name: "cmref",
            dependencies: [
                "WasmCore", "CanonicalABI", "ComponentModel", "WastRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "WasmCoreTests", dependencies: ["WasmCore"]),
        .testTarget(name: "CanonicalABITests", dependencies: ["CanonicalABI"]),
        .testTarget(
            name: "ComponentModelTests", dependencies: ["ComponentModel", "CanonicalABI"],
            exclude: ["known-validation-failures.txt"]  // read by the suite walk, by path
        ),
        .testTarget(name: "WastRunnerTests", dependencies: ["WastRunner", "WasmCore", "CanonicalABI"]),
    ],
    swiftLanguageModes: [.v5]
)
