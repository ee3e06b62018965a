import CAPIStandIn
import ClusterAPI
import KubeCore
import Testing

@Suite("Metadata patches and watch mapping")
struct MetadataPatchTests {
    static let owner = Fixtures.clusterOwner

    @Test func finalizerAddAndRemoveAreIdempotent() {
        var metadata = ObjectMeta(name: "x", finalizers: ["other"])
        metadata.resourceVersion = "3"
        #expect(MetadataPatch.addingFinalizer("f", to: metadata) == ["metadata": ["finalizers": ["other", "f"], "resourceVersion": "3"]])
        #expect(MetadataPatch.removingFinalizer("f", from: metadata) == nil)
        metadata.finalizers = ["other", "f"]
        #expect(MetadataPatch.addingFinalizer("f", to: metadata) == nil)
        #expect(MetadataPatch.removingFinalizer("f", from: metadata) == ["metadata": ["finalizers": ["other"], "resourceVersion": "3"]])
    }

    @Test func claimKeepsOtherOwnersAndReplacesAStaleOwnerOfTheSameKind() throws {
        let unrelated = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "cm", uid: "cm-uid")
        let stale = OwnerReference(apiVersion: "cluster.x-k8s.io/v1beta1", kind: "Cluster", name: "old", uid: "old-uid", controller: true)
        let metadata = ObjectMeta(name: "demo", labels: [ClusterAPILabels.clusterName: "demo"], ownerReferences: [unrelated, stale])
        let patch = try #require(MetadataPatch.claiming(metadata, owner: Self.owner, clusterName: "demo"))
        #expect(patch[path: ["metadata", "labels"]] == nil)
        let owners = try #require(patch[path: ["metadata", "ownerReferences"]]).decode(as: [OwnerReference].self)
        #expect(owners == [unrelated, Self.owner])
    }

    @Test func claimNeverMakesASecondController() throws {
        let other = OwnerReference(apiVersion: "example.io/v1", kind: "Thing", name: "t", uid: "t-uid", controller: true)
        let metadata = ObjectMeta(name: "demo", ownerReferences: [other])
        let patch = try #require(MetadataPatch.claiming(metadata, owner: Self.owner, clusterName: "demo"))
        let owners = try #require(patch[path: ["metadata", "ownerReferences"]]).decode(as: [OwnerReference].self)
        #expect(owners.filter { $0.controller == true } == [other])
        #expect(patch[path: ["metadata", "labels", ClusterAPILabels.clusterName]] == "demo")
    }

    @Test func claimIsNilWhenInPlace() {
        let metadata = ObjectMeta(name: "demo", labels: [ClusterAPILabels.clusterName: "demo"], ownerReferences: [Self.owner])
        #expect(MetadataPatch.claiming(metadata, owner: Self.owner, clusterName: "demo") == nil)
    }

    @Test func machineOwnedByAControllerIsNotAdopted() {
        var machine = Fixtures.machine(metadataComplete: false)
        machine.metadata.ownerReferences = [
            OwnerReference(apiVersion: "cluster.x-k8s.io/v1beta2", kind: "MachineSet", name: "ms", uid: "ms-uid", controller: true)
        ]
        let patch = MachineMetadata.patch(machine: machine, cluster: Fixtures.cluster())
        #expect(patch?[path: ["metadata", "ownerReferences"]] == nil)
        #expect(patch?[path: ["metadata", "finalizers"]] == ["machine.cluster.x-k8s.io"])
        #expect(MachineMetadata.patch(machine: Fixtures.machine(), cluster: Fixtures.cluster()) == nil)
    }

    @Test func infrastructureChangesMapToOwnersAndReferrers() throws {
        let infrastructure = try InfrastructureObject(content: [
            "metadata": [
                "name": "cp-0", "namespace": "demo",
                "ownerReferences": [["apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Machine", "name": "owner", "uid": "u"]],
            ]
        ])
        let machines = [Fixtures.machine(name: "cp-0"), Fixtures.machine(name: "w-0")]
        // With an owner, the owner alone (as Cluster API maps it); before the owner is set, the Machines naming it.
        #expect(
            StandInWatchMapping.machines(referencing: infrastructure, kind: InfrastructureKinds.maas.machine, in: machines)
                == [ObjectKey(namespace: "demo", name: "owner")])
        let unowned = try InfrastructureObject(content: ["metadata": ["name": "cp-0", "namespace": "demo"]])
        #expect(
            StandInWatchMapping.machines(referencing: unowned, kind: InfrastructureKinds.maas.machine, in: machines)
                == [ObjectKey(namespace: "demo", name: "cp-0")])
        let maasCluster = try InfrastructureObject(content: ["metadata": ["name": "demo", "namespace": "demo"]])
        #expect(
            StandInWatchMapping.clusters(referencing: maasCluster, kind: InfrastructureKinds.maas.cluster, in: [Fixtures.cluster()])
                == [ObjectKey(namespace: "demo", name: "demo")])
        #expect(StandInWatchMapping.machines(of: Fixtures.cluster(), in: machines).count == 2)
    }
}
