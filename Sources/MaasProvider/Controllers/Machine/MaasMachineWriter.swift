import ClusterAPI
import Logging
import KubeClient
import KubeCore
import KubeRuntime

/// Writes a MaasMachine the Cluster API patch-helper way: the finalizer (with the allocation ledger) under the
/// resourceVersion read, its removal by JSON patch with a `test` (kube-rs style), spec fields and the status diff by
/// merge patch; a status 409 re-reads the object and re-applies only our changes. Every version written or read
/// is reported to `seen`, so the next pass starts from the watch cache only once that holds it.
struct MaasMachineWriter: Sendable {
    let api: Api<MaasMachine>
    var seen: ReadYourWritesCache<MaasMachine>?
    static let maximumConflictRetries = 5

    /// Reads the object from the API server; nil when it is gone.
    func read(_ name: String) async throws -> MaasMachine? {
        do {
            return noted(try await api.get(name))
        } catch let error as KubeError where error.isNotFound {
            seen?.forget(ObjectKey(namespace: api.namespace, name: name))
            return nil
        }
    }

    private func noted(_ machine: MaasMachine) -> MaasMachine {
        seen?.saw(machine)
        return machine
    }

    /// Adds `finalizer` (when missing) and sets the allocation `ledger` (when given) in one merge patch guarded by the
    /// resourceVersion read: a concurrent change fails with 409 instead of being overwritten (the finalizer list is
    /// sent whole), so a ledger written here proves nobody else wrote one in between.
    func record(finalizer: String, ledger: AllocationLedger?, on machine: MaasMachine) async throws -> MaasMachine {
        var finalizers = machine.metadata.finalizers ?? []
        if !finalizers.contains(finalizer) { finalizers.append(finalizer) }
        var metadata: [String: JSONValue] = ["finalizers": .array(finalizers.map(JSONValue.string))]
        if let resourceVersion = machine.metadata.resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        if let ledger {
            var annotations: [String: JSONValue] = [AllocationLedger.annotationKey: .string(ledger.rawValue)]
            // The agent name allocations will carry, kept across a change of UID (clusterctl move).
            if ledger == .unsettled, machine.metadata.annotation(AllocationLedger.agentNameKey) == nil, let uid = machine.metadata.uid {
                annotations[AllocationLedger.agentNameKey] = .string(uid)
            }
            metadata["annotations"] = .object(annotations)
        }
        return noted(try await api.patch(machine.metadata.name ?? "", .merge(["metadata": .object(metadata)])))
    }

    /// Marks the allocation ledger ``AllocationLedger/unsettled`` (with the finalizer) before an allocate. Another
    /// writer's change (Cluster API's labels, say) makes the guarded write fail with 409: the object is read again and
    /// the mark retried, as long as what the decision to allocate rests on (providerID, ledger, deletion) is unchanged.
    /// Nil when it changed: the caller decides again from the object as it is now.
    func markAllocationUnsettled(_ machine: MaasMachine) async throws -> MaasMachine? {
        var current = machine
        var attempt = 0
        while true {
            do {
                return try await record(finalizer: MaasFinalizers.machine, ledger: .unsettled, on: current)
            } catch let error as KubeError where error.isConflict && attempt < Self.maximumConflictRetries {
                attempt += 1
                current = noted(try await api.get(machine.metadata.name ?? ""))
                guard current.spec.providerID == machine.spec.providerID, current.allocationLedger == machine.allocationLedger,
                    !current.metadata.isDeleting
                else { return nil }
            }
        }
    }

    /// Removes `finalizer` (at the index it had when read, guarded by a `test`). Nil when the object is gone.
    func removeFinalizer(_ finalizer: String, from machine: MaasMachine) async throws -> MaasMachine? {
        let name = machine.metadata.name ?? ""
        guard let index = machine.metadata.finalizers?.firstIndex(of: finalizer) else { return machine }
        let ops: [JSONPatchOperation] = [
            .test("/metadata/finalizers/\(index)", .string(finalizer)), .remove("/metadata/finalizers/\(index)"),
        ]
        do {
            let patched = try await api.patch(name, .json(ops))
            // Deleting with no finalizer left: the API server removes it, and there is no later version to wait for.
            if patched.metadata.isDeleting && (patched.metadata.finalizers ?? []).isEmpty {
                seen?.forget(patched.key)
                return patched
            }
            return noted(patched)
        } catch let error as KubeError where error.isNotFound {
            seen?.forget(ObjectKey(namespace: api.namespace, name: name))
            return nil
        }
    }

    /// Sets (or clears, with nil) the spec fields that record the MAAS machine, at once, with the allocation `ledger`
    /// when given.
    func patchSpec(
        of machine: MaasMachine, providerID: String?, systemID: String?, failureDomain: String?, ledger: AllocationLedger?
    ) async throws -> MaasMachine {
        func value(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        var spec: [String: JSONValue] = ["providerID": value(providerID), "systemID": value(systemID)]
        if let failureDomain { spec["failureDomain"] = .string(failureDomain) }
        var body: [String: JSONValue] = ["spec": .object(spec)]
        if let ledger { body["metadata"] = ["annotations": [AllocationLedger.annotationKey: .string(ledger.rawValue)]] }
        return noted(try await api.patch(machine.metadata.name ?? "", .merge(.object(body))))
    }

    /// Sends the status fields that changed between `original` and `modified` (nothing when equal). On a conflict
    /// the object is read again and the same diff is re-sent with the new resourceVersion.
    func patchStatus(original: MaasMachine, modified: MaasMachine) async throws -> MaasMachine {
        let before = try JSONValue(encoding: original.status ?? MaasMachineStatus())
        let after = try JSONValue(encoding: modified.status ?? MaasMachineStatus())
        guard let diff = JSONValue.mergePatch(from: before, to: after) else { return modified }
        let name = original.metadata.name ?? ""
        var resourceVersion = modified.metadata.resourceVersion ?? original.metadata.resourceVersion
        var attempt = 0
        while true {
            var body: [String: JSONValue] = ["status": diff]
            if let resourceVersion { body["metadata"] = ["resourceVersion": .string(resourceVersion)] }
            do {
                return noted(try await api.patchStatus(name, .merge(.object(body))))
            } catch let error as KubeError where error.isConflict && attempt < Self.maximumConflictRetries {
                attempt += 1
                resourceVersion = noted(try await api.get(name)).metadata.resourceVersion
            }
        }
    }
}
