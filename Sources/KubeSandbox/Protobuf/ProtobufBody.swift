import KubeCore

/// Turns a protobuf request body (`application/vnd.kubernetes.protobuf`) into the JSON object the JSON path
/// would have received, for the built-in kinds kubectl's imperative `create` commands send as protobuf.
///
/// Other kinds answer 415, as kube-apiserver does for kinds without a protobuf form (custom resources);
/// malformed bodies answer 400 with the decoding error.
enum ProtobufBody {
    typealias KindDecoder = @Sendable (inout ProtobufReader) throws(ProtobufError) -> [String: JSONValue]

    /// Decoders of core/v1 kinds by kind name.
    static let decoders: [String: KindDecoder] = [
        "Namespace": NamespaceDecoder.decode,
        "Secret": SecretDecoder.decode,
        "ConfigMap": ConfigMapDecoder.decode,
        "ServiceAccount": ServiceAccountDecoder.decode,
    ]

    /// Whether `info` accepts protobuf bodies here.
    static func supports(_ info: ResourceInfo) -> Bool {
        info.group.isEmpty && info.version == "v1" && decoders[info.kind] != nil
    }

    /// The JSON form of `body`, addressed to `info`.
    static func decode(_ body: [UInt8], for info: ResourceInfo) throws(Status) -> JSONValue {
        guard supports(info), let decoder = decoders[info.kind] else {
            throw APIError.unsupportedMediaType("application/json, application/yaml")
        }
        let envelope: ProtobufEnvelope
        var object: [String: JSONValue]
        do throws(ProtobufError) {
            envelope = try ProtobufEnvelope(body: body)
            var reader = try ProtobufReader(envelope.raw)
            object = try decoder(&reader)
        } catch {
            throw APIError.badRequest("the protobuf body of the request could not be decoded: \(error)")
        }
        // The raw bytes are read with the endpoint's message layout, so another kind would decode as garbage.
        let kind = envelope.kind.isEmpty ? info.kind : envelope.kind
        let apiVersion = envelope.apiVersion.isEmpty ? info.apiVersion : envelope.apiVersion
        guard kind == info.kind, apiVersion == info.apiVersion else {
            throw APIError.badRequest("the protobuf body is a \(apiVersion) \(kind), but \(info.groupResource) expects \(info.apiVersion) \(info.kind)")
        }
        guard envelope.contentType.isEmpty || envelope.contentType == "application/vnd.kubernetes.protobuf" else {
            throw APIError.unsupportedMediaType("application/json, application/yaml, application/vnd.kubernetes.protobuf")
        }
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return .object(object)
    }
}
