import MaasClient
@testable import MaasProvider
import Testing

/// Concurrent single-machine reads share list calls: one read alone is one call; reads that arrive while a list is in
/// flight share the next one.
@Suite struct MachineReadCoalescerTests {
    /// A MAAS list that answers only when the test opens its gate, recording the IDs each call asked for.
    actor GatedList {
        private(set) var calls: [[String]] = []
        private var gates: [CheckedContinuation<Void, Never>] = []
        private var callWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var failNext = false

        func list(_ ids: [String]) async throws -> [MaasNode] {
            calls.append(ids)
            for waiter in callWaiters where calls.count >= waiter.count { waiter.continuation.resume() }
            callWaiters.removeAll { calls.count >= $0.count }
            await withCheckedContinuation { gates.append($0) }
            if failNext {
                failNext = false
                throw MaasError.retryable(status: 503, retryAfter: nil, message: "busy")
            }
            return ids.filter { $0 != "gone" }.map { MaasNode(systemID: $0, status: .deployed) }
        }

        func waitForCalls(_ count: Int) async {
            if calls.count >= count { return }
            await withCheckedContinuation { callWaiters.append((count, $0)) }
        }

        func open() {
            for gate in gates { gate.resume() }
            gates = []
        }

        func setFailNext() { failNext = true }
    }

    @Test func readsArrivingDuringAListShareTheNextOne() async throws {
        let maas = GatedList()
        let coalescer = MachineReadCoalescer { try await maas.list($0) }
        async let first = coalescer.machine(systemID: "a")
        await maas.waitForCalls(1)
        async let b = coalescer.machine(systemID: "b")
        async let c = coalescer.machine(systemID: "c")
        async let bAgain = coalescer.machine(systemID: "b")
        while await coalescer.queuedReads < 3 { await Task.yield() }
        await maas.open()
        #expect(try await first.systemID == "a")
        await maas.waitForCalls(2)
        await maas.open()
        let shared = try await [b.systemID, c.systemID, bAgain.systemID]
        #expect(shared == ["b", "c", "b"])
        #expect(await maas.calls == [["a"], ["b", "c"]])
    }

    @Test func missingMachineIsNotFoundAndFailuresReachEveryWaiter() async throws {
        let maas = GatedList()
        let coalescer = MachineReadCoalescer { try await maas.list($0) }
        async let gone = Result { try await coalescer.machine(systemID: "gone") }
        await maas.waitForCalls(1)
        await maas.open()
        guard case .failure(let error) = await gone, case .notFound = error as? MaasError else {
            Issue.record("a machine MAAS does not list is notFound")
            return
        }
        await maas.setFailNext()
        async let x = Result { try await coalescer.machine(systemID: "x") }
        await maas.waitForCalls(2)
        await maas.open()
        guard case .failure(let failure) = await x, case .retryable = failure as? MaasError else {
            Issue.record("the list's failure is the read's failure")
            return
        }
        // The next read gets a new list.
        async let y = coalescer.machine(systemID: "y")
        await maas.waitForCalls(3)
        await maas.open()
        #expect(try await y.systemID == "y")
        #expect(await maas.calls == [["gone"], ["x"], ["y"]])
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
