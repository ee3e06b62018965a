import KubeCore

/// Converts between the stored form and the served version of an object
/// (apiVersion rewrite; events.k8s.io/v1 ⇄ core/v1 Event field mapping).
enum Representation {
    private static let eventFieldMap: [(core: String, events: String)] = [
        ("involvedObject", "regarding"), ("message", "note"), ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"), ("count", "deprecatedCount"), ("source", "deprecatedSource"),
        ("reportingComponent", "reportingController"), ("related", "related"),
    ]

    static func toStorage(_ info: ResourceInfo, _ object: JSONValue) -> JSONValue {
        var object = object
        let storageInfo = info.storage == info.groupResource ? info : nil
        if storageInfo == nil, info.group == "events.k8s.io" {
            for (core, events) in eventFieldMap { let value = object[events]; object[events] = nil; object[core] = value }
            if object["source"] == nil, let controller = object["reportingComponent"]?.stringValue {
                object["source"] = ["component": .string(controller)]
            }
            object["apiVersion"] = "v1"
        } else {
            object["apiVersion"] = .string(info.apiVersion)
        }
        object["kind"] = .string(info.kind)
        return object
    }

    static func fromStorage(_ info: ResourceInfo, _ object: JSONValue) -> JSONValue {
        var object = object
        if info.group == "events.k8s.io" {
            for (core, events) in eventFieldMap { let value = object[core]; object[core] = nil; object[events] = value }
        }
        object["apiVersion"] = .string(info.apiVersion)
        object["kind"] = .string(info.kind)
        return object
    }
}
