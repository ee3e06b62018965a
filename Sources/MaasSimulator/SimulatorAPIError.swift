/// An error response exactly as MAAS would produce it (status, body shape, extra headers).
public struct SimulatorAPIError: Error, Sendable, Equatable {
    /// How the body is rendered.
    public enum Body: Sendable, Equatable {
        /// `text/plain; charset=utf-8` message.
        case text(String)
        /// `application/json` field errors, `{"field": ["msg", ...]}`.
        case fieldErrors([String: [String]])
        /// Empty body (MAAS's bare 403).
        case empty
    }

    public var status: Int
    public var body: Body
    public var headers: [String: String]

    public init(status: Int, body: Body, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    static func text(_ status: Int, _ message: String, headers: [String: String] = [:]) -> SimulatorAPIError {
        .init(status: status, body: .text(message), headers: headers)
    }

    static func fields(_ errors: [String: [String]]) -> SimulatorAPIError {
        .init(status: 400, body: .fieldErrors(errors))
    }

    static func field(_ name: String, _ message: String) -> SimulatorAPIError {
        .fields([name: [message]])
    }

    /// The message text when the body is text (for tests and logs).
    public var message: String? { if case .text(let t) = body { t } else { nil } }
}

/// Every MAAS message text the simulator produces lives here, so the exact wording is in one place.
enum MaasText {
    static let invalidAPIKey = "Authorization Error: Invalid API key."
    static let forbidden = "Forbidden"
    static let adminOnly = "This method is reserved for admin users."
    static func unrecognisedSignature(method: String, op: String?) -> String {
        "Unrecognised signature: method=\(method) op=\(op ?? "None")"
    }
    static func notFound(_ model: String) -> String { "No \(model) matches the given query." }
    static func cannotDeploy(_ status: NodeStatus) -> String {
        "Can't deploy a machine that is in the '\(status.displayName)' state"
    }
    static func cannotRelease(_ status: NodeStatus) -> String {
        "Machine cannot be released in its current state ('\(status.displayName)')."
    }
    static func cannotAbort(systemID: String, _ status: NodeStatus) -> String {
        "Cannot abort in current state: node \(systemID) is in state \(status.displayName)."
    }
    static let annotationsNotAcquired = "Cannot set workload annotation: it hasn't been acquired."
    static let startNotAllocated = "Can't start node: it hasn't been allocated."
    static let allocateOtherUser = "Can't allocate a machine belonging to another user."
    static let noSuchConstraint = "No such constraint."
    static func nonceUsed(_ nonce: String) -> String { "Authorization Error: 'Nonce already used: \(nonce)'" }
    static func expiredTimestamp(given: Int, now: Int) -> String {
        "Authorization Error: 'Expired timestamp: given \(given) and now \(now) has a greater difference than threshold 300'"
    }
    static func invalidSignature(expected: String) -> String {
        "Authorization Error: 'Invalid signature. Expected signature base string: \(expected)'"
    }
    static func invalidToken(_ token: String) -> String { "Authorization Error: 'Invalid access token: \(token)'" }
    static func oauthVersion(_ v: String) -> String { "OAuth version \(v) not supported." }
    static let jsonBodyAllocate = "'dict' object has no attribute 'lists'"
    static func invalidIP(_ value: String) -> String { "failed to detect a valid IP address from '\(value)'" }
    static let labelsUnique = "Labels must be unique within their zone."
    static func unknownMachines(_ ids: [String]) -> String { "Unknown machine(s): \(ids.joined(separator: ", "))." }
}
