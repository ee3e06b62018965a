import KubeCore
@testable import MaasProvider
import Testing

/// Recent observations stand in for a pass's `GET machines/{id}/` only while they cannot predate what the pass
/// knows: a poll round's list never replaces a reply recorded after the round began.
@Suite struct MaasMachineObservationsTests {
    static func machine(_ status: String, power: String = "off") -> ObservedMaasMachine {
        ObservedMaasMachine(systemID: "s1", statusName: status, powerState: power)
    }

    @Test func aRecordedReplyIsRecentForTheCurrentAndTheNextRoundOnly() {
        let observations = MaasMachineObservations()
        observations.record(Self.machine("Deploying"))
        #expect(observations.recent("s1") == Self.machine("Deploying"))
        _ = observations.beginRound()
        #expect(observations.recent("s1") == Self.machine("Deploying"))
        _ = observations.beginRound()
        #expect(observations.recent("s1") == nil, "two poll intervals old: read MAAS again")
        #expect(observations.recent("other") == nil)
    }

    @Test func aRoundBegunBeforeAReplyDoesNotReplaceIt() {
        let observations = MaasMachineObservations()
        let (round, _) = observations.beginRound()
        // The round's list is under way when the pass's deploy answers; the list then reports the machine as before.
        observations.record(Self.machine("Deploying"))
        #expect(observations.answer(round: round, [:], observed: ["s1": Self.machine("Allocated")]).isEmpty)
        #expect(observations.recent("s1") == Self.machine("Deploying"))

        let (next, _) = observations.beginRound()
        _ = observations.answer(round: next, [:], observed: ["s1": Self.machine("Deployed", power: "on")])
        #expect(observations.recent("s1") == Self.machine("Deployed", power: "on"))
    }

    @Test func aFailedCallLeavesNothingAnOlderRoundCouldStandInFor() {
        let observations = MaasMachineObservations()
        observations.record(Self.machine("Allocated"))
        let (round, _) = observations.beginRound()
        // The deploy timed out: MAAS may or may not be deploying now.
        observations.forget("s1")
        _ = observations.answer(round: round, [:], observed: ["s1": Self.machine("Allocated")])
        #expect(observations.recent("s1") == nil)

        let (next, _) = observations.beginRound()
        _ = observations.answer(round: next, [:], observed: ["s1": Self.machine("Deploying")])
        #expect(observations.recent("s1") == Self.machine("Deploying"))
    }

    /// Asked reads are answered by the list, but only to the object that asked, and once.
    @Test func anAskedReadIsAnsweredOnceByALaterRound() {
        let observations = MaasMachineObservations()
        let key = ObjectKey(namespace: "ns", name: "deleting")
        #expect(observations.read("s1", for: key) == .pending)
        let (round, questions) = observations.beginRound()
        #expect(observations.answer(round: round, questions, observed: ["s1": Self.machine("Deployed")]) == [key])
        #expect(observations.read("s1", for: key) == .found(Self.machine("Deployed")))
        #expect(observations.read("s1", for: key) == .pending)
    }
}
