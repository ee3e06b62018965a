import KubeCore

/// The status, reason and message of a condition a decision asks for (the reconciler adds type, generation and time).
public struct ConditionUpdate: Hashable, Sendable {
    public var status: Condition.Status
    public var reason: String
    public var message: String

    public init(status: Condition.Status, reason: String, message: String) {
        self.status = status
        self.reason = reason
        self.message = message
    }

    /// The full condition of `type` for an object at `observedGeneration`.
    public func condition(type: String, observedGeneration: Int64?) -> Condition {
        Condition(type: type, status: status, reason: reason, message: message, observedGeneration: observedGeneration)
    }
}
