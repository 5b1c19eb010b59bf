import XCTest
import WasmCore
@testable import ComponentModel

/// Spec: Explainer.md — parse(print(c)) == c for every suite component that decodes.
final class PrinterRoundTripTests: XCTestCase {
    /// `c` with the redundant `nameattributes` discriminant 0x01 written as 0x00 (the text format
    /// cannot tell them apart) and without custom sections.
    func normalized(_ c: Component) -> Component {
        func name(_ n: ExternName) -> ExternName { ExternName(n.name, attributes: n.attributes) }
        func decl(_ d: Declaration) -> Declaration {
            switch d {
            case .import(let i): return .import(ComponentImport(name: name(i.name), type: i.type))
            case .export(let n, let t): return .export(name: name(n), type: t)
            case .type(let t): return .type(type(t))
            default: return d
            }
        }
        func type(_ t: TypeDefinition) -> TypeDefinition {
            switch t {
            case .component(let ds): return .component(ds.map(decl))
            case .instance(let ds): return .instance(ds.map(decl))
            default: return t
            }
        }
        return Component(definitions: deepStripped(c).definitions.map { d in
            switch d {
            case .component(let inner): return .component(normalized(inner))
            case .import(let i): return .import(ComponentImport(name: name(i.name), type: i.type))
            case .export(let e): return .export(ComponentExport(name: name(e.name), item: e.item, type: e.type))
            case .instance(.exports(let es)): return .instance(.exports(es.map { InlineExport(name: name($0.name), item: $0.item) }))
            case .type(let t): return .type(type(t))
            default: return d
            }
        })
    }

    /// Whether an import or export name of the component carries an attribute kind twice.
    func hasRepeatedNameAttribute(_ c: Component) -> Bool {
        func repeated(_ n: ExternName) -> Bool {
            let kinds = n.attributes.map { a -> Int in
                switch a {
                case .implements: return 0
                case .versionSuffix: return 1
                case .externalID: return 2
                }
            }
            return Set(kinds).count != kinds.count
        }
        return c.definitions.contains {
            switch $0 {
            case .import(let i): return repeated(i.name)
            case .export(let e): return repeated(e.name)
            default: return false
            }
        }
    }

    func testSuiteComponentsPrintAndParseBack() throws {
        guard let entries = SuiteCorpus.entries else { throw XCTSkip("wasm-tools not installed") }
        var decoded = 0, roundTrips = 0
        var failures: [String] = []
        for e in entries where e.isComponent {
            guard let c0 = try? decodeComponent(e.bytes) else { continue }
            // A name with two attributes of one kind decodes (the binary suite calls it invalid,
            // not malformed) but has no text form (the text suite calls a second one malformed).
            if hasRepeatedNameAttribute(c0) { continue }
            decoded += 1
            let c = normalized(c0)
            let text = printComponent(c)
            do {
                let back = try parseComponent(text)
                if back == c {
                    roundTrips += 1
                } else {
                    failures.append("\(e.file):\(e.line): differs")
                }
            } catch {
                failures.append("\(e.file):\(e.line): \(error)")
            }
        }
        print("printed and parsed back: \(roundTrips) of \(decoded) decoded components")
        for f in failures.prefix(30) { print("print round trip: \(f)") }
        XCTAssertEqual(roundTrips, decoded)
    }

    func testPrintedFormOfASmallComponent() throws {
        let text = """
        (component
          (type $r (resource (rep i32)))
          (import "f" (func $f (param "x" string) (result (list u8))))
          (core module $m (memory (export "mem") 1) (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
          (core instance $i (instantiate $m))
          (core func $g (canon lower (func $f) (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (export "r" (type $r))
        )
        """
        let c = try parseComponent(text)
        XCTAssertEqual(try parseComponent(printComponent(c)), c)
        XCTAssertEqual(try decodeComponent(encodeComponent(c)), c)
        // The inline function type and list type come before the import; the aliases before the canon.
        guard case .type(.value(.list(.primitive(.u8)))) = c.definitions[1],
              case .type(.function(let ft)) = c.definitions[2], ft.result == .index(1),
              case .import = c.definitions[3],
              case .alias(let a) = c.definitions[6], a.target == .coreExport(instance: 0, name: "mem"),
              case .canon(let canon) = c.definitions[8] else {
            return XCTFail("unexpected expansion: \(c.definitions)")
        }
        XCTAssertEqual(canon.builtin, .lower)
        XCTAssertEqual(canon.options, [.memory(0), .realloc(0)])
    }

    func testLegacyCanonOptionSugarNeedsTheSwitch() throws {
        let text = """
        (component
          (import "f" (func $f (param "x" string)))
          (core module $libc (memory (export "mem") 1))
          (core instance $libc (instantiate $libc))
          (core func (canon lower (func $f) (memory $libc "mem")))
        )
        """
        XCTAssertThrowsError(try parseComponent(text)) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .malformed)
            XCTAssertNotNil((error as? WasmError)?.location)
        }
        let legacy = try parseComponent(text, legacyIndices: true)
        let strict = try parseComponent(text.replacingOccurrences(of: "(memory $libc \"mem\")", with: "(memory (core memory $libc \"mem\"))"))
        XCTAssertEqual(legacy, strict)
    }

    func testScriptForms() throws {
        var cursor = try TextCursor(#"(component definition $D binary "\00asm" "\0d\00\01\00") (component quote "(import \"a\" (func))")"#)
        let first = try cursor.parseScriptComponent()
        XCTAssertEqual(first.name, "D")
        XCTAssertTrue(first.isDefinition)
        XCTAssertEqual(first.form, .binary(ComponentPreamble.bytes))
        let second = try cursor.parseScriptComponent()
        guard case .quote(let text) = second.form else { return XCTFail("expected quote") }
        XCTAssertEqual(try parseComponent(text).definitions.count, 2)
    }
}
