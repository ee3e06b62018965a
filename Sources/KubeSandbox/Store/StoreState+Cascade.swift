import KubeCore

/// Deletions that follow other deletions: ownerReference GC, namespace termination, CRD cleanup.
/// Run synchronously after each removal until nothing more changes (kube does this in controllers).
extension StoreState {
    mutating func afterRemoval(_ removed: JSONValue, storage: GroupResource) {
        if storage == Self.crdResource, let name = removed[path: ["metadata", "name"]]?.stringValue {
            registry.unregister(crdName: name)
            crdModels[name] = nil
        }
        reconcileCascades()
    }

    mutating func terminateNamespace(_ namespace: String) {
        for (storage, items) in objects where storage != Self.namespaceResource {
            for (key, _) in items where key.namespace == namespace { removeOrMark(storage, key: key) }
        }
        reconcileCascades()
    }

    mutating func cleanUpCRD(_ crd: JSONValue) {
        guard let name = crd[path: ["metadata", "name"]]?.stringValue, let model = crdModels[name] else {
            reconcileCascades()
            return
        }
        let storage = GroupResource(group: model.group, resource: model.plural)
        for (key, _) in objects[storage] ?? [:] { removeOrMark(storage, key: key) }
        reconcileCascades()
    }

    /// Deletes an object, or sets its deletionTimestamp when it has finalizers.
    private mutating func removeOrMark(_ storage: GroupResource, key: ObjectKey) {
        guard let object = objects[storage]?[key] else { return }
        if ObjectSemantics.isDeleting(object) { return }
        if ObjectSemantics.finalizers(object).isEmpty {
            _ = commit(.deleted, storage, key: key, object: object, old: object)
            if storage == Self.crdResource, let name = key.name as String? {
                registry.unregister(crdName: name)
                crdModels[name] = nil
            }
        } else {
            var marked = object
            marked[path: ["metadata", "deletionTimestamp"]] = .string(ObjectSemantics.timestamp(now()))
            marked[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            _ = commit(.modified, storage, key: key, object: marked, old: object)
        }
    }

    private mutating func reconcileCascades() {
        var changed = true
        var rounds = 0
        while changed && rounds < 100 {
            changed = false
            rounds += 1
            let live = liveUIDs()
            // Garbage collection: every owner gone → delete the dependent.
            for (storage, items) in objects {
                for (key, object) in items {
                    let owners = ObjectSemantics.ownerUIDs(object)
                    if !owners.isEmpty && owners.allSatisfy({ !live.contains($0) }) && !ObjectSemantics.isDeleting(object) {
                        removeOrMark(storage, key: key)
                        changed = true
                    }
                }
            }
            // Terminating namespaces with no content left go away.
            for (key, ns) in objects[Self.namespaceResource] ?? [:] where ObjectSemantics.isDeleting(ns) {
                let hasContent = objects.contains { storage, items in
                    storage != Self.namespaceResource && items.keys.contains { $0.namespace == key.name }
                }
                if !hasContent {
                    var final = ns
                    final[path: ["spec", "finalizers"]] = nil
                    _ = commit(.deleted, Self.namespaceResource, key: key, object: final, old: ns)
                    changed = true
                }
            }
            // Deleting CRDs whose objects are all gone lose their cleanup finalizer.
            for (key, crd) in objects[Self.crdResource] ?? [:] where ObjectSemantics.isDeleting(crd) {
                guard let model = crdModels[key.name] else { continue }
                let storage = GroupResource(group: model.group, resource: model.plural)
                if (objects[storage] ?? [:]).isEmpty {
                    var final = crd
                    let rest = ObjectSemantics.finalizers(crd).filter { $0 != Self.crdFinalizer }
                    final[path: ["metadata", "finalizers"]] = rest.isEmpty ? nil : .array(rest.map(JSONValue.string))
                    if rest.isEmpty {
                        _ = commit(.deleted, Self.crdResource, key: key, object: final, old: crd)
                        registry.unregister(crdName: key.name)
                        crdModels[key.name] = nil
                    } else {
                        _ = commit(.modified, Self.crdResource, key: key, object: final, old: crd)
                    }
                    changed = true
                }
            }
        }
    }
}
