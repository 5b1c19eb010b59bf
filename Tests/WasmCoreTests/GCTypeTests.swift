import XCTest
@testable import WasmCore

/// GC type definitions in a module's type section: sub types, struct and array types, recursion
/// groups and concrete heap types, through the text parser, decoder, encoder, printer and validator.
final class GCTypeTests: XCTestCase {
    let gc = Features.wasm2.with(.gc, .functionReferences)

    /// A module with every form of GC type definition, for the damaged-binary tests.
    static let sample = try? parseModule("""
        (module
          (type $s (array (mut i8)))
          (type $r (sub (struct (field $a i32) (field (mut (ref null $r))) (field i8 i16))))
          (type (sub final $r (struct (field i32) (field (mut (ref null $r))) (field i8 i16) (field f64))))
          (rec (type $f (func (param (ref $g)) (result i32))) (type $g (struct (field (ref null $f)))))
          (global (ref null $s) (ref.null $s))
          (func (type $f) (i32.const 0)))
        """, features: .all)

    /// A module parsed from text under GC.
    func module(_ fields: String) throws -> Module {
        try parseModule("(module \(fields))", features: gc)
    }

    func assertInvalid(_ fields: String, _ expected: String, features: Features? = nil, line: UInt = #line) throws {
        XCTAssertInvalid(try module(fields), expected, features: features ?? gc, line: line)
    }

    func assertValid(_ fields: String, line: UInt = #line) throws {
        XCTAssertValid(try module(fields), features: gc, line: line)
    }

    // MARK: Text

    func testParsesEveryForm() throws {
        let m = try module("""
            (type $s (array (mut i8)))
            (type $r (struct (field $a i32) (field $b (mut f32)) (field i8 i16)))
            (type $t1 (sub (func)))
            (type (sub final $t1 (func)))
            (rec)
            (rec (type $f (func (param (ref $g)))) (type $g (struct (field (ref null $f)))))
            """)
        XCTAssertEqual(m.recursionGroups, [
            RecursionGroup(single: SubType(composite: .array(.init(.i8, isMutable: true)))),
            RecursionGroup(single: SubType(composite: .struct([
                .init(.value(.i32)), .init(.value(.f32), isMutable: true), .init(.i8), .init(.i16),
            ]))),
            RecursionGroup(single: SubType(isFinal: false, composite: .function(FunctionType()))),
            RecursionGroup(single: SubType(isFinal: true, supertypes: [2], composite: .function(FunctionType()))),
            RecursionGroup([]),
            RecursionGroup([
                SubType(FunctionType(parameters: [.reference(ReferenceType(isNullable: false, heapType: .concrete(5)))])),
                SubType(composite: .struct([.init(.value(.reference(ReferenceType(heapType: .concrete(4)))))])),
            ]),
        ])
        XCTAssertEqual(m.definedTypes.count, 6)
        // The function-type view keeps the indices: a struct or array shows as the empty function type.
        XCTAssertEqual(m.types.count, 6)
    }

    func testFieldNamesAreUniqueWithinAStruct() {
        XCTAssertThrowsError(try module("(type (struct (field $a i32) (field $a i64)))")) { error in
            XCTAssertEqual((error as? WasmError)?.kind, .malformed)
            XCTAssertEqual((error as? WasmError)?.message.hasPrefix("duplicate field $a"), true, "\(error)")
        }
        XCTAssertNoThrow(try module("(type (struct (field $a i32))) (type (struct (field $a i32)))"))
    }

    func testInlineTypeUsesReuseOnlyTypesOutsideRecGroups() throws {
        // As wasm-tools: a `(type (sub (func)))` field is reused, a member of `(rec ...)` is not.
        let reused = try module("(type (sub (func))) (func)")
        XCTAssertEqual(reused.functions.first?.typeIndex, 0)
        XCTAssertEqual(reused.definedTypes.count, 1)
        let added = try module("(rec (type (func))) (func)")
        XCTAssertEqual(added.functions.first?.typeIndex, 1)
        XCTAssertEqual(added.recursionGroups.last, RecursionGroup(single: SubType(FunctionType())))
    }

    // MARK: Binary

