// Differential check against definitions.py: replays the cases written by Scripts/abi-differential.py
// (with the spec's own results) and reports every disagreement. Runs only when CMREF_DIFF_CASES names the file:
//   python3 Scripts/abi-differential.py /tmp/definitions.py 10000 /tmp/cmref-abi-diff.json
//   CMREF_DIFF_CASES=/tmp/cmref-abi-diff.json swift test --skip-build --filter DifferentialTests
import XCTest
@testable import CanonicalABI

final class DifferentialTests: XCTestCase {
  struct Bad: Error { let what: String }

  func testAgainstDefinitionsPy() throws {
    guard let path = ProcessInfo.processInfo.environment["CMREF_DIFF_CASES"] else {
      throw XCTSkip("set CMREF_DIFF_CASES to a file written by Scripts/abi-differential.py")
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any], let cases = root["cases"] as? [[String: Any]] else {
      throw Bad(what: "bad file")
    }
    var disagreements = [String]()
    var kinds = [String: Int]()
    for (n, c) in cases.enumerated() {
      let kind = c["kind"] as? String ?? "?"
      kinds[kind, default: 0] += 1
      let jt = c["type"] ?? ""
      let expect = c["expect"] as? [String: String] ?? [:]
      let enc = StringEncoding(rawValue: c["encoding"] as? String ?? "utf8") ?? .utf8
      let got: [String: String]
      do {
        let t = try valType(jt)
        switch kind {
        case "roundtrip": got = roundtrip(t, jt, try value(c["value"] as Any, jt), enc)
        case "load":
          let mem = hexBytes(c["memory"] as? String ?? "")
          got = ["loaded": outcome { try self.ser(try load(mkCx(MemInst(mem), enc), 0, t), jt) }]
        default:
          let mem = hexBytes(c["memory"] as? String ?? "")
          let flat = try (c["flat"] as? [[String]] ?? []).map(coreValue)
          got = ["lifted": outcome { try self.ser(try liftFlat(mkCx(MemInst(mem), enc), CoreValueIter(flat), t), jt) }]
        }
      } catch {
        got = ["error": "\(error)"]
      }
      if got != expect {
        disagreements.append("case \(n) (\(kind), \(jt), \(enc.rawValue)): expected \(expect), got \(got)")
      }
    }
    let report = "\(cases.count) cases \(kinds.sorted { $0.key < $1.key }), \(disagreements.count) disagreements\n" + disagreements.prefix(50).joined(separator: "\n")
    print(report)
    if let out = ProcessInfo.processInfo.environment["CMREF_DIFF_REPORT"] { try report.write(toFile: out, atomically: true, encoding: .utf8) }
    XCTAssertEqual(disagreements.count, 0, report)
    XCTAssertGreaterThanOrEqual(cases.count, 1)
  }

  func outcome(_ f: () throws -> String) -> String {
    do { return try f() } catch is CanonicalABITrap { return "trap" } catch { return "error: \(error)" }
  }

  func roundtrip(_ t: ValType, _ jt: Any, _ v: Value, _ enc: StringEncoding) -> [String: String] {
    var r = [String: String]()
    let heap = Heap(4096)
    let cx = mkCx(heap.memory, enc, realloc: heap.reallocFunc)
    do {
      let ptr = try cx.allocate(alignment(t, .i32), elemSize(t, .i32))
      try store(cx, v, t, ptr)
      r["stored"] = heap.memory.bytes[0..<Int(heap.lastAlloc)].map { String(format: "%02x", $0) }.joined()
      r["loaded"] = try ser(try load(cx, ptr, t), jt)
    } catch is CanonicalABITrap {
      r["stored"] = "trap"; r["loaded"] = "trap"
    } catch { r["stored"] = "error: \(error)"; r["loaded"] = "" }
    let heap2 = Heap(4096)
    let cx2 = mkCx(heap2.memory, enc, realloc: heap2.reallocFunc)
    do {
      let flat = try lowerFlat(cx2, v, t)
      r["flat"] = flat.map { f -> String in
        switch f {
        case .i32(let x): return "i32:\(x)"
        case .i64(let x): return "i64:\(x)"
        case .f32(let x): return String(format: "f32:%08x", x.bitPattern)
        case .f64(let x): return String(format: "f64:%016llx", x.bitPattern)
        }
      }.joined(separator: " ")
      r["lifted"] = try ser(try liftFlat(cx2, CoreValueIter(flat), t), jt)
    } catch is CanonicalABITrap {
      r["flat"] = "trap"; r["lifted"] = "trap"
    } catch { r["flat"] = "error: \(error)"; r["lifted"] = "" }
    return r
  }

