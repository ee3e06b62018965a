import MaasSimulator
import Testing

/// Calls that fail before reaching an op (injected faults, MAAS down, a bad key) are counted too, so a client
/// that retries failures in a hot loop shows up in the introspection counters.
@Suite struct FailedCallCountTests {
    @Test func injectedFaultsAndDownAreCountedByKind() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            await sim.setFaults(SimulatorFaults(next: [.serverError, .malformedJSON, .serverError]))
            for _ in 0..<3 { _ = try await sim.admin.get("machines/") }
            await sim.setFaults(SimulatorFaults(down: true))
            _ = try await sim.admin.get("machines/")
            let counts = try await sim.introspection().callCounts
            #expect(counts["fault.serverError"] == 2)
            #expect(counts["fault.malformedJSON"] == 1)
            #expect(counts["fault.down"] == 1)
            #expect(counts["machines.read"] == nil, "no faulted call reached the op")
        }
    }

    @Test func rejectedKeyIsCounted() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let wrong = SimTestClient(baseURL: sim.baseURL, key: "nope:nope:nope")
            for _ in 0..<2 { #expect(try await wrong.get("machines/").status == 401) }
            #expect(try await sim.admin.get("machines/").status == 200)
            let counts = try await sim.introspection().callCounts
            #expect(counts["auth.rejected"] == 2)
            #expect(counts["machines.read"] == 1)
        }
    }

    /// Machine lists are also counted by their filters, so the batched poll (`id`) is told from agent-name searches.
    @Test func machineListsAreCountedByFilter() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            _ = try await sim.admin.get("machines/")
            _ = try await sim.admin.get("machines/", [("id", "a"), ("id", "b")])
            _ = try await sim.admin.get("machines/", [("agent_name", "u1")])
            _ = try await sim.admin.get("machines/", [("id", "a"), ("agent_name", "u1")])
            _ = try await sim.admin.get("machines/", [("agent_name", "u2")])
            let state = try await sim.introspection()
            #expect(state.calls("machines.read") == 5)
            #expect(state.listCounts == ["none": 1, "id": 1, "agent_name": 2, "agent_name+id": 1])
            await sim.resetCounters()
            #expect(try await sim.introspection().listCounts.isEmpty)
        }
    }
}
