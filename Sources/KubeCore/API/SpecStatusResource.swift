/// A kind of the usual `apiVersion` / `kind` / `metadata` / `spec` / `status` shape (Cluster API kinds, CRDs).
///
/// A conforming type declares its stored properties and memberwise init; this protocol supplies the Codable
/// behaviour all such kinds share, so each kind states only what is specific to it:
/// - decoding: `apiVersion` and `kind` default to `resourceType` when absent (list items of some servers),
///   `metadata` defaults to empty, `spec` is required unless `Spec` is an `Optional`, `status` is optional;
/// - encoding: the five keys, with a nil `status` (and a nil optional `spec`) left out.
public protocol SpecStatusResource: KubeResource {
    /// The `spec` type; an `Optional` when the kind allows objects without a spec.
    associatedtype Spec: Codable & Sendable
    /// The `status` type (stored as `Status?`).
    associatedtype Status: Codable & Sendable

    var apiVersion: String { get set }
    var kind: String { get set }
    var spec: Spec { get set }
    var status: Status? { get set }

    /// Memberwise init; `apiVersion` and `kind` start as `resourceType`'s.
    init(metadata: ObjectMeta, spec: Spec, status: Status?)
}

/// The JSON keys of a `SpecStatusResource`.
private enum SpecStatusCodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

/// Lets generic code tell a nil `Optional` apart without knowing its wrapped type.
private protocol OptionalValue { var isNone: Bool { get } }
extension Optional: OptionalValue { fileprivate var isNone: Bool { self == nil } }

extension SpecStatusResource {
    /// Decodes an object; `apiVersion` and `kind` may be absent (list items of some servers).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecStatusCodingKeys.self)
        let apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.resourceType.apiVersion
        let kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Self.resourceType.kind
        let metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        let spec: Spec
        if let present = try container.decodeIfPresent(Spec.self, forKey: .spec) {
            spec = present
        } else if let absent = (Spec.self as? any ExpressibleByNilLiteral.Type)?.init(nilLiteral: ()) as? Spec {
            spec = absent
        } else {
            // Throws the usual keyNotFound / valueNotFound error for a required spec.
            spec = try container.decode(Spec.self, forKey: .spec)
        }
        let status = try container.decodeIfPresent(Status.self, forKey: .status)
        self.init(metadata: metadata, spec: spec, status: status)
        self.apiVersion = apiVersion
        self.kind = kind
    }

    /// Encodes the five keys in the order `apiVersion, kind, metadata, spec, status`, leaving out nil ones.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecStatusCodingKeys.self)
        try container.encode(apiVersion, forKey: .apiVersion)
        try container.encode(kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        if (spec as? any OptionalValue)?.isNone != true { try container.encode(spec, forKey: .spec) }
        try container.encodeIfPresent(status, forKey: .status)
    }
}
