import KubeCore

/// `v1.Namespace{metadata=1, spec=2{finalizers=1}, status=3{phase=1}}` to JSON.
enum NamespaceDecoder {
    static func decode(_ reader: inout ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: object["metadata"] = try ObjectMetaDecoder.decode(field, depth: reader.depth)
            case 2:
                var spec = try field.message("spec", depth: reader.depth)
                var fields: [String: JSONValue] = [:]
                while let inner = try spec.next() {
                    guard inner.number == 1 else { continue }
                    ProtobufFields.append(.string(try inner.string("spec.finalizers")), to: &fields, name: "finalizers")
                }
                object["spec"] = .object(fields)
            case 3:
                // Conditions (2) are server-owned and skipped.
                var status = try field.message("status", depth: reader.depth)
                var fields: [String: JSONValue] = [:]
                while let inner = try status.next() {
                    guard inner.number == 1 else { continue }
                    ProtobufFields.setNonEmpty(try inner.string("status.phase"), "phase", in: &fields)
                }
                object["status"] = .object(fields)
            default: continue
            }
        }
        return object
    }
}
