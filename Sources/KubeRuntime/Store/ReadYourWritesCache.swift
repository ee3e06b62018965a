import KubeCore
import Synchronization

/// A controller's reads of its own primary objects, from the watch cache whenever that is safe.
///
/// A pass that wrote an object must not start the next pass from a cache that has not yet seen that write (a stale
/// allocation ledger or deletion state). So the resourceVersion of every object this controller wrote, or read
/// fresh from the API server, is remembered per key until the cache holds exactly that version: until then
/// ``cached(_:)`` answers nil and the caller reads from the API server. Watch events arrive in order and a relist
/// only moves the cache forward, so once the cache has held the remembered version it is never older than it.
/// ResourceVersions are only compared for equality, as the API conventions require.
public final class ReadYourWritesCache<Object: KubeResource>: Sendable {
    public let store: Store<Object>
    /// Keys whose cached copy may be older than what this controller last saw, with the version it saw.
    private let pending = Mutex<[ObjectKey: String]>([:])

    public init(store: Store<Object>) {
        self.store = store
    }

    /// The cached object when the cache holds at least what this controller last wrote or read; nil when the cache
    /// may be behind (or has no such object): read it from the API server then, and report it with ``saw(_:)``.
    public func cached(_ key: ObjectKey) -> Object? {
        guard let object = store.get(key) else { return nil }
        return pending.withLock { pending -> Object? in
            guard let expected = pending[key] else { return object }
            guard object.metadata.resourceVersion == expected else { return nil }
            pending[key] = nil
            return object
        }
    }

    /// Records a version of the object this controller wrote or read from the API server.
    public func saw(_ object: Object) {
        let key = object.key
        let cachedVersion = store.get(key)?.metadata.resourceVersion
        pending.withLock { pending in
            pending[key] = cachedVersion == object.metadata.resourceVersion ? nil : object.metadata.resourceVersion
        }
    }

    /// The object is gone from the API server: nothing to wait for.
    public func forget(_ key: ObjectKey) {
        _ = pending.withLock { $0.removeValue(forKey: key) }
    }

    /// Keys whose cache entry is still behind this controller's last write or read (for tests and metrics).
    public var pendingCount: Int { pending.withLock { $0.count } }
}
