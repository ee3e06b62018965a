// TEMPORARY shim of the schema engineer's API (Sources/KubeSandbox/Schema/). Delete when merging `schema`.
import Foundation
import KubeCore

public struct CRDDefinitionError: Error, Sendable {
    public var causes: [StatusCause]
}

public struct CustomResourceDefinitionModel: Sendable {
    public var group: String
    public var kind: String
    public var listKind: String
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    public var categories: [String]
    public var namespaced: Bool
    public var versions: [CRDVersionModel]

    public init(crd: JSONValue) throws(CRDDefinitionError) {
        let spec = crd["spec"]
        guard let group = spec?["group"]?.stringValue, let names = spec?["names"],
              let kind = names["kind"]?.stringValue, let plural = names["plural"]?.stringValue
        else {
            throw CRDDefinitionError(causes: [StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.names.plural")])
        }
        self.group = group
        self.kind = kind
        self.plural = plural
        self.listKind = names["listKind"]?.stringValue ?? kind + "List"
        self.singular = names["singular"]?.stringValue ?? kind.lowercased()
        self.shortNames = names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.categories = names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.namespaced = spec?["scope"]?.stringValue != "Cluster"
        self.versions = (spec?["versions"]?.arrayValue ?? []).map { CRDVersionModel(json: $0) }
    }

    public func version(_ name: String) -> CRDVersionModel? { versions.first { $0.name == name } }
}

public struct CRDVersionModel: Sendable {
    public var name: String
    public var served: Bool
    public var storage: Bool
    public var hasStatusSubresource: Bool
    var schema: JSONValue
    var columns: [JSONValue]

    init(json: JSONValue) {
        name = json["name"]?.stringValue ?? ""
        served = json["served"]?.boolValue ?? true
        storage = json["storage"]?.boolValue ?? false
        hasStatusSubresource = json[path: ["subresources", "status"]] != nil
        schema = json[path: ["schema", "openAPIV3Schema"]] ?? .object(["type": "object"])
        columns = json["additionalPrinterColumns"]?.arrayValue ?? []
    }

    public func applyingDefaults(to object: JSONValue) -> JSONValue { object }
    public func pruning(_ object: JSONValue) -> (pruned: JSONValue, unknownFields: [String]) { (object, []) }
    public func validate(_ object: JSONValue, old: JSONValue?) -> [StatusCause] { [] }
    public func tableColumnDefinitions() -> [JSONValue] {
        [["name": "Name", "type": "string", "format": "name", "description": "Name", "priority": 0],
         ["name": "Age", "type": "date", "format": "", "description": "Age", "priority": 0]]
    }
    public func tableCells(for object: JSONValue, now: Date) -> [JSONValue] {
        let created = object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) } ?? now
        return [object[path: ["metadata", "name"]] ?? "", .string(TableAge.format(from: created, to: now))]
    }
    public func openAPISchema() -> JSONValue { schema }
}

public enum TableAge {
    public static func format(from: Date, to: Date) -> String {
        let s = max(0, Int(to.timeIntervalSince(from)))
        if s < 120 { return "\(s)s" }
        if s < 600 { return "\(s / 60)m\(s % 60 == 0 ? "" : "\(s % 60)s")" }
        if s < 3 * 3600 { return "\(s / 60)m" }
        if s < 8 * 3600 { return "\(s / 3600)h\((s % 3600) / 60 == 0 ? "" : "\((s % 3600) / 60)m")" }
        if s < 48 * 3600 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }
}
