import Foundation

/// Kubernetes' human duration (`k8s.io/apimachinery/pkg/util/duration.HumanDuration`), as printed in the Age column.
public enum TableAge {
    /// The age from `from` to `to`, e.g. `"18s"`, `"5m13s"`, `"3h4m"`, `"2d3h"`, `"45d"`, `"3y45d"`.
    public static func format(from: Date, to: Date) -> String {
        let interval = to.timeIntervalSince(from)
        guard interval.isFinite else { return "<invalid>" }
        // Like Go's int(d.Seconds()): truncation toward zero, so up to ~2s in the future is still "0s".
        let seconds = Int64(interval.clamped(to: -1e15...1e15))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        let minutes = seconds / 60
        let hours = minutes / 60
        if seconds < 60 * 2 { return "\(seconds)s" }
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }
}

extension Double {
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
