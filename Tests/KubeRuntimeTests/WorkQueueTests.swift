import KubeRuntime
import Testing

@Suite struct WorkQueueTests {
    typealias Queue = WorkQueue<String, ManualClock>

    static func queue(_ clock: ManualClock, qps: Double = 10, burst: Int = 100) -> Queue {
        Queue(configuration: .init(name: "test", qps: qps, burst: burst), clock: clock)
    }

    @Test func deduplicatesWaitingKeys() async {
        let queue = Self.queue(ManualClock())
        await queue.add("a")
        await queue.add("a")
        await queue.add("b")
        #expect(await queue.count == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
    }

    @Test func keyIsNeverProcessedTwiceAndReAddRunsOnceAfter() async {
        let queue = Self.queue(ManualClock())
        await queue.add("a")
        #expect(await queue.get() == "a")
        await queue.add("a")
        await queue.add("a")
        #expect(await queue.count == 0)  // held while processing
        await queue.done("a")
        #expect(await queue.count == 1)
        #expect(await queue.get() == "a")
        await queue.done("a")
        #expect(await queue.count == 0)
    }

    @Test func addFirstGoesAheadOfTheBacklogWithoutDuplicates() async {
        let queue = Self.queue(ManualClock())
        for key in ["a", "b", "c"] { await queue.add(key) }
        await queue.addFirst("d")  // new key: first
        await queue.addFirst("c")  // waiting key: moved to the front, not duplicated
        #expect(await queue.count == 4)
        #expect(await queue.get() == "c")
        #expect(await queue.get() == "d")
        // While "a" is processed, addFirst holds it and runs it once afterwards.
        #expect(await queue.get() == "a")
        await queue.addFirst("a")
        #expect(await queue.count == 1)
        await queue.done("a")
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
    }

    @Test func waitingGetReceivesLaterAdd() async {
        let queue = Self.queue(ManualClock())
        async let key = queue.get()
        await settle()
        await queue.add("x")
        #expect(await key == "x")
        #expect(await queue.count == 0)
    }

    @Test func addAfterKeepsEarliestDueTime() async {
        let clock = ManualClock()
        let queue = Self.queue(clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.runTimers() }
            await queue.add("k", after: .seconds(10))
            await queue.add("k", after: .seconds(3))
            await queue.add("k", after: .seconds(20))  // later: ignored
            await waitUntil { clock.nextDeadline == clock.now.advanced(by: .seconds(3)) }
            #expect(clock.sleeperCount == 1, "one timer task however many delayed adds")
            clock.advance(by: .seconds(2))
            await settle()
            #expect(await queue.count == 0)
            clock.advance(by: .seconds(1))
            await waitUntil { await queue.count == 1 }
            #expect(await queue.get() == "k")
            await queue.done("k")
            clock.advance(by: .seconds(30))  // the superseded 10 s timer fires but does nothing
            await settle()
            #expect(await queue.count == 0)
            #expect(await queue.delayedCount == 0)
            await queue.shutDown()
        }
    }

    /// A reconcile's own requeue replaces an earlier one even when later (and `nil` cancels it): after a pass said
    /// "look again in 600 s", the 15 s requeue of the pass before does not fire.
    @Test func scheduleReplacesThePendingDueTime() async {
        let clock = ManualClock()
        let queue = Self.queue(clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.runTimers() }
            await queue.add("k", after: .seconds(15))
            await queue.schedule("k", after: .seconds(600))
            await queue.add("gone", after: .seconds(15))
            await queue.schedule("gone", after: nil)
            await waitUntil { clock.nextDeadline == clock.now.advanced(by: .seconds(15)) }
            clock.advance(by: .seconds(20))
            await settle()
            #expect(await queue.count == 0)
            #expect(await queue.delayedCount == 1)
            clock.advance(by: .seconds(580))
            await waitUntil { await queue.count == 1 }
            #expect(await queue.get() == "k")
            await queue.shutDown()
        }
    }

    @Test func rateLimitedBackoffGrowsPerKeyAndForgetResets() async {
        let clock = ManualClock()
        let queue = Self.queue(clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.runTimers() }
            for expected in [5, 10, 20, 40] {
                await queue.addRateLimited("k")
                await clock.waitForSleepers(1)
                #expect(clock.nextDeadline == clock.now.advanced(by: .milliseconds(expected)))
                clock.advance(by: .milliseconds(expected))
                await waitUntil { await queue.count == 1 }
                #expect(await queue.get() == "k")
                await queue.done("k")
            }
            #expect(await queue.requeues("k") == 4)
            await queue.forget("k")
            #expect(await queue.requeues("k") == 0)
            await queue.addRateLimited("k")
            await clock.waitForSleepers(1)
            #expect(clock.nextDeadline == clock.now.advanced(by: .milliseconds(5)))
            await queue.shutDown()
        }
    }

    @Test(arguments: [(0, Duration.milliseconds(5)), (1, .milliseconds(10)), (10, .milliseconds(5120)), (18, .seconds(1000)), (100, .seconds(1000))])
    func perItemDelay(failures: Int, expected: Duration) {
        #expect(Queue.perItemDelay(failures: failures, base: .milliseconds(5), maximum: .seconds(1000)) == expected)
    }

    @Test func overallBucketLimitsManyKeys() async {
        let clock = ManualClock()
        let queue = Self.queue(clock, qps: 10, burst: 2)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.runTimers() }
            await queue.addRateLimited("a")
            await queue.addRateLimited("b")
            await queue.addRateLimited("c")  // bucket empty: 100 ms instead of 5 ms
            await waitUntil { clock.nextDeadline == clock.now.advanced(by: .milliseconds(5)) }
            clock.advance(by: .milliseconds(5))
            await waitUntil { await queue.count == 2 }
            #expect(await queue.count == 2)
            clock.advance(by: .milliseconds(95))
            await waitUntil { await queue.count == 3 }
            #expect(await queue.count == 3)
            await queue.shutDown()
        }
    }

    @Test func shutDownStopsGetsAndDrainWaitsForInFlight() async {
        let queue = Self.queue(ManualClock())
        await queue.add("a")
        await queue.add("b")
        #expect(await queue.get() == "a")
        await queue.shutDown()
        #expect(await queue.get() == nil)
        await queue.add("c")
        #expect(await queue.count == 1)  // "b" stays, nothing new
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.drain() }
            group.addTask { await queue.done("a") }
            await group.waitForAll()
        }
        #expect(await queue.processingCount == 0)
    }

    @Test func shutDownReleasesWaitingWorkers() async {
        let queue = Self.queue(ManualClock())
        await withTaskGroup(of: String?.self) { group in
            group.addTask { await queue.get() }
            await settle()
            await queue.shutDown()
            #expect(await group.next() == .some(nil))
        }
    }

    @Test func cancelledGetReturnsNil() async {
        let queue = Self.queue(ManualClock())
        let task = Task { await queue.get() }
        await settle()
        task.cancel()
        #expect(await task.value == nil)
    }
}

/// Lets other tasks run.
func settle() async {
    for _ in 0..<200 { await Task.yield() }
}

/// Yields until `condition` holds (bounded, so a broken test fails instead of hanging).
func waitUntil(_ condition: () async -> Bool) async {
    for _ in 0..<100_000 {
        if await condition() { return }
        await Task.yield()
    }
}
