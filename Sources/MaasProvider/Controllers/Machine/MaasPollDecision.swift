import ClusterAPI
import Logging
import KubeCore

/// Which MaasMachines the batched MAAS poll watches, and which of them changed (pure).
public enum MaasPollDecision {
    /// MAAS states in which MAAS is busy finishing something for us.
    public static let busyStates: Set<String> = [
        MaasMachineState.deploying.statusName, MaasMachineState.releasing.statusName,
        MaasMachineState.diskErasing.statusName, MaasMachineState.allocated.statusName,
    ]

    /// The MAAS system ID to poll for `machine`, nil when it is not waiting for MAAS (a deleting object waits for
    /// nothing MAAS does: its finalizer goes as soon as MAAS accepted the release).
    public static func systemIDToPoll(_ machine: MaasMachine) -> String? {
        guard !machine.metadata.isDeleting else { return nil }
        guard let state = machine.status?.machineState, busyStates.contains(state) else { return nil }
        if let systemID = machine.spec.systemID, !systemID.isEmpty { return systemID }
        return (try? machine.parsedProviderID())??.systemID
    }

    /// The keys whose MAAS state or power differs from what their status shows, or whose machine MAAS no longer
    /// lists. `observed` is keyed by system ID (from one list call with every polled ID).
    public static func changedKeys(_ machines: [MaasMachine], observed: [String: ObservedMaasMachine]) -> [ObjectKey] {
        machines.compactMap { machine -> ObjectKey? in
            guard let systemID = systemIDToPoll(machine) else { return nil }
            guard let current = observed[systemID] else { return machine.key }
            let status = machine.status
            if current.statusName != status?.machineState { return machine.key }
            if let powered = status?.machinePowered, powered != current.isPoweredOn { return machine.key }
            return nil
        }
    }
}
