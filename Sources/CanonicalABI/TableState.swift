// Spec: CanonicalABI.md#table-state
import Foundation

/// A table of handles with a free list; index 0 is never used.
/// Spec: CanonicalABI.md#table-state — class Table
public final class Table<E: AnyObject>: Sequence {
  public var array: [E?]
  public var free: [UInt32]

  /// Spec: CanonicalABI.md#table-state — Table.MAX_LENGTH
  public static var MAX_LENGTH: UInt32 { (1 << 28) - 1 }

  /// Spec: CanonicalABI.md#table-state — def Table.__init__
  public init() {
    array = [nil]
    free = []
  }

  /// Spec: CanonicalABI.md#table-state — def Table.__iter__
  public func makeIterator() -> AnyIterator<E> {
    var it = array.makeIterator()
    return AnyIterator {
      while let e = it.next() { if let e { return e } }
      return nil
    }
  }

  /// Spec: CanonicalABI.md#table-state — def Table.get
  public func get(_ i: UInt32) throws -> E {
    try trapIf(Int(i) >= array.count, "Table.get", "i >= len(self.array)")
    guard let e = array[Int(i)] else { throw trap("Table.get", "self.array[i] is None") }
    return e
  }

  /// Spec: CanonicalABI.md#table-state — def Table.add
  public func add(_ e: E) throws -> UInt32 {
    let i: UInt32
    if let f = free.popLast() {
      i = f
      assert(array[Int(i)] == nil)
      array[Int(i)] = e
    } else {
      try trapIf(array.count > Int(Table.MAX_LENGTH), "Table.add", "i > Table.MAX_LENGTH")
      i = UInt32(array.count)
      array.append(e)
    }
    return i
  }

  /// Spec: CanonicalABI.md#table-state — def Table.remove
  public func remove(_ i: UInt32) throws -> E {
    let e = try get(i)
    array[Int(i)] = nil
    free.append(i)
    return e
  }
}
