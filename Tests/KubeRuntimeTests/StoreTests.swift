import KubeCore
import KubeRuntime
import Testing

@Suite struct StoreTests {
    @Test func relistSwapsAtomicallyAndReportsMissedDeletes() {
        let store = Store<Widget>()
        #expect(!store.isReady)
        store.apply(.initStart)
        store.apply(.initApply(Widget("a")))
        store.apply(.initApply(Widget("b")))
        #expect(store.count == 0)  // buffered until initDone
        store.apply(.initDone)
        #expect(store.isReady && store.count == 2)
        // Relist without "a": it vanishes, readers never see a half-filled store.
        store.apply(.initStart)
        store.apply(.initApply(Widget("b", rv: "2")))
        #expect(store.count == 2)
        let changes = store.apply(.initDone)
        #expect(store.get(namespace: "default", name: "a") == nil)
        #expect(store.get(namespace: "default", name: "b")?.metadata.resourceVersion == "2")
        let deleted = changes.compactMap { if case .deleted(let w) = $0 { w.metadata.name } else { nil } }
        #expect(deleted == ["a"])
    }

    @Test func applyAndDeleteReportOldVersion() {
        let store = Store<Widget>()
        store.apply(.apply(Widget("a", rv: "1")))
        let changes = store.apply(.apply(Widget("a", rv: "2")))
        guard case .applied(let new, let old)? = changes.first else { Issue.record("expected applied"); return }
        #expect(new.metadata.resourceVersion == "2" && old?.metadata.resourceVersion == "1")
        store.apply(.delete(Widget("a", rv: "3")))
        #expect(store.count == 0)
    }

    @Test func indexesByNamespaceAndLabel() throws {
        let store = Store<Widget>()
        store.apply(.apply(Widget("a", namespace: "n1", labels: ["cluster": "c1", "role": "cp"])))
        store.apply(.apply(Widget("b", namespace: "n1", labels: ["cluster": "c2"])))
        store.apply(.apply(Widget("c", namespace: "n2", labels: ["cluster": "c1"])))
        #expect(store.list(namespace: "n1").map { $0.metadata.name } == ["a", "b"])
        #expect(store.list(labelSelector: try LabelSelector(parsing: "cluster=c1")).map { $0.metadata.name } == ["a", "c"])
        #expect(store.list(namespace: "n1", labelSelector: try LabelSelector(parsing: "cluster=c1,role!=worker")).map { $0.metadata.name } == ["a"])
        // Label change moves the object between index buckets.
        store.apply(.apply(Widget("a", namespace: "n1", labels: ["cluster": "c2"])))
        #expect(store.list(labelSelector: try LabelSelector(parsing: "cluster=c1")).map { $0.metadata.name } == ["c"])
        #expect(store.list(namespace: "n3").isEmpty)
    }

    @Test func waitUntilReadyResumesOnFirstList() async {
        let store = Store<Widget>()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await store.waitUntilReady() }
            group.addTask {
                store.apply(.initStart)
                store.apply(.initDone)
            }
            await group.waitForAll()
        }
        #expect(store.isReady)
    }

    /// A controller whose caches never sync must still stop: a cancelled waiter returns without the store being ready.
    @Test(.timeLimit(.minutes(1))) func cancelledWaiterReturnsWhileStoreNeverSyncs() async {
        let store = Store<Widget>()
        let waiter = Task { await store.waitUntilReady(); return Task.isCancelled }
        // Give the waiter a chance to park (the outcome does not depend on whether it did).
        await Task.yield()
        waiter.cancel()
        #expect(await waiter.value == true)
        #expect(!store.isReady)
        // The removed waiter is not resumed a second time when the store becomes ready later.
        store.apply(.initStart)
        store.apply(.initDone)
        #expect(store.isReady)
    }

    @Test func alreadyCancelledTaskDoesNotWait() async {
        let store = Store<Widget>()
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await store.waitUntilReady()
            return store.isReady
        }
        #expect(await waiter.value == false)
    }

    @Test(.timeLimit(.minutes(1))) func cancellingOneWaiterLeavesOthersWaiting() async {
        let store = Store<Widget>()
        let cancelled = Task { await store.waitUntilReady() }
        let patient = Task { await store.waitUntilReady(); return store.isReady }
        await Task.yield()
        cancelled.cancel()
        await cancelled.value
        store.apply(.initStart)
        store.apply(.initDone)
        #expect(await patient.value == true)
    }
}
