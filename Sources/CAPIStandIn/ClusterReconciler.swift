import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Cluster API core's Cluster controller, reduced to what the provider relies on. Reads the Cluster and its
/// infrastructure live (so each step sees its own previous writes), the Machines from the Machine cache when one
/// is given (every Machine change re-enqueues its Cluster; listing all Machines live per pass does not scale),
/// then executes ``ClusterPlanner``'s step.
struct ClusterReconciler: Reconciler {
    let management: KubeClient
    let workload: WorkloadClusterAccess?
    let options: StandInOptions
    let logger: Logger
    /// The watched Machines; nil lists them live.
    var machineCache: Store<Machine>? = nil

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        for _ in 0..<options.maximumStepsPerReconcile {
            guard let facts = try await gather(key) else { return .done }
            let step = ClusterPlanner.nextStep(facts)
            switch try await execute(step, facts) {
            case .continueReconciling: continue
            case .finish(let result): return result
            }
        }
        return .requeue(after: .zero)
    }

    private func clusters(_ namespace: String?) -> Api<Cluster> { management.api(Cluster.self, namespace: namespace) }
    private func infrastructureClusters(_ namespace: String?) -> Api<InfrastructureObject> {
        Api(client: management, resourceType: options.infrastructure.cluster, namespace: namespace)
    }

    func gather(_ key: ObjectKey) async throws -> ClusterFacts? {
        guard let cluster = try await clusters(key.namespace).getIfPresent(key.name) else { return nil }
        let name = cluster.metadata.name ?? key.name
        let referenced = InfrastructureKinds.references(cluster.spec?.infrastructureRef, options.infrastructure.cluster)
        var infrastructure: ObservedInfrastructure?
        if referenced, let infraName = cluster.spec?.infrastructureRef?.name {
            infrastructure = try await infrastructureClusters(key.namespace).getIfPresent(infraName).map(ObservedInfrastructure.init)
        }
        let allMachines: [Machine]
        if let machineCache {
            allMachines = machineCache.list(namespace: key.namespace)
        } else {
            allMachines = try await management.api(Machine.self, namespace: key.namespace).list().items
        }
        let machines = allMachines.filter { $0.spec.clusterName == name }
        var summaries: [ClusterFacts.MachineSummary] = []
        for machine in machines {
            var nodeExists = false
            if machine.isControlPlane, let node = machine.status?.nodeRef?.name, let workload {
                nodeExists = try await workload.client.dynamic(.node).getIfPresent(node) != nil
            }
            summaries.append(ClusterFacts.MachineSummary(
                name: machine.metadata.name ?? "", isControlPlane: machine.isControlPlane,
                infrastructureProvisioned: machine.status?.initialization?.infrastructureProvisioned == true,
                nodeExists: nodeExists, isDeleting: machine.metadata.isDeleting))
        }
        let secret = try await management.dynamic(.secret, namespace: key.namespace)
            .getIfPresent(StandInNames.kubeconfigSecretName(cluster: name))
        return ClusterFacts(
            cluster: cluster, infrastructureReferenced: referenced, infrastructure: infrastructure, machines: summaries,
            kubeconfigSecret: SecretPresence.of(labels: secret.flatMap(Self.labels), exists: secret != nil),
            workloadConfigured: workload != nil)
    }

    static func labels(_ object: JSONValue) -> [String: String]? {
        object[path: ["metadata", "labels"]]?.objectValue?.compactMapValues(\.stringValue)
    }

    func execute(_ step: ClusterStep, _ facts: ClusterFacts) async throws -> StepOutcome {
        let cluster = facts.cluster
        let namespace = cluster.metadata.namespace
        let name = cluster.metadata.name ?? ""
        var log = logger
        log[metadataKey: "cluster"] = "\(namespace ?? "")/\(name)"
        switch step {
        case .paused, .done:
            return .finish(.done)
        case .addFinalizer(let patch), .removeFinalizer(let patch):
            _ = try await clusters(namespace).patch(name, .merge(patch))
            log.debug("cluster finalizer updated", metadata: ["step": "\(step)"])
        case .claimInfrastructure(let infraName, let patch):
            _ = try await infrastructureClusters(namespace).patch(infraName, .merge(patch))
            log.info("infrastructure cluster claimed", metadata: ["infrastructure": "\(infraName)"])
        case .setControlPlaneEndpoint(let endpoint):
            var value: [String: JSONValue] = ["host": .string(endpoint.host ?? "")]
            if let port = endpoint.port { value["port"] = .int(Int64(port)) }
            _ = try await clusters(namespace).patch(
                name, .merge(["spec": ["controlPlaneEndpoint": .object(value)]]))
            log.info("control plane endpoint copied", metadata: ["host": "\(endpoint.host ?? "")"])
        case .updateStatus(let status):
            _ = try await clusters(namespace).patchStatus(name, .merge(status.mergePatch))
            log.info("cluster status updated", metadata: [
                "phase": "\(status.phase.rawValue)", "infrastructureProvisioned": "\(status.infrastructureProvisioned)",
                "controlPlaneInitialized": "\(status.controlPlaneInitialized)",
            ])
        case .createKubeconfigSecret:
            guard let workload else { return .finish(.done) }
            try await management.dynamic(.secret, namespace: namespace)
                .createIfAbsent(KubeconfigSecret.secret(for: cluster, kubeconfigYAML: workload.kubeconfigYAML), inNamespace: namespace)
            log.info("kubeconfig secret created")
        case .waitForInfrastructure(let infraName):
            log.debug("waiting for the infrastructure cluster", metadata: ["infrastructure": "\(infraName)"])
            return .finish(.requeue(after: options.waitDelay))
        case .deleteMachines(let names):
            let machines = management.api(Machine.self, namespace: namespace)
            for machine in names { try await machines.deleteIfPresent(machine) }
            log.info("deleting machines", metadata: ["machines": "\(names.joined(separator: ","))"])
        case .waitForMachines, .waitForInfrastructureDeletion:
            return .finish(.requeue(after: options.waitDelay))
        case .deleteInfrastructure(let infraName):
            try await infrastructureClusters(namespace).deleteIfPresent(infraName)
            log.info("deleting infrastructure cluster", metadata: ["infrastructure": "\(infraName)"])
        case .deleteKubeconfigSecret:
            try await management.dynamic(.secret, namespace: namespace)
                .deleteIfPresent(StandInNames.kubeconfigSecretName(cluster: name))
        }
        return .continueReconciling
    }
}
