/// Spec: core/exec/runtime#exception-instances — an exception: the tag it was thrown with and its
/// payload (the tag's parameters), allocated in the store by `throw` and referred to by `exnref`s.
///
/// Rethrowing (`throw_ref`) throws the same instance again, so a catch further out sees the same
/// exception (the same address) as the one first caught.
public final class ExceptionInstance: Sendable {
    public let tag: TagInstance
    public let address: ExceptionAddress
    /// The payload in the interpreter's slot encoding, one slot per tag parameter.
    let fields: [UInt64]

    init(tag: TagInstance, address: ExceptionAddress, fields: [UInt64]) {
        self.tag = tag
        self.address = address
        self.fields = fields
    }

    /// The payload values, typed by the tag's parameters.
    public var payload: [Value] {
        zip(fields, tag.type.parameters).map { Slot.decode($0, as: $1) }
    }
}

/// An exception that no handler caught, leaving an invocation (`Store.invoke`).
///
/// Spec: core/exec/instructions#exec-throw-ref — with no handler left, the exception propagates to the
/// embedder. The interpreter throws it as this error, which a host function calling back into wasm
/// may let through: the calling wasm code can then catch it as if the host function had thrown it.
/// An embedder that ends wasm code here (the Canonical ABI's `call_and_trap_on_throw`) turns it into a trap.
public struct WasmException: Error, CustomStringConvertible {
    public let exception: ExceptionInstance

    public init(_ exception: ExceptionInstance) { self.exception = exception }

    public var description: String {
        let payload = exception.payload.map(\.description).joined(separator: ", ")
        return "uncaught exception @\(exception.address) with payload [\(payload)]"
    }
}
