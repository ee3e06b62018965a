import Foundation
import Synchronization

/// One write recorded in the audit log.
public struct SandboxAuditEntry: Sendable, Codable, Equatable {
    public var user: String
    public var verb: String
    public var resource: String
    public var namespace: String?
    public var name: String?
    public var code: Int
    /// The client's User-Agent (tells replicas sharing one token apart).
    public var userAgent: String? = nil
}

/// Runtime-changeable fault knobs and the audit log, shared by the HTTP handlers and the handle.
final class SandboxControls: Sendable {
    private struct State {
        var faults: SandboxFaults
        var audit: [SandboxAuditEntry] = []
    }

    private let state: Mutex<State>

    init(faults: SandboxFaults) { state = Mutex(State(faults: faults)) }

    var faults: SandboxFaults {
        get { state.withLock { $0.faults } }
        set { state.withLock { $0.faults = newValue } }
    }

    /// Consumes one forced 410 when armed.
    func takeForcedExpiry() -> Bool {
        state.withLock { state in
            guard state.faults.expireNextWatches > 0 else { return false }
            state.faults.expireNextWatches -= 1
            return true
        }
    }

    /// Decides whether a write fails by fault injection: 409, 500 or nil.
    func injectedWriteFailure() -> Int? {
        let faults = self.faults
        let roll = Double.random(in: 0..<1)
        if roll < faults.conflictWriteFraction { return 409 }
        if roll < faults.conflictWriteFraction + faults.serverErrorWriteFraction { return 500 }
        return nil
    }

    func record(_ entry: SandboxAuditEntry) {
        state.withLock { state in
            state.audit.append(entry)
            if state.audit.count > 100_000 { state.audit.removeFirst(state.audit.count - 100_000) }
        }
    }

    var audit: [SandboxAuditEntry] { state.withLock { $0.audit } }
}
