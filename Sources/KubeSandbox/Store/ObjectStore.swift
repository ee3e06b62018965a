import DequeModule
import Foundation
import KubeCore
import Synchronization

/// One event delivered to a watcher, already in the watcher's served version.
struct WatchDelivery: Sendable {
    var type: String
    var object: JSONValue
    var resourceVersion: Int64
}

/// Where a watch starts.
enum WatchStart: Sendable {
    /// No resourceVersion or "0": synthetic ADDED events for the current objects first.
    case current
    /// Events after this resourceVersion (410 Expired when it left the history).
    case after(Int64)
}

/// A registered watch: initial events plus the live stream.
struct WatchSubscription: Sendable {
    var initial: [WatchDelivery]
    var startResourceVersion: Int64
    var stream: AsyncStream<WatchDelivery>
}

/// The thread-safe store: `StoreState` under a lock, and fan-out of committed changes to watchers.
/// Writers never wait for watchers: each watcher has an unbounded buffer.
final class ObjectStore: Sendable {
    private struct Watcher {
        var info: ResourceInfo
        var filter: ObjectFilter
        var continuation: AsyncStream<WatchDelivery>.Continuation
    }

    private struct Locked {
        var state: StoreState
        var watchers: [UInt64: Watcher] = [:]
        var nextWatcherID: UInt64 = 0
        /// Set by `endAllWatches()`: the server is shutting down, new watches end at once.
        var watchesEnded = false
    }

    private let locked: Mutex<Locked>

    init(historyLimit: Int, now: @escaping @Sendable () -> Date = Date.init) {
        var state = StoreState(historyLimit: historyLimit, now: now)
        state.bootstrap()
        state.pending.removeAll()
        locked = Mutex(Locked(state: state))
    }

    func read<T: Sendable, E: Error>(_ body: (StoreState) throws(E) -> T) throws(E) -> T {
        try locked.withLock { (locked: inout Locked) throws(E) -> T in try body(locked.state) }
    }

    /// Runs a mutation and delivers its changes to watchers before the lock is released (keeps event order).
    func write<T: Sendable, E: Error>(_ body: (inout StoreState) throws(E) -> T) throws(E) -> T {
        try locked.withLock { (locked: inout Locked) throws(E) -> T in
            defer {
                let records = locked.state.pending
                locked.state.pending.removeAll()
                for record in records { Self.deliver(record, to: locked.watchers) }
            }
            return try body(&locked.state)
        }
    }

    /// Runs a mutation on a copy of the state and discards it (`dryRun=All`): same validation, nothing stored or watched.
    func simulate<T: Sendable, E: Error>(_ body: (inout StoreState) throws(E) -> T) throws(E) -> T {
        try locked.withLock { (locked: inout Locked) throws(E) -> T in
            var copy = locked.state
            return try body(&copy)
        }
    }

    var registry: ResourceRegistry { locked.withLock { $0.state.registry } }
    var currentResourceVersion: Int64 { locked.withLock { $0.state.resourceVersion } }

    func watch(_ info: ResourceInfo, filter: ObjectFilter, from start: WatchStart) throws(Status) -> WatchSubscription {
        let (stream, continuation) = AsyncStream<WatchDelivery>.makeStream(bufferingPolicy: .unbounded)
        let (id, initial, startRV) = try locked.withLock { (locked: inout Locked) throws(Status) -> (UInt64, [WatchDelivery], Int64) in
            var initial: [WatchDelivery] = []
            let state = locked.state
            switch start {
            case .current:
                let items = (state.objects[info.storage] ?? [:]).values.filter(filter.matches)
                    .sorted { ($0[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") < ($1[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") }
                initial = items.map { WatchDelivery(type: "ADDED", object: Representation.fromStorage(info, $0),
                                                    resourceVersion: Int64($0[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0) }
            case .after(let rv):
                if rv < state.compactedRevision { throw APIError.expired(requested: rv, oldest: state.compactedRevision) }
                for record in state.history where record.resourceVersion > rv && record.storage == info.storage {
                    if let delivery = Self.translate(record, info: info, filter: filter) { initial.append(delivery) }
                }
            }
            let id = locked.nextWatcherID
            locked.nextWatcherID += 1
            if locked.watchesEnded {
                continuation.finish()
            } else {
                locked.watchers[id] = Watcher(info: info, filter: filter, continuation: continuation)
            }
            return (id, initial, state.resourceVersion)
        }
        // Not inline: onTermination can run while the cancelled task's status lock is held, and a write holding the
        // store lock may be yielding to that same task (lock-order inversion → deadlock, found by hack/chaos).
        continuation.onTermination = { [weak self] _ in Task { self?.removeWatcher(id) } }
        return WatchSubscription(initial: initial, startResourceVersion: startRV, stream: stream)
    }

    var watcherCount: Int { locked.withLock { $0.watchers.count } }

    /// Ends every open watch stream and every later one (graceful shutdown): a streaming response would otherwise
    /// keep its connection open until the watch timeout, and the HTTP server waits for open connections.
    func endAllWatches() {
        let ended = locked.withLock { locked in
            locked.watchesEnded = true
            defer { locked.watchers.removeAll() }
            return Array(locked.watchers.values)
        }
        for watcher in ended { watcher.continuation.finish() }
    }

    private func removeWatcher(_ id: UInt64) {
        _ = locked.withLock { $0.watchers.removeValue(forKey: id) }
    }

    private static func deliver(_ record: WatchRecord, to watchers: [UInt64: Watcher]) {
        for (_, watcher) in watchers where watcher.info.storage == record.storage {
            if let delivery = translate(record, info: watcher.info, filter: watcher.filter) { watcher.continuation.yield(delivery) }
        }
    }

    /// Maps a change to what a filtered watcher sees: leaving the selection is DELETED, entering is ADDED.
    private static func translate(_ record: WatchRecord, info: ResourceInfo, filter: ObjectFilter) -> WatchDelivery? {
        let newMatches = filter.matches(record.object)
        let type: String
        switch record.kind {
        case .added, .deleted:
            guard newMatches else { return nil }
            type = record.kind.rawValue
        case .modified:
            let oldMatches = record.old.map(filter.matches) ?? false
            switch (oldMatches, newMatches) {
            case (true, true): type = "MODIFIED"
            case (false, true): type = "ADDED"
            case (true, false): type = "DELETED"
            case (false, false): return nil
            }
        }
        return WatchDelivery(type: type, object: Representation.fromStorage(info, record.object), resourceVersion: record.resourceVersion)
    }
}
