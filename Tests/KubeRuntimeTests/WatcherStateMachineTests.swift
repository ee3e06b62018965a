import KubeClient
import KubeCore
import KubeRuntime
import Testing

@Suite struct WatcherStateMachineTests {
    typealias Machine = WatcherStateMachine<Widget>

    static func names(_ events: [WatcherEvent<Widget>]) -> [String] {
        events.map { event in
            switch event {
            case .initStart: return "initStart"
            case .initApply(let w): return "initApply:\(w.metadata.name ?? "")"
            case .initDone: return "initDone"
            case .apply(let w): return "apply:\(w.metadata.name ?? "")"
            case .delete(let w): return "delete:\(w.metadata.name ?? "")"
            }
        }
    }

    @Test func pagedListThenWatchFromListVersion() {
        var machine = Machine(options: ListOptions(labelSelector: "a=b"), pageSize: 2)
        guard case .list(let first) = machine.nextRequest(timeoutSeconds: 300) else { Issue.record("expected list"); return }
        #expect(first.limit == 2 && first.continueToken == nil && first.labelSelector == "a=b")
        #expect(Self.names(machine.pageReceived(page([Widget("a"), Widget("b")], rv: "", continue: "tok"))) == ["initStart", "initApply:a", "initApply:b"])
        #expect(machine.state == .listing(continueToken: "tok"))
        guard case .list(let second) = machine.nextRequest(timeoutSeconds: 300) else { Issue.record("expected list"); return }
        #expect(second.continueToken == "tok")
        #expect(Self.names(machine.pageReceived(page([Widget("c")], rv: "42"))) == ["initApply:c", "initDone"])
        #expect(machine.state == .listed(resourceVersion: "42"))
        guard case .watch(let watch, let timeout) = machine.nextRequest(timeoutSeconds: 333) else { Issue.record("expected watch"); return }
        #expect(watch.resourceVersion == "42" && watch.limit == nil && watch.continueToken == nil && watch.labelSelector == "a=b")
        #expect(timeout == 333)
    }

    static func watching(at rv: String = "10") -> Machine {
        var machine = Machine()
        _ = machine.pageReceived(page([], rv: rv))
        machine.watchStarted()
        return machine
    }

    struct EventCase: Sendable, CustomTestStringConvertible {
        var name: String
        var event: WatchEvent<Widget>
        var expectedOutput: String?
        var expectedState: Machine.State
        var testDescription: String { name }
    }

    static let eventCases: [EventCase] = [
        EventCase(name: "added advances version", event: .added(Widget("x", rv: "11")), expectedOutput: "apply:x", expectedState: .watching(resourceVersion: "11")),
        EventCase(name: "modified advances version", event: .modified(Widget("x", rv: "12")), expectedOutput: "apply:x", expectedState: .watching(resourceVersion: "12")),
        EventCase(name: "deleted advances version", event: .deleted(Widget("x", rv: "13")), expectedOutput: "delete:x", expectedState: .watching(resourceVersion: "13")),
        EventCase(name: "bookmark advances version silently", event: .bookmark(resourceVersion: "99", annotations: [:]), expectedOutput: nil, expectedState: .watching(resourceVersion: "99")),
        EventCase(name: "ERROR 410 relists", event: .error(Status(reason: "Expired", code: 410)), expectedOutput: nil, expectedState: .empty),
        EventCase(name: "ERROR Gone reason relists", event: .error(Status(reason: "Gone")), expectedOutput: nil, expectedState: .empty),
        EventCase(name: "other ERROR keeps the stream", event: .error(Status(reason: "InternalError", code: 500)), expectedOutput: nil, expectedState: .watching(resourceVersion: "10")),
        EventCase(name: "object without version relists", event: .modified(Widget("x", rv: "")), expectedOutput: "apply:x", expectedState: .empty),
    ]

    @Test(arguments: eventCases)
    func watchEvents(_ testCase: EventCase) {
        var machine = Self.watching()
        let output = machine.eventReceived(testCase.event)
        #expect(output.map { Self.names([$0]) } ?? [] == (testCase.expectedOutput.map { [$0] } ?? []))
        #expect(machine.state == testCase.expectedState)
    }

    @Test func streamEndRewatchesFromLastVersionWithoutRelist() {
        var machine = Self.watching()
        _ = machine.eventReceived(.bookmark(resourceVersion: "20", annotations: [:]))
        machine.watchEnded()
        #expect(machine.state == .listed(resourceVersion: "20"))
        guard case .watch(let options, _) = machine.nextRequest(timeoutSeconds: 300) else { Issue.record("expected watch"); return }
        #expect(options.resourceVersion == "20")
    }

    @Test func emptyListVersionRelists() {
        var machine = Machine()
        let events = machine.pageReceived(page([Widget("a")], rv: ""))
        #expect(Self.names(events) == ["initStart", "initApply:a"])
        #expect(machine.state == .empty)
        // The next list starts a fresh buffer.
        #expect(Self.names(machine.pageReceived(page([Widget("a")], rv: "5"))) == ["initStart", "initApply:a", "initDone"])
    }

    @Test func httpGoneRelistsImmediately() {
        var machine = Self.watching()
        #expect(machine.requestFailed(KubeError.gone(Status(reason: "Expired", code: 410))) == .retryNow)
        #expect(machine.state == .empty)
    }

    @Test func otherWatchErrorBacksOffAndResumes() {
        var machine = Self.watching()
        #expect(machine.requestFailed(KubeError.serverError(code: 503, Status())) == .backoff)
        #expect(machine.state == .listed(resourceVersion: "10"))
    }

    @Test func errorDuringPagingRetriesSamePage() {
        var machine = Machine(pageSize: 1)
        _ = machine.pageReceived(page([Widget("a")], rv: "", continue: "t1"))
        #expect(machine.requestFailed(KubeError.transport(description: "reset")) == .backoff)
        #expect(machine.state == .listing(continueToken: "t1"))
        // An expired continue token (410) restarts the list.
        #expect(machine.requestFailed(KubeError.gone(Status(code: 410))) == .retryNow)
        #expect(machine.state == .empty)
    }

    @Test func eventsIgnoredWhenNotWatching() {
        var machine = Machine()
        #expect(machine.eventReceived(.added(Widget("a"))) == nil)
    }
}

@Suite struct ExponentialBackoffTests {
    @Test func doublesToCapAndResetsAfterHealthyPeriod() {
        var backoff = ExponentialBackoff(jitter: 0)
        let delays = (0..<8).map { i in backoff.nextDelay(now: .seconds(i), random: 0) }
        #expect(delays == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400),
                           .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30)])
        #expect(backoff.nextDelay(now: .seconds(7 + 120), random: 0) == .milliseconds(800))
    }

    @Test func jitterStaysWithinBounds() {
        var backoff = ExponentialBackoff(jitter: 0.2)
        #expect(backoff.nextDelay(now: .zero, random: 0.999) <= .milliseconds(960))
        #expect(backoff.nextDelay(now: .zero, random: 0.5) == .milliseconds(1760))
    }
}
