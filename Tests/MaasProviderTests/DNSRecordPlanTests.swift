import KubeCore
import MaasProvider
import Testing

@Suite struct DNSRecordPlanTests {
    typealias M = ControlPlaneDNSMember

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var current: [String]
        var members: [M]
        var expected: DNSRecordPlan
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "first control plane running", current: [], members: [M(name: "a", ips: ["10.0.0.1"], phase: .running)],
             expected: .update(["10.0.0.1"])),
        Case(name: "unchanged set is not rewritten", current: ["10.0.0.2", "10.0.0.1"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .running), M(name: "b", ips: ["10.0.0.2"], phase: .running)],
             expected: .noChange),
        Case(name: "powered-off machine keeps its IP", current: ["10.0.0.1", "10.0.0.2"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .running), M(name: "b", ips: ["10.0.0.2"], phase: .unavailable)],
             expected: .noChange),
        Case(name: "all machines briefly unavailable never empties the record", current: ["10.0.0.1", "10.0.0.2"],
             members: [M(name: "a", ips: [], phase: .unavailable), M(name: "b", ips: [], phase: .unavailable)],
             expected: .noChange),
        Case(name: "unavailable machine is not added", current: ["10.0.0.1"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .running), M(name: "b", ips: ["10.0.0.2"], phase: .unavailable)],
             expected: .noChange),
        Case(name: "deleting machine is dropped", current: ["10.0.0.1", "10.0.0.2"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .running), M(name: "b", ips: ["10.0.0.2"], phase: .leaving)],
             expected: .update(["10.0.0.1"])),
        Case(name: "last machine leaving empties the record", current: ["10.0.0.1"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .leaving)], expected: .update([])),
        Case(name: "unclaimed stale IP is dropped", current: ["10.0.0.1", "10.9.9.9"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .running)], expected: .update(["10.0.0.1"])),
        Case(name: "stale IPs stay while the only machine is unavailable", current: ["10.9.9.9"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .unavailable)], expected: .noChange),
        Case(name: "empty addresses are ignored", current: [],
             members: [M(name: "a", ips: [""], phase: .running)], expected: .noChange),
        Case(name: "replacement: new running in, deleting out", current: ["10.0.0.1"],
             members: [M(name: "a", ips: ["10.0.0.1"], phase: .leaving), M(name: "b", ips: ["10.0.0.3"], phase: .running)],
             expected: .update(["10.0.0.3"])),
        Case(name: "no members and empty record", current: [], members: [], expected: .noChange),
    ]

    @Test(arguments: cases)
    func plans(_ c: Case) {
        #expect(DNSRecordPlan.plan(current: c.current, members: c.members) == c.expected)
    }

    @Test(arguments: [
        (M.Phase.running, true, DNSAttachment.attached),
        (.running, false, .attachPending),
        (.unavailable, true, .attached),
        (.unavailable, false, .detached),
        (.leaving, true, .detachPending),
        (.leaving, false, .detached),
    ])
    func attachment(phase: M.Phase, inRecord: Bool, expected: DNSAttachment) {
        let member = M(name: "a", ips: ["10.0.0.1"], phase: phase)
        #expect(DNSRecordPlan.attachment(of: member, record: inRecord ? ["10.0.0.1"] : ["10.0.0.2"]) == expected)
    }
}
