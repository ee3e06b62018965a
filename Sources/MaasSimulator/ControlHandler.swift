import Foundation

/// The test-only introspection API under `/_sim/` (never under `/MAAS/api`, never authenticated).
///
/// - `GET /_sim/state` → `SimulatorIntrospection` JSON
/// - `POST /_sim/faults` with a `SimulatorFaults` JSON body → replaces the fault settings
/// - `POST /_sim/reset-counters`
/// - `POST /_sim/machines/{system_id}/{fail-deployment|stick-deployment|succeed-deployment|power-off|power-on|complete}`
enum ControlHandler {
    static let prefix = "/_sim/"

    static func handle(_ request: SimRequest, store: SimulatorStore) -> SimResponse {
        let parts = request.path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        switch (request.method, parts.first, parts.count) {
        case ("GET", "state", 1):
            guard let data = try? JSONEncoder().encode(store.introspection()) else { return .text("encoding failed", status: 500) }
            return SimResponse(status: 200, headers: ["Content-Type": SimResponse.jsonType], body: data)
        case ("POST", "faults", 1):
            do {
                store.setFaults(try JSONDecoder().decode(SimulatorFaults.self, from: request.body))
                return .text("ok", status: 200)
            } catch {
                return .text("invalid faults JSON: \(error)", status: 400)
            }
        case ("POST", "reset-counters", 1):
            store.resetCounters()
            return .text("ok", status: 200)
        case ("POST", "machines", 3):
            return store.control(systemID: parts[1], action: parts[2])
                ? .text("ok", status: 200) : .text("unknown machine or action", status: 404)
        default:
            return .text("unknown simulator control endpoint", status: 404)
        }
    }
}
