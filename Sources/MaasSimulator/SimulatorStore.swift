import Foundation
import Synchronization

/// Thread-safe owner of `SimulatorState`; every request runs atomically under its lock.
final class SimulatorStore: Sendable {
    private let state: Mutex<SimulatorState>
    private let time: SimulatorTimeSource
    private let stopping = Mutex(false)

    init(configuration: SimulatorConfiguration) {
        state = Mutex(SimulatorState(configuration: configuration))
        time = SimulatorTimeSource(clock: configuration.clock)
    }

    var keys: SimulatorKeys { state.withLock { $0.keys } }

    /// Set when the server shuts down, so held ("timeout" fault) requests end at once.
    var isStopping: Bool { stopping.withLock { $0 } }
    func markStopping() { stopping.withLock { $0 = true } }

    /// Answers one `/MAAS/api/2.0/` request.
    func handleAPI(_ request: SimRequest) -> SimResponse {
        let now = time.elapsed()
        return state.withLock { SimulatorAPI.handle(request, state: &$0, now: now, wallClock: Date()) }
    }

    /// What to do to the next API request: nothing, a fault, and how much latency to add.
    func nextFault() -> (fault: FaultKind?, down: Bool, downResets: Bool, latency: Duration, hold: Duration) {
        state.withLock { s in
            let f = s.faults
            var fault: FaultKind?
            if !s.faults.next.isEmpty {
                fault = s.faults.next.removeFirst()
            } else if f.rate > 0, !f.kinds.isEmpty, Double.random(in: 0..<1, using: &s.random) < f.rate {
                fault = f.kinds.randomElement(using: &s.random)
            }
            // Failed calls count too (`fault.<kind>`, `fault.down`): a client retrying failures in a hot loop shows up.
            if f.down {
                s.count("fault.down")
            } else if let fault {
                s.count("fault.\(fault.rawValue)")
            }
            return (fault, f.down, f.downResets, .milliseconds(f.latencyMilliseconds), .milliseconds(f.timeoutHoldMilliseconds))
        }
    }

    func introspection() -> SimulatorIntrospection {
        let now = time.elapsed()
        return state.withLock { s in
            s.advance(now: now)
            return s.introspection
        }
    }

    func setFaults(_ faults: SimulatorFaults) { state.withLock { $0.faults = faults } }
    func resetCounters() {
        state.withLock {
            $0.callCounts = [:]
            $0.listCounts = [:]
        }
    }

    /// Test controls on one machine: `fail-deployment`, `stick-deployment`, `succeed-deployment`, `power-off`,
    /// `power-on`, `complete` (finish a pending transition now). False if the machine or action is unknown.
    func control(systemID: String, action: String) -> Bool {
        let now = time.elapsed()
        return state.withLock { s in
            guard var m = s.machines[systemID] else { return false }
            var actions: [MachineLifecycle.Action] = []
            switch action {
            case "fail-deployment": m.lifecycle.deploymentOutcome = .fail
            case "stick-deployment": m.lifecycle.deploymentOutcome = .stick
            case "succeed-deployment": m.lifecycle.deploymentOutcome = .succeed
            case "power-off": m.lifecycle.powerState = "off"
            case "power-on": m.lifecycle.powerState = "on"
            case "complete":
                if m.lifecycle.status == .deploying, m.lifecycle.pending == nil {
                    m.lifecycle.pending = .init(target: m.lifecycle.deploymentOutcome == .fail ? .failedDeployment : .deployed, due: now)
                }
                if var pending = m.lifecycle.pending {
                    pending.due = now
                    m.lifecycle.pending = pending
                    actions = m.lifecycle.advance(now: now)
                }
            default: return false
            }
            // A deployment already running picks up the new outcome.
            if action.hasSuffix("-deployment"), m.lifecycle.status == .deploying {
                let due = m.lifecycle.pending?.due ?? now + s.timings.deploy
                switch m.lifecycle.deploymentOutcome {
                case .succeed: m.lifecycle.pending = .init(target: .deployed, due: due)
                case .fail: m.lifecycle.pending = .init(target: .failedDeployment, due: due)
                case .stick: m.lifecycle.pending = nil
                }
            }
            s.machines[systemID] = m
            s.apply(actions, to: systemID)
            return true
        }
    }
}
