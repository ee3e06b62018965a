import Foundation
import KubeCore
import KubeYAML

/// The patch types kube-apiserver accepts, and how each applies to the live object.
enum PatchKind: Sendable {
    case merge, json, strategic, apply

    init?(contentType: String) {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        switch type {
        case "application/merge-patch+json": self = .merge
        case "application/json-patch+json": self = .json
        case "application/strategic-merge-patch+json": self = .strategic
        case "application/apply-patch+yaml", "application/apply-patch+json": self = .apply
        default: return nil
        }
    }

    static let acceptedTypes = "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
}

enum Patching {
    /// Parses a request body as JSON, or YAML for apply patches.
    static func parseBody(_ data: Data, yamlAllowed: Bool) throws(Status) -> JSONValue {
        if let value = try? JSONValue.parse(data) { return value }
        guard yamlAllowed else { throw APIError.badRequest("error decoding patch: invalid JSON") }
        do {
            return try YAMLDocuments.parse(String(decoding: data, as: UTF8.self), source: "request body").first ?? .emptyObject
        } catch {
            throw APIError.badRequest("error decoding YAML: \(error.message)")
        }
    }

    /// Applies a patch; JSON patch `test` failures and bad paths are 422 like kube.
    static func apply(_ kind: PatchKind, patch: JSONValue, to live: JSONValue) throws(Status) -> JSONValue {
        switch kind {
        case .merge:
            guard case .object = patch else { throw APIError.badRequest("json: cannot unmarshal into Go value of type map[string]interface {}") }
            return live.applyingMergePatch(patch)
        case .json:
            let operations: [JSONPatchOperation]
            do { operations = try patch.decode(as: [JSONPatchOperation].self) } catch {
                throw APIError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
            }
            do { return try live.applyingJSONPatch(operations) } catch {
                let message: String
                switch error {
                case .testFailed: message = "the server rejected our request due to an error in our request"
                default: message = error.description
                }
                throw Status(message: message, reason: "Invalid", details: StatusDetails(causes: [StatusCause(reason: "FieldValueInvalid", message: error.description)]), code: 422)
            }
        case .strategic:
            return strategicMerge(live, patch)
        case .apply:
            return applyMerge(live, patch)
        }
    }

    /// Strategic merge for built-in kinds as kubectl sends it: merge patch plus directive handling
    /// (`$patch: delete`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`); finalizers merge as a set;
    /// keyed lists (containers, ports, env, ...) merge element-wise (`StrategicListMerge`).
    static func strategicMerge(_ live: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        if members["$patch"]?.stringValue == "delete" { return .null }
        if members["$patch"]?.stringValue == "replace" {
            var copy = members
            copy["$patch"] = nil
            return .object(copy)
        }
        var result = live.objectValue ?? [:]
        for (key, value) in members {
            if key.hasPrefix("$setElementOrder/") || key == "$retainKeys" || key == "$patch" { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let remove = Set(value.arrayValue ?? [])
                result[field] = result[field]?.arrayValue.map { .array($0.filter { !remove.contains($0) }) }
                continue
            }
            if value.isNull { result[key] = nil; continue }
            if key == "finalizers", let added = value.arrayValue {
                var merged = result[key]?.arrayValue ?? []
                for item in added where !merged.contains(item) { merged.append(item) }
                result[key] = .array(merged)
                continue
            }
            if case .object = value {
                let merged = strategicMerge(result[key] ?? .emptyObject, value)
                result[key] = merged.isNull ? nil : merged
            } else if let items = value.arrayValue, let live = result[key]?.arrayValue,
                      let merged = StrategicListMerge.merge(field: key, live: live, patch: items,
                                                           order: members["$setElementOrder/\(key)"]?.arrayValue) {
                result[key] = .array(merged)
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }

    /// Server-side apply, simplified: the applied configuration is merged into the live object (maps merge, lists replace).
    static func applyMerge(_ live: JSONValue, _ applied: JSONValue) -> JSONValue {
        guard case .object(let members) = applied, case .object(var result) = live else { return applied }
        for (key, value) in members {
            if case .object = value, case .object = result[key] ?? .null {
                result[key] = applyMerge(result[key] ?? .emptyObject, value)
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }
}
