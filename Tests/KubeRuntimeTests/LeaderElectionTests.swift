import Foundation
import KubeRuntime
import Testing

@Suite struct LeaderElectionStateMachineTests {
    static let config = LeaderElectionStateMachine.Configuration(identity: "me")
    static let wall = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func createsMissingLease() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        guard case .create(let spec) = machine.decide(current: nil, exists: false, now: .zero, wallClock: Self.wall) else {
            Issue.record("expected create"); return
        }
        #expect(spec.holderIdentity == "me" && spec.leaseDurationSeconds == 15 && spec.leaseTransitions == 0)
        do { let result = machine.writeSucceeded(spec, now: .zero); #expect(result) }
        #expect(machine.isLeader)
        do { let result = !machine.writeSucceeded(spec, now: .seconds(2)); #expect(result) }  // a renewal is not a new election
    }

    @Test func waitsWhileAnotherHolderIsValidThenTakesOverAfterExpiry() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        let other = Lease.Spec(holderIdentity: "other", leaseDurationSeconds: 15, renewTime: MicroTime(Self.wall), leaseTransitions: 3)
        do { let result = machine.decide(current: other, exists: true, now: .seconds(100), wallClock: Self.wall) == .wait; #expect(result) }
        do { let result = machine.decide(current: other, exists: true, now: .seconds(114), wallClock: Self.wall) == .wait; #expect(result) }
        // Unchanged for a full lease duration on OUR clock: expired, whatever its timestamps say.
        guard case .update(let spec) = machine.decide(current: other, exists: true, now: .seconds(115), wallClock: Self.wall) else {
            Issue.record("expected update"); return
        }
        #expect(spec.holderIdentity == "me" && spec.leaseTransitions == 4 && spec.acquireTime == MicroTime(Self.wall))
    }

    @Test func renewedLeaseOfOtherHolderRestartsExpiry() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        var other = Lease.Spec(holderIdentity: "other", leaseDurationSeconds: 15, renewTime: MicroTime(Self.wall))
        do { let result = machine.decide(current: other, exists: true, now: .seconds(0), wallClock: Self.wall) == .wait; #expect(result) }
        other.renewTime = MicroTime(Self.wall.addingTimeInterval(10))
        do { let result = machine.decide(current: other, exists: true, now: .seconds(10), wallClock: Self.wall) == .wait; #expect(result) }
        do { let result = machine.decide(current: other, exists: true, now: .seconds(24), wallClock: Self.wall) == .wait; #expect(result) }
    }

    @Test func releasedLeaseIsTakenAtOnce() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        let released = Lease.Spec(holderIdentity: "", leaseDurationSeconds: 1, leaseTransitions: 2)
        guard case .update(let spec) = machine.decide(current: released, exists: true, now: .zero, wallClock: Self.wall) else {
            Issue.record("expected update"); return
        }
        #expect(spec.holderIdentity == "me" && spec.leaseTransitions == 3)
    }

    @Test func ownLeaseRenewKeepsAcquireTime() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        let acquired = MicroTime(Self.wall)
        let mine = Lease.Spec(holderIdentity: "me", leaseDurationSeconds: 15, acquireTime: acquired, renewTime: acquired, leaseTransitions: 1)
        guard case .update(let spec) = machine.decide(current: mine, exists: true, now: .seconds(2), wallClock: Self.wall.addingTimeInterval(2)) else {
            Issue.record("expected update"); return
        }
        #expect(spec.acquireTime == acquired && spec.leaseTransitions == 1)
        #expect(spec.renewTime == MicroTime(Self.wall.addingTimeInterval(2)))
    }

    @Test func leaderLosesAfterRenewDeadline() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        _ = machine.writeSucceeded(Lease.Spec(holderIdentity: "me"), now: .seconds(0))
        do { let result = !machine.attemptFailed(now: .seconds(4)); #expect(result) }
        do { let result = !machine.attemptFailed(now: .seconds(9)); #expect(result) }
        do { let result = machine.attemptFailed(now: .seconds(10)); #expect(result) }
        #expect(!machine.isLeader)
        do { let result = !machine.attemptFailed(now: .seconds(12)); #expect(result) }  // a follower has nothing to lose
    }

    @Test func leaderSeeingAnotherHolderStepsDown() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        _ = machine.writeSucceeded(Lease.Spec(holderIdentity: "me"), now: .zero)
        let stolen = Lease.Spec(holderIdentity: "thief", leaseDurationSeconds: 15)
        do { let result = machine.decide(current: stolen, exists: true, now: .seconds(2), wallClock: Self.wall) == .wait; #expect(result) }
        #expect(!machine.isLeader)
    }

    @Test func releaseClearsHolder() {
        var machine = LeaderElectionStateMachine(configuration: Self.config)
        #expect(machine.releaseSpec(wallClock: Self.wall) == nil)
        _ = machine.writeSucceeded(Lease.Spec(holderIdentity: "me", leaseDurationSeconds: 15, leaseTransitions: 5), now: .zero)
        let released = machine.releaseSpec(wallClock: Self.wall)
        #expect(released?.holderIdentity == "" && released?.leaseDurationSeconds == 1 && released?.leaseTransitions == 5)
        #expect(!machine.isLeader)
    }

    @Test func defaultIdentityIsHostnameUnderscoreUUID() {
        let identity = LeaderElectionStateMachine.Configuration.defaultIdentity()
        #expect(identity.hasPrefix(ProcessInfo.processInfo.hostName + "_"))
        #expect(identity.count == ProcessInfo.processInfo.hostName.count + 37)
    }
}
