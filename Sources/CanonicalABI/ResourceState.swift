// Spec: CanonicalABI.md#resource-state
import Foundation

/// An element of the handles table for a resource: owned or borrowed.
/// Spec: CanonicalABI.md#resource-state — class ResourceHandle
public final class ResourceHandle {
  public let rt: ResourceType
  public let rep: UInt32
  public let own: Bool
  public let borrowScope: Task?
  public var numLends: Int

  /// Spec: CanonicalABI.md#resource-state — def ResourceHandle.__init__
  public init(_ rt: ResourceType, _ rep: UInt32, own: Bool, borrowScope: Task? = nil) {
    self.rt = rt
    self.rep = rep
    self.own = own
    self.borrowScope = borrowScope
    self.numLends = 0
  }
}

/// A resource type: the implementing instance and optional destructor. Compared by identity.
/// Spec: CanonicalABI.md#resource-state — class ResourceType
public final class ResourceType: Hashable, CustomStringConvertible {
  public let impl: ComponentInstance
  public let dtor: CoreFuncInst?
  public let name: String

  /// Spec: CanonicalABI.md#resource-state — def ResourceType.__init__
  public init(_ impl: ComponentInstance, _ dtor: CoreFuncInst? = nil, name: String = "r") {
    self.impl = impl
    self.dtor = dtor
    self.name = name
  }
  public static func == (a: ResourceType, b: ResourceType) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
  public var description: String { name }
}
