import CAPIStandIn
import ClusterAPI
import KubeCore
import Testing

@Suite("Machine next step")
struct MachinePlannerTests {
    static let provisionedCluster = Fixtures.cluster(
        endpoint: APIEndpoint(host: "demo-abc123.maas", port: 6443), infrastructureProvisioned: true, phase: .provisioned)
    static let unprovisionedInfrastructure = Fixtures.infrastructure(name: "cp-0", owners: [Fixtures.machineOwner()])
    static let provisioned = Fixtures.provisionedMachineInfrastructure()
    static let addresses = [MachineAddress(type: .internalIP, address: "10.0.0.5")]
    /// A Machine with bootstrap data and provider ID, status Provisioned (infrastructure deployed, no Node yet).
    static let deployedMachine = Fixtures.machine(
        dataSecretName: "cp-0-bootstrap", providerID: "maas:///zone-a/abc123",
        status: MachineStatus(
            initialization: .init(infrastructureProvisioned: true, bootstrapDataSecretCreated: true), addresses: addresses,
            phase: "Provisioned"))
    static let runningMachine = Fixtures.machine(
        dataSecretName: "cp-0-bootstrap", providerID: "maas:///zone-a/abc123",
        status: MachineStatus(
            initialization: .init(infrastructureProvisioned: true, bootstrapDataSecretCreated: true), addresses: addresses,
            nodeRef: NodeReference(name: "node-cp0"), phase: "Running"))

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var facts: MachineFacts
        var expected: MachineStep
        var testDescription: String { name }
    }

    static func facts(
        _ machine: Machine, cluster: Cluster? = provisionedCluster, infrastructure: ObservedInfrastructure? = unprovisionedInfrastructure,
        bootstrapSecret: SecretPresence = .absent, workload: Bool = true, node: String? = nil
    ) -> MachineFacts {
        MachineFacts(
            machine: machine, cluster: cluster, infrastructureReferenced: true, infrastructure: infrastructure,
            bootstrapSecret: bootstrapSecret, workloadConfigured: workload, existingNode: node)
    }

    static let cases: [Case] = [
        Case(name: "paused machine", facts: facts(Fixtures.machine(paused: true)), expected: .paused),
        Case(
            name: "paused cluster", facts: facts(Fixtures.machine(), cluster: Fixtures.cluster(paused: true)), expected: .paused),
        Case(name: "cluster missing: wait", facts: facts(Fixtures.machine(), cluster: nil), expected: .waitForCluster(name: "demo")),
        Case(
            name: "finalizer, label and adoption in one patch",
            facts: facts(Fixtures.machine(controlPlane: false, metadataComplete: false)),
            expected: .ensureMetadata([
                "metadata": [
                    "finalizers": ["machine.cluster.x-k8s.io"],
                    "labels": ["cluster.x-k8s.io/cluster-name": "demo"],
                    "ownerReferences": [["apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Cluster", "name": "demo", "uid": "cluster-uid"]],
                    "resourceVersion": "7",
                ]
            ])),
        Case(
            name: "infrastructure machine claimed",
            facts: facts(Fixtures.machine(), infrastructure: Fixtures.infrastructure(name: "cp-0", clusterLabel: nil)),
            expected: .claimInfrastructure(
                name: "cp-0",
                patch: [
                    "metadata": [
                        "labels": ["cluster.x-k8s.io/cluster-name": "demo"],
                        "ownerReferences": [[
                            "apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Machine", "name": "cp-0", "uid": "cp-0-uid",
                            "controller": true, "blockOwnerDeletion": true,
                        ]],
                        "resourceVersion": "5",
                    ]
                ])),
        Case(
            name: "no bootstrap data before the cluster infrastructure is provisioned",
            facts: facts(Fixtures.machine(status: MachineStatus(phase: "Pending")), cluster: Fixtures.cluster()),
            expected: .done),
        Case(
            name: "bootstrap Secret created once the cluster infrastructure is provisioned",
            facts: facts(Fixtures.machine(status: MachineStatus(phase: "Pending"))), expected: .createBootstrapSecret),
        Case(
            name: "then named in the Machine",
            facts: facts(Fixtures.machine(), bootstrapSecret: .createdByStandIn),
            expected: .setBootstrapDataSecretName("cp-0-bootstrap")),
        Case(
            name: "phase Provisioning once bootstrap data exists",
            facts: facts(Fixtures.machine(dataSecretName: "cp-0-bootstrap", status: MachineStatus(phase: "Pending")), bootstrapSecret: .createdByStandIn),
            expected: .updateStatus(.init(infrastructureProvisioned: false, bootstrapDataSecretCreated: true, phase: .provisioning))),
        Case(
            name: "infrastructure not created yet: wait",
            facts: facts(
                Fixtures.machine(dataSecretName: "cp-0-bootstrap", status: MachineStatus(initialization: .init(bootstrapDataSecretCreated: true), phase: "Provisioning")),
                infrastructure: nil, bootstrapSecret: .createdByStandIn),
            expected: .waitForInfrastructure(name: "cp-0")),
        Case(
            name: "provider ID copied",
            facts: facts(Fixtures.machine(dataSecretName: "cp-0-bootstrap"), infrastructure: provisioned, bootstrapSecret: .createdByStandIn),
            expected: .setProviderID("maas:///zone-a/abc123")),
        Case(
            name: "provisioned, addresses copied",
            facts: facts(
                Fixtures.machine(dataSecretName: "cp-0-bootstrap", providerID: "maas:///zone-a/abc123"), infrastructure: provisioned,
                bootstrapSecret: .createdByStandIn),
            expected: .updateStatus(.init(
                infrastructureProvisioned: true, bootstrapDataSecretCreated: true, addresses: addresses, phase: .provisioned))),
        Case(
            name: "node registered under the lower-cased host name",
            facts: facts(deployedMachine, infrastructure: provisioned, bootstrapSecret: .createdByStandIn),
            expected: .registerNode(name: "node-cp0")),
        Case(
            name: "no workload cluster: no node",
            facts: facts(deployedMachine, infrastructure: provisioned, bootstrapSecret: .createdByStandIn, workload: false),
            expected: .done),
        Case(
            name: "node exists: nodeRef and Running",
            facts: facts(deployedMachine, infrastructure: provisioned, bootstrapSecret: .createdByStandIn, node: "node-cp0"),
            expected: .updateStatus(.init(
                infrastructureProvisioned: true, bootstrapDataSecretCreated: true, addresses: addresses, nodeName: "node-cp0",
                phase: .running))),
        Case(
            name: "running: done",
            facts: facts(runningMachine, infrastructure: provisioned, bootstrapSecret: .createdByStandIn, node: "node-cp0"),
            expected: .done),
        Case(
            name: "a host name that cannot name a Node is reported",
            facts: facts(
                deployedMachine, infrastructure: Fixtures.provisionedMachineInfrastructure(hostname: "bad_host"),
                bootstrapSecret: .createdByStandIn),
            expected: .unusableHostname("bad_host")),
    ]

    @Test(arguments: cases)
    func nextStep(_ testCase: Case) {
        #expect(MachinePlanner.nextStep(testCase.facts) == testCase.expected)
    }

    static let deleting = Fixtures.machine(
        deleting: true, dataSecretName: "cp-0-bootstrap", providerID: "maas:///zone-a/abc123",
        status: MachineStatus(
            initialization: .init(infrastructureProvisioned: true, bootstrapDataSecretCreated: true), addresses: addresses,
            nodeRef: NodeReference(name: "node-cp0"), phase: "Deleting"))

    static let deletionCases: [Case] = [
        Case(
            name: "deleting: phase first",
            facts: facts(
                Fixtures.machine(deleting: true, dataSecretName: "cp-0-bootstrap", status: runningMachine.status),
                infrastructure: provisioned, node: "node-cp0"),
            expected: .updateStatus(.init(
                infrastructureProvisioned: true, bootstrapDataSecretCreated: true, addresses: addresses, nodeName: "node-cp0",
                phase: .deleting))),
        Case(
            name: "deleting: infrastructure machine first",
            facts: facts(deleting, infrastructure: provisioned, bootstrapSecret: .createdByStandIn, node: "node-cp0"),
            expected: .deleteInfrastructure(name: "cp-0")),
        Case(
            name: "deleting: wait while the provider releases",
            facts: facts(
                deleting, infrastructure: Fixtures.infrastructure(name: "cp-0", owners: [Fixtures.machineOwner()], deleting: true),
                node: "node-cp0"),
            expected: .waitForInfrastructureDeletion(name: "cp-0")),
        Case(
            name: "deleting: then the Node",
            facts: facts(deleting, infrastructure: nil, bootstrapSecret: .createdByStandIn, node: "node-cp0"),
            expected: .deleteNode(name: "node-cp0")),
        Case(
            name: "deleting: then our bootstrap Secret",
            facts: facts(deleting, infrastructure: nil, bootstrapSecret: .createdByStandIn),
            expected: .deleteBootstrapSecret),
        Case(
            name: "deleting: a foreign Secret stays; finalizer removed, other finalizers kept",
            facts: facts(
                {
                    var machine = deleting
                    machine.metadata.finalizers = ["other.example/keep", StandInNames.machineFinalizer]
                    return machine
                }(), infrastructure: nil, bootstrapSecret: .foreign),
            expected: .removeFinalizer(["metadata": ["finalizers": ["other.example/keep"], "resourceVersion": "7"]])),
        Case(
            name: "deleting with the Cluster gone still proceeds",
            facts: facts(deleting, cluster: nil, infrastructure: nil),
            expected: .removeFinalizer(["metadata": ["finalizers": [], "resourceVersion": "7"]])),
    ]

    @Test(arguments: deletionCases)
    func deletionStep(_ testCase: Case) {
        #expect(MachinePlanner.nextStep(testCase.facts) == testCase.expected)
    }
}
