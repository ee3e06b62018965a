import ClusterAPI
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle

/// What the manager runs for MaasMachines: the controller, the batched MAAS poller, and a readiness check.
public struct MaasMachineControllerServices: Sendable {
    /// Run these in the manager's `ServiceGroup` (controller first, then the poller and the Node providerID sync).
    public var services: [any Service]
    /// True once every watched cache has completed its first list (wire into `/readyz`).
    public var hasSynced: @Sendable () -> Bool
}

/// Builds the MaasMachine controller from a ``ProviderContext``.
///
/// Wiring (manager):
/// ```swift
/// let connections = SecretMaasConnections(client: client, settings: MaasCredentialSettings(...))
/// let context = ProviderContext(client: client, connections: connections, workloads: workloads,
///                               recorder: recorder, options: options, logger: logger)
/// let machines = MaasMachineControllerSetup.make(context, waitForLeadership: { try await elector.waitUntilElected() })
/// ServiceGroup(services: [connections] + machines.services + ..., ...)   // connections: shuts clients down on stop
/// readiness.add(machines.hasSynced)
/// ```
public enum MaasMachineControllerSetup {
    /// The controller and poller on the continuous clock.
    public static func services(_ context: ProviderContext) -> [any Service] {
        make(context).services
    }

    /// - Parameters:
    ///   - waitForLeadership: when set, workers and the poller start only after it returns (`--leader-elect`).
    ///   - shared: watches shared with the MaasCluster controller (``ProviderReflectors``); nil builds its own.
    public static func make(
        _ context: ProviderContext, waitForLeadership: (@Sendable () async throws -> Void)? = nil,
        shared: ProviderReflectors? = nil
    ) -> MaasMachineControllerServices {
        make(context, clock: ContinuousClock(), waitForLeadership: waitForLeadership, shared: shared)
    }

    /// The Machine fields a MaasMachine pass reads besides labels and annotations: spec fields (not `providerID`,
    /// which Cluster API copies from us; not status, nodeRef or finalizers) and deletion.
    static var machineFieldsRead: Predicate<Machine> {
        Predicate { old, new in
            guard let old else { return true }
            return old.metadata.deletionTimestamp != new.metadata.deletionTimestamp
                || old.bootstrapDataSecretName != new.bootstrapDataSecretName || old.spec.failureDomain != new.spec.failureDomain
                || old.spec.clusterName != new.spec.clusterName || old.spec.version != new.spec.version
                || old.spec.infrastructureRef != new.spec.infrastructureRef
        }
    }

