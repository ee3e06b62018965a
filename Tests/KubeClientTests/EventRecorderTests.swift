import Foundation
import KubeClient
import KubeCore
import KubeTestSupport
import Synchronization
import Testing

@Suite struct EventRecorderTests {
    @Test func repeatsWithinWindowPatchCountInsteadOfCreating() async throws {
        try await FakeAPIServer.withRunning({ request, _ in
            if request.method == "POST" { return .json(201, request.body) }
            return .json(200, #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"w.1"},"involvedObject":{},"count":2}"#)
        }) { base, server in
            let client = try KubeClient(config: KubeConfig(server: base, token: "t", caPEM: nil))
            let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
            let recorder = EventRecorder(client: client, component: "capmaas", deduplicationWindow: .seconds(600), now: { now.withLock { $0 } })
            var widget = Widget(metadata: ObjectMeta(name: "w", namespace: "default"))
            widget.metadata.uid = "uid-1"
            let first = await recorder.record(widget, type: .warning, reason: "DeployFailed", message: "no machines")
            #expect(first?.count == 1 && first?.involvedObject.uid == "uid-1" && first?.source?.component == "capmaas")
            #expect(first?.involvedObject.kind == "Widget" && first?.type == "Warning")
            now.withLock { $0 = $0.addingTimeInterval(30) }
            _ = await recorder.record(widget, type: .warning, reason: "DeployFailed", message: "no machines")
            _ = await recorder.record(widget, type: .normal, reason: "Deployed", message: "ok")
            now.withLock { $0 = $0.addingTimeInterval(3600) }  // outside the window: a new Event
            _ = await recorder.record(widget, type: .warning, reason: "DeployFailed", message: "no machines")
            let requests = server.requests
            #expect(requests.map(\.method) == ["POST", "PATCH", "POST", "POST"])
            #expect(requests[1].path == "/api/v1/namespaces/default/events/\(first?.metadata.name ?? "")")
            #expect(requests[1].body.contains(#""count":2"#) && requests[1].body.contains("lastTimestamp"))
            #expect(requests[1].headers["content-type"] == "application/merge-patch+json")
            try await client.shutdown()
        }
    }
}
