import KubeCore
import Synchronization

/// An in-memory cache of one kind, filled by a `Reflector` and read by reconcilers.
///
/// Reads take a mutex briefly and return values (copy-on-write, no deep copies). A relist is
/// buffered and swapped in atomically, so objects deleted while disconnected disappear.
/// Indexed by namespace and by label `key=value`. Typed objects never carry `managedFields`
/// (`ObjectMeta` has no such field, so decoding drops them).
public final class Store<Object: KubeResource>: Sendable {
    struct State {
        var objects: [ObjectKey: Object] = [:]
        var byNamespace: [String: Set<ObjectKey>] = [:]
        var byLabel: [String: Set<ObjectKey>] = [:]
        var buffer: [ObjectKey: Object]?
        var ready = false
        /// Waiters by id, so a cancelled waiter can be taken out and resumed on its own.
        var readyWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID = 0
    }

    private let state = Mutex(State())

    public init() {}

    // MARK: Reading

    /// The cached object, or nil. For cluster-scoped kinds pass `namespace: nil`.
    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.objects[Self.normalize(key)] }
    }

    /// The cached object by namespace and name.
    public func get(namespace: String?, name: String) -> Object? { get(ObjectKey(namespace: namespace, name: name)) }

    /// Objects in `namespace` (all when nil) matching `labelSelector` (all when nil), sorted by key.
    public func list(namespace: String? = nil, labelSelector: LabelSelector? = nil) -> [Object] {
        state.withLock { state in
            var candidates: Set<ObjectKey>?
            if let namespace { candidates = state.byNamespace[namespace] ?? [] }
            for requirement in labelSelector?.requirements ?? [] {
                guard case .equals(let key, let value) = requirement else { continue }
                let matching = state.byLabel["\(key)=\(value)"] ?? []
                candidates = candidates.map { $0.intersection(matching) } ?? matching
            }
            let keys = candidates.map { Array($0) } ?? Array(state.objects.keys)
            return keys.sorted().compactMap { key -> Object? in
                guard let object = state.objects[key] else { return nil }
                if let labelSelector, !labelSelector.matches(object.metadata.labels) { return nil }
                return object
            }
        }
    }

    /// All cached keys.
    public var keys: [ObjectKey] { state.withLock { Array($0.objects.keys) } }

    public var count: Int { state.withLock { $0.objects.count } }

    /// Whether the first full list has been applied.
    public var isReady: Bool { state.withLock { $0.ready } }

    /// Returns once the first full list has been applied, or as soon as the calling task is cancelled
    /// (caches that never sync must not keep a stopping process alive). After it returns, check
    /// `Task.isCancelled` (or `isReady`) to tell the two apart.
    public func waitUntilReady() async {
        let id = state.withLock { state -> Int? in
            if state.ready { return nil }
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    // Ready meanwhile, or cancelled before the continuation existed: do not park.
                    if state.ready || Task.isCancelled { return true }
                    state.readyWaiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.readyWaiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    // MARK: Writing (the reflector)

    /// Applies one watcher event and returns the resulting changes.
    @discardableResult
    public func apply(_ event: WatcherEvent<Object>) -> [StoreChange<Object>] {
        var waiters: [CheckedContinuation<Void, Never>] = []
        let changes = state.withLock { state -> [StoreChange<Object>] in
            switch event {
            case .initStart:
                state.buffer = [:]
                return []
            case .initApply(let object):
                if state.buffer == nil { state.buffer = [:] }
                state.buffer?[Self.normalize(object.key)] = object
                return []
            case .initDone:
                let fresh = state.buffer ?? [:]
                state.buffer = nil
                var changes: [StoreChange<Object>] = []
                for (key, object) in state.objects where fresh[key] == nil { changes.append(.deleted(object)) }
                for (key, object) in fresh { changes.append(.applied(object, old: state.objects[key])) }
                Self.replaceAll(&state, with: fresh)
                if !state.ready {
                    state.ready = true
                    waiters = Array(state.readyWaiters.values)
                    state.readyWaiters = [:]
                }
                return changes
            case .apply(let object):
                let key = Self.normalize(object.key)
                let old = state.objects[key]
                Self.remove(&state, key: key)
                Self.insert(&state, key: key, object: object)
                return [.applied(object, old: old)]
            case .delete(let object):
                let key = Self.normalize(object.key)
                let old = state.objects[key]
                Self.remove(&state, key: key)
                return [.deleted(old ?? object)]
            }
        }
        for waiter in waiters { waiter.resume() }
        return changes
    }

    private static func normalize(_ key: ObjectKey) -> ObjectKey {
        Object.resourceType.namespaced ? key : ObjectKey(namespace: nil, name: key.name)
    }

    private static func replaceAll(_ state: inout State, with objects: [ObjectKey: Object]) {
        state.objects = [:]
        state.byNamespace = [:]
        state.byLabel = [:]
        for (key, object) in objects { insert(&state, key: key, object: object) }
    }

    private static func insert(_ state: inout State, key: ObjectKey, object: Object) {
        state.objects[key] = object
        state.byNamespace[key.namespace ?? "", default: []].insert(key)
        for (label, value) in object.metadata.labels ?? [:] { state.byLabel["\(label)=\(value)", default: []].insert(key) }
    }

    private static func remove(_ state: inout State, key: ObjectKey) {
        guard let old = state.objects.removeValue(forKey: key) else { return }
        state.byNamespace[key.namespace ?? ""]?.remove(key)
        for (label, value) in old.metadata.labels ?? [:] { state.byLabel["\(label)=\(value)"]?.remove(key) }
    }
}
