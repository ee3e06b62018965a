import Foundation
import MaasClient
import MaasSimulator

/// Where a provider integration test talks to MAAS: an in-process MAAS simulator with the test's inventory (default),
/// or the MAAS of `CAPMAAS_TEST_MAAS_URL` + `CAPMAAS_TEST_MAAS_KEY` (an admin key; `CAPMAAS_TEST_MAAS_USER_KEY`
/// optionally a non-admin one, `CAPMAAS_TEST_MAAS_CA_FILE` a private CA). An external MAAS that is a
/// `capmaas-sandbox maas-sim` may say so with `CAPMAAS_TEST_MAAS_SIMULATOR=1`: its `/_sim/` controls are then used over HTTP.
///
/// Against an external MAAS the inventory is whatever it holds, and MAAS state is shared by every test: run the
/// suites with `swift test --no-parallel` there (counters are reset per test, machines are released by each test).
public struct TestMaas: Sendable {
    public let baseURL: String
    public let adminKey: String
    public let userKey: String
    /// Simulator powers (introspection, fault injection, per-machine deployment outcomes); nil against a real MAAS.
    public let simulator: SimulatorControl?

    /// `CAPMAAS_TEST_MAAS_URL`, when set together with `CAPMAAS_TEST_MAAS_KEY`.
    public static let externalURL: String? = TestEnvironmentVariables.value("CAPMAAS_TEST_MAAS_URL")
    static let externalKey: String? = TestEnvironmentVariables.value("CAPMAAS_TEST_MAAS_KEY")
    /// Whether tests run against an external MAAS.
    public static var isExternal: Bool { externalURL != nil && externalKey != nil }
    /// Whether the MAAS offers the simulator's `/_sim/` controls (in-process, or declared with `CAPMAAS_TEST_MAAS_SIMULATOR=1`).
    /// Tests needing fault injection or forced deployment outcomes use `.enabled(if: TestMaas.hasSimulatorPowers)`.
    public static var hasSimulatorPowers: Bool { !isExternal || TestEnvironmentVariables.value("CAPMAAS_TEST_MAAS_SIMULATOR") == "1" }
    /// Whether tests run against a real MAAS (external and not a simulator).
    public static var isRealMAAS: Bool { !hasSimulatorPowers }

    /// Machines with cpu ≥ 4, 8 GiB, zone and pool `default` (every test's MaasMachine spec matches them).
    public static func inventory(machines: Int) -> SimulatorInventory {
        var inventory = SimulatorInventory.generated(machines: machines)
        for i in inventory.machines.indices {
            inventory.machines[i].zone = "default"
            inventory.machines[i].pool = "default"
            inventory.machines[i].cpuCount = 4
            inventory.machines[i].memory = 8192
        }
        return inventory
    }

    /// Runs `body` against the in-process simulator with `inventory` (ignored by an external MAAS).
    public static func with<T: Sendable>(
        inventory: SimulatorInventory = inventory(machines: 4), timings: SimulatorTimings = .instant,
        _ body: (TestMaas) async throws -> T
    ) async throws -> T {
        if let url = externalURL, let key = externalKey {
            let simulator = hasSimulatorPowers ? SimulatorControl(external: url) : nil
            if let simulator {
                try await simulator.setFaults(SimulatorFaults())
                try await simulator.resetCounters()
            }
            let userKey = TestEnvironmentVariables.value("CAPMAAS_TEST_MAAS_USER_KEY") ?? key
            return try await body(TestMaas(baseURL: url, adminKey: key, userKey: userKey, simulator: simulator))
        }
        return try await MaasSimulator.withRunning(SimulatorConfiguration(inventory: inventory, timings: timings)) { handle in
            try await body(TestMaas(
                baseURL: handle.baseURL, adminKey: handle.adminKey, userKey: handle.userKey,
                simulator: SimulatorControl(handle)))
        }
    }

    /// A MAAS client configuration for this MAAS (admin key unless `apiKey` is given).
    public func configuration(apiKey: String? = nil) throws -> MaasClientConfiguration {
        var configuration = try MaasClientConfiguration(endpoint: baseURL, apiKey: apiKey ?? adminKey)
        configuration.caFilePath = TestEnvironmentVariables.value("CAPMAAS_TEST_MAAS_CA_FILE")
        return configuration
    }

    /// Runs `body` with an admin MAAS client.
    public func withClient<T: Sendable>(_ body: (MaasHTTPClient) async throws -> T) async throws -> T {
        try await MaasHTTPClient.withClient(try configuration(), body)
    }

    /// Machines whose workload annotations name `namespace` and are not released: what a test leaked.
    public func machinesInUse(namespace: String) async throws -> [MaasNode] {
        try await withClient { maas in
            try await maas.machines(MachineFilter()).filter {
                $0.workloadAnnotations["namespace"] == namespace && $0.status != .ready
            }
        }
    }

    /// DNS resources whose name starts with `prefix` (e.g. a cluster's generated endpoint name).
    public func dnsResources(prefix: String) async throws -> [MaasDNSResource] {
        try await withClient { maas in try await maas.dnsResources(fqdn: nil).filter { $0.fqdn.hasPrefix(prefix) } }
    }
}
