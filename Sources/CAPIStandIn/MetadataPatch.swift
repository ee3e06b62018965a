import ClusterAPI
import KubeCore

/// Merge patches of `metadata` (finalizers, labels, owner references), built from the object as read.
///
/// Lists are replaced whole by a merge patch, so each patch carries the object's `resourceVersion`:
/// a concurrent change makes the write fail with a conflict (retried) instead of being lost.
public enum MetadataPatch {
    /// Adds `finalizer`; nil when already present.
    public static func addingFinalizer(_ finalizer: String, to metadata: ObjectMeta) -> JSONValue? {
        guard !metadata.hasFinalizer(finalizer) else { return nil }
        return patch(metadata, ["finalizers": .array(((metadata.finalizers ?? []) + [finalizer]).map(JSONValue.string))])
    }

    /// Removes `finalizer`; nil when absent.
    public static func removingFinalizer(_ finalizer: String, from metadata: ObjectMeta) -> JSONValue? {
        guard metadata.hasFinalizer(finalizer) else { return nil }
        return patch(metadata, ["finalizers": .array((metadata.finalizers ?? []).filter { $0 != finalizer }.map(JSONValue.string))])
    }

    /// Sets the `cluster.x-k8s.io/cluster-name` label and makes `owner` an owner (replacing a reference to the
    /// same object or to another object of the owner's kind, as `util.EnsureOwnerRef` does). Nil when both
    /// are already in place.
    public static func claiming(_ metadata: ObjectMeta, owner: OwnerReference, clusterName: String) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        if metadata.labels?[ClusterAPILabels.clusterName] != clusterName {
            members["labels"] = .object([ClusterAPILabels.clusterName: .string(clusterName)])
        }
        let references = metadata.ownerReferences ?? []
        if !references.contains(where: { sameOwner($0, owner) }) {
            var kept = references.filter { !($0.uid == owner.uid || sameKind($0, owner)) }
            var owner = owner
            // Only one reference may be the controller.
            if owner.controller == true, kept.contains(where: { $0.controller == true }) { owner.controller = false }
            kept.append(owner)
            members["ownerReferences"] = (try? JSONValue(encoding: kept)) ?? .array([])
        }
        return members.isEmpty ? nil : patch(metadata, members)
    }

    /// Whether `reference` already is `owner`, with the same controller flag.
    static func sameOwner(_ reference: OwnerReference, _ owner: OwnerReference) -> Bool {
        reference.uid == owner.uid && reference.name == owner.name && reference.kind == owner.kind
            && (reference.controller ?? false) == (owner.controller ?? false)
    }

    /// Same kind and API group (any version).
    static func sameKind(_ a: OwnerReference, _ b: OwnerReference) -> Bool {
        a.kind == b.kind && group(a.apiVersion) == group(b.apiVersion)
    }

    static func group(_ apiVersion: String) -> String {
        let parts = apiVersion.split(separator: "/")
        return parts.count == 2 ? String(parts[0]) : ""
    }

    private static func patch(_ metadata: ObjectMeta, _ members: [String: JSONValue]) -> JSONValue {
        var meta = members
        if let version = metadata.resourceVersion { meta["resourceVersion"] = .string(version) }
        return .object(["metadata": .object(meta)])
    }
}
