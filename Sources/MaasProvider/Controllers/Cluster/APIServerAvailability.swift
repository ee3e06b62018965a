import Logging
import KubeRuntime
import KubeCore

/// The `APIServerAvailable` condition and the next check of a workload API server.
///
/// Polling is bounded and done by requeueing the MaasCluster (no task per cluster): every 10 s until the control
/// plane is initialized, every 30 s afterwards while the API server does not answer, and not at all (watch events
/// and the sync period) once it answers.
enum APIServerAvailability {
    /// What the last probe saw.
    enum Probe: Hashable, Sendable {
        /// The endpoint is not known yet (no DNS name or custom endpoint).
        case noEndpoint
        /// The `<cluster>-kubeconfig` Secret does not exist yet.
        case noKubeconfig
        /// The kubeconfig Secret cannot be used.
        case badKubeconfig(String)
        /// Listing Nodes failed.
        case unreachable(String)
        /// Listing Nodes succeeded.
        case available
    }

    static let pollBeforeInitialization: Duration = .seconds(10)
    static let pollAfterInitialization: Duration = .seconds(30)

    /// The condition for `probe`, and when to look again (nil: no extra requeue).
    static func decide(_ probe: Probe, controlPlaneInitialized: Bool) -> (condition: ConditionUpdate, requeue: Duration?) {
        let poll = controlPlaneInitialized ? pollAfterInitialization : pollBeforeInitialization
        let notReady = MaasConditionReasons.apiServerNotReady
        switch probe {
        case .noEndpoint:
            return (ConditionUpdate(status: .false, reason: notReady, message: "Waiting for the API server endpoint"), nil)
        case .noKubeconfig:
            return (ConditionUpdate(status: .false, reason: notReady, message: "Waiting for the workload cluster's kubeconfig Secret"), poll)
        case .badKubeconfig(let detail):
            return (ConditionUpdate(status: .false, reason: notReady, message: detail), pollAfterInitialization)
        case .unreachable(let detail):
            return (ConditionUpdate(status: .false, reason: notReady, message: "The workload API server does not answer yet: \(detail)"), poll)
        case .available:
            return (ConditionUpdate(status: .true, reason: MaasConditionReasons.apiServerAvailable, message: ""), nil)
        }
    }
}
