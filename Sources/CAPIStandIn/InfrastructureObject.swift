import Foundation
import KubeCore

/// An infrastructure object held unstructured: its metadata typed, everything else as `JSONValue`.
///
/// Cluster API core reads infrastructure objects only through contract fields, so the stand-in does the
/// same. The kind is known at run time only (see ``InfrastructureKinds``): build the `Api` with
/// `Api<InfrastructureObject>(client:resourceType:namespace:)`. Infrastructure kinds are always namespaced.
public struct InfrastructureObject: KubeResource, Hashable {
    /// A placeholder: the real kind comes from the `Api` (only `namespaced` is read by caches).
    public static let resourceType = ResourceType(
        group: "", version: "", kind: "InfrastructureObject", plural: "", namespaced: true)

    public var metadata: ObjectMeta
    /// The whole object as received (metadata included).
    public var content: JSONValue

    public init(content: JSONValue) throws {
        self.content = content
        self.metadata = try (content["metadata"] ?? .emptyObject).decode(as: ObjectMeta.self)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(content: try JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var object = content
        object["metadata"] = try JSONValue(encoding: metadata)
        try object.encode(to: encoder)
    }

    /// The contract fields Cluster API reads from this object.
    public var contract: InfrastructureContract { InfrastructureContract(content) }
}
