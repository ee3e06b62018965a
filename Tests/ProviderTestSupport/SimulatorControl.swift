import AsyncHTTPClient
import Foundation
import MaasSimulator
import NIOCore
import NIOHTTP1

/// The simulator's test powers, in-process or over HTTP (`/_sim/` of an external `capmaas-sandbox maas-sim`).
public struct SimulatorControl: Sendable {
    enum Backend: Sendable {
        case inProcess(SimulatorHandle)
        /// `http://HOST:PORT` (the MAAS URL without `/MAAS`).
        case http(root: String)
    }

    let backend: Backend

    public enum ControlError: Error, CustomStringConvertible {
        case status(path: String, code: UInt, body: String)
        public var description: String {
            switch self {
            case .status(let path, let code, let body): "simulator control \(path) answered \(code): \(body)"
            }
        }
    }

    init(_ handle: SimulatorHandle) { backend = .inProcess(handle) }

    init(external url: String) {
        var root = url
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/MAAS") { root.removeLast("/MAAS".count) }
        backend = .http(root: root)
    }

    /// Machines, per-op call counts (since the last reset), DNS records.
    public func introspection() async throws -> SimulatorIntrospection {
        switch backend {
        case .inProcess(let handle): return try await handle.introspection()
        case .http(let root):
            let body = try await Self.send(root + "/_sim/state", method: .GET)
            return try JSONDecoder().decode(SimulatorIntrospection.self, from: Data(body))
        }
    }

    /// Replaces the fault settings (`SimulatorFaults(down: true)` is "MAAS down").
    public func setFaults(_ faults: SimulatorFaults) async throws {
        switch backend {
        case .inProcess(let handle): await handle.setFaults(faults)
        case .http(let root): _ = try await Self.send(root + "/_sim/faults", method: .POST, body: try JSONEncoder().encode(faults))
        }
    }

    public func resetCounters() async throws {
        switch backend {
        case .inProcess(let handle): await handle.resetCounters()
        case .http(let root): _ = try await Self.send(root + "/_sim/reset-counters", method: .POST)
        }
    }

    /// `fail-deployment`, `stick-deployment`, `succeed-deployment`, `power-off`, `power-on`, `complete`.
    public func control(machine systemID: String, _ action: String) async throws {
        switch backend {
        case .inProcess(let handle):
            guard await handle.control(machine: systemID, action) else {
                throw ControlError.status(path: "machines/\(systemID)/\(action)", code: 404, body: "unknown machine or action")
            }
        case .http(let root): _ = try await Self.send(root + "/_sim/machines/\(systemID)/\(action)", method: .POST)
        }
    }

    private static func send(_ url: String, method: HTTPMethod, body: Data? = nil) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var buffer = try await response.body.collect(upTo: 16 << 20)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard response.status.code == 200 else {
            throw ControlError.status(path: url, code: response.status.code, body: String(decoding: bytes, as: UTF8.self))
        }
        return bytes
    }
}
