import KubeCore
/// A control-plane machine as seen by the DNS round-robin.
public struct ControlPlaneDNSMember: Hashable, Sendable {
    /// How the machine stands.
    public enum Phase: Hashable, Sendable {
        /// Deployed (or Deploying) and powered on: its IPs belong in the record.
        case running
        /// Exists and is not being deleted, but is not running right now (powered off, MAAS unreachable,
        /// state unknown): keep whatever of its IPs the record already has, add none.
        case unavailable
        /// Being deleted, released, failed or gone: its IPs leave the record.
        case leaving
    }

    public var name: String
    public var ips: [String]
    public var phase: Phase

    public init(name: String, ips: [String], phase: Phase) {
        self.name = name
        self.ips = ips
        self.phase = phase
    }
}

/// Whether the API server DNS record must be rewritten.
public enum DNSRecordPlan: Hashable, Sendable {
    case noChange
    /// Write exactly these IPs (sorted, unique).
    case update([String])

    /// The record for `members` given its `current` IPs. Running machines' IPs are added; IPs of machines that
    /// are only briefly unavailable stay; leaving machines' IPs and IPs no member claims are dropped. The record
    /// is never emptied while some member still exists and is not leaving (PCP-6608). Writes only on change.
    public static func plan(current: [String], members: [ControlPlaneDNSMember]) -> DNSRecordPlan {
        let currentSet = Set(current)
        var desired = Set<String>()
        for member in members {
            switch member.phase {
            case .running: desired.formUnion(member.ips.filter { !$0.isEmpty })
            case .unavailable: desired.formUnion(member.ips.filter(currentSet.contains))
            case .leaving: break
            }
        }
        let leavingIPs = Set(members.filter { $0.phase == .leaving }.flatMap(\.ips))
        if desired.isEmpty && members.contains(where: { $0.phase != .leaving }) {
            // Nothing to publish yet, but machines still exist: keep what is there rather than blackhole the API.
            desired = currentSet.subtracting(leavingIPs)
        }
        return desired == currentSet ? .noChange : .update(desired.sorted())
    }

    /// The DNSAttached state of one control-plane machine.
    public static func attachment(of member: ControlPlaneDNSMember, record: [String]) -> DNSAttachment {
        let inRecord = member.ips.contains(where: Set(record).contains)
        switch (member.phase, inRecord) {
        case (.running, true): return .attached
        case (.running, false): return .attachPending
        case (.unavailable, true): return .attached
        case (.unavailable, false): return .detached
        case (.leaving, true): return .detachPending
        case (.leaving, false): return .detached
        }
    }
}

/// A control-plane machine's place in the API DNS record.
public enum DNSAttachment: Hashable, Sendable {
    case attached
    case attachPending
    case detachPending
    case detached

    /// The `DNSAttached` condition.
    public var condition: ConditionUpdate {
        switch self {
        case .attached: ConditionUpdate(status: .true, reason: MaasConditionReasons.dnsAttached, message: "")
        case .attachPending: ConditionUpdate(status: .false, reason: MaasConditionReasons.dnsAttachPending, message: "Waiting for the MaasCluster to add the machine's IP to the API server DNS record")
        case .detachPending: ConditionUpdate(status: .false, reason: MaasConditionReasons.dnsDetachPending, message: "Waiting for the MaasCluster to remove the machine's IP from the API server DNS record")
        case .detached: ConditionUpdate(status: .false, reason: MaasConditionReasons.dnsDetached, message: "The machine's IP is not in the API server DNS record")
        }
    }
}
