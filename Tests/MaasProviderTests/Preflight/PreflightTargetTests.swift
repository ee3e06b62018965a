import MaasClient
import MaasSimulator
import ProviderTestSupport
import Testing
@testable import MaasProvider

/// The preflight against the test MAAS (the simulator, or `CAPMAAS_TEST_MAAS_URL`/`KEY`): the connection checks
/// pass with the admin key. (PreflightSimulatorTests check the report texts against a fixed simulator inventory.)
@Suite struct PreflightTargetTests {
    @Test func connectionChecksPassAgainstTheTestMaas() async throws {
        try await TestMaas.with { maas in
            let results = await Preflight.run(PreflightOptions(endpoint: maas.baseURL, apiKey: maas.adminKey, timeout: .seconds(10)))
            for check in [PreflightCheck.apiKey, .reachability, .version, .credentials, .adminRights] {
                let result = try #require(results.first { $0.check == check }, "no \(check) in \(results)")
                #expect(result.status == .pass, "\(check): \(result.detail)")
            }
            #expect(try #require(results.first { $0.check == .version }).detail.hasPrefix("MAAS "))
        }
    }
}
