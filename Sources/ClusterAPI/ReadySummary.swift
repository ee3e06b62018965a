import KubeCore

/// Builds a `Ready` summary condition from other conditions (Cluster API's `SetSummaryCondition`, simplified).
public enum ReadySummary {
    /// The `Ready` condition: True when every condition in `types` is True; otherwise the first non-True one
    /// (in `types` order) gives the status (False, or Unknown when Unknown or missing) and the reason, and the
    /// message lists every non-True condition as `Type: message`.
    public static func summarize(
        _ conditions: [Condition], types: [String], observedGeneration: Int64?,
        readyType: String = "Ready", readyReason: String = "Ready"
    ) -> Condition {
        var firstBlocking: (status: Condition.Status, reason: String)?
        var messages: [String] = []
        for type in types {
            let condition = conditions[type: type]
            if condition?.status == .true { continue }
            let status = condition?.status ?? .unknown
            let reason = condition?.reason ?? "\(type)NotReported"
            if firstBlocking == nil || (firstBlocking?.status == .unknown && status == .false) {
                firstBlocking = (status, reason)
            }
            let detail = (condition?.message).flatMap { $0.isEmpty ? nil : $0 } ?? (condition == nil ? "not reported yet" : reason)
            messages.append("\(type): \(detail)")
        }
        guard let blocking = firstBlocking else {
            return Condition(type: readyType, status: .true, reason: readyReason, observedGeneration: observedGeneration)
        }
        return Condition(
            type: readyType, status: blocking.status, reason: blocking.reason,
            message: messages.joined(separator: "; "), observedGeneration: observedGeneration)
    }
}
