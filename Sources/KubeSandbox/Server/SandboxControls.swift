import Foundation
import Synchronization

/// One audited request: every write (whatever its outcome), and every refused read (see `SandboxAuditEntry.isRefusal`).
public struct SandboxAuditEntry: Sendable, Codable, Equatable {
    /// The authenticated user; `system:anonymous` when the token was missing or unknown (401).
    public var user: String
    public var verb: String
    /// `resource[.group]`; for a 401 (refused before routing) the request path.
    public var resource: String
    public var namespace: String?
    public var name: String?
    public var code: Int
    /// The client's User-Agent (tells replicas sharing one token apart).
    public var userAgent: String? = nil
    /// The Status reason of a refusal (`Forbidden`, `Unauthorized`, `Conflict`, `Invalid`, ...).
    public var reason: String? = nil

    public init(user: String, verb: String, resource: String, namespace: String? = nil, name: String? = nil, code: Int,
                userAgent: String? = nil, reason: String? = nil) {
        self.user = user
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.code = code
        self.userAgent = userAgent
        self.reason = reason
    }

    /// Codes kube-apiserver uses to refuse a request: 401 Unauthorized, 403 Forbidden, 409 Conflict/AlreadyExists,
    /// 422 Invalid. Refused reads are audited as well as writes.
    public static let refusalCodes: Set<Int> = [401, 403, 409, 422]

    /// Whether the request was refused (a code of `refusalCodes`).
    public var isRefusal: Bool { Self.refusalCodes.contains(code) }

    /// Writes are always audited; reads only when refused.
    static func shouldRecord(verb: String, code: Int) -> Bool {
        !["get", "list", "watch"].contains(verb) || refusalCodes.contains(code)
    }
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
