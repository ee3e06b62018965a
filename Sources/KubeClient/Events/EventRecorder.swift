import Foundation
import KubeCore
import Logging
import Synchronization

/// Publishes `core/v1` Events about objects for a reconciler.
///
/// A repeat of the same (object, type, reason, message) within `deduplicationWindow` PATCHes the
/// existing Event's `count` and `lastTimestamp` instead of creating a new one, as client-go's
/// event correlator does. Failures are logged, never thrown: events are best effort.
public final class EventRecorder: Sendable {
    public enum EventType: String, Sendable {
        case normal = "Normal"
        case warning = "Warning"
    }

    private struct SeriesKey: Hashable {
        var uid: String
        var kind: String
        var namespace: String?
        var name: String
        var type: String
        var reason: String
        var message: String
    }

    private struct Series {
        var eventName: String
        var namespace: String
        var count: Int
        var lastSeen: Date
    }

    public let component: String
    public let deduplicationWindow: Duration
    private let client: KubeClient
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let series = Mutex([SeriesKey: Series]())
    private static let maximumSeries = 4096

    public init(
        client: KubeClient, component: String, deduplicationWindow: Duration = .seconds(600),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "event-recorder")
    ) {
        self.client = client
        self.component = component
        self.deduplicationWindow = deduplicationWindow
        self.now = now
        self.logger = logger
    }

    /// Records an event about `object`. Returns the Event as stored, or nil when publishing failed.
    @discardableResult
    public func record<K: KubeResource>(_ object: K, type: EventType, reason: String, message: String) async -> CoreEvent? {
        let reference = CoreEvent.ObjectReference(
            apiVersion: K.resourceType.apiVersion, kind: K.resourceType.kind, namespace: object.metadata.namespace,
            name: object.metadata.name, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion)
        return await record(reference, type: type, reason: reason, message: message)
    }

    /// Records an event about the referenced object.
    @discardableResult
    public func record(_ reference: CoreEvent.ObjectReference, type: EventType, reason: String, message: String) async
        -> CoreEvent?
    {
        let namespace = reference.namespace ?? "default"
        let key = SeriesKey(
            uid: reference.uid ?? "", kind: reference.kind ?? "", namespace: reference.namespace,
            name: reference.name ?? "", type: type.rawValue, reason: reason, message: message)
        let timestamp = now()
        let existing: Series? = series.withLock { series in
            guard let entry = series[key] else { return nil }
            let age = timestamp.timeIntervalSince(entry.lastSeen)
            return age <= TokenBucket.seconds(deduplicationWindow) ? entry : nil
        }
        let api = client.api(CoreEvent.self, namespace: namespace)
        if let existing {
            let patch: JSONValue = ["count": .int(Int64(existing.count + 1)), "lastTimestamp": .string(Timestamp(timestamp).description)]
            do {
                let updated = try await api.patch(existing.eventName, .merge(patch))
                remember(key, Series(eventName: existing.eventName, namespace: namespace, count: existing.count + 1, lastSeen: timestamp))
                return updated
            } catch let error as KubeError where error.isNotFound {
                // The Event expired (TTL); fall through and create a fresh one.
            } catch {
                logger.warning("failed to update event", metadata: ["reason": "\(reason)", "error": "\(error)"])
                return nil
            }
        }
        let suffix = String(UInt64(timestamp.timeIntervalSince1970 * 1e9), radix: 16)
        var event = CoreEvent(
            metadata: ObjectMeta(name: "\(reference.name ?? "object").\(suffix)", namespace: namespace),
            involvedObject: reference)
        event.type = type.rawValue
        event.reason = reason
        event.message = message
        event.source = CoreEvent.Source(component: component)
        event.reportingComponent = component
        event.count = 1
        event.firstTimestamp = Timestamp(timestamp)
        event.lastTimestamp = Timestamp(timestamp)
        do {
            let created = try await api.create(event)
            remember(key, Series(eventName: created.metadata.name ?? "", namespace: namespace, count: 1, lastSeen: timestamp))
            return created
        } catch {
            logger.warning("failed to create event", metadata: ["reason": "\(reason)", "error": "\(error)"])
            return nil
        }
    }

    private func remember(_ key: SeriesKey, _ entry: Series) {
        series.withLock { series in
            if series.count >= Self.maximumSeries, series[key] == nil { series.removeAll() }
            series[key] = entry
        }
    }
}
