import Foundation

/// A status condition (`metav1.Condition`), the shape Cluster API v1beta2 uses.
public struct Condition: Codable, Sendable, Hashable {
    /// Condition status values.
    public enum Status: String, Codable, Sendable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    public var type: String
    public var status: Status
    public var observedGeneration: Int64?
    public var lastTransitionTime: Timestamp
    public var reason: String
    public var message: String

    public init(
        type: String, status: Status, reason: String, message: String = "", observedGeneration: Int64? = nil,
        lastTransitionTime: Timestamp = .now
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
    }
}

extension Array where Element == Condition {
    /// The condition of the given type.
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Whether the condition of the given type is `True`.
    public func isTrue(_ type: String) -> Bool { self[type: type]?.status == .true }

    /// Sets a condition, keeping `lastTransitionTime` when the status did not change
    /// (as `meta.SetStatusCondition` does). Returns whether anything changed.
    @discardableResult
    public mutating func set(_ condition: Condition) -> Bool {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            append(condition)
            return true
        }
        var updated = condition
        if self[index].status == condition.status {
            updated.lastTransitionTime = self[index].lastTransitionTime
        }
        if self[index] == updated { return false }
        self[index] = updated
        return true
    }

    /// Removes the condition of the given type.
    public mutating func remove(type: String) {
        removeAll { $0.type == type }
    }
}
