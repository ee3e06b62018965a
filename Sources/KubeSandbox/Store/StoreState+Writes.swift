import Foundation
import KubeCore

extension StoreState {
    /// POST: creates an object after kube's create-time rules.
    mutating func create(_ info: ResourceInfo, namespace: String?, body: JSONValue, context: WriteContext, validation: FieldValidation) throws(Status) -> JSONValue {
        guard case .object = body else { throw APIError.badRequest("the body of the request was not a JSON object") }
        var object = Representation.toStorage(info, body)
        var name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty, let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            name = ObjectSemantics.generatedName(prefix: prefix)
            object[path: ["metadata", "name"]] = .string(name)
        }
        guard !name.isEmpty else {
            throw APIError.invalid(info, name: "", causes: [APIError.cause("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")])
        }
        if let cause = NameValidation.invalidNameCause(name, info: info) { throw APIError.invalid(info, name: name, causes: [cause]) }
        if info.namespaced {
            let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue
            if let bodyNamespace, !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string)
            try checkNamespaceAcceptsContent(info, namespace: namespace ?? "", name: name)
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        if stored(info, namespace: namespace, name: name) != nil { throw APIError.alreadyExists(info, name: name) }

        object = try prepareKindSpecifics(info, object: object, old: nil, validation: validation)
        let meta: [String: JSONValue] = [
            "uid": .string(ObjectSemantics.newUID()),
            "creationTimestamp": .string(ObjectSemantics.timestamp(now())),
            "generation": 1,
        ]
        for (key, value) in meta { object[path: ["metadata", key]] = value }
        for key in ["deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "selfLink"] { object[path: ["metadata", key]] = nil }
        if info.isCustom && info.hasStatus { object["status"] = nil }
        object = withManagedFields(object, old: nil, context: context, apiVersion: info.apiVersion)
        let stored = commit(.added, info.storage, key: key(info, namespace: namespace, name: name), object: object, old: nil)
        if info.storage == Self.crdResource { registerCRD(stored) }
        return Representation.fromStorage(info, objects[info.storage]?[key(info, namespace: namespace, name: name)] ?? stored)
    }

    /// PUT / PATCH result: replaces the object (or its status) after kube's update rules.
    mutating func update(_ info: ResourceInfo, namespace: String?, name: String, body: JSONValue, subresource: String?,
                         context: WriteContext, validation: FieldValidation, requireResourceVersion: Bool) throws(Status) -> JSONValue {
        guard let existing = stored(info, namespace: namespace, name: name) else { throw APIError.notFound(info, name: name) }
        guard case .object = body else { throw APIError.badRequest("the body of the request was not a JSON object") }
        var incoming = Representation.toStorage(info, body)
        if let bodyName = incoming[path: ["metadata", "name"]]?.stringValue, bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let existingRV = existing[path: ["metadata", "resourceVersion"]]?.stringValue
        switch incoming[path: ["metadata", "resourceVersion"]]?.stringValue {
        case .some(let rv) where !rv.isEmpty:
            if rv != existingRV { throw APIError.conflict(info, name: name) }
        default:
            if requireResourceVersion && info.isCustom {
                throw APIError.invalid(info, name: name, causes: [APIError.cause("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")])
            }
        }

        var updated: JSONValue
        if subresource == "status" {
            updated = existing
            updated["status"] = incoming["status"]
        } else {
            updated = incoming
            // Only these metadata fields are writable; the rest stays as stored.
            var metadata = existing["metadata"] ?? .emptyObject
            for field in ["labels", "annotations", "finalizers", "ownerReferences"] {
                metadata[field] = incoming[path: ["metadata", field]]
            }
            updated["metadata"] = metadata
            if info.hasStatus { updated["status"] = existing["status"] }
            let added = Set(ObjectSemantics.finalizers(updated)).subtracting(ObjectSemantics.finalizers(existing))
            if ObjectSemantics.isDeleting(existing) && !added.isEmpty {
                let list = ObjectSemantics.finalizers(updated).filter { added.contains($0) }
                throw APIError.invalid(info, name: name, causes: [APIError.cause(
                    "FieldValueForbidden", "metadata.finalizers",
                    "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers \(ObjectSemantics.goStringSlice(list))")])
            }
        }
        updated["apiVersion"] = existing["apiVersion"]
        updated["kind"] = existing["kind"]
        updated = try prepareKindSpecifics(info, object: updated, old: existing, validation: validation)

        let generation = existing[path: ["metadata", "generation"]]?.intValue ?? 1
        let specChanged = ObjectSemantics.specPart(updated, hasStatus: info.hasStatus) != ObjectSemantics.specPart(existing, hasStatus: info.hasStatus)
        updated[path: ["metadata", "generation"]] = .int(specChanged ? generation + 1 : generation)
        updated[path: ["metadata", "managedFields"]] = existing[path: ["metadata", "managedFields"]]
        if updated == existing { return Representation.fromStorage(info, existing) }  // no-op: no new resourceVersion

        updated = withManagedFields(updated, old: existing, context: context, apiVersion: info.apiVersion)
        let objectKey = key(info, namespace: namespace, name: name)
        if ObjectSemantics.isDeleting(updated) && ObjectSemantics.finalizers(updated).isEmpty && info.storage != Self.namespaceResource {
            let gone = commit(.deleted, info.storage, key: objectKey, object: updated, old: existing)
            afterRemoval(gone, storage: info.storage)
            return Representation.fromStorage(info, gone)
        }
        let result = commit(.modified, info.storage, key: objectKey, object: updated, old: existing)
        if info.storage == Self.crdResource { registerCRD(result) }
        return Representation.fromStorage(info, objects[info.storage]?[objectKey] ?? result)
    }

