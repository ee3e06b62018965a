import Synchronization

/// A reference-typed, mutex-protected value that escaping `@Sendable` closures can share.
final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) throws -> R) rethrows -> R { try mutex.withLock { try body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}
