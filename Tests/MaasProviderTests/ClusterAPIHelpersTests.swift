import ClusterAPI
import KubeCore
import MaasProvider
import Testing

@Suite struct ClusterAPIHelpersTests {
    @Test func pause() {
        let meta = ObjectMeta(name: "x", namespace: "ns")
        let paused = Cluster(metadata: ObjectMeta(name: "c"), spec: ClusterSpec(paused: true))
        let running = Cluster(metadata: ObjectMeta(name: "c"), spec: ClusterSpec(paused: false))
        #expect(isPaused(cluster: paused, object: meta))
        #expect(!isPaused(cluster: running, object: meta))
        #expect(!isPaused(cluster: nil, object: meta))
        #expect(isPaused(cluster: running, object: ObjectMeta(name: "x", annotations: [ClusterAPIAnnotations.paused: ""])))
        #expect(pausedCondition(paused: true, cluster: paused, object: meta).status == .true)
        #expect(pausedCondition(paused: false, cluster: running, object: meta).reason == "NotPaused")
    }

    @Test func owners() {
        let meta = ObjectMeta(
            name: "mm", namespace: "ns", labels: [ClusterAPILabels.clusterName: "c1"],
            ownerReferences: [
                OwnerReference(apiVersion: "cluster.x-k8s.io/v1beta2", kind: "Machine", name: "m-0", uid: "u"),
                OwnerReference(apiVersion: "other.io/v1", kind: "Cluster", name: "not-capi", uid: "v"),
            ])
        #expect(ClusterAPIOwners.machineKey(of: meta) == ObjectKey(namespace: "ns", name: "m-0"))
        #expect(ClusterAPIOwners.cluster(of: meta) == nil)
        #expect(ClusterAPIOwners.clusterKey(of: meta) == ObjectKey(namespace: "ns", name: "c1"))
        #expect(ClusterAPIOwners.clusterName(of: ObjectMeta(name: "x")) == nil)
    }

    @Test func readySummary() {
        let deployed = Condition(type: "MachineDeployed", status: .true, reason: "MachineDeployed")
        let pending = Condition(type: "DNSAttached", status: .false, reason: "DNSAttachPending", message: "waiting")
        let allTrue = ReadySummary.summarize([deployed], types: ["MachineDeployed"], observedGeneration: 3)
        #expect(allTrue.status == .true)
        #expect(allTrue.observedGeneration == 3)
        let blocked = ReadySummary.summarize([deployed, pending], types: ["MachineDeployed", "DNSAttached"], observedGeneration: 3)
        #expect(blocked.status == .false)
        #expect(blocked.reason == "DNSAttachPending")
        #expect(blocked.message == "DNSAttached: waiting")
        let missing = ReadySummary.summarize([], types: ["MachineDeployed"], observedGeneration: nil)
        #expect(missing.status == .unknown)
        let falseWins = ReadySummary.summarize([pending], types: ["MachineDeployed", "DNSAttached"], observedGeneration: nil)
        #expect(falseWins.status == .false)
        #expect(falseWins.reason == "DNSAttachPending")
    }

    @Test func failureDomains() {
        let domains = FailureDomains.status(from: ["z1", "z2", "z1", ""])
        #expect(domains == [FailureDomain(name: "z1", controlPlane: true), FailureDomain(name: "z2", controlPlane: true)])
        #expect(FailureDomains.status(from: nil).isEmpty)
    }

    @Test func clusterHelpers() {
        #expect(Cluster(metadata: ObjectMeta()).apiServerPort == 6443)
        #expect(Cluster(metadata: ObjectMeta(), spec: ClusterSpec(clusterNetwork: ClusterNetwork(apiServerPort: 7443))).apiServerPort == 7443)
        #expect(Fixtures.machine(controlPlane: true).isControlPlane)
        #expect(!Fixtures.machine().isControlPlane)
    }

    @Test func adoptionPrefersMostAdvanced() {
        let choice = AdoptionChoice.choose(among: [
            Fixtures.observed(.allocated, id: "b"), Fixtures.observed(.releasing, id: "r"),
            Fixtures.observed(.deployed, id: "d"), Fixtures.observed(.broken, id: "x"),
            Fixtures.observed(.failedDeployment, id: "f"),
        ])
        #expect(choice.adopt?.systemID == "d")
        // A Failed deployment under our agent name is a replacement cut short: released, never adopted.
        #expect(choice.release.map(\.systemID) == ["b", "f"])
        #expect(AdoptionChoice.choose(among: [Fixtures.observed(.failedDeployment)]).adopt == nil)
        #expect(AdoptionChoice.choose(among: [Fixtures.observed(.ready)]).adopt == nil)
    }

    @Test func backoffs() {
        #expect(MaasRequeue.exponential(base: .seconds(1), attempt: -3, cap: .seconds(10)) == .seconds(1))
        #expect(MaasRequeue.exponential(base: .seconds(1), attempt: 1000, cap: .seconds(10)) == .seconds(10))
        #expect(MaasRequeue.replacementBackoff(attempt: 0) == .seconds(30))
    }
}
