import Foundation
import KubeCore

/// Readers for the shapes kube messages repeat: `map<string,string>`, `map<string,bytes>` and string lists.
enum ProtobufFields {
    /// One `map<string, V>` entry (`key=1, value=2`); a missing key or value is the empty default, as in protobuf.
    static func mapEntry(_ field: ProtobufField, name: String, depth: Int, bytesValue: Bool) throws(ProtobufError) -> (String, JSONValue) {
        var entry = try field.message(name, depth: depth)
        var key = ""
        var value: JSONValue = .string("")
        while let inner = try entry.next() {
            switch inner.number {
            case 1: key = try inner.string("\(name).key")
            case 2:
                value = bytesValue
                    ? .string(Data(try inner.bytes("\(name)[\(key)]")).base64EncodedString())
                    : .string(try inner.string("\(name)[\(key)]"))
            default: continue
            }
        }
        return (key, value)
    }

    /// Adds one map entry to `object[name]`, creating the map on first use.
    static func addMapEntry(_ field: ProtobufField, to object: inout [String: JSONValue], name: String, depth: Int,
                            bytesValue: Bool = false) throws(ProtobufError) {
        let (key, value) = try mapEntry(field, name: name, depth: depth, bytesValue: bytesValue)
        var map = object[name]?.objectValue ?? [:]
        map[key] = value
        object[name] = .object(map)
    }

    /// Sets `object[key]` unless `value` is empty: Go's `omitempty`, so the object matches what kubectl sends as JSON
    /// (the Go protobuf encoder writes empty strings that the JSON encoder leaves out).
    static func setNonEmpty(_ value: String, _ key: String, in object: inout [String: JSONValue]) {
        if !value.isEmpty { object[key] = .string(value) }
    }

    /// Appends one element to the array `object[name]`, creating it on first use.
    static func append(_ value: JSONValue, to object: inout [String: JSONValue], name: String) {
        var list = object[name]?.arrayValue ?? []
        list.append(value)
        object[name] = .array(list)
    }
}
