import Foundation
import KubeCore

/// One authenticated API call after routing.
struct APICall {
    var method: String
    var op: String?
    /// Query for GET/DELETE, form body for POST/PUT (Django's `request.data`).
    var params: FormData
    /// The body was JSON where MAAS needs a form.
    var jsonBody: Bool
    var caller: SimulatorAPIKey
    var now: Duration

    var unrecognised: SimulatorAPIError { .text(400, MaasText.unrecognisedSignature(method: method, op: op)) }
    var methodNotAllowed: SimulatorAPIError { .init(status: 405, body: .empty) }

    /// Form parameters for ops that read the form; a JSON body fails as MAAS does (500).
    func form() throws(SimulatorAPIError) -> FormData {
        if jsonBody { throw .text(500, MaasText.jsonBodyAllocate) }
        return params
    }

    func requireAdmin() throws(SimulatorAPIError) {
        guard caller.isAdmin else { throw .text(403, MaasText.adminOnly) }
    }
}

/// Routes a request to its handler: path, op dispatch, OAuth, counters. Pure over `SimulatorState`.
enum SimulatorAPI {
    /// Hash of the (simulated) API description, sent as `X-MAAS-API-Hash`.
    static let apiHash = "8e1c9b3f2a7d4e6b0c5a9f8e7d6c5b4a3f2e1d0c"

    static func handle(_ request: SimRequest, state: inout SimulatorState, now: Duration, wallClock: Date) -> SimResponse {
        var response: SimResponse
        do throws(SimulatorAPIError) {
            response = try route(request, state: &state, now: now, wallClock: wallClock)
        } catch {
            response = SimResponse(error: error)
        }
        response.headers["X-MAAS-API-Hash"] = apiHash
        return response
    }

    private static func route(
        _ request: SimRequest, state: inout SimulatorState, now: Duration, wallClock: Date
    ) throws(SimulatorAPIError) -> SimResponse {
        guard let (route, alias) = APIRoute.parse(request.path) else {
            throw .text(404, "Not Found")
        }
        let body = request.form
        let jsonBody = !request.body.isEmpty && !request.isFormBody
        var op = request.query.value("op") ?? body.value("op") ?? alias
        if op == nil, jsonBody, let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] {
            op = object["op"] as? String
        }
        if route == .version { state.count("version.read"); return versionResponse(state) }
        if route == .describe { return describeResponse() }
        state.advance(now: now)
        let outcome: OAuthVerifier.Outcome
        do throws(SimulatorAPIError) {
            outcome = try OAuthVerifier.authenticate(
                authorization: request.header("authorization"), query: request.query, form: body, keys: state.keys.all,
                now: wallClock, nonceSeen: { state.recordNonce($0, timestamp: $1, now: $2) })
        } catch {
            state.count("auth.rejected")  // a bad key retried in a hot loop shows up in the counters
            throw error
        }
        guard case .authenticated(let caller) = outcome else {
            state.count("auth.rejected")
            if route.hasAnonymousHandler { throw .text(400, MaasText.unrecognisedSignature(method: request.method, op: op)) }
            throw .text(401, MaasText.forbidden)
        }
        let params = request.method == "GET" || request.method == "DELETE" ? request.query : body
        let call = APICall(
            method: request.method, op: op, params: params, jsonBody: jsonBody, caller: caller, now: now)
        state.count(counterKey(route: route, method: request.method, op: op))
        if route == .machines, request.method == "GET", op == nil {
            let filters = Set(params.pairs.map(\.key)).sorted()
            state.listCounts[filters.isEmpty ? "none" : filters.joined(separator: "+"), default: 0] += 1
        }
        switch route {
        case .machines: return try MachinesHandler.handle(call, state: &state)
        case .machine(let id): return try MachineHandler.handle(call, systemID: id, state: &state)
        case .dnsResources: return try DNSHandler.handleCollection(call, state: &state)
        case .dnsResource(let id): return try DNSHandler.handle(call, id: id, state: &state)
        case .tags: return try TagsHandler.handle(call, state: &state)
        default: return try InventoryHandlers.handle(call, route: route, state: &state)
        }
    }

    /// `machines.allocate`, `machine.deploy`, `machine.read`, `dnsresources.create`, …
    static func counterKey(route: APIRoute, method: String, op: String?) -> String {
        let verb = switch method {
        case "GET": "read"
        case "POST": "create"
        case "PUT": "update"
        case "DELETE": "delete"
        default: method.lowercased()
        }
        return "\(route.counterName).\(op ?? verb)"
    }

    static func versionResponse(_ state: SimulatorState) -> SimResponse {
        .json(.object([
            "capabilities": .strings([
                "networks-management", "static-ipaddresses", "ipv6-deployment-ubuntu", "devices-management",
                "storage-deployment-ubuntu", "network-deployment-ubuntu", "bridging-interface-ubuntu",
                "bridging-automatic-ubuntu", "authenticate-api",
            ]),
            "version": .string(state.version), "subversion": .string(""),
        ]))
    }

    static func describeResponse() -> SimResponse {
        .json(.object([
            "doc": .string("MAAS API"), "hash": .string(apiHash), "handlers": .array([]), "resources": .array([]),
        ]))
    }
}