    public static func make<C: Clock>(
        _ context: ProviderContext, clock: C, waitForLeadership: (@Sendable () async throws -> Void)? = nil,
        shared: ProviderReflectors? = nil
    ) -> MaasMachineControllerServices where C.Duration == Duration {
        var context = context
        let options = context.options
        let client = context.client
        // --watch-filter: only objects labelled cluster.x-k8s.io/watch-filter=<value> (primary kind only; related
        // kinds map onto primaries, which are filtered).
        let selector = options.watchFilter.map { "\(ClusterAPILabels.watchFilter)=\($0)" }
        let logger = context.logger
        let maasMachines = shared?.maasMachines ?? Reflector(
            api: client.api(MaasMachine.self, namespace: options.namespace), options: ListOptions(labelSelector: selector),
            clock: clock, logger: logger)
        let machines = shared?.machines
            ?? Reflector(api: client.api(Machine.self, namespace: options.namespace), clock: clock, logger: logger)
        let maasClusters = shared?.maasClusters
            ?? Reflector(api: client.api(MaasCluster.self, namespace: options.namespace), clock: clock, logger: logger)
        let clusters = shared?.clusters
            ?? Reflector(api: client.api(Cluster.self, namespace: options.namespace), clock: clock, logger: logger)
        let store = maasMachines.store
        let nodeProviderIDs = NodeProviderIDSync(
            store: store, workloads: context.workloads, recorder: context.recorder, clock: clock, logger: context.logger,
            waitForLeadership: waitForLeadership)
        context.nodeProviderIDs = nodeProviderIDs
        let observations = MaasMachineObservations()
        context.observations = observations

        @Sendable func machinesOfCluster(namespace: String?, clusterName: String?) -> [ObjectKey] {
            guard let clusterName, !clusterName.isEmpty else { return [] }
            return store.list(namespace: namespace, labelSelector: LabelSelector(matchLabels: [ClusterAPILabels.clusterName: clusterName]))
                .map(\.key)
        }

        // What a pass reads of an object besides its status: spec (generation), labels, annotations (pause),
        // deletion, finalizers, owners. Status-only updates (our own status writes, Cluster API's Machine status
        // and nodeRef) would each re-run a pass and a MAAS read for nothing: MAAS changes come from the poller
        // and from requeues, and the periodic resync still revisits everything.
        let ownersChanged = Predicate<MaasMachine> { old, new in old == nil || old?.metadata.ownerReferences != new.metadata.ownerReferences }
        var controller = Controller(
            name: "maasmachine", primary: maasMachines,
            predicate: .any([.generationChanged, .labelsChanged, .annotationsChanged, .deletionOrFinalizersChanged, ownersChanged]),
            reconciler: MaasMachineReconciler(
                context: context,
                caches: MaasMachineInputCaches(
                    machines: machines.store, clusters: clusters.store, maasClusters: maasClusters.store,
                    maasMachines: ReadYourWritesCache(store: store))),
            options: ControllerOptions(maxConcurrentReconciles: options.maasMachineConcurrency, resyncPeriod: options.syncPeriod),
            clock: clock, logger: logger)
            .watches(machines, predicate: .any([Self.machineFieldsRead, .labelsChanged, .annotationsChanged])) { machine in
                guard let ref = machine.spec.infrastructureRef, ref.kind == MaasMachine.resourceType.kind, let name = ref.name else { return [] }
                return [ObjectKey(namespace: machine.metadata.namespace, name: name)]
            }
            // Every machine of the cluster reads the MaasCluster's spec and lifecycle; only control-plane machines read
            // its status (the DNS record's attachedIPs), which the MaasCluster controller rewrites on each API server probe.
            .watches(maasClusters, predicate: .any([.generationChanged, .labelsChanged, .annotationsChanged, .deletionOrFinalizersChanged])) { maasCluster in
                machinesOfCluster(namespace: maasCluster.metadata.namespace, clusterName: ClusterAPIOwners.clusterKey(of: maasCluster.metadata)?.name)
            }
            .watches(maasClusters, predicate: Predicate { old, new in old?.status != new.status }) { maasCluster in
                machinesOfCluster(namespace: maasCluster.metadata.namespace, clusterName: ClusterAPIOwners.clusterKey(of: maasCluster.metadata)?.name)
                    .filter { store.get($0)?.isControlPlane ?? false }
            }
            // Only Cluster changes a MaasMachine reads (spec/pause, deletion, infrastructureProvisioned): Cluster API rewrites
            // status conditions often, and each write would otherwise re-reconcile (and re-read from MAAS) every
            // machine of the cluster.
            .watches(clusters, predicate: .any([
                .generationChanged, .annotationsChanged, .labelsChanged, .deletionOrFinalizersChanged,
                Predicate { old, new in old?.infrastructureProvisioned != new.infrastructureProvisioned },
            ])) { cluster in
                machinesOfCluster(namespace: cluster.metadata.namespace, clusterName: cluster.metadata.name)
            }
        if let waitForLeadership { controller = controller.requiringLeadership(waitForLeadership) }
        let poller = MaasDeploymentPoller(
            store: store, queue: controller.queue, connections: context.connections, interval: options.maasPollInterval,
            clock: clock, logger: logger, waitForLeadership: waitForLeadership, observations: observations)
        let synced = controller
        return MaasMachineControllerServices(services: [controller, poller, nodeProviderIDs], hasSynced: { synced.hasSynced })
    }
}
