import Logging
import KubeRuntime
import KubeClient
import KubeCore

/// Adds and removes the MaasCluster finalizer with JSON patches guarded by `test`, so a concurrent change
/// to the finalizer list fails the patch (and the reconcile retries) instead of being overwritten.
enum ClusterFinalizer {
    static let name = MaasFinalizers.cluster

    /// The patch adding the finalizer, nil when present.
    static func addPatch(_ metadata: ObjectMeta) -> [JSONPatchOperation]? {
        let finalizers = metadata.finalizers ?? []
        guard !finalizers.contains(name) else { return nil }
        if finalizers.isEmpty {
            return [.test("/metadata/resourceVersion", .string(metadata.resourceVersion ?? "")),
                    .add("/metadata/finalizers", [.string(name)])]
        }
        return [.test("/metadata/finalizers", .array(finalizers.map(JSONValue.string))),
                .add("/metadata/finalizers/-", .string(name))]
    }

    /// The patch removing the finalizer, nil when absent.
    static func removePatch(_ metadata: ObjectMeta) -> [JSONPatchOperation]? {
        guard let index = metadata.finalizers?.firstIndex(of: name) else { return nil }
        return [.test("/metadata/finalizers/\(index)", .string(name)), .remove("/metadata/finalizers/\(index)")]
    }
}
