import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle

/// A stand-in for the Cluster API core behaviour the MAAS provider relies on, for `capmaas-sandbox` and
/// tests only (against a real cluster, Cluster API itself does this):
///
/// - Cluster: finalizer, infrastructure cluster owner reference and label, `infrastructureProvisioned`,
///   control plane endpoint copy, `controlPlaneInitialized` once a control-plane Node exists, the
///   `<cluster>-kubeconfig` Secret, phase, and ordered deletion (Machines, infrastructure, finalizer).
/// - Machine: finalizer, label and owner reference of the infrastructure machine, a `<machine>-bootstrap`
///   Secret (as a bootstrap provider), provider ID, addresses and `infrastructureProvisioned` copied back,
///   a workload Node registered (as kubelet) and `nodeRef`, phase, and ordered deletion.
///
/// Run it in a `ServiceGroup` next to the provider's controllers:
///
/// ```swift
/// let workload = WorkloadClusterAccess(client: workloadClient, kubeconfigYAML: workloadHandle.kubeconfigYAML(context: "workload"))
/// let standIn = ClusterAPIStandIn(management: managementClient, workload: workload, logger: logger)
/// let group = ServiceGroup(
///     configuration: .init(services: [.init(service: standIn), .init(service: providerManager)], logger: logger))
/// try await group.run()
/// ```
public struct ClusterAPIStandIn<C: Clock>: Service where C.Duration == Duration {
    /// The Cluster and Machine controllers.
    private let clusterController: Controller<Cluster, C>
    private let machineController: Controller<Machine, C>

    /// A stand-in writing to `management` (Clusters, Machines, infrastructure objects, Secrets) and
    /// registering Nodes in `workload` (nil: no Nodes, so control planes never initialize).
    public init(
        management: KubeClient, workload: WorkloadClusterAccess?, options: StandInOptions = StandInOptions(),
        logger: Logger = Logger(label: "capi-standin"), clock: C, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        let namespace = options.namespace
        let clusters = Reflector(api: management.api(Cluster.self, namespace: namespace), clock: clock, logger: logger)
        let machines = Reflector(api: management.api(Machine.self, namespace: namespace), clock: clock, logger: logger)
        let infrastructureClusters = Reflector(
            api: Api<InfrastructureObject>(client: management, resourceType: options.infrastructure.cluster, namespace: namespace),
            clock: clock, logger: logger)
        let infrastructureMachines = Reflector(
            api: Api<InfrastructureObject>(client: management, resourceType: options.infrastructure.machine, namespace: namespace),
            clock: clock, logger: logger)
        let controllerOptions = ControllerOptions(maxConcurrentReconciles: 4, resyncPeriod: options.resyncPeriod)
        var machineOptions = controllerOptions
        machineOptions.maxConcurrentReconciles = options.machineConcurrency
        let clusterStore = clusters.store
        let machineStore = machines.store
        let kinds = options.infrastructure

        clusterController = Controller(
            name: "standin-cluster", primary: clusters,
            reconciler: ClusterReconciler(
                management: management, workload: workload, options: options, logger: logger, machineCache: machines.store),
            options: controllerOptions, clock: clock, logger: logger
        )
        // A Cluster reads its control-plane Machines (initialization) and, while deleting, which Machines exist: worker
        // status churn (thousands of writes at scale) must not re-run the Cluster pass each time.
        .watches(machines, predicate: Predicate { old, new in
            old == nil || new.isControlPlane || old?.metadata.deletionTimestamp != new.metadata.deletionTimestamp
        }) { machine in [ObjectKey(namespace: machine.metadata.namespace, name: machine.spec.clusterName)] }
        .watches(infrastructureClusters) { infrastructure in
            StandInWatchMapping.clusters(referencing: infrastructure, kind: kinds.cluster, in: clusterStore.list(namespace: infrastructure.metadata.namespace))
        }

        machineController = Controller(
            name: "standin-machine", primary: machines,
            reconciler: MachineReconciler(
                management: management, workload: workload, options: options, now: now, logger: logger,
                caches: MachineReconciler.Caches(
                    machines: machines.store, clusters: clusters.store, infrastructureMachines: infrastructureMachines.store)),
            options: machineOptions, clock: clock, logger: logger
        )
        .watches(infrastructureMachines) { infrastructure in
            StandInWatchMapping.machines(referencing: infrastructure, kind: kinds.machine, in: machineStore.list(namespace: infrastructure.metadata.namespace))
        }
        .watches(clusters) { cluster in
            StandInWatchMapping.machines(of: cluster, in: machineStore.list(namespace: cluster.metadata.namespace))
        }
    }

    /// Whether both controllers' caches have synced.
    public var hasSynced: Bool { clusterController.hasSynced && machineController.hasSynced }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clusterController.run() }
            group.addTask { try await machineController.run() }
            try await group.waitForAll()
        }
    }
}

extension ClusterAPIStandIn where C == ContinuousClock {
    /// A stand-in on the continuous clock.
    public init(
        management: KubeClient, workload: WorkloadClusterAccess?, options: StandInOptions = StandInOptions(),
        logger: Logger = Logger(label: "capi-standin")
    ) {
        self.init(management: management, workload: workload, options: options, logger: logger, clock: ContinuousClock())
    }
}
