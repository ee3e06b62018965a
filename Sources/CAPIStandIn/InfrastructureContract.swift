import ClusterAPI
import KubeCore

/// The Cluster API contract fields of an infrastructure cluster or machine, read from its JSON.
///
/// Malformed fields read as absent (Cluster API core does the same with unstructured objects), so a
/// provider's bad status never crashes the stand-in.
public struct InfrastructureContract: Sendable, Hashable {
    /// `status.initialization.provisioned`, else the legacy `status.ready`.
    public var provisioned: Bool
    /// `spec.providerID` (machines), when non-empty.
    public var providerID: String?
    /// `spec.controlPlaneEndpoint` (clusters), when it has a host.
    public var controlPlaneEndpoint: APIEndpoint?
    /// `status.addresses` (machines); entries with an unknown type or empty address are skipped.
    public var addresses: [MachineAddress]
    /// The machine's host name: `status.hostname`, else the first `Hostname` address.
    public var hostname: String?

    public init(
        provisioned: Bool = false, providerID: String? = nil, controlPlaneEndpoint: APIEndpoint? = nil,
        addresses: [MachineAddress] = [], hostname: String? = nil
    ) {
        self.provisioned = provisioned
        self.providerID = providerID
        self.controlPlaneEndpoint = controlPlaneEndpoint
        self.addresses = addresses
        self.hostname = hostname
    }

    /// Reads the contract fields of `object`.
    public init(_ object: JSONValue) {
        let status = object["status"]
        provisioned = status?[path: ["initialization", "provisioned"]]?.boolValue ?? status?["ready"]?.boolValue ?? false
        providerID = object[path: ["spec", "providerID"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if let endpoint = object[path: ["spec", "controlPlaneEndpoint"]],
            let host = endpoint["host"]?.stringValue, !host.isEmpty
        {
            controlPlaneEndpoint = APIEndpoint(host: host, port: endpoint["port"]?.intValue.flatMap { Int32(exactly: $0) })
        } else {
            controlPlaneEndpoint = nil
        }
        addresses = (status?["addresses"]?.arrayValue ?? []).compactMap { entry in
            guard let type = entry["type"]?.stringValue.flatMap(MachineAddress.AddressType.init(rawValue:)),
                let address = entry["address"]?.stringValue, !address.isEmpty
            else { return nil }
            return MachineAddress(type: type, address: address)
        }
        let statusHostname = status?["hostname"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        hostname = statusHostname ?? addresses.first { $0.type == .hostname }?.address
    }
}
