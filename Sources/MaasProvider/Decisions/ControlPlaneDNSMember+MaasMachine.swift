import ClusterAPI
import KubeCore

extension ControlPlaneDNSMember {
    /// The DNS view of a control-plane MaasMachine, from its status: deleting, or released/failed/replaced in
    /// MAAS → leaving; Deployed/Deploying and powered on → running; anything else (powered off, state not known
    /// yet or MAAS unreachable) → unavailable, which keeps its IPs in the record. IPs are the unique
    /// `InternalIP`/`ExternalIP` addresses.
    public init(maasMachine: MaasMachine) {
        let status = maasMachine.status
        var seen = Set<String>()
        let ips = (status?.addresses ?? [])
            .filter { $0.type == .internalIP || $0.type == .externalIP }
            .map(\.address)
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        let state = MaasMachineState(statusCode: nil, statusName: status?.machineState)
        let phase: Phase
        if maasMachine.metadata.isDeleting {
            phase = .leaving
        } else if let state, Self.leavingStates.contains(state) {
            phase = .leaving
        } else if (state == .deployed || state == .deploying) && status?.machinePowered == true {
            phase = .running
        } else {
            phase = .unavailable
        }
        self.init(name: maasMachine.metadata.name ?? "", ips: ips, phase: phase)
    }

    /// MAAS states in which a control-plane machine no longer serves the API.
    static let leavingStates: Set<MaasMachineState> = MaasMachineState.released.union([.failedDeployment, .broken])
}
