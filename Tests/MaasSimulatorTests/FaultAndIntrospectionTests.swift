import AsyncHTTPClient
import Foundation
import MaasSimulator
import NIOCore
import NIOHTTP1
import Testing

@Suite struct FaultAndIntrospectionTests {
    @Test func scheduledFaults() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            await sim.setFaults(SimulatorFaults(next: [.unavailable, .conflictRetry, .serverError]))
            let unavailable = try await sim.admin.get("machines/")
            #expect(unavailable.status == 503 && unavailable.header("Retry-After") == "10")
            let conflict = try await sim.admin.get("machines/")
            #expect(conflict.status == 409 && conflict.header("Retry-After") == "5")
            #expect(try await sim.admin.get("machines/").status == 500)
            #expect(try await sim.admin.get("machines/").status == 200)
        }
    }

    @Test func resetAndTimeout() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { (sim: SimulatorHandle) async throws in
            await sim.setFaults(SimulatorFaults(next: [.reset]))
            await #expect(throws: (any Error).self) { _ = try await sim.admin.get("machines/") }
            await sim.setFaults(SimulatorFaults(next: [.timeout]))
            var request = HTTPClientRequest(url: "\(sim.baseURL)/api/2.0/machines/")
            request.headers.add(name: "Authorization", value: SimTestClient.authorization(key: sim.adminKey))
            await #expect(throws: (any Error).self) { _ = try await SimTestClient.http.execute(request, timeout: .milliseconds(200)) }
            #expect(try await sim.admin.get("machines/").status == 200)
        }
    }

    @Test func maasDownAndFaultRate() async throws {
        var configuration = try TestInventory.configuration()
        configuration.faults = SimulatorFaults(down: true)
        try await MaasSimulator.withRunning(configuration) { sim in
            #expect(try await sim.admin.get("machines/").status == 503)
            await sim.setFaults(SimulatorFaults(rate: 0.5, kinds: [.serverError]))
            var codes: [Int] = []
            for _ in 0..<40 { codes.append(try await sim.admin.get("version/", []).status) }
            #expect(codes.contains(500) && codes.contains(200))
        }
    }

    @Test func introspectionEndpointAndCounters() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            _ = try await sim.admin.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1"), ("agent_name", "agent-x")])
            _ = try await sim.admin.get("machines/aaaaa1/")
            let state = try await sim.admin.send("GET", "/_sim/state", authorization: "")
            #expect(state.status == 200)
            let decoded = try JSONDecoder().decode(SimulatorIntrospection.self, from: Data(state.body.utf8))
            #expect(decoded.machines(agentName: "agent-x").map(\.systemID) == ["aaaaa1"])
            #expect(decoded.calls("machines.allocate") == 1)
            #expect(decoded.calls("machine.read") == 1)
            #expect(try await sim.admin.send("POST", "/_sim/machines/aaaaa1/power-off", authorization: "").status == 200)
            #expect(try await sim.introspection().machine("aaaaa1")?.powerState == "off")
            #expect(try await sim.admin.send("POST", "/_sim/faults", body: #"{"next": ["serverError"]}"#, authorization: "").status == 200)
            #expect(try await sim.admin.get("machines/").status == 500)
            #expect(try await sim.admin.send("POST", "/_sim/reset-counters", authorization: "").status == 200)
            #expect(try await sim.introspection().callCounts.isEmpty)
            #expect(try await sim.admin.send("POST", "/_sim/machines/nosuch/power-off", authorization: "").status == 404)
        }
    }

    @Test func realisticTimingsFollowTheInjectedClock() async throws {
        let clock = ManualTestClock()
        var configuration = try TestInventory.configuration()
        configuration.timings = .realistic
        configuration.clock = clock
        try await MaasSimulator.withRunning(configuration) { sim in
            _ = try await sim.admin.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1")])
            _ = try await sim.admin.post("machines/aaaaa1/", [("op", "deploy")])
            clock.advance(by: .seconds(19))
            #expect(try await sim.admin.get("machines/aaaaa1/").object["status"] as? Int == 9)
            clock.advance(by: .seconds(1))
            #expect(try await sim.admin.get("machines/aaaaa1/").object["status"] as? Int == 6)
        }
    }
}
