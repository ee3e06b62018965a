import Foundation
import KubeCore
import Testing

@Suite("Object metadata, conditions and watch events")
struct MetaTests {
    @Test func objectMetaOmitsAbsentFields() throws {
        let meta = ObjectMeta(name: "mm1", namespace: "default", labels: ["a": "b"])
        #expect(try JSONValue(encoding: meta) == ["name": "mm1", "namespace": "default", "labels": ["a": "b"]])
    }

    @Test func timestampRoundTripsBothForms() throws {
        let plain = try JSONValue.string("2026-11-25T10:00:00Z").decode(as: Timestamp.self)
        let micro = try JSONValue.string("2026-11-25T10:00:00.123456Z").decode(as: Timestamp.self)
        #expect(plain.description == "2026-11-25T10:00:00Z")
        #expect(micro.date.timeIntervalSince(plain.date) > 0.12)
        #expect(throws: DecodingError.self) { try JSONValue.string("yesterday").decode(as: Timestamp.self) }
    }

    @Test func settingAConditionKeepsTransitionTimeWhenStatusUnchanged() {
        let early = Timestamp(Date(timeIntervalSince1970: 1_000))
        var conditions = [Condition(type: "Ready", status: .false, reason: "Waiting", lastTransitionTime: early)]
        let changed = conditions.set(Condition(type: "Ready", status: .false, reason: "StillWaiting"))
        #expect(changed)
        #expect(conditions[type: "Ready"]?.lastTransitionTime == early)
        #expect(conditions[type: "Ready"]?.reason == "StillWaiting")
        let changedAgain = conditions.set(Condition(type: "Ready", status: .false, reason: "StillWaiting"))
        #expect(!changedAgain)
        conditions.set(Condition(type: "Ready", status: .true, reason: "Done"))
        #expect(conditions.isTrue("Ready"))
        #expect(conditions[type: "Ready"]?.lastTransitionTime != early)
    }

    @Test func decodesEveryWatchEventType() throws {
        let lines = [
            #"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}"#,
            #"{"type":"BOOKMARK","object":{"kind":"MaasMachine","apiVersion":"v1","metadata":{"resourceVersion":"9","annotations":{"k8s.io/initial-events-end":"true"}}}}"#,
            #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (365)","reason":"Expired","code":410}}"#,
        ]
        struct Thing: Decodable, Sendable { var metadata: ObjectMeta }
        let events = try lines.map { try WatchEvent<Thing>.decode(line: Data($0.utf8)) }
        guard case .added(let thing) = events[0] else { Issue.record("expected ADDED"); return }
        #expect(thing.metadata.name == "a")
        guard case .bookmark(let rv, let annotations) = events[1] else { Issue.record("expected BOOKMARK"); return }
        #expect(rv == "9" && annotations[initialEventsEndAnnotation] == "true")
        guard case .error(let status) = events[2] else { Issue.record("expected ERROR"); return }
        #expect(status.code == 410 && status.reason == "Expired")
        #expect(throws: WatchDecodingError.self) { try WatchEvent<Thing>.decode(line: Data(#"{"type":"NOPE","object":{}}"#.utf8)) }
    }

    @Test func resourcePaths() {
        let rt = ResourceType(group: "infrastructure.cluster.x-k8s.io", version: "v1beta1", kind: "MaasMachine", plural: "maasmachines", namespaced: true)
        #expect(rt.path(namespace: "ns", name: "m", subresource: "status")
            == "/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/ns/maasmachines/m/status")
        #expect(ResourceType.node.path(namespace: "ignored", name: "n1") == "/api/v1/nodes/n1")
    }
}
