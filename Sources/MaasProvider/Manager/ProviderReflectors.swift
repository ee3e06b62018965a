import ClusterAPI
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// One watch and cache per kind, shared by the MaasCluster and MaasMachine controllers (each kind is otherwise
/// watched and cached twice: twice the memory and the API server's watch load).
///
/// Only without `--watch-filter`: with a filter, the two controllers watch the same kinds with different
/// selectors, so each builds its own.
public struct ProviderReflectors: Sendable {
    public var maasMachines: Reflector<MaasMachine>
    public var machines: Reflector<Machine>
    public var maasClusters: Reflector<MaasCluster>
    public var clusters: Reflector<Cluster>

    /// Shared reflectors for `options.namespace`, or nil when `options.watchFilter` is set.
    public static func shared<C: Clock>(client: KubeClient, options: ProviderOptions, clock: C, logger: Logger) -> ProviderReflectors?
    where C.Duration == Duration {
        guard options.watchFilter?.isEmpty ?? true else { return nil }
        let namespace = options.namespace
        return ProviderReflectors(
            maasMachines: Reflector(api: client.api(MaasMachine.self, namespace: namespace), clock: clock, logger: logger),
            machines: Reflector(api: client.api(Machine.self, namespace: namespace), clock: clock, logger: logger),
            maasClusters: Reflector(api: client.api(MaasCluster.self, namespace: namespace), clock: clock, logger: logger),
            clusters: Reflector(api: client.api(Cluster.self, namespace: namespace), clock: clock, logger: logger))
    }
}
