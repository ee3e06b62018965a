import KubeCore
import MaasProvider
import Testing

@Suite struct MaasErrorPolicyTests {
    static let allocate = MaasOperation.allocate(AllocationRequest(cpuCount: 4, memory: 8192, agentName: "u", comment: ""))

    @Test(arguments: [(0, 60), (1, 120), (2, 240), (3, 480), (4, 600), (10, 600)])
    func noCapacityBacksOffFromOneToTenMinutes(attempt: Int, seconds: Int64) {
        let policy = MaasErrorPolicy.policy(for: .noCapacity(message: "No available machine matches constraints: [('mem', ['8192'])]"), during: Self.allocate, attempt: attempt)
        #expect(policy.condition.reason == MaasConditionReasons.insufficientCapacity)
        #expect(policy.condition.message.contains("No available machine matches constraints"))
        #expect(policy.condition.message.contains("cpu>=4"))
        #expect(policy.retry == .after(.seconds(seconds)))
        #expect(policy.countsAsFailedAttempt)
        #expect(policy.conditionType == MaasConditions.machineDeployed)
    }

    @Test func mapsKinds() {
        let deploy = MaasOperation.deploy(systemID: "abc")
        #expect(MaasErrorPolicy.policy(for: .badRequest(message: "No such tag"), during: Self.allocate, attempt: 0).retry == .waitForSpecChange)
        #expect(MaasErrorPolicy.policy(for: .badRequest(message: "x"), during: Self.allocate, attempt: 0).condition.reason == MaasConditionReasons.invalidMachineSpec)
        #expect(MaasErrorPolicy.policy(for: .unauthorized(message: "x"), during: deploy, attempt: 0).condition.reason == MaasConditionReasons.maasCredentialsInvalid)
        #expect(MaasErrorPolicy.policy(for: .forbidden(message: "x"), during: deploy, attempt: 0).condition.reason == MaasConditionReasons.maasPermissionDenied)
        #expect(MaasErrorPolicy.policy(for: .transient(message: "busy", retryAfter: .seconds(5)), during: deploy, attempt: 7).retry == .after(.seconds(5)))
        #expect(MaasErrorPolicy.policy(for: .transient(message: "busy", retryAfter: .seconds(5000)), during: deploy, attempt: 0).retry == .after(.seconds(600)))
        #expect(MaasErrorPolicy.policy(for: .transient(message: "503", retryAfter: nil), during: deploy, attempt: 2).retry == .after(.seconds(20)))
        #expect(MaasErrorPolicy.policy(for: .unreachable(message: "refused"), during: deploy, attempt: 20).retry == .after(.seconds(300)))
        #expect(MaasErrorPolicy.policy(for: .conflict(message: "x"), during: deploy, attempt: 0).condition.reason == MaasConditionReasons.machineDeployFailed)
        #expect(MaasErrorPolicy.policy(for: .unreachable(message: "x"), during: .dns(fqdn: "a.maas"), attempt: 0).conditionType == MaasConditions.loadBalancerReady)
    }

    @Test func neverRetriesImmediately() {
        let kinds: [MaasErrorKind] = [
            .noCapacity(message: ""), .unauthorized(message: ""), .forbidden(message: ""), .notFound(message: ""),
            .conflict(message: ""), .transient(message: "", retryAfter: .zero), .transient(message: "", retryAfter: nil),
            .unreachable(message: ""),
        ]
        for kind in kinds {
            guard case .after(let delay) = MaasErrorPolicy.policy(for: kind, during: Self.allocate, attempt: 0).retry else { continue }
            #expect(delay >= .seconds(1), "\(kind)")
        }
    }

    @Test func truncatesHugeMessages() {
        let policy = MaasErrorPolicy.policy(for: .badRequest(message: String(repeating: "x", count: 5000)), during: Self.allocate, attempt: 0)
        #expect(policy.condition.message.count < 1200)
    }
}
