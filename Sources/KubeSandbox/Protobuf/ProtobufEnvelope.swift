/// kube's protobuf framing: the magic `k8s\0` followed by a `runtime.Unknown` message
/// (`typeMeta{apiVersion=1, kind=2}=1, raw=2, contentEncoding=3, contentType=4`).
struct ProtobufEnvelope: Sendable, Equatable {
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]  // "k8s\0"

    var apiVersion = ""
    var kind = ""
    /// The encoded object (for example a `v1.Secret` message).
    var raw: ArraySlice<UInt8> = []
    var contentEncoding = ""
    var contentType = ""

    /// Reads the framing of a whole request body.
    init(body: [UInt8]) throws(ProtobufError) {
        guard body.count >= Self.magic.count, body.prefix(Self.magic.count).elementsEqual(Self.magic) else { throw .missingMagic }
        var reader = try ProtobufReader(body[Self.magic.count...])
        while let field = try reader.next() {
            switch field.number {
            case 1:
                var typeMeta = try field.message("typeMeta", depth: reader.depth)
                while let inner = try typeMeta.next() {
                    switch inner.number {
                    case 1: apiVersion = try inner.string("typeMeta.apiVersion")
                    case 2: kind = try inner.string("typeMeta.kind")
                    default: continue
                    }
                }
            case 2: raw = try field.bytes("raw")
            case 3: contentEncoding = try field.string("contentEncoding")
            case 4: contentType = try field.string("contentType")
            default: continue
            }
        }
        guard contentEncoding.isEmpty else { throw .unsupportedContentEncoding(contentEncoding) }
    }
}
