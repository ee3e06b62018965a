/// Why a protobuf request body could not be read. Each case names what was wrong and where.
enum ProtobufError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The body does not start with the 4 bytes `k8s\0` that kube puts before every protobuf object.
    case missingMagic
    /// The input ended inside a field (`what` says which part was being read).
    case truncated(what: String, offset: Int)
    /// A varint longer than 10 bytes, or one that overflows 64 bits.
    case malformedVarint(offset: Int)
    /// A field tag with field number 0 or a wire type this reader does not accept (groups, 6, 7).
    case invalidTag(tag: UInt64, offset: Int)
    /// A known field arrived with a wire type that does not match its declared type.
    case wrongWireType(field: String, offset: Int)
    /// A string field that is not valid UTF-8.
    case invalidUTF8(field: String)
    /// The envelope asks for a content encoding (for example gzip) the server does not decode.
    case unsupportedContentEncoding(String)
    /// A `metav1.Time` outside years 0001–9999.
    case invalidTime(field: String)
    /// Messages nested deeper than the reader allows.
    case tooDeep

    var description: String {
        switch self {
        case .missingMagic: "protobuf body does not start with the k8s\\0 prefix"
        case .truncated(let what, let offset): "protobuf body ended while reading \(what) at byte \(offset)"
        case .malformedVarint(let offset): "malformed varint at byte \(offset)"
        case .invalidTag(let tag, let offset): "invalid field tag \(tag) at byte \(offset)"
        case .wrongWireType(let field, let offset): "field \(field) has the wrong wire type at byte \(offset)"
        case .invalidUTF8(let field): "field \(field) is not valid UTF-8"
        case .unsupportedContentEncoding(let encoding): "unsupported content encoding \"\(encoding)\""
        case .invalidTime(let field): "field \(field) is not a valid time"
        case .tooDeep: "protobuf messages nested too deeply"
        }
    }
}
