import KubeClient
import KubeCore
import Logging

/// Everything the provider's controllers share, built once by the manager.
public struct ProviderContext: Sendable {
    /// Client for the management cluster.
    public var client: KubeClient
    /// MAAS API per namespace (credentials resolution).
    public var connections: any MaasConnectionProviding
    /// Workload cluster API servers (kubeconfig Secrets).
    public var workloads: any WorkloadClusterProviding
    /// Publishes Kubernetes Events for the reconciled objects.
    public var recorder: EventRecorder
    public var options: ProviderOptions
    public var logger: Logger
    /// Sets Node providerIDs off the reconcile path (set by ``MaasMachineControllerSetup``); nil: inline.
    public var nodeProviderIDs: (any NodeProviderIDQueue)?
    /// Recent MAAS machine observations and reads answered by the batched MAAS poll (set by
    /// ``MaasMachineControllerSetup``); nil: one GET each time a pass needs its machine.
    public var observations: MaasMachineObservations?

    public init(
        client: KubeClient, connections: any MaasConnectionProviding, workloads: any WorkloadClusterProviding,
        recorder: EventRecorder, options: ProviderOptions, logger: Logger
    ) {
        self.client = client
        self.connections = connections
        self.workloads = workloads
        self.recorder = recorder
        self.options = options
        self.logger = logger
    }
}

/// The provider's tunables, set from `capmaas manager` flags.
public struct ProviderOptions: Sendable {
    /// Watch only this namespace (`--namespace`); nil watches all.
    public var namespace: String?
    /// Reconcile only objects labelled `cluster.x-k8s.io/watch-filter=<value>` (`--watch-filter`).
    public var watchFilter: String?
    public var maasClusterConcurrency: Int = 10
    public var maasMachineConcurrency: Int = 10
    /// Periodic re-reconcile of every object (`--sync-period`).
    public var syncPeriod: Duration = .seconds(600)
    /// Set `swap_size=0` on machines before deploy (`--disable-swap`).
    public var disableSwap: Bool = true
    /// How often one MAAS list call checks all Deploying/Releasing machines.
    public var maasPollInterval: Duration = .seconds(5)

    public init() {}
}

/// Takes over setting a Node's providerID for a MaasMachine (``NodeProviderIDSync``).
public protocol NodeProviderIDQueue: Sendable {
    /// Sets `request.providerID` on the machine's Node eventually; a repeat for the same key replaces the request.
    func enqueue(_ key: ObjectKey, _ request: NodeProviderIDRequest) async
}
