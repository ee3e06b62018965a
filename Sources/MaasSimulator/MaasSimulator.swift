import Logging

/// Runs a MAAS simulator for the duration of a closure (tests, integration suites).
public enum MaasSimulator {
    /// Errors starting the simulator.
    public enum StartError: Error {
        /// The server stopped before it was listening.
        case serverDidNotStart
    }

    /// Starts a simulator on loopback (ephemeral port by default), runs `body`, then stops it.
    public static func withRunning<T: Sendable>(
        _ configuration: SimulatorConfiguration = .init(), _ body: (SimulatorHandle) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "maas-sim")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = MaasSimulatorServer(configuration: configuration, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await server.run()
            }
            var bound: Int?
            for await port in ports { bound = port }
            guard let bound, bound > 0 else {
                group.cancelAll()
                try await group.waitForAll()
                throw StartError.serverDidNotStart
            }
            do {
                let result = try await body(server.handle(port: bound))
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

/// How a test reaches a running simulator.
public struct SimulatorHandle: Sendable {
    /// `http://127.0.0.1:PORT/MAAS`.
    public let baseURL: String
    /// Admin API key `consumer:token:secret`.
    public let adminKey: String
    /// Non-admin API key `consumer:token:secret`.
    public let userKey: String
    let store: SimulatorStore

    /// Current state: machines (owner, agent_name, annotations, power), call counts per op, DNS records.
    public func introspection() async throws -> SimulatorIntrospection {
        store.introspection()
    }

    /// Replaces the fault settings.
    public func setFaults(_ faults: SimulatorFaults) async {
        store.setFaults(faults)
    }

    /// Clears the per-op call counters.
    public func resetCounters() async {
        store.resetCounters()
    }

    /// Per-machine test control: `fail-deployment`, `stick-deployment`, `succeed-deployment`, `power-off`, `power-on`,
    /// `complete`. Returns false for an unknown machine or action.
    @discardableResult
    public func control(machine systemID: String, _ action: String) async -> Bool {
        store.control(systemID: systemID, action: action)
    }
}
