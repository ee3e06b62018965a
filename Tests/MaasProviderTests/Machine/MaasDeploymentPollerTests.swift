import KubeCore
import KubeRuntime
import MaasClient
import MaasProvider
import Testing

@Suite struct MaasDeploymentPollerTests {
    static func maasMachine(_ name: String, systemID: String, state: String, powered: Bool = false) -> MaasMachine {
        MaasMachine(
            metadata: ObjectMeta(name: name, namespace: "ns"),
            spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 1, minMemory: 1, systemID: systemID),
            status: MaasMachineStatus(machineState: state, machinePowered: powered))
    }

    @Test func oneListCallForAllBusyMachinesAndOnlyChangedOnesEnqueued() async throws {
        let maas = FakeMaas()
        for id in ["s1", "s2", "s3", "s4"] { maas.addMachine(id) }
        maas.set("s1", status: .deploying)
        maas.set("s2", status: .deployed, power: "on")
        maas.set("s3", status: .deploying)
        maas.set("s4", status: .deployed, power: "on")
        let store = Store<MaasMachine>()
        store.apply(.initStart)
        store.apply(.initApply(Self.maasMachine("unchanged", systemID: "s1", state: "Deploying")))
        store.apply(.initApply(Self.maasMachine("finished", systemID: "s2", state: "Deploying")))
        store.apply(.initApply(Self.maasMachine("also-unchanged", systemID: "s3", state: "Deploying")))
        store.apply(.initApply(Self.maasMachine("ready", systemID: "s4", state: "Deployed", powered: true)))
        store.apply(.initDone)
        let queue = WorkQueue<ObjectKey, ContinuousClock>(configuration: .init(name: "test"), clock: ContinuousClock())
        let poller = MaasDeploymentPoller(
            store: store, queue: queue, connections: FakeConnections(maas: maas), interval: .seconds(5), clock: ContinuousClock())

        let enqueued = await poller.pollOnce()
        #expect(enqueued == [ObjectKey(namespace: "ns", name: "finished")])
        #expect(maas.calls == ["list ids=s1,s2,s3 agent="])
        #expect(await queue.count == 1)
    }

    /// Reads asked by deleting machines ride on the same list as the busy machines, and only a round that began
    /// after the question answers it.
    @Test func askedReadsShareTheListAndAreAnsweredByALaterRound() async throws {
        let maas = FakeMaas()
        for id in ["s1", "s7"] { maas.addMachine(id) }
        maas.set("s1", status: .deploying)
        maas.set("s7", status: .deployed, power: "on")
        let store = Store<MaasMachine>()
        store.apply(.initStart)
        store.apply(.initApply(Self.maasMachine("deploying", systemID: "s1", state: "Deploying")))
        store.apply(.initDone)
        let queue = WorkQueue<ObjectKey, ContinuousClock>(configuration: .init(name: "test"), clock: ContinuousClock())
        let reads = MaasMachineObservations()
        let poller = MaasDeploymentPoller(
            store: store, queue: queue, connections: FakeConnections(maas: maas), interval: .seconds(5), clock: ContinuousClock(),
            observations: reads)
        let deleting = ObjectKey(namespace: "ns", name: "deleting")
        #expect(reads.read("s7", for: deleting) == .pending)
        #expect(reads.read("gone", for: deleting) == .pending)

        #expect(Set(await poller.pollOnce()) == [deleting])
        #expect(maas.calls == ["list ids=gone,s1,s7 agent="])
        guard case .found(let machine) = reads.read("s7", for: deleting) else {
            Issue.record("the round answered s7")
            return
        }
        #expect(machine.state == .deployed)
        #expect(reads.read("gone", for: deleting) == .notFound)
        // Taken: asking again waits for another round.
        #expect(reads.read("s7", for: deleting) == .pending)
    }

    /// A failed poll list reaches the deleting machines that asked (they report it with backoff), not only a log line.
    @Test func aFailedListAnswersTheQuestionsWithItsError() async {
        let maas = FakeMaas()
        maas.failNext("list", with: MaasError.retryable(status: 503, retryAfter: nil, message: "busy"))
        let store = Store<MaasMachine>()
        store.apply(.initStart)
        store.apply(.initDone)
        let queue = WorkQueue<ObjectKey, ContinuousClock>(configuration: .init(name: "test"), clock: ContinuousClock())
        let reads = MaasMachineObservations()
        let poller = MaasDeploymentPoller(
            store: store, queue: queue, connections: FakeConnections(maas: maas), interval: .seconds(5), clock: ContinuousClock(),
            observations: reads)
        let deleting = ObjectKey(namespace: "ns", name: "deleting")
        #expect(reads.read("s7", for: deleting) == .pending)
        #expect(await poller.pollOnce() == [deleting])
        #expect(reads.read("s7", for: deleting) == .failed(.retryable(status: 503, retryAfter: nil, message: "busy")))
    }

    @Test func aQuestionAskedDuringARoundWaitsForTheNext() {
        let reads = MaasMachineObservations()
        let key = ObjectKey(namespace: "ns", name: "a")
        let (round, taken) = reads.beginRound()
        #expect(taken.isEmpty)
        #expect(reads.read("s1", for: key) == .pending)  // asked while `round` lists
        #expect(reads.answer(round: round, ["s1": key], observed: [:]).isEmpty)
        #expect(reads.read("s1", for: key) == .pending)
        let (next, questions) = reads.beginRound()
        #expect(questions == ["s1": key])
        #expect(reads.answer(round: next, questions, observed: [:]) == [key])
        #expect(reads.read("s1", for: key) == .notFound)
    }

    @Test func nothingBusyMeansNoMaasCall() async {
        let maas = FakeMaas()
        let store = Store<MaasMachine>()
        store.apply(.initStart)
        store.apply(.initApply(Self.maasMachine("ready", systemID: "s4", state: "Deployed", powered: true)))
        store.apply(.initDone)
        let queue = WorkQueue<ObjectKey, ContinuousClock>(configuration: .init(name: "test"), clock: ContinuousClock())
        let poller = MaasDeploymentPoller(
            store: store, queue: queue, connections: FakeConnections(maas: maas), interval: .seconds(5), clock: ContinuousClock())
        #expect(await poller.pollOnce().isEmpty)
        #expect(maas.calls.isEmpty)
    }

    @Test(arguments: [
        // (previous tick, now, expected next) in seconds; interval 1 s.
        (10.0, 10.2, 11.0),  // a quick round: the next tick one interval after the previous one
        (10.0, 10.99, 11.0),
        (10.0, 11.5, 12.0),  // a round that overran one tick skips it
        (10.0, 13.2, 14.0),  // ... or several
        (10.0, 11.0, 11.0),
    ])
    func pollTicksAtAFixedRate(previous: Double, now: Double, expected: Double) {
        typealias Poller = MaasDeploymentPoller<ManualClock>
        func instant(_ seconds: Double) -> ManualClock.Instant { ManualClock.Instant(offset: .milliseconds(Int64(seconds * 1000))) }
        #expect(Poller.nextTick(after: instant(previous), now: instant(now), interval: .seconds(1)) == instant(expected))
    }
}
