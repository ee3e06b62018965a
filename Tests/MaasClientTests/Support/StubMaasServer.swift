import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Logging
import NIOCore
import Synchronization

/// A request the stub received.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    var headers: [String: String]
    var body: String

    /// Decoded `application/x-www-form-urlencoded` pairs of the body.
    var form: [(String, String)] { Self.decodeForm(body) }
    var queryItems: [(String, String)] { Self.decodeForm(query) }

    static func decodeForm(_ text: String) -> [(String, String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String {
                (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(s)
            }
            return (dec(parts[0]), parts.count > 1 ? dec(parts[1]) : "")
        }
    }
}

/// One scripted reply.
struct StubResponse: Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: String

    static func json(_ body: String, status: Int = 200) -> StubResponse {
        StubResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
    }

    static func text(_ body: String, status: Int, headers: [String: String] = [:]) -> StubResponse {
        StubResponse(status: status, headers: headers.merging(["Content-Type": "text/plain; charset=utf-8"]) { a, _ in a },
                     body: body)
    }

    /// A response recorded from a real MAAS (`Fixtures/<name>.txt`: status line, then body).
    static func fixture(_ name: String) throws -> StubResponse {
        let (status, contentType, body) = try Fixtures.load(name)
        return StubResponse(status: status, headers: ["Content-Type": contentType], body: body)
    }
}

/// Requests seen and replies still to give.
final class StubScript: Sendable {
    private let state: Mutex<(requests: [RecordedRequest], replies: [StubResponse])>

    init(_ replies: [StubResponse]) { state = Mutex(([], replies)) }

    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    func next(for request: RecordedRequest) -> StubResponse {
        state.withLock { s in
            s.requests.append(request)
            guard !s.replies.isEmpty else { return .text("stub: no scripted reply", status: 599) }
            return s.replies.removeFirst()
        }
    }
}

/// A loopback HTTP server answering with scripted replies, recording every request.
enum StubMaasServer {
    struct Responder: HTTPResponder {
        let script: StubScript

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.rawName] = field.value }
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let recorded = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                headers: headers, body: String(buffer: buffer))
            let reply = script.next(for: recorded)
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let n = HTTPField.Name(name) { fields[n] = value }
            }
            return Response(status: .init(code: reply.status), headers: fields,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
        }
    }

    /// Runs `body` with `http://127.0.0.1:PORT/MAAS` and the script.
    static func withServer<T: Sendable>(
        _ replies: [StubResponse], tls: TLSConfiguration? = nil, _ body: (String, StubScript) async throws -> T
    ) async throws -> T {
        let script = StubScript(replies)
        let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: Responder(script: script),
            server: server,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: quietLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await app.run()
            }
            var port = 0
            for await p in ports { port = p }
            defer { group.cancelAll() }
            guard port > 0 else { throw StubStartError() }
            return try await body("\(tls == nil ? "http" : "https")://127.0.0.1:\(port)/MAAS", script)
        }
    }

    struct StubStartError: Error {}

    static let quietLogger: Logger = {
        var logger = Logger(label: "stub-maas")
        logger.logLevel = .critical
        return logger
    }()
}
