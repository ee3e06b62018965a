import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Request context that keeps the channel, so a "reset" fault can close the connection.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Raised after closing the connection for a reset fault.
struct SimulatedConnectionReset: Error {}

/// Hummingbird responder: faults first, then `/_sim/` controls or the MAAS API core.
struct SimulatorResponder: HTTPResponder {
    let store: SimulatorStore

    func respond(to request: Request, context: SimulatorRequestContext) async throws -> Response {
        let path = request.uri.path
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let body = Data(buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [])
        let simRequest = SimRequest(
            method: request.method.rawValue, path: path, query: FormData(encoded: request.uri.query ?? ""),
            headers: headers, body: body)
        if path.hasPrefix(ControlHandler.prefix) {
            return Self.response(ControlHandler.handle(simRequest, store: store))
        }
        let plan = store.nextFault()
        if plan.latency > .zero { try await Task.sleep(for: plan.latency) }
        if plan.down {
            if plan.downResets { return try await reset(context) }
            return Self.response(.text("Service Unavailable", status: 503))
        }
        switch plan.fault {
        case .serverError?:
            return Self.response(.text("Internal server error (simulated fault)", status: 500))
        case .unavailable?:
            return Self.response(.text(
                "Unable to connect to any rack controller; no connections available.", status: 503,
                headers: ["Retry-After": "10"]))
        case .conflictRetry?:
            return Self.response(.text("Conflict: database serialization failure.", status: 409, headers: ["Retry-After": "5"]))
        case .timeout?:
            // Hold in short steps so a shutting-down server does not wait for the whole hold.
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: plan.hold)
            while clock.now < deadline, !store.isStopping {
                try await Task.sleep(for: .milliseconds(50))
            }
            return Self.response(.text("Gateway Timeout", status: 504))
        case .reset?:
            return try await reset(context)
        case .malformedJSON?:
            return Self.response(SimResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: Data(#"{"system_id": "abc", "status": "#.utf8)))
        case nil:
            return Self.response(store.handleAPI(simRequest))
        }
    }

    private func reset(_ context: SimulatorRequestContext) async throws -> Response {
        try? await context.channel.close()
        throw SimulatedConnectionReset()
    }

    static func response(_ sim: SimResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in sim.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: sim.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: sim.body)))
    }
}