  func hexBytes(_ s: String) -> [UInt8] {
    var out = [UInt8](); var it = s.makeIterator()
    while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16) ?? 0) }
    return out
  }

  func coreValue(_ p: [String]) throws -> CoreValue {
    guard p.count == 2 else { throw Bad(what: "flat \(p)") }
    switch p[0] {
    case "i32": return .i32(UInt32(p[1]) ?? 0)
    case "i64": return .i64(UInt64(p[1]) ?? 0)
    case "f32": return .f32(Float(bitPattern: UInt32(p[1], radix: 16) ?? 0))
    default: return .f64(Double(bitPattern: UInt64(p[1], radix: 16) ?? 0))
    }
  }

  func valType(_ j: Any) throws -> ValType {
    if let s = j as? String {
      let prims: [String: ValType] = ["bool": .bool, "s8": .s8, "u8": .u8, "s16": .s16, "u16": .u16, "s32": .s32, "u32": .u32,
                                      "s64": .s64, "u64": .u64, "f32": .f32, "f64": .f64, "char": .char, "string": .string]
      guard let t = prims[s] else { throw Bad(what: "type \(s)") }
      return t
    }
    guard let d = j as? [String: Any] else { throw Bad(what: "type \(j)") }
    if let e = d["list"] { return .list(try valType(e), d["len"] as? Int) }
    if let fs = d["record"] as? [[Any]] { return .record(try fs.map { FieldType($0[0] as? String ?? "", try valType($0[1])) }) }
    if let ts = d["tuple"] as? [Any] { return .tuple(try ts.map(valType)) }
    if let cs = d["variant"] as? [[Any]] { return .variant(try cs.map { CaseType($0[0] as? String ?? "", $0[1] is NSNull ? nil : try valType($0[1])) }) }
    if let ls = d["enum"] as? [String] { return .enum_(ls) }
    if let o = d["option"] { return .option(try valType(o)) }
    if let r = d["result"] as? [Any] { return .result(r[0] is NSNull ? nil : try valType(r[0]), r[1] is NSNull ? nil : try valType(r[1])) }
    if let ls = d["flags"] as? [String] { return .flags(ls) }
    if let m = d["map"] as? [Any] { return .map(try valType(m[0]), try valType(m[1])) }
    throw Bad(what: "type \(d)")
  }

  /// The cases of a variant-like type (variant, enum, option, result) as (label, payload type JSON).
  func cases(_ d: [String: Any]) -> [(String, Any?)]? {
    if let cs = d["variant"] as? [[Any]] { return cs.map { ($0[0] as? String ?? "", $0[1] is NSNull ? nil : $0[1]) } }
    if let ls = d["enum"] as? [String] { return ls.map { ($0, nil) } }
    if let o = d["option"] { return [("none", nil), ("some", o)] }
    if let r = d["result"] as? [Any] { return [("ok", r[0] is NSNull ? nil : r[0]), ("error", r[1] is NSNull ? nil : r[1])] }
    return nil
  }

  func value(_ j: Any, _ jt: Any) throws -> Value {
    if let s = jt as? String {
      switch s {
      case "bool": return .bool(j as? Bool ?? false)
      case "s8": return .s8(Int8(j as? String ?? "") ?? 0)
      case "u8": return .u8(UInt8(j as? String ?? "") ?? 0)
      case "s16": return .s16(Int16(j as? String ?? "") ?? 0)
      case "u16": return .u16(UInt16(j as? String ?? "") ?? 0)
      case "s32": return .s32(Int32(j as? String ?? "") ?? 0)
      case "u32": return .u32(UInt32(j as? String ?? "") ?? 0)
      case "s64": return .s64(Int64(j as? String ?? "") ?? 0)
      case "u64": return .u64(UInt64(j as? String ?? "") ?? 0)
      case "f32", "f64":
        let bits = UInt64((j as? String ?? "f:0").dropFirst(2), radix: 16) ?? 0
        let d = Double(bitPattern: bits)
        return s == "f32" ? .f32(Float(d)) : .f64(d)
      case "char": return .char(Unicode.Scalar(UInt32(j as? Int ?? 0)) ?? "?")
      default:
        guard let a = j as? [Any], a.count == 3 else { throw Bad(what: "string \(j)") }
        return .string(ABIString(a[0] as? String ?? "", StringEncoding(rawValue: a[1] as? String ?? "") ?? .utf8, UInt64(a[2] as? Int ?? 0)))
      }
    }
    guard let d = jt as? [String: Any] else { throw Bad(what: "type \(jt)") }
    if let e = d["list"] { return .list(try (j as? [Any] ?? []).map { try value($0, e) }) }
    if let fs = d["record"] as? [[Any]] {
      let vs = j as? [Any] ?? []
      return .record(try zip(fs, vs).map { FieldValue($0.0[0] as? String ?? "", try value($0.1, $0.0[1])) })
    }
    if let ts = d["tuple"] as? [Any] { return .tuple(try zip(ts, j as? [Any] ?? []).map { try value($0.1, $0.0) }) }
    if let cs = cases(d) {
      guard let a = j as? [Any], let l = a.first as? String, let c = cs.first(where: { $0.0 == l }) else { throw Bad(what: "variant \(j)") }
      guard let pt = c.1 else { return .variant(l, nil) }
      return .variant(l, try value(a[1], pt))
    }
    if d["flags"] != nil { return .flags(Set(j as? [String] ?? [])) }
    if let m = d["map"] as? [Any] {
      return .list(try (j as? [[Any]] ?? []).map { .tuple([try value($0[0], m[0]), try value($0[1], m[1])]) })
    }
    throw Bad(what: "value \(j)")
  }

  func ser(_ v: Value, _ jt: Any) throws -> String {
    if let s = jt as? String {
      switch (s, v) {
      case ("bool", .bool(let b)): return b ? "true" : "false"
      case (_, .s8(let x)): return "\(x)"
      case (_, .u8(let x)): return "\(x)"
      case (_, .s16(let x)): return "\(x)"
      case (_, .u16(let x)): return "\(x)"
      case (_, .s32(let x)): return "\(x)"
      case (_, .u32(let x)): return "\(x)"
      case (_, .s64(let x)): return "\(x)"
      case (_, .u64(let x)): return "\(x)"
      case (_, .f32(let x)): return x.isNaN ? "nan" : String(format: "f:%016llx", Double(x).bitPattern)
      case (_, .f64(let x)): return x.isNaN ? "nan" : String(format: "f:%016llx", x.bitPattern)
      case (_, .char(let c)): return "c:\(c.value)"
      case (_, .string(let a)):
        let q = String(data: try JSONSerialization.data(withJSONObject: [a.text], options: [.fragmentsAllowed]), encoding: .utf8) ?? ""
        return "s:\(pyJSON(a.text, q)):\(a.encoding.rawValue):\(a.taggedCodeUnits)"
      default: throw Bad(what: "ser \(v) as \(s)")
      }
    }
    guard let d = jt as? [String: Any] else { throw Bad(what: "type \(jt)") }
    if let e = d["list"] { return "[" + (try (v.listElements ?? []).map { try ser($0, e) }).joined(separator: ",") + "]" }
    if let fs = d["record"] as? [[Any]], case .record(let xs) = v {
      return "{" + (try zip(fs, xs).map { "\($0.0[0] as? String ?? "")=\(try ser($0.1.value, $0.0[1]))" }).joined(separator: ",") + "}"
    }
    if let ts = d["tuple"] as? [Any], case .record(let xs) = v {
      return "(" + (try zip(ts, xs).map { try ser($0.1.value, $0.0) }).joined(separator: ",") + ")"
    }
    if let cs = cases(d), case .variant(let l, let x) = v {
      guard let c = cs.first(where: { $0.0 == l }) else { throw Bad(what: "case \(l)") }
      guard let pt = c.1, let x else { return l }
      return "\(l)(\(try ser(x, pt)))"
    }
    if let ls = d["flags"] as? [String], case .flags(let set) = v { return "{" + ls.filter { set.contains($0) }.joined(separator: ",") + "}" }
    if let m = d["map"] as? [Any] {
      return "[" + (try (v.listElements ?? []).map { e -> String in
        guard case .record(let kv) = e, kv.count == 2 else { throw Bad(what: "map entry") }
        return "(\(try ser(kv[0].value, m[0])),\(try ser(kv[1].value, m[1])))"
      }).joined(separator: ",") + "]"
    }
    throw Bad(what: "ser \(v)")
  }

  /// Python's json.dumps of a str (ASCII-only, \uXXXX escapes with surrogate pairs).
  func pyJSON(_ s: String, _ unused: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{8}": out += "\\b"
      case "\u{c}": out += "\\f"
      default:
        if u.value < 0x20 || u.value > 0x7e {
          for cu in String(u).utf16 { out += String(format: "\\u%04x", cu) }
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
