import CAPIStandIn
import ClusterAPI
import KubeCore
import Testing

@Suite("Cluster next step")
struct ClusterPlannerTests {
    typealias Summary = ClusterFacts.MachineSummary

    static let owned = Fixtures.infrastructure(owners: [Fixtures.clusterOwner])
    static let provisionedWithEndpoint = Fixtures.infrastructure(
        owners: [Fixtures.clusterOwner], status: ["initialization": ["provisioned": true]],
        spec: ["controlPlaneEndpoint": ["host": "demo-abc123.maas", "port": 6443]])
    static let endpoint = APIEndpoint(host: "demo-abc123.maas", port: 6443)
    static let readyControlPlane = Summary(
        name: "cp-0", isControlPlane: true, infrastructureProvisioned: true, nodeExists: true, isDeleting: false)

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var facts: ClusterFacts
        var expected: ClusterStep
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "paused cluster: nothing", facts: ClusterFacts(cluster: Fixtures.cluster(finalizer: false, paused: true), infrastructureReferenced: true, infrastructure: nil),
            expected: .paused),
        Case(
            name: "finalizer first",
            facts: ClusterFacts(cluster: Fixtures.cluster(finalizer: false), infrastructureReferenced: true, infrastructure: nil),
            expected: .addFinalizer(["metadata": ["finalizers": ["cluster.cluster.x-k8s.io"], "resourceVersion": "10"]])),
        Case(
            name: "unclaimed infrastructure gets label and controller owner",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(), infrastructureReferenced: true,
                infrastructure: Fixtures.infrastructure(clusterLabel: nil)),
            expected: .claimInfrastructure(
                name: "demo",
                patch: [
                    "metadata": [
                        "labels": ["cluster.x-k8s.io/cluster-name": "demo"],
                        "ownerReferences": [[
                            "apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Cluster", "name": "demo", "uid": "cluster-uid",
                            "controller": true, "blockOwnerDeletion": true,
                        ]],
                        "resourceVersion": "5",
                    ]
                ])),
        Case(
            name: "endpoint copied when the Cluster has none",
            facts: ClusterFacts(cluster: Fixtures.cluster(), infrastructureReferenced: true, infrastructure: provisionedWithEndpoint),
            expected: .setControlPlaneEndpoint(endpoint)),
        Case(
            name: "a custom Cluster endpoint is kept; status mirrors provisioned",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: APIEndpoint(host: "custom.example", port: 443)), infrastructureReferenced: true,
                infrastructure: provisionedWithEndpoint),
            expected: .updateStatus(.init(infrastructureProvisioned: true, controlPlaneInitialized: false, phase: .provisioned))),
        Case(
            name: "legacy status.ready counts as provisioned",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint), infrastructureReferenced: true,
                infrastructure: Fixtures.infrastructure(owners: [Fixtures.clusterOwner], status: ["ready": true])),
            expected: .updateStatus(.init(infrastructureProvisioned: true, controlPlaneInitialized: false, phase: .provisioned))),
        Case(
            name: "unprovisioned infrastructure, status already right: done",
            facts: ClusterFacts(cluster: Fixtures.cluster(), infrastructureReferenced: true, infrastructure: owned),
            expected: .done),
        Case(
            name: "missing phase is written as Provisioning",
            facts: ClusterFacts(cluster: Fixtures.cluster(phase: nil), infrastructureReferenced: true, infrastructure: owned),
            expected: .updateStatus(.init(infrastructureProvisioned: false, controlPlaneInitialized: false, phase: .provisioning))),
        Case(
            name: "infrastructure not created yet: wait",
            facts: ClusterFacts(cluster: Fixtures.cluster(), infrastructureReferenced: true, infrastructure: nil),
            expected: .waitForInfrastructure(name: "demo")),
        Case(
            name: "provisioned stays provisioned when the infrastructure flips back",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: owned),
            expected: .done),
        Case(
            name: "control-plane node registered: initialized",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: provisionedWithEndpoint, machines: [readyControlPlane]),
            expected: .updateStatus(.init(infrastructureProvisioned: true, controlPlaneInitialized: true, phase: .provisioned))),
        Case(
            name: "a worker node does not initialize the control plane",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: provisionedWithEndpoint,
                machines: [Summary(name: "w-0", isControlPlane: false, infrastructureProvisioned: true, nodeExists: true, isDeleting: false)]),
            expected: .done),
        Case(
            name: "control plane without its Node: not initialized",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: provisionedWithEndpoint,
                machines: [Summary(name: "cp-0", isControlPlane: true, infrastructureProvisioned: true, nodeExists: false, isDeleting: false)]),
            expected: .done),
        Case(
            name: "initialized: kubeconfig published",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, controlPlaneInitialized: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: provisionedWithEndpoint, machines: [readyControlPlane]),
            expected: .createKubeconfigSecret),
        Case(
            name: "initialized without a workload cluster: no kubeconfig",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, controlPlaneInitialized: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: provisionedWithEndpoint, workloadConfigured: false),
            expected: .done),
        Case(
            name: "a kubeconfig from elsewhere is kept",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(endpoint: endpoint, infrastructureProvisioned: true, controlPlaneInitialized: true, phase: .provisioned),
                infrastructureReferenced: true, infrastructure: provisionedWithEndpoint, kubeconfigSecret: .foreign),
            expected: .done),
    ]

    @Test(arguments: cases)
    func nextStep(_ testCase: Case) {
        #expect(ClusterPlanner.nextStep(testCase.facts) == testCase.expected)
    }

    static let deletingCluster = Fixtures.cluster(deleting: true, phase: .deleting)
    static let deletionCases: [Case] = [
        Case(
            name: "deleting: phase first",
            facts: ClusterFacts(cluster: Fixtures.cluster(deleting: true), infrastructureReferenced: true, infrastructure: owned),
            expected: .updateStatus(.init(infrastructureProvisioned: false, controlPlaneInitialized: false, phase: .deleting))),
        Case(
            name: "deleting: machines before infrastructure",
            facts: ClusterFacts(
                cluster: deletingCluster, infrastructureReferenced: true, infrastructure: owned,
                machines: [
                    Summary(name: "cp-0", isControlPlane: true, infrastructureProvisioned: false, nodeExists: false, isDeleting: false),
                    Summary(name: "w-0", isControlPlane: false, infrastructureProvisioned: true, nodeExists: true, isDeleting: true),
                ]),
            expected: .deleteMachines(["cp-0"])),
        Case(
            name: "deleting: wait for machines",
            facts: ClusterFacts(
                cluster: deletingCluster, infrastructureReferenced: true, infrastructure: owned,
                machines: [Summary(name: "w-0", isControlPlane: false, infrastructureProvisioned: true, nodeExists: true, isDeleting: true)]),
            expected: .waitForMachines(["w-0"])),
        Case(
            name: "deleting: then the infrastructure cluster",
            facts: ClusterFacts(cluster: deletingCluster, infrastructureReferenced: true, infrastructure: owned),
            expected: .deleteInfrastructure(name: "demo")),
        Case(
            name: "deleting: wait for the infrastructure cluster",
            facts: ClusterFacts(
                cluster: deletingCluster, infrastructureReferenced: true,
                infrastructure: Fixtures.infrastructure(owners: [Fixtures.clusterOwner], deleting: true)),
            expected: .waitForInfrastructureDeletion(name: "demo")),
        Case(
            name: "deleting: our kubeconfig Secret goes",
            facts: ClusterFacts(cluster: deletingCluster, infrastructureReferenced: true, infrastructure: nil, kubeconfigSecret: .createdByStandIn),
            expected: .deleteKubeconfigSecret),
        Case(
            name: "deleting: someone else's kubeconfig Secret stays; finalizer removed",
            facts: ClusterFacts(cluster: deletingCluster, infrastructureReferenced: true, infrastructure: nil, kubeconfigSecret: .foreign),
            expected: .removeFinalizer(["metadata": ["finalizers": [], "resourceVersion": "10"]])),
        Case(
            name: "deleting without our finalizer: nothing",
            facts: ClusterFacts(
                cluster: Fixtures.cluster(finalizer: false, deleting: true, phase: .deleting), infrastructureReferenced: true,
                infrastructure: owned),
            expected: .done),
        Case(
            name: "paused deletion waits",
            facts: ClusterFacts(cluster: Fixtures.cluster(deleting: true, paused: true), infrastructureReferenced: true, infrastructure: owned),
            expected: .paused),
    ]

    @Test(arguments: deletionCases)
    func deletionStep(_ testCase: Case) {
        #expect(ClusterPlanner.nextStep(testCase.facts) == testCase.expected)
    }

    @Test func statusPatchWritesOnlyTrueFlags() {
        let patch = ClusterStatusUpdate(infrastructureProvisioned: true, controlPlaneInitialized: false, phase: .provisioned).mergePatch
        #expect(patch == ["status": ["phase": "Provisioned", "initialization": ["infrastructureProvisioned": true]]])
        let pending = ClusterStatusUpdate(infrastructureProvisioned: false, controlPlaneInitialized: false, phase: .pending).mergePatch
        #expect(pending == ["status": ["phase": "Pending"]])
    }
}
