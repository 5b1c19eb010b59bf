import Foundation
import WasmCore

/// Finds the script files a run covers.
public enum ScriptFiles {
    /// The `.wast` files named by `paths`: a file as given, a directory searched recursively; each
    /// directory's files sorted by path. A path that does not exist is an error.
    public static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw WasmError(.usage, "no such file or directory", file: path)
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = fm.enumerator(atPath: path) else {
                throw WasmError(.usage, "cannot read directory", file: path)
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = []
            for case let relative as String in enumerator where relative.hasSuffix(".wast") {
                found.append(base + "/" + relative)
            }
            files += found.sorted()
        }
        return files
    }
}
