import KubeCore
import ClusterAPI

/// Failure domains reported to Cluster API.
public enum FailureDomains {
    /// `status.failureDomains` from `spec.failureDomains`: each zone once (first occurrence wins, empty names
    /// skipped), all eligible for control-plane machines.
    public static func status(from zones: [String]?) -> [FailureDomain] {
        var seen = Set<String>()
        return (zones ?? []).compactMap { zone in
            guard !zone.isEmpty, seen.insert(zone).inserted else { return nil }
            return FailureDomain(name: zone, controlPlane: true)
        }
    }
}
