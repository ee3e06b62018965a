import Foundation
import KubeCore

/// A `metav1.MicroTime`: RFC 3339 with microseconds.
public struct MicroTime: Codable, Sendable, Hashable {
    public var date: Date
    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid MicroTime \"\(text)\""))
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Timestamp(date).microString)
    }
}

/// A `coordination.k8s.io/v1` Lease, used for leader election.
public struct Lease: KubeResource, Equatable {
    public static let resourceType = ResourceType.lease

    public struct Spec: Codable, Sendable, Hashable {
        public var holderIdentity: String?
        public var leaseDurationSeconds: Int?
        public var acquireTime: MicroTime?
        public var renewTime: MicroTime?
        public var leaseTransitions: Int?

        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int? = nil, acquireTime: MicroTime? = nil,
            renewTime: MicroTime? = nil, leaseTransitions: Int? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }
    }

    public var apiVersion: String = "coordination.k8s.io/v1"
    public var kind: String = "Lease"
    public var metadata: ObjectMeta
    public var spec: Spec?

    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
