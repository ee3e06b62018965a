import Logging
import KubeRuntime
import ClusterAPI
import KubeCore

/// The control-plane machines of one cluster as DNS round-robin members.
enum ControlPlaneMembers {
    /// Members for the MaasMachines of `clusterName` that carry the control-plane label (others are ignored).
    static func members(of maasMachines: [MaasMachine], clusterName: String) -> [ControlPlaneDNSMember] {
        maasMachines
            .filter { ClusterAPIOwners.clusterName(of: $0.metadata) == clusterName && $0.isControlPlane }
            .map(ControlPlaneDNSMember.init(maasMachine:))
    }

    /// The combined requeue of several steps: the earliest asked for, or nil.
    static func earliest(_ delays: Duration?...) -> Duration? {
        delays.compactMap { $0 }.min()
    }
}
