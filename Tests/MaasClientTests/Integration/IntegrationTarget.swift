import Foundation
import MaasClient
import MaasSimulator

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
        }
    }

    func configuration() throws -> MaasClientConfiguration {
        var config = try MaasClientConfiguration(endpoint: baseURL, apiKey: adminKey)
        config.requestTimeout = .seconds(120)
        if let ca = ProcessInfo.processInfo.environment["CAPMAAS_TEST_MAAS_CA_FILE"], !ca.isEmpty {
            config.caFilePath = ca
        }
        return config
    }
}
