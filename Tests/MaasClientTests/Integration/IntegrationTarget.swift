import Foundation
import MaasClient
import MaasSimulator
import Testing

/// Where the integration suite runs: the in-process simulator by default, or a real MAAS when
/// `CAPMAAS_TEST_MAAS_URL` and `CAPMAAS_TEST_MAAS_KEY` (an admin key) are set. The only file that knows the simulator.
struct IntegrationTarget: Sendable {
    var baseURL: String
    var adminKey: String
    var isRealMAAS: Bool
    /// How long to wait for Deploying → Deployed and Releasing → Ready.
    var transitionTimeout: Duration
    var pollInterval: Duration

    static func withTarget(_ body: (IntegrationTarget) async throws -> Void) async throws {
        let env = ProcessInfo.processInfo.environment
        if let url = env["CAPMAAS_TEST_MAAS_URL"], !url.isEmpty, let key = env["CAPMAAS_TEST_MAAS_KEY"], !key.isEmpty {
            let timeout = env["CAPMAAS_TEST_MAAS_DEPLOY_TIMEOUT"].flatMap(Int.init) ?? 1800
            try await body(IntegrationTarget(baseURL: url, adminKey: key, isRealMAAS: true,
                                             transitionTimeout: .seconds(timeout), pollInterval: .seconds(10)))
            return
        }
        try await MaasSimulator.withRunning(SimulatorConfiguration()) { handle in
            try await body(IntegrationTarget(baseURL: handle.baseURL, adminKey: handle.adminKey, isRealMAAS: false,
                                             transitionTimeout: .seconds(30), pollInterval: .milliseconds(50)))
            // Prove the suite cleaned up: no machine still owned or tagged with an agent name, no test DNS record.
            let state = try await handle.introspection()
            #expect(state.machines.allSatisfy { $0.owner == nil && $0.agentName.isEmpty && $0.workloadAnnotations.isEmpty })
            #expect(!state.dnsResources.contains { $0.fqdn.hasPrefix("capmaas-it-") })
        }
    }

    func configuration(apiKey: String? = nil) throws -> MaasClientConfiguration {
        var config = try MaasClientConfiguration(endpoint: baseURL, apiKey: apiKey ?? adminKey)
        config.requestTimeout = .seconds(120)
        if let ca = ProcessInfo.processInfo.environment["CAPMAAS_TEST_MAAS_CA_FILE"], !ca.isEmpty {
            config.caFilePath = ca
        }
        return config
    }
}
