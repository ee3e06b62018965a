import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Cluster API core's Machine controller plus what a bootstrap provider and kubelet would do, reduced to
/// what the provider relies on. Executes ``MachinePlanner``'s steps.
///
/// With `caches` (the controller's watched Machines, Clusters and infrastructure machines) a pass reads them from
/// the caches and ends after its first write to a watched object: that write's watch event re-enqueues the
/// Machine with fresh facts, as a controller-runtime reconciler would. The bootstrap Secret is not read (it is
/// created if absent), only the Node is (until `nodeRef` is set). Deleting Machines, and every pass without caches,
/// read everything live and re-read after each write.
struct MachineReconciler: Reconciler {
    /// The caches a pass reads instead of the API server.
    struct Caches: Sendable {
        var machines: Store<Machine>
        var clusters: Store<Cluster>
        var infrastructureMachines: Store<InfrastructureObject>
    }

    let management: KubeClient
    let workload: WorkloadClusterAccess?
    let options: StandInOptions
    let now: @Sendable () -> Date
    let logger: Logger
    var caches: Caches? = nil

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        var cached = try await gatherFromCaches(key)
        if cached == nil { cached = try await gather(key) }
        guard var facts = cached else { return .done }
        let live = caches == nil || facts.machine.metadata.isDeleting
        for _ in 0..<options.maximumStepsPerReconcile {
            let step = MachinePlanner.nextStep(facts)
            switch try await execute(step, facts) {
            case .finish(let result): return result
            case .continueReconciling:
                if live {
                    guard let next = try await gather(key) else { return .done }
                    facts = next
                    continue
                }
                // Writes nothing watched: continue on the known outcome. Anything else: its watch event brings us back.
                switch step {
                case .createBootstrapSecret: facts.bootstrapSecret = .createdByStandIn
                case .registerNode(let name): facts.existingNode = name
                default: return .done
                }
            }
        }
        return .requeue(after: .zero)
    }

    private func machines(_ namespace: String?) -> Api<Machine> { management.api(Machine.self, namespace: namespace) }
    private func infrastructureMachines(_ namespace: String?) -> Api<InfrastructureObject> {
        Api(client: management, resourceType: options.infrastructure.machine, namespace: namespace)
    }
    private func secrets(_ namespace: String?) -> Api<JSONValue> { management.dynamic(.secret, namespace: namespace) }

    /// Facts from the caches (nil: no caches, the Machine is not cached, or it is being deleted: read live).
    func gatherFromCaches(_ key: ObjectKey) async throws -> MachineFacts? {
        guard let caches, let machine = caches.machines.get(key), !machine.metadata.isDeleting else { return nil }
        let cluster = caches.clusters.get(namespace: key.namespace, name: machine.spec.clusterName)
        let referenced = InfrastructureKinds.references(machine.spec.infrastructureRef, options.infrastructure.machine)
        var infrastructure: ObservedInfrastructure?
        if referenced, let infraName = machine.spec.infrastructureRef?.name {
            infrastructure = caches.infrastructureMachines.get(namespace: key.namespace, name: infraName).map(ObservedInfrastructure.init)
        }
        // The planner looks at the bootstrap Secret only while it may have to create it, and creating it is a no-op
        // when it exists (someone else's is used as is): no read needed.
        return MachineFacts(
            machine: machine, cluster: cluster, infrastructureReferenced: referenced, infrastructure: infrastructure,
            bootstrapSecret: .absent, workloadConfigured: workload != nil,
            existingNode: try await existingNode(machine: machine, infrastructure: infrastructure, trustNodeRef: true))
    }

    /// Facts read live.
    func gather(_ key: ObjectKey) async throws -> MachineFacts? {
        guard let machine = try await machines(key.namespace).getIfPresent(key.name) else { return nil }
        let cluster = try await management.api(Cluster.self, namespace: key.namespace).getIfPresent(machine.spec.clusterName)
        let referenced = InfrastructureKinds.references(machine.spec.infrastructureRef, options.infrastructure.machine)
        var infrastructure: ObservedInfrastructure?
        if referenced, let infraName = machine.spec.infrastructureRef?.name {
            infrastructure = try await infrastructureMachines(key.namespace).getIfPresent(infraName).map(ObservedInfrastructure.init)
        }
        let secret = try await secrets(key.namespace).getIfPresent(StandInNames.bootstrapSecretName(machine: key.name))
        return MachineFacts(
            machine: machine, cluster: cluster, infrastructureReferenced: referenced, infrastructure: infrastructure,
            bootstrapSecret: SecretPresence.of(labels: secret.flatMap(ClusterReconciler.labels), exists: secret != nil),
            workloadConfigured: workload != nil,
            existingNode: try await existingNode(machine: machine, infrastructure: infrastructure, trustNodeRef: false))
    }

    /// The Machine's Node when it exists. With `trustNodeRef`, a recorded `nodeRef` counts without a read.
    private func existingNode(machine: Machine, infrastructure: ObservedInfrastructure?, trustNodeRef: Bool) async throws -> String? {
        guard let workload, let candidate = MachineFacts.nodeCandidate(machine: machine, infrastructure: infrastructure) else {
            return nil
        }
        if trustNodeRef, machine.status?.nodeRef?.name == candidate { return candidate }
        return try await workload.client.dynamic(.node).getIfPresent(candidate) != nil ? candidate : nil
    }

    func execute(_ step: MachineStep, _ facts: MachineFacts) async throws -> StepOutcome {
        let machine = facts.machine
        let namespace = machine.metadata.namespace
        let name = machine.metadata.name ?? ""
        var log = logger
        log[metadataKey: "machine"] = "\(namespace ?? "")/\(name)"
        switch step {
        case .paused, .done:
            return .finish(.done)
        case .waitForCluster(let cluster):
            log.debug("waiting for the cluster", metadata: ["cluster": "\(cluster)"])
            return .finish(.requeue(after: options.waitDelay))
        case .ensureMetadata(let patch), .removeFinalizer(let patch):
            _ = try await machines(namespace).patch(name, .merge(patch))
        case .waitForInfrastructure(let infraName):
            log.debug("waiting for the infrastructure machine", metadata: ["infrastructure": "\(infraName)"])
            return .finish(.requeue(after: options.waitDelay))
        case .claimInfrastructure(let infraName, let patch):
            _ = try await infrastructureMachines(namespace).patch(infraName, .merge(patch))
            log.info("infrastructure machine claimed", metadata: ["infrastructure": "\(infraName)"])
        case .createBootstrapSecret:
            try await secrets(namespace).createIfAbsent(BootstrapData.secret(for: machine), inNamespace: namespace)
            log.info("bootstrap data secret created")
        case .setBootstrapDataSecretName(let secret):
            _ = try await machines(namespace).patch(name, .merge(["spec": ["bootstrap": ["dataSecretName": .string(secret)]]]))
        case .setProviderID(let providerID):
            _ = try await machines(namespace).patch(name, .merge(["spec": ["providerID": .string(providerID)]]))
            log.info("provider ID copied", metadata: ["providerID": "\(providerID)"])
        case .updateStatus(let status):
            _ = try await machines(namespace).patchStatus(name, .merge(status.mergePatch))
            log.info("machine status updated", metadata: ["phase": "\(status.phase.rawValue)"])
        case .registerNode(let node):
            try await registerNode(node, machine: machine, addresses: facts.infrastructure?.contract.addresses ?? [])
            log.info("workload node registered", metadata: ["node": "\(node)"])
        case .unusableHostname(let hostname):
            log.warning("the infrastructure machine's host name cannot name a Node", metadata: ["hostname": "\(hostname ?? "")"])
            return .finish(.requeue(after: options.waitDelay * 15))
        case .deleteInfrastructure(let infraName):
            try await infrastructureMachines(namespace).deleteIfPresent(infraName)
            log.info("deleting infrastructure machine", metadata: ["infrastructure": "\(infraName)"])
        case .waitForInfrastructureDeletion:
            return .finish(.requeue(after: options.waitDelay))
        case .deleteNode(let node):
            try await workload?.client.dynamic(.node).deleteIfPresent(node)
            log.info("workload node deleted", metadata: ["node": "\(node)"])
        case .deleteBootstrapSecret:
            try await secrets(namespace).deleteIfPresent(StandInNames.bootstrapSecretName(machine: name))
        }
        return .continueReconciling
    }

    /// Creates the Node, then posts its status (an API server may drop status on create, as for Pods).
    private func registerNode(_ node: String, machine: Machine, addresses: [MachineAddress]) async throws {
        guard let workload else { return }
        let nodes = workload.client.dynamic(.node)
        let time = now()
        try await nodes.createIfAbsent(
            WorkloadNode.object(name: node, controlPlane: machine.isControlPlane, addresses: addresses, now: time), inNamespace: nil)
        _ = try await nodes.patchStatus(node, .merge(["status": WorkloadNode.status(addresses: addresses, now: time)]))
    }
}
