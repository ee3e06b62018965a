/// A host and port of an API server (`clusterv1.APIEndpoint`).
public struct APIEndpoint: Codable, Sendable, Hashable {
    public var host: String?
    public var port: Int32?

    public init(host: String? = nil, port: Int32? = nil) {
        self.host = host
        self.port = port
    }

    /// Whether a non-empty host is set (Cluster API's `IsZero` counterpart for the host).
    public var hasHost: Bool { !(host ?? "").isEmpty }
}

/// A reference to an object in the same namespace through its API group (`ContractVersionedObjectReference`).
public struct ContractVersionedObjectReference: Codable, Sendable, Hashable {
    public var apiGroup: String?
    public var kind: String?
    public var name: String?

    public init(apiGroup: String? = nil, kind: String? = nil, name: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// An address of a machine (`clusterv1.MachineAddress`).
public struct MachineAddress: Codable, Sendable, Hashable {
    /// Address types defined by Cluster API.
    public enum AddressType: String, Codable, Sendable, Hashable, CaseIterable {
        case hostname = "Hostname"
        case externalIP = "ExternalIP"
        case internalIP = "InternalIP"
        case externalDNS = "ExternalDNS"
        case internalDNS = "InternalDNS"
    }

    public var type: AddressType
    public var address: String

    public init(type: AddressType, address: String) {
        self.type = type
        self.address = address
    }
}

/// A failure domain reported by an infrastructure cluster (contract v1beta2: a list entry).
public struct FailureDomain: Codable, Sendable, Hashable {
    public var name: String
    public var controlPlane: Bool?
    public var attributes: [String: String]?

    public init(name: String, controlPlane: Bool? = nil, attributes: [String: String]? = nil) {
        self.name = name
        self.controlPlane = controlPlane
        self.attributes = attributes
    }
}
