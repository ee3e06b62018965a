import KubeCore
/// MAAS `workload_annotations` that identify which Kubernetes object uses a machine (visible in the MAAS UI).
public enum WorkloadAnnotations {
    public static let clusterKey = "cluster"
    public static let namespaceKey = "namespace"
    public static let nameKey = "name"
    public static let managedByKey = "managed-by"
    public static let managedByValue = "capmaas"

    /// The annotations for a MaasMachine.
    public static func make(clusterName: String, namespace: String, maasMachineName: String) -> [String: String] {
        [clusterKey: clusterName, namespaceKey: namespace, nameKey: maasMachineName, managedByKey: managedByValue]
    }

    /// Whether `observed` already carries every annotation in `desired`.
    public static func applied(_ desired: [String: String], observed: [String: String]?) -> Bool {
        guard let observed else { return false }
        return desired.allSatisfy { observed[$0.key] == $0.value }
    }
}
