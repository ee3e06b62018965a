import Foundation
import KubeCore

/// `meta.k8s.io/v1` Table rendering for lists and watches (what kubectl get prints).
enum Tables {
    static let nameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    static let ageDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"

    static func column(_ name: String, _ type: String = "string", format: String = "", priority: Int64 = 0, description: String = "") -> JSONValue {
        ["name": .string(name), "type": .string(type), "format": .string(format), "description": .string(description), "priority": .int(priority)]
    }

    static func columns(_ info: ResourceInfo) -> [JSONValue] {
        if let crd = info.crd { return crd.tableColumnDefinitions() }
        let name = column("Name", format: "name", description: nameDescription)
        let age = column("Age", description: ageDescription)
        switch info.kind {
        case "Event":
            return [
                column("Last Seen", description: "The time at which the most recent occurrence of this event was recorded."),
                column("Type", description: "Type of this event (Normal, Warning), new types could be added in the future"),
                column("Reason", description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
                column("Object", description: "The object that this event is about."),
                column("Subobject", priority: 1, description: "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
                column("Source", priority: 1, description: "The component reporting this event. Should be a short machine understandable string."),
                column("Message", description: "A human-readable description of the status of this operation."),
                column("First Seen", priority: 1, description: "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
                column("Count", priority: 1, description: "The number of times this event has occurred."),
                column("Name", format: "name", priority: 1, description: nameDescription),
            ]
        case "Namespace": return [name, column("Status", description: "The status of the namespace"), age]
        case "Secret": return [name, column("Type", description: "The type of the secret"), column("Data", "string", description: "The number of entries in the secret"), age]
        case "Node": return [name, column("Status", description: "The status of the node"), column("Roles", description: "The roles of the node"), age,
                             column("Version", description: "Kubelet Version reported by the node.")]
        case "Lease": return [name, column("Holder", description: "The holder of the lease"), age]
        case "ConfigMap": return [name, column("Data", description: "The number of entries in the config map"), age]
        case "CustomResourceDefinition": return [name, column("Created At", "date", description: ageDescription)]
        case "Deployment": return WorkloadTables.deploymentColumns(name: name, age: age)
        case "Service": return WorkloadTables.serviceColumns(name: name, age: age)
        default: return [name, age]
        }
    }

    static func cells(_ info: ResourceInfo, _ object: JSONValue, now: Date) -> [JSONValue] {
        if let crd = info.crd { return crd.tableCells(for: object, now: now) }
        let name = object[path: ["metadata", "name"]] ?? ""
        let age = JSONValue.string(age(object[path: ["metadata", "creationTimestamp"]]?.stringValue, now: now))
        switch info.kind {
        case "Event":
            let involved = object["involvedObject"] ?? object["regarding"] ?? .emptyObject
            let kind = (involved["kind"]?.stringValue ?? "").lowercased()
            let last = object["lastTimestamp"]?.stringValue ?? object["eventTime"]?.stringValue ?? object[path: ["metadata", "creationTimestamp"]]?.stringValue
            let first = object["firstTimestamp"]?.stringValue ?? object["eventTime"]?.stringValue ?? object[path: ["metadata", "creationTimestamp"]]?.stringValue
            let source = object[path: ["source", "component"]]?.stringValue ?? object["reportingComponent"]?.stringValue ?? ""
            return [.string(self.age(last, now: now)), object["type"] ?? "", object["reason"] ?? "",
                    .string("\(kind)/\(involved["name"]?.stringValue ?? "")"), involved["fieldPath"] ?? "", .string(source),
                    object["message"] ?? object["note"] ?? "", .string(self.age(first, now: now)), object["count"] ?? 1, name]
        case "Namespace": return [name, object[path: ["status", "phase"]] ?? "", age]
        case "Secret": return [name, object["type"] ?? "Opaque", .int(Int64(object["data"]?.objectValue?.count ?? 0)), age]
        case "ConfigMap": return [name, .int(Int64((object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0))), age]
        case "Node":
            let ready = object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "Ready" }?["status"]?.stringValue
            return [name, .string(ready == "True" ? "Ready" : "NotReady"), "<none>", age, object[path: ["status", "nodeInfo", "kubeletVersion"]] ?? ""]
        case "Lease": return [name, object[path: ["spec", "holderIdentity"]] ?? "", age]
        case "CustomResourceDefinition": return [name, object[path: ["metadata", "creationTimestamp"]] ?? ""]
        case "Deployment": return WorkloadTables.deploymentCells(object, name: name, age: age)
        case "Service": return WorkloadTables.serviceCells(object, name: name, age: age)
        default: return [name, age]
        }
    }

    static func age(_ timestamp: String?, now: Date) -> String {
        guard let timestamp, let date = try? Date(timestamp, strategy: .iso8601) else { return "<unknown>" }
        return TableAge.format(from: date, to: now)
    }

    static func row(_ info: ResourceInfo, _ object: JSONValue, includeObject: String?, now: Date) -> JSONValue {
        var row: JSONValue = ["cells": .array(cells(info, object, now: now))]
        switch includeObject {
        case "None": break
        case "Object": row["object"] = object
        default: row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? .emptyObject]
        }
        return row
    }

    static func table(_ info: ResourceInfo, items: [JSONValue], listMeta: JSONValue, includeObject: String?, withColumns: Bool = true, now: Date) -> JSONValue {
        [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMeta,
            "columnDefinitions": withColumns ? .array(columns(info)) : .null,
            "rows": .array(items.map { row(info, $0, includeObject: includeObject, now: now) }),
        ]
    }
}
