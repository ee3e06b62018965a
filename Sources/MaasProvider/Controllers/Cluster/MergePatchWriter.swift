import Logging
import KubeRuntime
import KubeClient
import KubeCore

/// Writes the difference between two versions of an object as JSON merge patches (Cluster API's patch helper):
/// `metadata`/`spec` through the object, `status` through the status subresource. Each patch carries the
/// `resourceVersion` it was computed against; on a conflict the object is read again, our change re-applied
/// to the fresh copy, and the patch retried (5 attempts, 100 ms doubling).
struct MergePatchWriter<Object: KubeResource>: Sendable {
    let api: Api<Object>
    var attempts = 5

    /// Writes the status change from `before` to `after`; returns the stored object (or `after` when unchanged).
    @discardableResult
    func patchStatus(from before: Object, to after: Object) async throws -> Object {
        try await write(from: before, to: after, member: "status")
    }

    /// Writes the `metadata`/`spec` change from `before` to `after`.
    @discardableResult
    func patchObject(from before: Object, to after: Object) async throws -> Object {
        try await write(from: before, to: after, member: "spec")
    }

    private func write(from before: Object, to after: Object, member: String) async throws -> Object {
        let old = try JSONValue(encoding: before)
        let new = try JSONValue(encoding: after)
        guard let change = Self.change(of: member, from: old, to: new) else { return after }
        let name = after.metadata.name ?? ""
        var base = old
        var delay: Duration = .milliseconds(100)
        for attempt in 1...attempts {
            guard var patch = JSONValue.mergePatch(from: base, to: base.applyingMergePatch(change)) else { return after }
            patch = patch.applyingMergePatch(["metadata": ["resourceVersion": base[path: ["metadata", "resourceVersion"]] ?? .null]])
            do {
                return member == "status"
                    ? try await api.patchStatus(name, .merge(patch)) : try await api.patch(name, .merge(patch))
            } catch let error as KubeError where error.isConflict && attempt < attempts {
                try await Task.sleep(for: delay)
                delay = delay * 2
                base = try JSONValue(encoding: try await api.get(name))
            }
        }
        return after
    }

    /// The merge patch restricted to `status` (for "status") or to `metadata` + `spec` (otherwise).
    static func change(of member: String, from old: JSONValue, to new: JSONValue) -> JSONValue? {
        let keys = member == "status" ? ["status"] : ["metadata", "spec"]
        var parts: [String: JSONValue] = [:]
        for key in keys {
            if let part = JSONValue.mergePatch(from: old[key] ?? .null, to: new[key] ?? .null) { parts[key] = part }
        }
        if var metadata = parts["metadata"]?.objectValue {
            // Server-owned fields never travel in our patches.
            for field in ["resourceVersion", "generation", "managedFields", "creationTimestamp", "uid"] {
                metadata.removeValue(forKey: field)
            }
            parts["metadata"] = metadata.isEmpty ? nil : .object(metadata)
        }
        return parts.isEmpty ? nil : .object(parts)
    }
}
