import Foundation
import Hummingbird
import KubeCore
import NIOCore

/// Streams a watch as kube does: one JSON event per line, chunked; bookmarks; timeout; Table events on request.
struct WatchStreamer: Sendable {
    var info: ResourceInfo
    var subscription: WatchSubscription
    var allowBookmarks: Bool
    var initialEventsEnd: Bool
    var timeout: Duration
    var bookmarkInterval: Duration
    var table: Bool
    var includeObject: String?
    var currentResourceVersion: @Sendable () -> Int64

    private enum Signal: Sendable { case event(WatchDelivery), bookmark, end }

    static func errorBody(_ status: Status) -> Response {
        let object = (try? JSONValue(encoding: status)) ?? .null
        let line = JSONValue.object(["type": "ERROR", "object": object]).serialized() + Data("\n".utf8)
        return HTTPReplies.data(line)
    }

    func response() -> Response {
        let streamer = self
        let body = ResponseBody { writer in
            var firstTableEvent = true
            func line(_ type: String, _ object: JSONValue, rv: Int64) -> ByteBuffer {
                var object = object
                if streamer.table && type != "BOOKMARK" {
                    object = Tables.table(streamer.info, items: [object], listMeta: ["resourceVersion": .string(String(rv))],
                                          includeObject: streamer.includeObject, withColumns: firstTableEvent, now: Date())
                    firstTableEvent = false
                }
                var data = JSONValue.object(["type": .string(type), "object": object]).serialized()
                data.append(0x0A)
                return ByteBuffer(bytes: data)
            }
            func bookmark(_ rv: Int64, initialEnd: Bool) -> ByteBuffer {
                var metadata: JSONValue = ["resourceVersion": .string(String(rv))]
                if initialEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
                return line("BOOKMARK", ["apiVersion": .string(streamer.info.apiVersion), "kind": .string(streamer.info.kind), "metadata": metadata], rv: rv)
            }
            var lastRV = streamer.subscription.startResourceVersion
            for delivery in streamer.subscription.initial {
                try await writer.write(line(delivery.type, delivery.object, rv: delivery.resourceVersion))
                lastRV = max(lastRV, delivery.resourceVersion)
            }
            if streamer.initialEventsEnd && streamer.allowBookmarks {
                try await writer.write(bookmark(streamer.subscription.startResourceVersion, initialEnd: true))
            }
            let (signals, signal) = AsyncStream<Signal>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await delivery in streamer.subscription.stream { signal.yield(.event(delivery)) }
                    signal.yield(.end)
                }
                group.addTask {
                    try await Task.sleep(for: streamer.timeout)
                    signal.yield(.end)
                }
                if streamer.allowBookmarks {
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: streamer.bookmarkInterval)
                            signal.yield(.bookmark)
                        }
                    }
                }
                loop: for await next in signals {
                    switch next {
                    case .event(let delivery):
                        try await writer.write(line(delivery.type, delivery.object, rv: delivery.resourceVersion))
                        lastRV = max(lastRV, delivery.resourceVersion)
                    case .bookmark:
                        try await writer.write(bookmark(lastRV, initialEnd: false))
                    case .end:
                        if streamer.allowBookmarks { try await writer.write(bookmark(lastRV, initialEnd: false)) }
                        break loop
                    }
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }
}
