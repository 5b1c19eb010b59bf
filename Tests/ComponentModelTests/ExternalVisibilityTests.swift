import XCTest
import WasmCore
@testable import ComponentModel

/// Spec: Explainer.md#import-and-export-definitions — the type export restrictions: what an import
/// or export refers to must have come through an import or export of the component. Type identity
/// (`TypeTag`) decides it; type equality and subtyping do not see the tags.
final class ExternalVisibilityTests: XCTestCase {
    func validate(_ text: String) throws -> ComponentTypes {
        try validateComponent(try parseComponent(text), features: .all)
    }

    let lift = """
      (core module $m (func (export "f") (result i32) unreachable))
      (core instance $i (instantiate $m))
    """

    func testARecordMustBeExportedBeforeAFunctionUsingItIs() throws {
        XCTAssertNoThrow(try validate("""
        (component \(lift)
          (type $Rec (record (field "x" u32)))
          (export $Rec' "rec" (type $Rec))
          (func $f (result $Rec') (canon lift (core func $i "f")))
          (export "f" (func $f)))
        """))
        // The same structure, but through the definition rather than its export: not named.
        XCTAssertThrowsError(try validate("""
        (component \(lift)
          (type $Rec (record (field "x" u32)))
          (export $Rec' "rec" (type $Rec))
          (func $f (result $Rec) (canon lift (core func $i "f")))
          (export "f" (func $f)))
        """)) { XCTAssertTrue("\($0)".contains("func not valid to be used as export"), "\($0)") }
    }

    func testTagsDoNotChangeTypeEquality() {
        let a = ValType.record([ResolvedField(label: "x", type: .primitive(.u32))], TypeTag(1))
        let b = ValType.record([ResolvedField(label: "x", type: .primitive(.u32))], TypeTag(2))
        XCTAssertEqual(a, b)
        XCTAssertEqual(ResourceID(raw: 3, alias: TypeTag(1)), ResourceID(raw: 3, alias: TypeTag(9)))
        XCTAssertNotEqual(ResourceID(raw: 3), ResourceID(raw: 4))
        XCTAssertEqual(Set([a, b]).count, 1)
    }

    func testInstantiationRenamesTheChildsTypeImportsToTheArguments() throws {
        // The child's exported record refers to its imported `t`; re-exported by the parent, it
        // refers to the parent's import, which is named.
        XCTAssertNoThrow(try validate("""
        (component
          (type $Rec (record (field "x" u32)))
          (import "t" (type $Rec' (eq $Rec)))
          (component $C
            (type $Rec (record (field "x" u32)))
            (import "t" (type $Rec' (eq $Rec)))
            (type $Rec2 (record (field "r" $Rec')))
            (export "t2" (type $Rec2)))
          (instance $c (instantiate $C (with "t" (type $Rec'))))
          (export "t2" (type $c "t2")))
        """))
    }
}
