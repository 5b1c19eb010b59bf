/// Spec: core/exec/runtime#syntax-exninst — an exception: the tag it was thrown with and its
/// payload (the tag's parameters), made by `throw` and referred to by `exnref`s.
///
/// The spec allocates every exception in the store. Here an exception gets its store address only
/// when an `exnref` first refers to it (a `catch_ref` or `catch_all_ref` caught it): one caught by
/// `catch` or `catch_all` can never be seen again, and is freed, so a loop that throws and catches
/// does not grow the store. Rethrowing (`throw_ref`) throws the same instance again, so a catch
/// further out sees the same exception (the same address) as the one first caught.
///
/// `@unchecked Sendable`: `address` is set once, by the store's single thread (DESIGN.md principle 3).
public final class ExceptionInstance: @unchecked Sendable {
    public let tag: TagInstance
    /// The exception's address in the store, once an `exnref` refers to it.
    public internal(set) var address: ExceptionAddress?
    /// The payload in the interpreter's slot encoding, one slot per tag parameter.
    let fields: [UInt64]

    init(tag: TagInstance, fields: [UInt64]) {
        self.tag = tag
        self.fields = fields
    }

    /// The payload values, typed by the tag's parameters.
    public var payload: [Value] {
        zip(fields, tag.type.parameters).map { Slot.decode($0, as: $1) }
    }
}

/// An exception that no handler caught, leaving an invocation (`Store.invoke`).
///
/// Spec: core/exec/instructions#exec-throw_ref — with no handler left, the exception propagates to the
/// embedder. The interpreter throws it as this error, which a host function calling back into wasm
/// may let through: the calling wasm code can then catch it as if the host function had thrown it.
/// An embedder that ends wasm code here (the Canonical ABI's `call_and_trap_on_throw`) turns it into a trap.
public struct WasmException: Error, CustomStringConvertible {
    public let exception: ExceptionInstance

    public init(_ exception: ExceptionInstance) { self.exception = exception }

    public var description: String {
        let payload = exception.payload.map(\.description).joined(separator: ", ")
        return "uncaught exception with payload [\(payload)]"
    }
}
