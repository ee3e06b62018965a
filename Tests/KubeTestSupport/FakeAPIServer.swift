import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A scripted HTTP server on 127.0.0.1 (ephemeral port) standing in for an API server in loopback tests.
/// Shared by the KubeClient and KubeRuntime test targets; never linked into the `capmaas` executable.
public final class FakeAPIServer: Sendable {
    /// One request as the server received it.
    public struct Recorded: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        public var headers: [String: String]
        public var body: String
    }

    /// The scripted answer to one request.
    public enum Reply: Sendable {
        case json(Int, String, headers: [String: String] = [:])
        /// A streamed body written chunk by chunk, then held open for `holdOpen` before ending.
        case chunks([String], holdOpen: Duration = .zero)
    }

    /// Answers request number `index` (0-based, in arrival order).
    public typealias Handler = @Sendable (Recorded, Int) async -> Reply

    let recorded = Mutex<[Recorded]>([])
    let handler: Handler

    init(_ handler: @escaping Handler) { self.handler = handler }

    /// Every request received so far, in arrival order.
    public var requests: [Recorded] { recorded.withLock { $0 } }

    /// Runs a server answering with `handler` for the duration of `body`, which gets its base URL.
    public static func withRunning<T: Sendable>(_ handler: @escaping Handler, _ body: @Sendable (String, FakeAPIServer) async throws -> T) async throws -> T {
        let server = FakeAPIServer(handler)
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, _ -> Response in
                let bodyBuffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let recorded = Recorded(
                    method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
                    body: String(buffer: bodyBuffer))
                let index = server.recorded.withLock { list -> Int in
                    list.append(recorded)
                    return list.count - 1
                }
                switch await server.handler(recorded, index) {
                case .json(let status, let text, let extra):
                    var fields = HTTPFields()
                    fields[.contentType] = "application/json"
                    if let retry = extra["Retry-After"] { fields[.retryAfter] = retry }
                    return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
                case .chunks(let chunks, let holdOpen):
                    return Response(status: .ok, body: ResponseBody { writer in
                        for chunk in chunks {
                            try await writer.write(ByteBuffer(string: chunk))
                            try await Task.sleep(for: .milliseconds(5))
                        }
                        if holdOpen > .zero { try await Task.sleep(for: holdOpen) }
                        try await writer.finish(nil)
                    })
                }
            }
        }
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: { var l = Logger(label: "fake-api"); l.logLevel = .critical; return l }())
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            var iterator = portStream.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            let result = try await body("http://127.0.0.1:\(port)", server)
            group.cancelAll()
            return result
        }
    }
}

/// A `test.io/v1` Widget object.
public func widgetJSON(_ name: String, rv: String, namespace: String = "default") -> String {
    #"{"apiVersion":"test.io/v1","kind":"Widget","metadata":{"name":"\#(name)","namespace":"\#(namespace)","resourceVersion":"\#(rv)","managedFields":[{"manager":"x"}]}}"#
}

/// A `WidgetList` of `items`.
public func listJSON(_ items: [String], rv: String, continue token: String? = nil) -> String {
    let cont = token.map { #","continue":"\#($0)""# } ?? ""
    return #"{"apiVersion":"test.io/v1","kind":"WidgetList","metadata":{"resourceVersion":"\#(rv)"\#(cont)},"items":[\#(items.joined(separator: ","))]}"#
}

/// A failure `Status` with `code` and `reason`.
public func statusJSON(_ code: Int, reason: String, causes: String = "") -> String {
    #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"m","reason":"\#(reason)","code":\#(code)\#(causes)}"#
}
