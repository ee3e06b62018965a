import ClusterAPI
import KubeCore

/// What Cluster API core keeps on every Machine's metadata.
public enum MachineMetadata {
    /// One merge patch adding the `machine.cluster.x-k8s.io` finalizer, the `cluster.x-k8s.io/cluster-name`
    /// label, and, for a Machine without a controller or Cluster owner, a (non-controller) owner reference to
    /// the Cluster (Cluster API's `shouldAdopt`). Nil when all are in place.
    public static func patch(machine: Machine, cluster: Cluster) -> JSONValue? {
        let metadata = machine.metadata
        var members: [String: JSONValue] = [:]
        if !metadata.hasFinalizer(StandInNames.machineFinalizer) {
            members["finalizers"] = .array(((metadata.finalizers ?? []) + [StandInNames.machineFinalizer]).map(JSONValue.string))
        }
        if metadata.labels?[ClusterAPILabels.clusterName] != machine.spec.clusterName {
            members["labels"] = .object([ClusterAPILabels.clusterName: .string(machine.spec.clusterName)])
        }
        let references = metadata.ownerReferences ?? []
        let hasController = references.contains { $0.controller == true }
        if !hasController, ClusterAPIOwners.cluster(of: metadata) == nil {
            let owner = cluster.ownerReference(controller: false)
            members["ownerReferences"] = (try? JSONValue(encoding: references + [
                OwnerReference(apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid)
            ])) ?? .array([])
        }
        guard !members.isEmpty else { return nil }
        if let version = metadata.resourceVersion { members["resourceVersion"] = .string(version) }
        return .object(["metadata": .object(members)])
    }
}
