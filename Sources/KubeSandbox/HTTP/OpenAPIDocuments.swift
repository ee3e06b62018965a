import Crypto
import Foundation
import KubeCore

/// OpenAPI v3: the index with `?hash=` URLs and one document per group-version.
/// kubectl looks for `fieldValidation` on the item PATCH operation and uses `x-kubernetes-group-version-kind` schemas.
enum OpenAPIDocuments {
    /// `api/v1`, `apis/<group>/<version>` keys served.
    static func groupVersionKeys(_ registry: ResourceRegistry) -> [String] {
        var keys = ["api/v1"]
        for group in registry.groups { for version in group.versions { keys.append("apis/\(group.name)/\(version)") } }
        return keys
    }

    static func hash(_ data: Data) -> String {
        SHA512.hash(data: data).map { String(format: "%02X", $0) }.joined()
    }

    static func index(_ registry: ResourceRegistry) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for key in groupVersionKeys(registry) {
            guard let document = document(registry, key: key) else { continue }
            paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(hash(document.serialized()))")]
        }
        return ["paths": .object(paths)]
    }

    /// Reverse-domain schema name prefix: `infrastructure.cluster.x-k8s.io` → `io.x-k8s.cluster.infrastructure`.
    static func schemaName(_ info: ResourceInfo, list: Bool = false) -> String {
        let kind = list ? info.listKind : info.kind
        if info.isCustom {
            return info.group.split(separator: ".").reversed().joined(separator: ".") + ".\(info.version).\(kind)"
        }
        let group = info.group.isEmpty ? "core" : String(info.group.split(separator: ".").first ?? "")
        return "io.k8s.api.\(group).\(info.version).\(kind)"
    }

    static func document(_ registry: ResourceRegistry, key: String) -> JSONValue? {
        let parts = key.split(separator: "/").map(String.init)
        let (group, version): (String, String)
        switch parts.count {
        case 2 where parts[0] == "api": (group, version) = ("", parts[1])
        case 3 where parts[0] == "apis": (group, version) = (parts[1], parts[2])
        default: return nil
        }
        let infos = registry.all.filter { $0.group == group && $0.version == version }
        guard !infos.isEmpty else { return nil }
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": [
                "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
                "type": "object",
                "properties": ["name": ["type": "string", "description": "Name must be unique within a namespace."],
                               "namespace": ["type": "string", "description": "Namespace defines the space within which each name must be unique."],
                               "labels": ["type": "object", "additionalProperties": ["type": "string"], "description": "Map of string keys and values that can be used to organize and categorize objects."],
                               "annotations": ["type": "object", "additionalProperties": ["type": "string"], "description": "Annotations is an unstructured key value map."]],
            ],
        ]
        let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        for info in infos {
            let ref: JSONValue = ["$ref": .string("#/components/schemas/\(schemaName(info))")]
            let gvk: JSONValue = [["group": .string(info.group), "kind": .string(info.kind), "version": .string(info.version)]]
            var schema = info.schemaModel?.openAPISchema() ?? ["type": "object", "description": .string("\(info.kind) (served by the capmaas sandbox)."),
                                                        "x-kubernetes-preserve-unknown-fields": true]
            var properties = schema["properties"]?.objectValue ?? [:]
            properties["apiVersion"] = ["type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."]
            properties["kind"] = ["type": "string", "description": "Kind is a string value representing the REST resource this object represents."]
            properties["metadata"] = ["description": "Standard object's metadata.",
                                      "allOf": [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]]]
            schema["properties"] = .object(properties)
            schema["type"] = "object"
            schema["x-kubernetes-group-version-kind"] = gvk
            schemas[schemaName(info)] = schema
            var listGVK = gvk
            listGVK = [["group": .string(info.group), "kind": .string(info.listKind), "version": .string(info.version)]]
            schemas[schemaName(info, list: true)] = ["type": "object", "required": ["items"], "x-kubernetes-group-version-kind": listGVK,
                                                      "properties": ["items": ["type": "array", "items": ref], "apiVersion": ["type": "string"], "kind": ["type": "string"]]]
            let collection = info.namespaced ? "\(prefix)/namespaces/{namespace}/\(info.plural)" : "\(prefix)/\(info.plural)"
            paths[collection] = ["get": operation("list", info, ref: ref), "post": operation("create", info, ref: ref)]
            paths[collection + "/{name}"] = ["get": operation("read", info, ref: ref), "put": operation("replace", info, ref: ref),
                                              "patch": operation("patch", info, ref: ref), "delete": operation("delete", info, ref: ref)]
            if info.hasStatus {
                paths[collection + "/{name}/status"] = ["get": operation("readStatus", info, ref: ref), "put": operation("replaceStatus", info, ref: ref),
                                                         "patch": operation("patchStatus", info, ref: ref)]
            }
        }
        return ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.4"], "paths": .object(paths),
                "components": ["schemas": .object(schemas)]]
    }

    private static func operation(_ verb: String, _ info: ResourceInfo, ref: JSONValue) -> JSONValue {
        let parameters: [JSONValue] = ["dryRun", "fieldManager", "fieldValidation"].map {
            ["name": .string($0), "in": "query", "schema": ["type": "string", "uniqueItems": true]]
        } + [["name": "force", "in": "query", "schema": ["type": "boolean", "uniqueItems": true]]]
        let action: String
        switch verb {
        case "read", "readStatus": action = "get"
        case "replace", "replaceStatus": action = "put"
        case "patch", "patchStatus": action = "patch"
        case "create": action = "post"
        default: action = verb
        }
        var op: JSONValue = ["operationId": .string("\(verb)\(info.kind)"), "x-kubernetes-action": .string(action),
                             "x-kubernetes-group-version-kind": ["group": .string(info.group), "version": .string(info.version), "kind": .string(info.kind)],
                             "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]]]
        if ["create", "replace", "patch", "replaceStatus", "patchStatus"].contains(verb) { op["parameters"] = .array(parameters) }
        return op
    }
}
