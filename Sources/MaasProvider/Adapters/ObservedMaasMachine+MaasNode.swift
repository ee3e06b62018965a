import ClusterAPI
import Logging
import MaasClient

extension ObservedMaasMachine {
    /// The provider's view of a MAAS machine from the client's `MaasNode`.
    public init(_ node: MaasNode) {
        self.init(
            systemID: node.systemID, hostname: node.hostname, fqdn: node.fqdn.isEmpty ? nil : node.fqdn,
            statusCode: node.status.code, statusName: node.statusName,
            statusMessage: node.statusMessage.flatMap { $0.isEmpty ? nil : $0 },
            powerState: node.powerState.rawValue, zone: node.zone?.name, ipAddresses: node.ipAddresses,
            workloadAnnotations: node.workloadAnnotations, swapSize: node.swapSize)
    }
}
