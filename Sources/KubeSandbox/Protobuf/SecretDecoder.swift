import KubeCore

/// `v1.Secret{metadata=1, data=2 (map<string,bytes>), type=3, stringData=4, immutable=5}` to JSON.
/// `data` values become base64 strings, as in the JSON form.
enum SecretDecoder {
    static func decode(_ reader: inout ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: object["metadata"] = try ObjectMetaDecoder.decode(field, depth: reader.depth)
            case 2: try ProtobufFields.addMapEntry(field, to: &object, name: "data", depth: reader.depth, bytesValue: true)
            case 3: ProtobufFields.setNonEmpty(try field.string("type"), "type", in: &object)
            case 4: try ProtobufFields.addMapEntry(field, to: &object, name: "stringData", depth: reader.depth)
            case 5: object["immutable"] = .bool(try field.bool("immutable"))
            default: continue
            }
        }
        return object
    }
}
