import DequeModule
import Foundation
import KubeCore

/// One committed change, kept in the watch history.
struct WatchRecord: Sendable {
    enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    var kind: Kind
    var storage: GroupResource
    var object: JSONValue
    /// The previous state for MODIFIED, so selector watches can turn it into ADDED/DELETED.
    var old: JSONValue?
    var resourceVersion: Int64
}

/// Who made a write (for the audit log).
struct WriteContext: Sendable {
    var user: String
    var fieldManager: String?
    var operation: String = "Update"
    var subresource: String?
}

/// All stored objects, the registry, the resourceVersion counter and the watch history.
/// A value type mutated only under the `ObjectStore` lock; every write appends `WatchRecord`s to `pending`.
struct StoreState: Sendable {
    var registry = ResourceRegistry()
    var objects: [GroupResource: [ObjectKey: JSONValue]] = [:]
    var resourceVersion: Int64 = 1
    var history: Deque<WatchRecord> = []
    var historyLimit: Int
    /// The newest resourceVersion dropped from the history (watches from before it get 410).
    var compactedRevision: Int64 = 0
    var pending: [WatchRecord] = []
    var crdModels: [String: CustomResourceDefinitionModel] = [:]
    var now: @Sendable () -> Date

    init(historyLimit: Int, now: @escaping @Sendable () -> Date) {
        self.historyLimit = max(1, historyLimit)
        self.now = now
    }

    mutating func nextResourceVersion() -> Int64 {
        resourceVersion += 1
        return resourceVersion
    }

    /// Records a change and stores (or removes) the object.
    mutating func commit(_ kind: WatchRecord.Kind, _ storage: GroupResource, key: ObjectKey, object: JSONValue, old: JSONValue?) -> JSONValue {
        var object = object
        let rv = nextResourceVersion()
        object[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        if kind == .deleted {
            objects[storage]?[key] = nil
        } else {
            objects[storage, default: [:]][key] = object
        }
        let record = WatchRecord(kind: kind, storage: storage, object: object, old: old, resourceVersion: rv)
        history.append(record)
        while history.count > historyLimit, let dropped = history.popFirst() { compactedRevision = dropped.resourceVersion }
        pending.append(record)
        return object
    }

    func key(_ info: ResourceInfo, namespace: String?, name: String) -> ObjectKey {
        ObjectKey(namespace: info.namespaced ? namespace : nil, name: name)
    }

    func stored(_ info: ResourceInfo, namespace: String?, name: String) -> JSONValue? {
        objects[info.storage]?[key(info, namespace: namespace, name: name)]
    }

    func namespaceObject(_ name: String) -> JSONValue? {
        objects[GroupResource(group: "", resource: "namespaces")]?[ObjectKey(namespace: nil, name: name)]
    }

    /// Every uid currently stored (for garbage collection).
    func liveUIDs() -> Set<String> {
        var uids = Set<String>()
        for (_, items) in objects {
            for (_, object) in items { if let uid = object[path: ["metadata", "uid"]]?.stringValue { uids.insert(uid) } }
        }
        return uids
    }

    mutating func bootstrap() {
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let info = ResourceRegistry.builtinResources.first { $0.plural == "namespaces" }
            if let info {
                _ = try? create(info, namespace: nil, body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]],
                                context: WriteContext(user: "system:apiserver", fieldManager: "kube-apiserver"), strict: false)
            }
        }
    }
}