    /// `wasm-tools parse` of this module (1.262), without its name section.
    func testEncodesAsWasmToolsDoes() throws {
        let m = try module("""
            (rec (type $a (func)) (type $b (struct (field (mut (ref null $a))))))
            (type $c (array (ref null $b)))
            (func (type $a))
            (func (param (ref $c)))
            """)
        XCTAssertEqual(encodeModule(m), [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x14, 0x03, 0x4E, 0x02, 0x60, 0x00, 0x00,
            0x5F, 0x01, 0x63, 0x00, 0x01, 0x5E, 0x63, 0x01, 0x00, 0x60, 0x01, 0x64, 0x02, 0x00, 0x03, 0x03,
            0x02, 0x00, 0x03, 0x0A, 0x07, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B,
        ])
    }

    func testSubTypesRoundTripThroughBinaryAndText() throws {
        let m = try module("""
            (type $t (sub (struct (field i32))))
            (type (sub $t (struct (field i32) (field (mut i16)))))
            (type (sub final $t (struct (field i32))))
            (type (sub final (func (param i32))))
            (rec (type (array i8)))
            (func (param (ref null 1)))
            """)
        let bytes = encodeModule(m)
        XCTAssertEqual(try decodeModule(bytes, features: gc), m)
        XCTAssertEqual(try parseModule(printModule(m), features: gc), m)
        // `sub final` without supertypes is the composite type alone; `(rec)` of one stays a rec group.
        XCTAssertEqual(try decodeModule(bytes, features: gc).recursionGroups[3], RecursionGroup(single: SubType(FunctionType(parameters: [.i32]))))
        XCTAssertTrue(try decodeModule(bytes, features: gc).recursionGroups[4].isExplicit)
    }

    func testSampleIsValidAndRoundTrips() throws {
        let sample = try XCTUnwrap(Self.sample)
        XCTAssertValid(sample, features: .all)
        XCTAssertEqual(try decodeModule(encodeModule(sample), features: .all), sample)
    }

