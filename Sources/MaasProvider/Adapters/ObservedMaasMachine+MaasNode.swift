import ClusterAPI
import Logging
import MaasClient

extension ObservedMaasMachine {
    /// The provider's view of a MAAS machine from the client's `MaasNode` (a single read or a write's reply).
    public init(_ node: MaasNode) {
        self.init(MaasMachineSummary(node))
    }

    /// The provider's view of a MAAS machine from a poll's summary: the same as from the full machine, so a pass may
    /// take either.
    public init(_ summary: MaasMachineSummary) {
        self.init(
            systemID: summary.systemID, hostname: summary.hostname, fqdn: summary.fqdn.isEmpty ? nil : summary.fqdn,
            statusCode: summary.status.code, statusName: summary.statusName,
            statusMessage: summary.statusMessage.flatMap { $0.isEmpty ? nil : $0 },
            powerState: summary.powerState.rawValue, zone: summary.zoneName, ipAddresses: summary.ipAddresses,
            workloadAnnotations: summary.workloadAnnotations, swapSize: summary.swapSize)
    }
}
