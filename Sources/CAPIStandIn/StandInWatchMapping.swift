import ClusterAPI
import KubeCore

/// Maps changes of related objects to the Cluster and Machine keys to reconcile (pure).
public enum StandInWatchMapping {
    /// The Clusters an infrastructure cluster belongs to: its Cluster owner, and every Cluster whose
    /// `infrastructureRef` names it (before the owner reference is set).
    public static func clusters(referencing infrastructure: InfrastructureObject, kind: ResourceType, in clusters: [Cluster]) -> [ObjectKey] {
        var keys = Set<ObjectKey>()
        if let owner = ClusterAPIOwners.cluster(of: infrastructure.metadata) {
            keys.insert(ObjectKey(namespace: infrastructure.metadata.namespace, name: owner.name))
        }
        for cluster in clusters
        where InfrastructureKinds.references(cluster.spec?.infrastructureRef, kind)
            && cluster.spec?.infrastructureRef?.name == infrastructure.metadata.name
        {
            keys.insert(cluster.key)
        }
        return keys.sorted()
    }

    /// The Machines an infrastructure machine belongs to: its Machine owner (as Cluster API maps it), or, before
    /// the owner reference is set, every Machine whose `infrastructureRef` names it. `machines` is only read then:
    /// every infrastructure machine event would otherwise scan all Machines.
    public static func machines(
        referencing infrastructure: InfrastructureObject, kind: ResourceType, in machines: @autoclosure () -> [Machine]
    ) -> [ObjectKey] {
        if let key = ClusterAPIOwners.machineKey(of: infrastructure.metadata) { return [key] }
        var keys = Set<ObjectKey>()
        for machine in machines()
        where InfrastructureKinds.references(machine.spec.infrastructureRef, kind)
            && machine.spec.infrastructureRef?.name == infrastructure.metadata.name
        {
            keys.insert(machine.key)
        }
        return keys.sorted()
    }

    /// Every Machine of `cluster` (its `spec.clusterName`).
    public static func machines(of cluster: Cluster, in machines: [Machine]) -> [ObjectKey] {
        machines.filter { $0.spec.clusterName == cluster.metadata.name }.map(\.key).sorted()
    }
}
