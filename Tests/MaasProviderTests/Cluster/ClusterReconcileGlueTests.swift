import KubeClient
import KubeRuntime
import MaasSimulator
import KubeSandbox
import ClusterAPI
import KubeCore
import MaasClient
@testable import MaasProvider
import Testing

@Suite struct ClusterDNSFailureTests {
    @Test func forbiddenExplainsTheAdminKey() {
        let policy = ClusterDNSFailure.policy(for: MaasError.forbidden(message: "nope"), fqdn: "c-abc123.maas", attempt: 0)
        #expect(policy.condition.reason == MaasConditionReasons.maasPermissionDenied)
        #expect(policy.eventReason == "DNSFailed")
        #expect(policy.condition.message.contains("administrator API key"))
        #expect(policy.condition.message.contains("nope"))
        #expect(policy.conditionType == MaasConditions.loadBalancerReady)
        #expect(ClusterDNSFailure.delay(of: policy) == MaasRequeue.permissionRetry)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var error: MaasError
        var attempt: Int
        var delay: Duration
        var mentions: String
        var reason: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "retry-after honoured", error: .retryable(status: 503, retryAfter: .seconds(7), message: "busy"), attempt: 3,
             delay: .seconds(7), mentions: "busy", reason: MaasConditionReasons.maasUnreachable),
        Case(name: "transient backs off", error: .serverError(status: 500, message: "boom"), attempt: 2, delay: .seconds(20), mentions: "boom",
             reason: MaasConditionReasons.maasUnreachable),
        Case(name: "unreachable backs off", error: .transport(description: "TLS handshake failed"), attempt: 0, delay: .seconds(5),
             mentions: "TLS handshake failed", reason: MaasConditionReasons.maasUnreachable),
        Case(name: "refused", error: .connectionRefused(endpoint: "10.0.0.5:5240"), attempt: 1, delay: .seconds(10),
             mentions: "connection refused by 10.0.0.5:5240: is MAAS running", reason: MaasConditionReasons.maasUnreachable),
        Case(name: "bad key", error: .unauthorized(reason: .invalidKey, message: "bad"), attempt: 0, delay: MaasRequeue.credentialsRetry,
             mentions: "credentials", reason: MaasConditionReasons.maasCredentialsInvalid),
        Case(name: "backoff capped", error: .serverError(status: 502, message: "x"), attempt: 30, delay: .seconds(300), mentions: "x",
             reason: MaasConditionReasons.maasUnreachable),
        Case(name: "duplicate records", error: .stateConflict(message: "2 MAAS DNS resources are named c-abc123.maas"), attempt: 0,
             delay: .seconds(5), mentions: "2 MAAS DNS resources", reason: MaasConditionReasons.loadBalancerFailed),
        Case(name: "unknown domain", error: .notFound(message: "no domain maas"), attempt: 0, delay: .seconds(5),
             mentions: "no domain maas", reason: MaasConditionReasons.loadBalancerFailed),
        Case(name: "rejected value", error: .badRequest(fieldErrors: ["fqdn": ["bad"]], message: ""), attempt: 0,
             delay: MaasRequeue.syncPeriod, mentions: "fqdn: bad", reason: MaasConditionReasons.loadBalancerFailed),
    ])
    func mapsMaasErrors(case test: Case) {
        let policy = ClusterDNSFailure.policy(for: test.error, fqdn: "c-abc123.maas", attempt: test.attempt)
        #expect(policy.condition.status == .false)
        #expect(policy.condition.reason == test.reason)
        #expect(policy.condition.message.contains(test.mentions))
        #expect(policy.condition.message.contains("c-abc123.maas"))
        #expect(ClusterDNSFailure.delay(of: policy) == test.delay)
    }

    @Test func missingCredentialsBecomeAConditionNotACrash() {
        let policy = ClusterDNSFailure.policy(
            for: MaasConnectionError.missingCredentials("Secret capmaas-system/creds not found"), fqdn: "x.maas", attempt: 0)
        #expect(policy.condition.message.contains("Secret capmaas-system/creds not found"))
        #expect(policy.condition.reason == MaasConditionReasons.maasCredentialsInvalid)
        #expect(ClusterDNSFailure.delay(of: policy) == MaasRequeue.credentialsRetry)
    }

    @Test func jitterSpreadsBackoffsButNotFixedWaits() {
        let doubled: (Duration) -> Duration = { $0 * 2 }
        let transient = ClusterDNSFailure.policy(for: MaasError.serverError(status: 500, message: ""), fqdn: "x.maas", attempt: 1)
        #expect(ClusterDNSFailure.delay(of: transient, jitter: doubled) == .seconds(20))
        let retryAfter = ClusterDNSFailure.policy(
            for: MaasError.retryable(status: 503, retryAfter: .seconds(7), message: ""), fqdn: "x.maas", attempt: 1)
        #expect(ClusterDNSFailure.delay(of: retryAfter, jitter: doubled) == .seconds(7))
        let forbidden = ClusterDNSFailure.policy(for: MaasError.forbidden(message: ""), fqdn: "x.maas", attempt: 1)
        #expect(ClusterDNSFailure.delay(of: forbidden, jitter: doubled) == MaasRequeue.permissionRetry)
    }
}

