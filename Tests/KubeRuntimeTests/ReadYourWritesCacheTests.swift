import KubeCore
import KubeRuntime
import Testing

@Suite struct ReadYourWritesCacheTests {
    /// One step: a watch event reaching the store, or the controller writing / reading a version itself.
    enum Step {
        case watched(String)
        case wrote(String)
        case deletedFromStore
        case gone
        /// The controller reads through the cache (its next pass).
        case read
    }

    struct Case: CustomTestStringConvertible {
        var steps: [Step]
        /// The version `cached` hands out after the steps, nil when the caller must read from the API server.
        var served: String?
        var testDescription: String
    }

    static let cases: [Case] = [
        Case(steps: [.watched("1")], served: "1", testDescription: "nothing written: the cache"),
        Case(steps: [.watched("1"), .wrote("2")], served: nil, testDescription: "own write not yet watched: live read"),
        Case(steps: [.watched("1"), .wrote("2"), .watched("2")], served: "2", testDescription: "own write watched: the cache"),
        Case(
            steps: [.watched("1"), .wrote("2"), .watched("2"), .watched("3")], served: nil,
            testDescription: "moved past the write before a read: live read (versions are not ordered)"),
        Case(
            steps: [.watched("1"), .wrote("2"), .watched("2"), .read, .watched("3")], served: "3",
            testDescription: "once served at the write, later events are newer"),
        Case(
            steps: [.watched("1"), .wrote("2"), .wrote("3"), .watched("2")], served: nil,
            testDescription: "the cache holds the first of two writes: live read"),
        Case(steps: [.watched("2"), .wrote("2")], served: "2", testDescription: "the write's version already cached"),
        Case(steps: [.wrote("1")], served: nil, testDescription: "not in the cache at all: live read"),
        Case(steps: [.watched("1"), .wrote("2"), .deletedFromStore], served: nil, testDescription: "deleted from the cache"),
        Case(steps: [.watched("1"), .wrote("2"), .gone, .watched("1")], served: "1", testDescription: "forgotten once gone"),
    ]

    @Test(arguments: cases)
    func servesTheCacheOnlyOnceItHoldsTheLastWrite(_ testCase: Case) {
        let store = Store<Widget>()
        let cache = ReadYourWritesCache(store: store)
        let key = ObjectKey(namespace: "default", name: "w")
        for step in testCase.steps {
            switch step {
            case .watched(let version): store.apply(.apply(Widget("w", rv: version)))
            case .wrote(let version): cache.saw(Widget("w", rv: version))
            case .deletedFromStore: store.apply(.delete(Widget("w")))
            case .gone: cache.forget(key)
            case .read: _ = cache.cached(key)
            }
        }
        #expect(cache.cached(key)?.metadata.resourceVersion == testCase.served)
    }

    @Test func servingTheWrittenVersionClearsTheWait() {
        let store = Store<Widget>()
        let cache = ReadYourWritesCache(store: store)
        store.apply(.apply(Widget("w", rv: "1")))
        cache.saw(Widget("w", rv: "2"))
        #expect(cache.pendingCount == 1)
        store.apply(.apply(Widget("w", rv: "2")))
        #expect(cache.cached(ObjectKey(namespace: "default", name: "w")) != nil)
        #expect(cache.pendingCount == 0)
    }
}
