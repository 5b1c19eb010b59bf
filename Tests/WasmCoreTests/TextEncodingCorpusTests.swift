import Foundation
import XCTest
@testable import WasmCore

/// Dev check (env-gated, used by `Scripts/text-differential.sh`): writes every text module of the
/// core suite next to our encoding of it, so a script can compare with `wasm-tools parse`.
final class TextEncodingCorpusTests: XCTestCase {
    func testWriteCorpus() throws {
        guard let out = ProcessInfo.processInfo.environment["CMREF_TEXT_CORPUS_OUT"] else {
            throw XCTSkip("set CMREF_TEXT_CORPUS_OUT to write the corpus")
        }
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var written = 0
        for url in TextParserSuiteTests.suiteFiles() {
            for m in try TextParserSuiteTests.modules(in: url) where m.expectedMalformed == nil {
                let base = "\(url.deletingPathExtension().lastPathComponent).\(m.line)"
                let module = try parseModule(m.text)
                try Data(m.text.utf8).write(to: dir.appendingPathComponent(base + ".wat"))
                try Data(encodeModule(module)).write(to: dir.appendingPathComponent(base + ".ours.wasm"))
                written += 1
            }
        }
        print("text corpus: \(written) modules written to \(out)")
    }
}
