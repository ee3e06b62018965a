import CAPIStandIn
import ClusterAPI
import Testing

@Suite("Phases")
struct PhaseTests {
    struct ClusterCase: Sendable {
        var deleting: Bool
        var provisioned: Bool
        var endpoint: APIEndpoint?
        var references: Bool
        var expected: ClusterPhase
    }

    static let valid = APIEndpoint(host: "demo.maas", port: 6443)

    @Test(arguments: [
        ClusterCase(deleting: false, provisioned: false, endpoint: nil, references: false, expected: .pending),
        ClusterCase(deleting: false, provisioned: false, endpoint: nil, references: true, expected: .provisioning),
        ClusterCase(deleting: false, provisioned: true, endpoint: nil, references: true, expected: .provisioning),
        ClusterCase(deleting: false, provisioned: true, endpoint: APIEndpoint(host: "demo.maas"), references: true, expected: .provisioning),
        ClusterCase(deleting: false, provisioned: true, endpoint: APIEndpoint(host: "", port: 6443), references: true, expected: .provisioning),
        ClusterCase(deleting: false, provisioned: false, endpoint: valid, references: true, expected: .provisioning),
        ClusterCase(deleting: false, provisioned: true, endpoint: valid, references: true, expected: .provisioned),
        ClusterCase(deleting: true, provisioned: true, endpoint: valid, references: true, expected: .deleting),
        ClusterCase(deleting: true, provisioned: false, endpoint: nil, references: false, expected: .deleting),
    ])
    func clusterPhase(_ c: ClusterCase) {
        #expect(
            ClusterPhase.of(
                deleting: c.deleting, infrastructureProvisioned: c.provisioned, controlPlaneEndpoint: c.endpoint,
                hasReferences: c.references) == c.expected)
    }

    struct MachineCase: Sendable {
        var deleting: Bool
        var bootstrap: Bool
        var provisioned: Bool
        var nodeRef: Bool
        var expected: MachinePhase
    }

    @Test(arguments: [
        MachineCase(deleting: false, bootstrap: false, provisioned: false, nodeRef: false, expected: .pending),
        MachineCase(deleting: false, bootstrap: false, provisioned: true, nodeRef: false, expected: .pending),
        MachineCase(deleting: false, bootstrap: true, provisioned: false, nodeRef: false, expected: .provisioning),
        MachineCase(deleting: false, bootstrap: true, provisioned: true, nodeRef: false, expected: .provisioned),
        MachineCase(deleting: false, bootstrap: true, provisioned: true, nodeRef: true, expected: .running),
        MachineCase(deleting: true, bootstrap: true, provisioned: true, nodeRef: true, expected: .deleting),
        MachineCase(deleting: true, bootstrap: false, provisioned: false, nodeRef: false, expected: .deleting),
    ])
    func machinePhase(_ c: MachineCase) {
        #expect(
            MachinePhase.of(
                deleting: c.deleting, bootstrapDataSecretNamed: c.bootstrap, infrastructureProvisioned: c.provisioned,
                hasNodeRef: c.nodeRef) == c.expected)
    }
}
