import Foundation
import MaasClient
import MaasSimulator
import Testing

/// Simulator-only: injected faults and a non-admin key, checked against the simulator's own call counts.
@Suite struct SimulatorFaultTests {
    static func withSimulatorClient(
        clock: RecordingClock = RecordingClock(), key: (SimulatorHandle) -> String = \.adminKey,
        requestTimeout: Duration = .seconds(10),
        _ body: (MaasHTTPClient, SimulatorHandle) async throws -> Void
    ) async throws {
        try await MaasSimulator.withRunning(SimulatorConfiguration()) { handle in
            var config = try MaasClientConfiguration(endpoint: handle.baseURL, apiKey: key(handle))
            config.clock = clock
            config.jitter = { 0 }
            config.retryPolicy = MaasRetryPolicy(maxAttempts: 4)
            config.requestTimeout = requestTimeout
            try await MaasHTTPClient.withClient(config) { client in try await body(client, handle) }
        }
    }

    @Test func readsRetryThroughRetryAfterFaults() async throws {
        let clock = RecordingClock()
        try await Self.withSimulatorClient(clock: clock) { client, handle in
            await handle.setFaults(SimulatorFaults(next: [.conflictRetry, .unavailable, .reset]))
            let zones = try await client.zones()
            #expect(!zones.isEmpty)
            #expect(clock.sleeps.prefix(2) == [.seconds(5), .seconds(10)])
            #expect(clock.sleeps.count == 3)
        }
    }

    @Test func allocateIsNotRetriedAndLeavesNothingBehind() async throws {
        try await Self.withSimulatorClient { client, handle in
            await handle.setFaults(SimulatorFaults(next: [.conflictRetry]))
            await #expect(throws: MaasError.self) {
                try await client.allocate(AllocateRequest(agentName: "capmaas-it-fault"))
            }
            var state = try await handle.introspection()
            #expect(state.calls("machines.allocate") == 0)
            #expect(state.machines(agentName: "capmaas-it-fault").isEmpty)
            // The caller resolves the ambiguity by agent_name, then allocates for real.
            let found = try await client.machines(agentName: "capmaas-it-fault")
            #expect(found.isEmpty)
            let node = try await client.allocate(AllocateRequest(agentName: "capmaas-it-fault"))
            state = try await handle.introspection()
            #expect(state.calls("machines.allocate") == 1)
            #expect(state.machines(agentName: "capmaas-it-fault").map(\.systemID) == [node.systemID])
            _ = try await client.release(systemID: node.systemID, ReleaseRequest())
        }
    }

    @Test func timedOutReadIsRetried() async throws {
        // 2 s, not 300 ms: under a loaded full `swift test` on 2 cores a normal attempt took over 300 ms (CI flake).
        try await Self.withSimulatorClient(requestTimeout: .seconds(2)) { client, handle in
            await handle.setFaults(SimulatorFaults(next: [.timeout], timeoutHoldMilliseconds: 6000))
            let pools = try await client.resourcePools()
            #expect(pools.contains { $0.name == "default" })
        }
    }

    @Test func nonAdminCannotCreateDNS() async throws {
        try await Self.withSimulatorClient(key: \.userKey) { client, _ in
            do {
                _ = try await client.createDNSResource(fqdn: "capmaas-it-user.maas", ipAddresses: ["192.0.2.9"], addressTTL: nil)
                Issue.record("non-admin created a DNS resource")
            } catch let error as MaasError {
                guard case .forbidden = error else { Issue.record("got \(error)"); return }
            }
        }
    }

    @Test func deployFailureIsVisibleAndAbortWorks() async throws {
        try await Self.withSimulatorClient { client, handle in
            let node = try await client.allocate(AllocateRequest(agentName: "capmaas-it-fail"))
            let controlled = await handle.control(machine: node.systemID, "stick-deployment")
            #expect(controlled)
            _ = try await client.deploy(systemID: node.systemID, DeployRequest(distroSeries: "jammy"))
            let deploying = try await client.machine(systemID: node.systemID)
            #expect(deploying.status == .deploying)
            let aborted = try await client.abort(systemID: node.systemID, comment: "stuck")
            #expect(aborted.status == .allocated)
            do {
                _ = try await client.abort(systemID: node.systemID, comment: nil)
                Issue.record("abort on an Allocated machine succeeded")
            } catch let error as MaasError {
                guard case .stateConflict = error else { Issue.record("got \(error)"); return }
            }
            _ = try await client.release(systemID: node.systemID, ReleaseRequest())
        }
    }
}
