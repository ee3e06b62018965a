import Foundation
import KubeCore

/// Pure helpers for object metadata rules (generation, finalizers, names, secrets).
enum ObjectSemantics {
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    static func newUID() -> String { UUID().uuidString.lowercased() }

    /// kube's generateName suffix: 5 characters from a reduced alphabet.
    static func generatedName(prefix: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return prefix + String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    /// The part of an object that counts as "spec" for `generation`: everything but metadata (and status when it is a subresource).
    static func specPart(_ object: JSONValue, hasStatus: Bool) -> JSONValue {
        guard var members = object.objectValue else { return object }
        members["metadata"] = nil
        members["apiVersion"] = nil
        members["kind"] = nil
        if hasStatus { members["status"] = nil }
        return .object(members)
    }

    static func finalizers(_ object: JSONValue) -> [String] {
        object[path: ["metadata", "finalizers"]]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static func labels(_ object: JSONValue) -> [String: String] {
        (object[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    static func ownerUIDs(_ object: JSONValue) -> [String] {
        object[path: ["metadata", "ownerReferences"]]?.arrayValue?.compactMap { $0["uid"]?.stringValue } ?? []
    }

    static func isDeleting(_ object: JSONValue) -> Bool { object[path: ["metadata", "deletionTimestamp"]] != nil }

    /// Go's `%#v` rendering of a string slice, used in kube's finalizer message.
    static func goStringSlice(_ values: [String]) -> String {
        "[]string{" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
    }

    /// Secret: folds `stringData` into base64 `data`, defaults `type`.
    static func normalizeSecret(_ object: JSONValue) -> JSONValue {
        var object = object
        if let stringData = object["stringData"]?.objectValue {
            var data = object["data"]?.objectValue ?? [:]
            for (key, value) in stringData {
                data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
            }
            object["data"] = .object(data)
            object["stringData"] = nil
        }
        if object["type"] == nil { object["type"] = "Opaque" }
        return object
    }

    /// Values for field selectors: dotted paths into the object, stringified.
    static func fieldValue(_ object: JSONValue, _ field: String) -> String? {
        let value = object[path: field.split(separator: ".").map(String.init)]
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return nil
        }
    }

    /// Field selector fields supported per kind (kube rejects others with 400).
    static func supportsFieldSelector(_ info: ResourceInfo, field: String) -> Bool {
        if field == "metadata.name" || field == "metadata.namespace" { return true }
        switch (info.storage.group, info.storage.resource) {
        case ("", "events"):
            return field.hasPrefix("involvedObject.") || ["reason", "reportingComponent", "source", "type"].contains(field)
        case ("", "secrets"): return field == "type"
        case ("", "namespaces"): return field == "status.phase"
        case ("", "nodes"): return field == "spec.unschedulable"
        default: return false
        }
    }

    /// A simplified FieldsV1 set describing which fields a write touched.
    static func fieldsV1(_ value: JSONValue) -> JSONValue {
        guard let members = value.objectValue else { return .emptyObject }
        var result: [String: JSONValue] = [:]
        for (key, child) in members {
            if case .object = child { result["f:\(key)"] = fieldsV1(child).merging(dot: true) } else { result["f:\(key)"] = .emptyObject }
        }
        return .object(result)
    }
}

private extension JSONValue {
    func merging(dot: Bool) -> JSONValue {
        var copy = self
        if dot { copy["."] = .emptyObject }
        return copy
    }
}
