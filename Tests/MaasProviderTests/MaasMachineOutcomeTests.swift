import KubeCore
import MaasProvider
import Testing

@Suite struct MaasMachineOutcomeTests {
    static func machine(_ code: Int?, _ name: String, power: String = "on") -> ObservedMaasMachine {
        ObservedMaasMachine(systemID: "abc123", statusCode: code, statusName: name, powerState: power)
    }

    enum Expected: Sendable { case deploy, wait, ready, powerOn, replace, terminated, lost, undefined }

    @Test(arguments: [
        (10, "Allocated", "off", false, Expected.deploy),
        (9, "Deploying", "off", false, .wait),
        (9, "Deploying", "on", false, .wait),
        (6, "Deployed", "on", false, .ready),
        (6, "Deployed", "unknown", true, .ready),
        (6, "Deployed", "off", true, .powerOn),
        (11, "Failed deployment", "off", false, .replace),
        (8, "Broken", "off", true, .replace),
        (4, "Ready", "off", false, .lost),
        (4, "Ready", "off", true, .terminated),
        (12, "Releasing", "on", true, .terminated),
        (14, "Disk erasing", "on", true, .terminated),
        (0, "New", "off", true, .terminated),
        (16, "Rescue mode", "on", true, .undefined),
        (99, "Frobnicating", "on", true, .undefined),
    ] as [(Int, String, String, Bool, Expected)])
    func mapsState(code: Int, name: String, power: String, provisioned: Bool, expected: Expected) {
        let outcome = MaasMachineOutcome.evaluate(Self.machine(code, name, power: power), previouslyProvisioned: provisioned)
        switch (outcome, expected) {
        case (.deploy, .deploy), (.waitForDeployment, .wait), (.ready, .ready), (.powerOn, .powerOn), (.replace, .replace),
            (.unexpectedTermination, .terminated), (.allocationLost, .lost), (.undefined, .undefined):
            break
        default:
            Issue.record("\(name)/\(power): got \(outcome), expected \(expected)")
        }
    }

    @Test func usesStatusNameWhenCodeMissing() {
        #expect(MaasMachineOutcome.evaluate(Self.machine(nil, "Deployed"), previouslyProvisioned: false) == .ready)
        #expect(MaasMachineState(statusCode: nil, statusName: "Failed releasing") == .failedReleasing)
        #expect(MaasMachineState(statusCode: nil, statusName: "Releasing failed") == .failedReleasing)
        #expect(MaasMachineState(statusCode: nil, statusName: "bogus") == nil)
    }

    @Test func conditions() {
        #expect(MaasMachineOutcome.ready.deployedCondition.status == .true)
        #expect(MaasMachineOutcome.ready.deployedCondition.reason == MaasConditionReasons.machineDeployed)
        #expect(MaasMachineOutcome.replace(message: "x").deployedCondition.reason == MaasConditionReasons.machineDeployFailed)
        #expect(MaasMachineOutcome.undefined(message: "x").deployedCondition.status == .unknown)
        #expect(MaasMachineOutcome.unexpectedTermination(message: "x").deployedCondition.reason == MaasConditionReasons.machineTerminated)
        #expect(MaasMachineOutcome.ready.isReady)
        #expect(!MaasMachineOutcome.powerOn.isReady)
    }
}