@Suite struct APIServerAvailabilityTests {
    typealias Probe = APIServerAvailability.Probe

    @Test(arguments: [
        (Probe.noEndpoint, false, Condition.Status.false, nil as Duration?),
        (.noKubeconfig, false, .false, .seconds(10)),
        (.noKubeconfig, true, .false, .seconds(30)),
        (.unreachable("refused"), false, .false, .seconds(10)),
        (.unreachable("refused"), true, .false, .seconds(30)),
        (.badKubeconfig("bad"), false, .false, .seconds(30)),
        (.available, false, .true, nil),
        (.available, true, .true, nil),
    ])
    func pollsBoundedByRequeue(probe: Probe, initialized: Bool, status: Condition.Status, requeue: Duration?) {
        let decision = APIServerAvailability.decide(probe, controlPlaneInitialized: initialized)
        #expect(decision.condition.status == status)
        #expect(decision.requeue == requeue)
        let expectedReason = status == .true ? MaasConditionReasons.apiServerAvailable : MaasConditionReasons.apiServerNotReady
        #expect(decision.condition.reason == expectedReason)
    }
}

@Suite struct ControlPlaneMembersTests {
    static func maasMachine(_ name: String, cluster: String, controlPlane: Bool, ip: String, state: String = "Deployed", powered: Bool = true)
        -> MaasMachine
    {
        var labels = [ClusterAPILabels.clusterName: cluster]
        if controlPlane { labels[ClusterAPILabels.controlPlane] = "" }
        var machine = MaasMachine(
            metadata: ObjectMeta(name: name, namespace: "ns", labels: labels),
            spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 1, minMemory: 1024))
        var status = MaasMachineStatus()
        status.machineState = state
        status.machinePowered = powered
        status.addresses = [MachineAddress(type: .internalIP, address: ip)]
        machine.status = status
        return machine
    }

    @Test func onlyControlPlaneMachinesOfTheClusterCount() {
        let machines = [
            Self.maasMachine("cp-0", cluster: "c1", controlPlane: true, ip: "10.0.0.1"),
            Self.maasMachine("w-0", cluster: "c1", controlPlane: false, ip: "10.0.0.2"),
            Self.maasMachine("cp-other", cluster: "c2", controlPlane: true, ip: "10.0.0.3"),
            Self.maasMachine("cp-1", cluster: "c1", controlPlane: true, ip: "10.0.0.4", powered: false),
        ]
        let members = ControlPlaneMembers.members(of: machines, clusterName: "c1")
        #expect(members.map(\.name) == ["cp-0", "cp-1"])
        #expect(members.map(\.phase) == [.running, .unavailable])
        #expect(DNSRecordPlan.plan(current: [], members: members) == .update(["10.0.0.1"]))
        // A powered-off control plane keeps its address in the record.
        #expect(DNSRecordPlan.plan(current: ["10.0.0.1", "10.0.0.4"], members: members) == .noChange)
    }

    @Test func earliestRequeueWins() {
        #expect(ControlPlaneMembers.earliest(nil, .seconds(10), .seconds(5)) == .seconds(5))
        #expect(ControlPlaneMembers.earliest(nil, nil) == nil)
    }
}

@Suite struct ClusterFinalizerTests {
    @Test func addsToAnEmptyListGuardedByResourceVersion() throws {
        var metadata = ObjectMeta(name: "c", namespace: "ns")
        metadata.resourceVersion = "7"
        let patch = try #require(ClusterFinalizer.addPatch(metadata))
        #expect(patch.first == .test("/metadata/resourceVersion", "7"))
        let object: JSONValue = ["metadata": ["name": "c", "resourceVersion": "7"]]
        let patched = try object.applyingJSONPatch(patch)
        #expect(patched[path: ["metadata", "finalizers"]] == [.string(MaasFinalizers.cluster)])
        // A concurrent write (new resourceVersion) makes the patch fail instead of overwriting.
        let raced: JSONValue = ["metadata": ["name": "c", "resourceVersion": "8", "finalizers": ["other"]]]
        #expect(throws: JSONPatchError.self) { try raced.applyingJSONPatch(patch) }
    }

