import KubeClient
import KubeCore

/// The list-then-watch protocol as a pure value type (the kube-rs watcher FSM).
///
/// The driver asks `nextRequest` what to do, performs it, and feeds back the outcome
/// (`pageReceived`, `watchStarted`, `eventReceived`, `watchEnded`, `requestFailed`);
/// each returns the `WatcherEvent`s to publish and tells whether to back off.
public struct WatcherStateMachine<Object: KubeResource>: Sendable {
    public enum State: Sendable, Equatable {
        /// Nothing listed yet (or a relist is needed).
        case empty
        /// In the middle of a paged list.
        case listing(continueToken: String)
        /// Listed (or a watch ended); the next step is a watch from this version.
        case listed(resourceVersion: String)
        /// A watch is open; events advance the version.
        case watching(resourceVersion: String)
    }

    /// What the driver should do next.
    public enum Request: Sendable, Equatable {
        case list(ListOptions)
        case watch(ListOptions, timeoutSeconds: Int)
    }

    /// How the driver should continue after a failure.
    public enum Recovery: Sendable, Equatable {
        /// Retry right away (after a 410: relist).
        case retryNow
        /// Wait for the backoff delay first.
        case backoff
    }

    public private(set) var state: State = .empty
    public let pageSize: Int
    public let baseOptions: ListOptions

    public init(options: ListOptions = ListOptions(), pageSize: Int = 500) {
        self.baseOptions = options
        self.pageSize = pageSize
    }

    /// The request for the current state. `timeoutSeconds` is the randomised server-side watch timeout.
    public func nextRequest(timeoutSeconds: Int) -> Request {
        var options = baseOptions
        switch state {
        case .empty:
            options.limit = pageSize
            options.continueToken = nil
            options.resourceVersion = nil
            return .list(options)
        case .listing(let token):
            options.limit = pageSize
            options.continueToken = token
            options.resourceVersion = nil
            return .list(options)
        case .listed(let version), .watching(let version):
            options.limit = nil
            options.continueToken = nil
            options.resourceVersion = version
            return .watch(options, timeoutSeconds: timeoutSeconds)
        }
    }

    /// A list page arrived. Returns the events to publish (`initStart` on the first page).
    public mutating func pageReceived(_ page: ObjectList<Object>) -> [WatcherEvent<Object>] {
        var events: [WatcherEvent<Object>] = []
        if case .empty = state { events.append(.initStart) }
        events.append(contentsOf: page.items.map { .initApply($0) })
        if let token = page.metadata.continue, !token.isEmpty {
            state = .listing(continueToken: token)
            return events
        }
        guard let version = page.metadata.resourceVersion, !version.isEmpty else {
            // No version to watch from: start over (kube-rs `NoResourceVersion`).
            state = .empty
            return events
        }
        events.append(.initDone)
        state = .listed(resourceVersion: version)
        return events
    }

    /// The watch connection opened.
    public mutating func watchStarted() {
        if case .listed(let version) = state { state = .watching(resourceVersion: version) }
    }

    /// One watch event arrived. Returns the event to publish, if any.
    public mutating func eventReceived(_ event: WatchEvent<Object>) -> WatcherEvent<Object>? {
        guard case .watching(let current) = state else { return nil }
        switch event {
        case .added(let object), .modified(let object):
            advance(object.metadata.resourceVersion, current: current)
            return .apply(object)
        case .deleted(let object):
            advance(object.metadata.resourceVersion, current: current)
            return .delete(object)
        case .bookmark(let version, _):
            advance(version, current: current)
            return nil
        case .error(let status):
            if status.code == 410 || status.reason == "Expired" || status.reason == "Gone" { state = .empty }
            return nil
        }
    }

    /// The watch stream ended (server timeout, EOF or idle timeout): re-watch from the last version.
    public mutating func watchEnded() {
        if case .watching(let version) = state { state = .listed(resourceVersion: version) }
    }

    /// A list or watch request failed. 410 Gone relists at once; other errors back off and retry the same step.
    public mutating func requestFailed(_ error: any Error) -> Recovery {
        if let error = error as? KubeError, error.isGone {
            state = .empty
            return .retryNow
        }
        if case .watching(let version) = state { state = .listed(resourceVersion: version) }
        return .backoff
    }

    private mutating func advance(_ version: String?, current: String) {
        guard let version, !version.isEmpty else {
            // An object without a version cannot be resumed from: relist.
            state = .empty
            return
        }
        state = .watching(resourceVersion: version)
    }
}
