#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The nesting counters of the OS thread running wasm: the depth of nested calls and the number of
/// invocations nested through host functions.
///
/// They bound the Swift stack, and each OS thread has its own: the component engine runs its
/// continuations on several threads, one at a time (DESIGN.md principle 3), and an invocation may
/// block inside a host function while another thread's invocation runs. Counted per store, a blocked
/// invocation's depth would be charged to the next thread, and a restore out of order (thread 2
/// restoring the depth it saw while thread 1 was blocked) would leave depth behind for good.
final class ThreadDepth {
    var callDepth = 0
    var nestedInvocations = 0

    /// The running thread's counters, made at its first use and freed when the thread exits.
    static var current: ThreadDepth {
        if let p = pthread_getspecific(key) { return Unmanaged<ThreadDepth>.fromOpaque(p).takeUnretainedValue() }
        let depth = ThreadDepth()
        pthread_setspecific(key, Unmanaged.passRetained(depth).toOpaque())
        return depth
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, releaseThreadDepth)
        return key
    }()
}

/// The destructor of `ThreadDepth.key`'s slot: releases the exiting thread's counters.
#if canImport(Darwin)
private func releaseThreadDepth(_ p: UnsafeMutableRawPointer) {
    Unmanaged<ThreadDepth>.fromOpaque(p).release()
}
#else
private func releaseThreadDepth(_ p: UnsafeMutableRawPointer?) {
    if let p { Unmanaged<ThreadDepth>.fromOpaque(p).release() }
}
#endif
