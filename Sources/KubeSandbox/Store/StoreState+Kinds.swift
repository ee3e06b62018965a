import Foundation
import KubeCore

/// How unknown fields are treated (`fieldValidation`), and how a Strict failure is reported.
enum FieldValidation: Sendable {
    case ignore
    /// POST/PUT: 400 BadRequest "cannot be handled as a <Kind>: strict decoding error: ...".
    case strictBody
    /// PATCH: 422 Invalid on field "patch" carrying the patched object.
    case strictPatch
}

extension StoreState {
    mutating func create(_ info: ResourceInfo, namespace: String?, body: JSONValue, context: WriteContext, strict: Bool) throws(Status) -> JSONValue {
        try create(info, namespace: namespace, body: body, context: context, validation: strict ? .strictBody : .ignore)
    }

    /// Kind-specific preparation before a write: defaults, secrets, namespaces, CRD status and CR schemas.
    func prepareKindSpecifics(_ info: ResourceInfo, object: JSONValue, old: JSONValue?, validation: FieldValidation) throws(Status) -> JSONValue {
        var object = object
        switch (info.storage.group, info.storage.resource) {
        case ("", "secrets"):
            object = ObjectSemantics.normalizeSecret(object)
        case ("", "namespaces"):
            if object[path: ["status", "phase"]] == nil { object[path: ["status", "phase"]] = "Active" }
            if old == nil && object[path: ["spec", "finalizers"]] == nil { object[path: ["spec", "finalizers"]] = ["kubernetes"] }
        case ("", "serviceaccounts"), ("", "configmaps"), ("", "nodes"), ("", "events"):
            break
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            object = try prepareCRD(object, isCreate: old == nil)
        case ("apps", "deployments"), ("", "services"):
            if old == nil { object["status"] = nil }  // PrepareForCreate: status starts empty
        default:
            break
        }
        guard let crd = info.schemaModel else { return object }
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let (pruned, unknown) = crd.pruning(object)
        if !unknown.isEmpty {
            let detail = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
            switch validation {
            case .ignore: break
            case .strictBody:
                throw APIError.badRequest("\(info.kind) in version \"\(info.version)\" cannot be handled as a \(info.kind): strict decoding error: \(detail)")
            case .strictPatch:
                let text = object.jsonString
                throw APIError.invalid(kind: "", group: "", kindName: "", name: "", causes: [APIError.cause(
                    "FieldValueInvalid", "patch", "Invalid value: \(JSONValue.string(text).jsonString): strict decoding error: \(detail)")])
            }
        }
        object = crd.applyingDefaults(to: pruned)
        var errors = crd.validationErrors(object, old: old)
        if errors.isEmpty, !info.isCustom {
            (object, errors) = builtinDefaultsAndValidation(info, object: object, old: old)
        }
        if !errors.isEmpty { throw APIError.invalid(info, name: name, causes: errors.map(\.cause)) }
        return object
    }

    /// Defaults and validation of the built-in kinds served with a schema (Deployment, Service).
    func builtinDefaultsAndValidation(_ info: ResourceInfo, object: JSONValue, old: JSONValue?) -> (JSONValue, [FieldError]) {
        switch (info.storage.group, info.storage.resource) {
        case ("apps", "deployments"):
            let object = DeploymentSemantics.applyingDefaults(object)
            return (object, DeploymentSemantics.validate(object, old: old))
        case ("", "services"):
            let uid = object[path: ["metadata", "uid"]]
            var usedIPs = Set<String>()
            var usedNodePorts = Set<Int64>()
            for (_, service) in objects[info.storage] ?? [:] where uid == nil || service[path: ["metadata", "uid"]] != uid {
                for ip in service[path: ["spec", "clusterIPs"]]?.arrayValue ?? [] { if let ip = ip.stringValue { usedIPs.insert(ip) } }
                for port in service[path: ["spec", "ports"]]?.arrayValue ?? [] { if let node = port["nodePort"]?.intValue { usedNodePorts.insert(node) } }
            }
            let object = ServiceSemantics.applyingDefaults(object, old: old, usedIPs: usedIPs, usedNodePorts: usedNodePorts)
            return (object, ServiceSemantics.validate(object, old: old))
        default:
            return (object, [])
        }
    }

    /// Validates a CRD, adds the cleanup finalizer and sets the status conditions as the apiextensions controllers do.
    func prepareCRD(_ object: JSONValue, isCreate: Bool) throws(Status) -> JSONValue {
        var object = object
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let info = ResourceRegistry.builtinResources.first { $0.storage == Self.crdResource }
        let model: CustomResourceDefinitionModel
        do {
            model = try CustomResourceDefinitionModel(crd: object)
        } catch {
            if let info { throw APIError.invalid(info, name: name, causes: error.causes) }
            throw APIError.badRequest("invalid CustomResourceDefinition")
        }
        if name != "\(model.plural).\(model.group)", let info {
            throw APIError.invalid(info, name: name, causes: [APIError.cause("FieldValueInvalid", "metadata.name",
                "Invalid value: \(JSONValue.string(name).jsonString): must be spec.names.plural+\".\"+spec.group")])
        }
        if isCreate, !ObjectSemantics.finalizers(object).contains(Self.crdFinalizer) {
            object[path: ["metadata", "finalizers"]] = .array(ObjectSemantics.finalizers(object).map(JSONValue.string) + [.string(Self.crdFinalizer)])
        }
        let time = JSONValue.string(ObjectSemantics.timestamp(now()))
        var names: JSONValue = ["kind": .string(model.kind), "listKind": .string(model.listKind), "plural": .string(model.plural),
                                "singular": .string(model.singular)]
        if !model.shortNames.isEmpty { names["shortNames"] = .array(model.shortNames.map(JSONValue.string)) }
        if !model.categories.isEmpty { names["categories"] = .array(model.categories.map(JSONValue.string)) }
        let previous = object[path: ["status", "storedVersions"]]?.arrayValue ?? []
        let storageVersion = model.versions.first(where: \.storage)?.name ?? model.versions.first?.name ?? ""
        let stored = previous.contains(.string(storageVersion)) ? previous : previous + [.string(storageVersion)]
        object["status"] = [
            "conditions": [
                ["type": "NamesAccepted", "status": "True", "lastTransitionTime": time, "reason": "NoConflicts", "message": "no conflicts found"],
                ["type": "Established", "status": "True", "lastTransitionTime": time, "reason": "InitialNamesAccepted",
                 "message": "the initial names have been accepted"],
            ],
            "acceptedNames": names,
            "storedVersions": .array(stored),
        ]
        return object
    }

    static let crdFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    /// Serves the kind of an (updated) CRD at once.
    mutating func registerCRD(_ crd: JSONValue) {
        guard let name = crd[path: ["metadata", "name"]]?.stringValue, let model = try? CustomResourceDefinitionModel(crd: crd) else { return }
        crdModels[name] = model
        registry.register(crdName: name, model: model)
    }
}