    enum DeleteOutcome { case gone(Status), pending(JSONValue) }

    /// DELETE: removes the object, or marks it deleting while finalizers remain.
    mutating func delete(_ info: ResourceInfo, namespace: String?, name: String, preconditionUID: String? = nil,
                         preconditionRV: String? = nil) throws(Status) -> DeleteOutcome {
        guard let existing = stored(info, namespace: namespace, name: name) else { throw APIError.notFound(info, name: name) }
        if let preconditionUID, preconditionUID != existing[path: ["metadata", "uid"]]?.stringValue {
            throw Status(message: "Precondition failed: UID in precondition: \(preconditionUID), UID in object meta: \(existing[path: ["metadata", "uid"]]?.stringValue ?? "")",
                         reason: "Conflict", details: StatusDetails(name: name, group: info.group.isEmpty ? nil : info.group, kind: info.plural), code: 409)
        }
        if let preconditionRV, preconditionRV != existing[path: ["metadata", "resourceVersion"]]?.stringValue {
            throw APIError.conflict(info, name: name)
        }
        let objectKey = key(info, namespace: namespace, name: name)
        let isNamespace = info.storage == Self.namespaceResource
        if isNamespace && ["default", "kube-system", "kube-public"].contains(name) {
            throw APIError.forbidden(info, name: name, message: "this namespace may not be deleted")
        }
        if ObjectSemantics.isDeleting(existing) { return .pending(Representation.fromStorage(info, existing)) }
        if !ObjectSemantics.finalizers(existing).isEmpty || isNamespace {
            var marked = existing
            marked[path: ["metadata", "deletionTimestamp"]] = .string(ObjectSemantics.timestamp(now()))
            marked[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            if isNamespace { marked[path: ["status", "phase"]] = "Terminating" }
            let result = commit(.modified, info.storage, key: objectKey, object: marked, old: existing)
            if isNamespace { terminateNamespace(name) }
            if info.storage == Self.crdResource { cleanUpCRD(result) }
            return .pending(Representation.fromStorage(info, result))
        }
        let gone = commit(.deleted, info.storage, key: objectKey, object: existing, old: existing)
        afterRemoval(gone, storage: info.storage)
        return .gone(APIError.success(info, name: name, uid: existing[path: ["metadata", "uid"]]?.stringValue))
    }

    static let namespaceResource = GroupResource(group: "", resource: "namespaces")
    static let crdResource = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    private func checkNamespaceAcceptsContent(_ info: ResourceInfo, namespace: String, name: String) throws(Status) {
        guard let ns = namespaceObject(namespace) else {
            throw Status(message: "namespaces \"\(namespace)\" not found", reason: "NotFound",
                         details: StatusDetails(name: namespace, kind: "namespaces"), code: 404)
        }
        if ObjectSemantics.isDeleting(ns) {
            throw APIError.forbidden(info, name: name, message: "unable to create new content in namespace \(namespace) because it is being terminated",
                                     causes: [APIError.cause("NamespaceTerminating", "metadata.namespace", "namespace \(namespace) is being terminated")])
        }
    }

    private func withManagedFields(_ object: JSONValue, old: JSONValue?, context: WriteContext, apiVersion: String) -> JSONValue {
        guard let manager = context.fieldManager, !manager.isEmpty else { return object }
        var object = object
        var entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        entries.removeAll { $0["manager"]?.stringValue == manager && $0["operation"]?.stringValue == context.operation
            && $0["subresource"]?.stringValue == context.subresource }
        var touched = object
        touched["apiVersion"] = nil
        touched["kind"] = nil
        touched["metadata"] = ["labels": object[path: ["metadata", "labels"]] ?? .null, "annotations": object[path: ["metadata", "annotations"]] ?? .null]
        touched = touched.removingNulls()
        var entry: JSONValue = [
            "manager": .string(manager), "operation": .string(context.operation), "apiVersion": .string(apiVersion),
            "time": .string(ObjectSemantics.timestamp(now())), "fieldsType": "FieldsV1",
            "fieldsV1": ObjectSemantics.fieldsV1(context.subresource == "status" ? ["status": touched["status"] ?? .emptyObject] : touched),
        ]
        if let subresource = context.subresource { entry["subresource"] = .string(subresource) }
        entries.append(entry)
        object[path: ["metadata", "managedFields"]] = .array(entries)
        return object
    }
}

extension JSONValue {
    /// Drops null members recursively (kube never stores explicit nulls).
    func removingNulls() -> JSONValue {
        switch self {
        case .object(let members): return .object(members.filter { !$0.value.isNull }.mapValues { $0.removingNulls() })
        case .array(let items): return .array(items.map { $0.removingNulls() })
        default: return self
        }
    }
}
