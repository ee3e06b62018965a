import Foundation
import KubeCore
import MaasProvider
import Testing

@Suite struct PollDecisionTests {
    static func maasMachine(_ name: String, state: String?, powered: Bool? = false, systemID: String? = "s0") -> MaasMachine {
        MaasMachine(
            metadata: ObjectMeta(name: name, namespace: "ns"),
            spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 1, minMemory: 1, systemID: systemID),
            status: MaasMachineStatus(machineState: state, machinePowered: powered))
    }

    static func observed(_ id: String, _ state: MaasMachineState, power: String = "off") -> ObservedMaasMachine {
        ObservedMaasMachine(systemID: id, statusCode: state.rawValue, statusName: state.statusName, powerState: power)
    }

    @Test func onlyBusyMachinesArePolled() {
        #expect(MaasPollDecision.systemIDToPoll(Self.maasMachine("a", state: "Deploying", systemID: "s1")) == "s1")
        #expect(MaasPollDecision.systemIDToPoll(Self.maasMachine("a", state: "Releasing", systemID: "s1")) == "s1")
        #expect(MaasPollDecision.systemIDToPoll(Self.maasMachine("a", state: "Disk erasing", systemID: "s1")) == "s1")
        #expect(MaasPollDecision.systemIDToPoll(Self.maasMachine("a", state: "Deployed", systemID: "s1")) == nil)
        #expect(MaasPollDecision.systemIDToPoll(Self.maasMachine("a", state: nil, systemID: "s1")) == nil)
        #expect(MaasPollDecision.systemIDToPoll(Self.maasMachine("a", state: "Deploying", systemID: nil)) == nil)
        // Deleting: the finalizer goes once MAAS accepted the release, nothing is waited for.
        var deleting = Self.maasMachine("a", state: "Releasing", systemID: "s1")
        deleting.metadata.deletionTimestamp = Timestamp(Date())
        #expect(MaasPollDecision.systemIDToPoll(deleting) == nil)
    }

    @Test func providerIDIsUsedWithoutSystemID() {
        var machine = Self.maasMachine("a", state: "Deploying", systemID: nil)
        machine.spec.providerID = "maas:///az1/abc123"
        #expect(MaasPollDecision.systemIDToPoll(machine) == "abc123")
    }

    @Test func onlyChangedMachinesAreEnqueued() {
        let machines = [
            Self.maasMachine("unchanged", state: "Deploying", systemID: "s1"),
            Self.maasMachine("deployed", state: "Deploying", systemID: "s2"),
            Self.maasMachine("powered", state: "Deploying", powered: false, systemID: "s3"),
            Self.maasMachine("gone", state: "Releasing", systemID: "s4"),
            Self.maasMachine("idle", state: "Deployed", systemID: "s5"),
        ]
        let observed = [
            "s1": Self.observed("s1", .deploying),
            "s2": Self.observed("s2", .deployed),
            "s3": Self.observed("s3", .deploying, power: "on"),
            "s5": Self.observed("s5", .ready),
        ]
        let keys = MaasPollDecision.changedKeys(machines, observed: observed).map(\.name)
        #expect(keys == ["deployed", "powered", "gone"])
    }
}
