import Foundation
import KubeCore
import MaasClient
import Synchronization

/// The MAAS DNS resource each MaasCluster last read or wrote, so that a healthy cluster's frequent passes (the API
/// server check every ≤ 30 s, control-plane changes) do not read MAAS DNS each time. It is read again after
/// ``lifetime`` (a record edited in MAAS by hand is put back within it) and after any failed DNS call.
final class KnownDNSRecords: Sendable {
    /// How long a known record stands in for a read.
    static let lifetime: TimeInterval = 300
    private let records = Mutex<[ObjectKey: (resource: MaasDNSResource, at: Date)]>([:])

    /// The record of `key` named `fqdn`, when known for less than ``lifetime``.
    func recent(_ key: ObjectKey, fqdn: String, now: Date) -> MaasDNSResource? {
        records.withLock { records in
            guard let known = records[key], known.resource.fqdn == fqdn, now.timeIntervalSince(known.at) < Self.lifetime else {
                return nil
            }
            return known.resource
        }
    }

    /// `resource` as MAAS showed it (read, created or updated) at `now`.
    func remember(_ key: ObjectKey, _ resource: MaasDNSResource, now: Date) {
        records.withLock { $0[key] = (resource, now) }
    }

    /// Unknown from now on: the next pass reads MAAS.
    func forget(_ key: ObjectKey) {
        _ = records.withLock { $0.removeValue(forKey: key) }
    }
}
