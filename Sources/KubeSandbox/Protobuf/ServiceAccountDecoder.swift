import KubeCore

/// `v1.ServiceAccount{metadata=1, secrets=2 (ObjectReference), imagePullSecrets=3 (LocalObjectReference),
/// automountServiceAccountToken=4}` to JSON.
enum ServiceAccountDecoder {
    /// `v1.ObjectReference` string fields by number.
    private static let objectReferenceFields = [1: "kind", 2: "namespace", 3: "name", 4: "uid", 5: "apiVersion", 6: "resourceVersion", 7: "fieldPath"]

    static func decode(_ reader: inout ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: object["metadata"] = try ObjectMetaDecoder.decode(field, depth: reader.depth)
            case 2:
                let reference = try strings(field, name: "secrets", numbers: objectReferenceFields, depth: reader.depth)
                ProtobufFields.append(reference, to: &object, name: "secrets")
            case 3:
                let reference = try strings(field, name: "imagePullSecrets", numbers: [1: "name"], depth: reader.depth)
                ProtobufFields.append(reference, to: &object, name: "imagePullSecrets")
            case 4: object["automountServiceAccountToken"] = .bool(try field.bool("automountServiceAccountToken"))
            default: continue
            }
        }
        return object
    }

    /// A message whose known fields are all strings.
    private static func strings(_ field: ProtobufField, name: String, numbers: [Int: String], depth: Int) throws(ProtobufError) -> JSONValue {
        var reader = try field.message(name, depth: depth)
        var object: [String: JSONValue] = [:]
        while let inner = try reader.next() {
            guard let key = numbers[inner.number] else { continue }
            ProtobufFields.setNonEmpty(try inner.string("\(name).\(key)"), key, in: &object)
        }
        return .object(object)
    }
}
