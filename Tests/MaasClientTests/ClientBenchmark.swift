import Foundation
import Logging
import MaasClient
import MaasSimulator
import Testing

/// Throughput figures for `hack/bench-maas-client`; runs only with `CAPMAAS_BENCH=1` and asserts nothing about time.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CAPMAAS_BENCH"] == "1"), .serialized)
struct ClientBenchmark {
    static let requests = Int(ProcessInfo.processInfo.environment["CAPMAAS_BENCH_REQUESTS"] ?? "") ?? 2000

    static func rate(_ count: Int, _ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        let elapsed = start.duration(to: clock.now)
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    static func report(_ name: String, _ rate: Double) {
        print("BENCH \(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(String(format: "%10.0f", rate)) ops/s")
    }

    @Test func offlineCosts() async throws {
        let signer = OAuthSigner(credentials: try MaasCredentials(apiKey: "a23456789012345678:b23456789012345678:c2345678901234567890123456789012"))
        let n = Self.requests * 50
        var sink = 0
        Self.report("OAuth header (sign)", await Self.rate(n) { for _ in 0..<n { sink &+= signer.authorizationHeader().utf8.count } })
        let url = try #require(Bundle.module.url(forResource: "machine-read-ready-200", withExtension: "txt", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let body = Data(text[text.index(after: try #require(text.firstIndex(of: "\n")))...].utf8)
        let m = Self.requests
        Self.report("decode MaasNode (27 KB fixture)", try await Self.rate(m) {
            for _ in 0..<m { sink &+= try JSONDecoder().decode(MaasNode.self, from: body).cpuCount }
        })
        #expect(sink != 0)
    }

    @Test func againstSimulator() async throws {
        let inventory = SimulatorInventory.generated(machines: 200)
        try await MaasSimulator.withRunning(SimulatorConfiguration(inventory: inventory)) { handle in
            var config = try MaasClientConfiguration(endpoint: handle.baseURL, apiKey: handle.adminKey)
            config.logger.logLevel = .warning
            try await MaasHTTPClient.withClient(config) { client in
                let ids = try await client.machines(MachineFilter()).map(\.systemID)
                let n = Self.requests
                Self.report("version (anonymous, tiny body)", try await Self.rate(n) {
                    for _ in 0..<n { _ = try await client.version() }
                })
                Self.report("zones list (signed, tiny body)", try await Self.rate(n) {
                    for _ in 0..<n { _ = try await client.zones() }
                })
                for concurrency in [1, 8] {
                    let read = try await Self.rate(n) {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for worker in 0..<concurrency {
                                group.addTask {
                                    for i in stride(from: worker, to: n, by: concurrency) {
                                        _ = try await client.machine(systemID: ids[i % ids.count])
                                    }
                                }
                            }
                            try await group.waitForAll()
                        }
                    }
                    Self.report("machine read, concurrency \(concurrency)", read)
                    let list = try await Self.rate(n) {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for worker in 0..<concurrency {
                                group.addTask {
                                    for _ in stride(from: worker, to: n, by: concurrency) {
                                        _ = try await client.machines(agentName: "nobody")
                                    }
                                }
                            }
                            try await group.waitForAll()
                        }
                    }
                    Self.report("machines list ?agent_name, concurrency \(concurrency)", list)
                }
                let allocations = min(n, 150)
                let cycle = try await Self.rate(allocations) {
                    for i in 0..<allocations {
                        let node = try await client.allocate(AllocateRequest(agentName: "bench-\(i)"))
                        _ = try await client.release(systemID: node.systemID, ReleaseRequest())
                    }
                }
                Self.report("allocate + release cycle (sequential)", cycle)
            }
        }
    }
}