    func testMalformedSubTypes() {
        // 0x50, no supertypes, then a byte that starts no composite type.
        let badComposite: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x50, 0x00, 0x40]
        XCTAssertThrowsError(try decodeModule(badComposite, features: gc)) { error in
            XCTAssertEqual((error as? WasmError)?.message.hasPrefix("invalid leading byte (0x40) for type"), true, "\(error)")
        }
        // A rec group whose member starts with a byte that starts no composite type.
        let badMember: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x4E, 0x01, 0x40]
        XCTAssertThrowsError(try decodeModule(badMember, features: gc)) { error in
            XCTAssertEqual((error as? WasmError)?.message.hasPrefix("invalid leading byte (0x40) for type"), true, "\(error)")
        }
        // An array of i8 with mutability byte 2.
        let badMutability: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x5E, 0x78, 0x02]
        XCTAssertThrowsError(try decodeModule(badMutability, features: gc)) { error in
            XCTAssertEqual((error as? WasmError)?.message.hasPrefix("malformed mutability"), true, "\(error)")
        }
    }

    // MARK: Validation of the type section

    func testTypeSectionRules() throws {
        try assertValid("(type $a (sub (func))) (type (sub $a (func)))")
        try assertInvalid("(type $a (func)) (type (sub $a (func)))", "sub type cannot have a final super type")
        try assertInvalid("(type $a (sub final (struct))) (type (sub $a (struct)))", "sub type cannot have a final super type")
        try assertInvalid("(type $a (sub (struct (field i32)))) (type (sub $a (struct (field i64))))", "sub type must match super type")
        try assertInvalid("(type $a (sub (struct))) (type (sub $a (array i8)))", "sub type must match super type")
        try assertInvalid("(type (sub 1 (func))) (type (sub (func)))", "supertypes must be defined before subtypes")
        try assertInvalid("(type $a (sub (func))) (type (sub $a $a (func)))", "multiple supertypes not supported")
        try assertInvalid("(type (struct (field (ref 1)))) (type (struct))", "unknown type 1: type index out of bounds")
        try assertInvalid("(type (struct)) (func (type 0))", "type index 0 is not a function type")
    }

    func testCompositeTypeMatching() throws {
        // Struct subtypes may add fields; immutable fields are covariant, mutable ones invariant.
        try assertValid("""
            (type $base (sub (struct (field anyref) (field (mut i32)))))
            (type (sub $base (struct (field eqref) (field (mut i32)) (field i8))))
            """)
        try assertInvalid("""
            (type $base (sub (struct (field (mut anyref)))))
            (type (sub $base (struct (field (mut eqref)))))
            """, "sub type must match super type")
        try assertInvalid("""
            (type $base (sub (array i8)))
            (type (sub $base (array (mut i8))))
            """, "sub type must match super type")
        // Function subtypes: parameters contravariant, results covariant.
        try assertValid("""
            (type $f (sub (func (param eqref) (result anyref))))
            (type (sub $f (func (param anyref) (result eqref))))
            """)
        try assertInvalid("""
            (type $f (sub (func (param anyref))))
            (type (sub $f (func (param eqref))))
            """, "sub type must match super type")
    }

    func testGCFormsNeedTheGCFeature() throws {
        let typed = Features.wasm2.with(.functionReferences)
        try assertInvalid("(type (struct))", "struct indexed types not supported without the gc feature", features: typed)
        try assertInvalid("(type (array i8))", "array indexed types not supported without the gc feature", features: typed)
        try assertInvalid("(rec (type (func)))", "rec group usage requires `gc` proposal to be enabled", features: typed)
        try assertInvalid("(type (sub (func)))", "gc proposal must be enabled to use subtypes", features: typed)
        try assertInvalid("(type $f (func (param (ref $f))))", "unknown type 0: type index out of bounds because the GC proposal is disabled", features: typed)
        try assertValid("(type $f (func (param (ref $f))))")
    }

    // MARK: Subtyping and type identity

    func testConcreteTypesInTheHeapTypeHierarchy() throws {
        let types = """
            (type $s1 (sub (struct)))
            (type $s2 (sub $s1 (struct (field i32))))
            (type $a (array i8))
            (type $f (func))
            """
        func check(_ from: String, _ to: String, valid: Bool, line: UInt = #line) throws {
            let fields = types + "(func (param \(from)) (result \(to)) local.get 0)"
            if valid { try assertValid(fields, line: line) } else { try assertInvalid(fields, "type mismatch", line: line) }
        }
        try check("(ref $s2)", "(ref null $s1)", valid: true)
        try check("(ref $s1)", "(ref $s2)", valid: false)
        try check("(ref $s2)", "(ref eq)", valid: true)
        try check("(ref $s2)", "structref", valid: true)
        try check("(ref $a)", "arrayref", valid: true)
        try check("(ref $a)", "structref", valid: false)
        try check("(ref $a)", "anyref", valid: true)
        try check("(ref $f)", "funcref", valid: true)
        try check("(ref $f)", "anyref", valid: false)
        try check("(ref $s1)", "funcref", valid: false)
        try check("nullref", "(ref null $a)", valid: true)
        try check("nullfuncref", "(ref null $f)", valid: true)
        try check("nullref", "(ref null $f)", valid: false)
        try check("nullfuncref", "(ref null $s1)", valid: false)
    }

    func testIdenticalDefinitionsAreTheSameType() throws {
        // Iso-recursive equality: the same group written twice defines the same types, even when
        // they refer to themselves.
        try assertValid("""
            (type $a (struct (field i32)))
            (type $b (struct (field i32)))
            (type $r1 (struct (field (ref null $r1))))
            (type $r2 (struct (field (ref null $r2))))
            (func (param (ref $a) (ref $r1)) (result (ref $b) (ref $r2)) local.get 0 local.get 1)
            """)
        // A member of a bigger group is another type than the same definition alone.
        try assertInvalid("""
            (rec (type $x (struct)) (type (struct (field i32))))
            (type $y (struct))
            (func (param (ref $x)) (result (ref $y)) local.get 0)
            """, "type mismatch")
        // Declared subtyping is not structural: equal shapes without a declared supertype do not match.
        try assertInvalid("""
            (type $p (sub (struct)))
            (type $q (sub (struct (field i32))))
            (func (param (ref $q)) (result (ref $p)) local.get 0)
            """, "type mismatch")
    }

    func testConcreteTypesInGlobalsTablesAndLocals() throws {
        try assertValid("""
            (type $s (struct (field i32)))
            (global (ref null $s) (ref.null $s))
            (table 1 (ref null $s))
            (func (local (ref null $s)) (local.set 0 (table.get 0 (i32.const 0))))
            """)
        try assertInvalid("""
            (type $s (struct (field i32)))
            (type $t (struct (field i64)))
            (global (ref null $s) (ref.null $t))
            """, "type mismatch")
    }
}