    @Test func appendsToAnExistingList() throws {
        var metadata = ObjectMeta(name: "c", namespace: "ns", finalizers: ["other"])
        metadata.resourceVersion = "7"
        let patch = try #require(ClusterFinalizer.addPatch(metadata))
        let object: JSONValue = ["metadata": ["resourceVersion": "7", "finalizers": ["other"]]]
        #expect(try object.applyingJSONPatch(patch)[path: ["metadata", "finalizers"]] == ["other", .string(MaasFinalizers.cluster)])
        #expect(ClusterFinalizer.addPatch(ObjectMeta(finalizers: [MaasFinalizers.cluster])) == nil)
    }

    @Test func removesOnlyOurs() throws {
        let metadata = ObjectMeta(finalizers: ["a", MaasFinalizers.cluster, "b"])
        let patch = try #require(ClusterFinalizer.removePatch(metadata))
        let object: JSONValue = ["metadata": ["finalizers": ["a", .string(MaasFinalizers.cluster), "b"]]]
        #expect(try object.applyingJSONPatch(patch)[path: ["metadata", "finalizers"]] == ["a", "b"])
        #expect(ClusterFinalizer.removePatch(ObjectMeta(finalizers: ["a"])) == nil)
    }
}

@Suite struct MergePatchWriterTests {
    @Test func statusChangeIsOnlyTheStatusDiff() throws {
        let old: JSONValue = ["metadata": ["name": "c", "resourceVersion": "1"], "spec": ["dnsDomain": "maas"], "status": ["ready": false]]
        let new: JSONValue = ["metadata": ["name": "c", "resourceVersion": "1"], "spec": ["dnsDomain": "maas"],
                              "status": ["ready": true, "network": ["dnsName": "c-abc.maas"]]]
        let change = try #require(MergePatchWriter<MaasCluster>.change(of: "status", from: old, to: new))
        #expect(change == ["status": ["ready": true, "network": ["dnsName": "c-abc.maas"]]])
        #expect(MergePatchWriter<MaasCluster>.change(of: "spec", from: old, to: new) == nil)
    }

    @Test func specChangeSkipsServerOwnedMetadata() throws {
        let old: JSONValue = ["metadata": ["resourceVersion": "1", "generation": 1], "spec": ["dnsDomain": "maas"]]
        let new: JSONValue = ["metadata": ["resourceVersion": "2", "generation": 2],
                              "spec": ["dnsDomain": "maas", "controlPlaneEndpoint": ["host": "h", "port": 6443]]]
        let change = try #require(MergePatchWriter<MaasCluster>.change(of: "spec", from: old, to: new))
        #expect(change == ["spec": ["controlPlaneEndpoint": ["host": "h", "port": 6443]]])
    }

    @Test func noChangeMeansNoPatch() {
        let same: JSONValue = ["spec": ["dnsDomain": "maas"], "status": ["ready": true]]
        #expect(MergePatchWriter<MaasCluster>.change(of: "status", from: same, to: same) == nil)
    }
}

@Suite struct InfrastructureMappingTests {
    @Test func clusterMapsToItsMaasCluster() {
        let cluster = Cluster(
            metadata: ObjectMeta(name: "c1", namespace: "ns"),
            spec: ClusterSpec(infrastructureRef: ContractVersionedObjectReference(
                apiGroup: ClusterAPIGroup.infrastructure, kind: "MaasCluster", name: "c1-maas")))
        #expect(MaasClusterControllerSetup.infrastructureKeys(of: cluster) == [ObjectKey(namespace: "ns", name: "c1-maas")])
        let other = Cluster(
            metadata: ObjectMeta(name: "c2", namespace: "ns"),
            spec: ClusterSpec(infrastructureRef: ContractVersionedObjectReference(apiGroup: ClusterAPIGroup.infrastructure, kind: "DockerCluster", name: "x")))
        #expect(MaasClusterControllerSetup.infrastructureKeys(of: other).isEmpty)
        #expect(MaasClusterControllerSetup.infrastructureKeys(of: Cluster(metadata: ObjectMeta(name: "c3"))).isEmpty)
    }

    @Test func watchFilterBecomesALabelSelector() {
        #expect(MaasClusterControllerSetup.watchListOptions(watchFilter: "team-a").labelSelector == "cluster.x-k8s.io/watch-filter=team-a")
        #expect(MaasClusterControllerSetup.watchListOptions(watchFilter: nil).labelSelector == nil)
        #expect(MaasClusterControllerSetup.watchListOptions(watchFilter: "").labelSelector == nil)
    }
}
