import KubeCore

/// `v1.ConfigMap{metadata=1, data=2 (map<string,string>), binaryData=3 (map<string,bytes>), immutable=4}` to JSON.
enum ConfigMapDecoder {
    static func decode(_ reader: inout ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: object["metadata"] = try ObjectMetaDecoder.decode(field, depth: reader.depth)
            case 2: try ProtobufFields.addMapEntry(field, to: &object, name: "data", depth: reader.depth)
            case 3: try ProtobufFields.addMapEntry(field, to: &object, name: "binaryData", depth: reader.depth, bytesValue: true)
            case 4: object["immutable"] = .bool(try field.bool("immutable"))
            default: continue
            }
        }
        return object
    }
}
