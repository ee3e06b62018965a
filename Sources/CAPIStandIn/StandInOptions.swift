/// Tuning of the ``ClusterAPIStandIn``.
public struct StandInOptions: Sendable {
    /// The infrastructure kinds `infrastructureRef`s resolve to (default: MAAS).
    public var infrastructure: InfrastructureKinds
    /// Only this namespace (nil: all namespaces).
    public var namespace: String?
    /// How soon to look again while waiting for something that is not watched or may be missed.
    public var waitDelay: Duration
    /// Re-reconcile every object this often (nil: never).
    public var resyncPeriod: Duration?
    /// At most this many steps per reconcile before yielding to other keys.
    public var maximumStepsPerReconcile: Int
    /// Machines reconciled in parallel (Cluster API core's `--machine-concurrency`, default 10).
    public var machineConcurrency: Int

    public init(
        infrastructure: InfrastructureKinds = .maas, namespace: String? = nil, waitDelay: Duration = .seconds(2),
        resyncPeriod: Duration? = .seconds(60), maximumStepsPerReconcile: Int = 12, machineConcurrency: Int = 10
    ) {
        self.machineConcurrency = max(1, machineConcurrency)
        self.infrastructure = infrastructure
        self.namespace = namespace
        self.waitDelay = waitDelay
        self.resyncPeriod = resyncPeriod
        self.maximumStepsPerReconcile = max(1, maximumStepsPerReconcile)
    }
}
