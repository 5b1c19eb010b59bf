import Foundation
import WasmCore

/// Reads the files the runner and the CLI take as input.
public enum InputFile {
    /// The bytes of the file at `path` (a regular file, or a device or pipe such as `/dev/null`);
    /// an unreadable file is a usage error naming it.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WasmError(.usage, "cannot read file", file: path)
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw WasmError(.usage, "cannot read file: \(error.localizedDescription)", file: path)
        }
    }
}
