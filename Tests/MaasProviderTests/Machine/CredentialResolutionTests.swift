import Foundation
import KubeCore
import MaasProvider
import Testing

@Suite struct CredentialResolutionTests {
    static let key = "consumer:token:secret"
    static let settings = MaasCredentialSettings(environment: [:])

    static func secret(_ namespace: String, _ data: [String: String?]) -> MaasCredentialSecret {
        var encoded: [String: String] = [:]
        for (name, value) in data { if let value { encoded[name] = Data(value.utf8).base64EncodedString() } }
        return MaasCredentialSecret(key: ObjectKey(namespace: namespace, name: MaasCredentialSettings.defaultSecretName), data: encoded)
    }

    static let good = ["MAAS_ENDPOINT": "http://maas.example:5240/MAAS", "MAAS_API_KEY": key]

    @Test func namespaceSecretWins() throws {
        let resolved = try MaasCredentialResolution.resolve(
            namespace: "team-a", namespaceSecret: Self.secret("team-a", Self.good),
            managerSecret: Self.secret("capmaas-system", ["MAAS_ENDPOINT": "http://other/MAAS", "MAAS_API_KEY": Self.key]),
            settings: Self.settings
        ).get()
        #expect(resolved.endpoint == "http://maas.example:5240/MAAS")
        #expect(resolved.apiKey == Self.key)
        #expect(resolved.source == "Secret team-a/capmaas-manager-bootstrap-credentials")
        #expect(!resolved.description.contains("secret"))
    }

    @Test func managerSecretIsTheDefault() throws {
        let resolved = try MaasCredentialResolution.resolve(
            namespace: "team-a", namespaceSecret: nil, managerSecret: Self.secret("capmaas-system", Self.good), settings: Self.settings
        ).get()
        #expect(resolved.source == "Secret capmaas-system/capmaas-manager-bootstrap-credentials")
    }

    @Test func environmentIsTheFallback() throws {
        let settings = MaasCredentialSettings(environment: ["MAAS_ENDPOINT": "https://maas/MAAS", "MAAS_API_KEY": Self.key])
        let resolved = try MaasCredentialResolution.resolve(namespace: "a", namespaceSecret: nil, managerSecret: nil, settings: settings).get()
        #expect(resolved.endpoint == "https://maas/MAAS")
        #expect(resolved.source == "environment")
    }

    static let failures: [(MaasCredentialSecret?, [String: String], MaasConnectionError)] = [
        (nil, [:], .missingCredentials(
            "no Secret capmaas-manager-bootstrap-credentials in namespace a or Secret capmaas-manager-bootstrap-credentials in namespace capmaas-system, and MAAS_ENDPOINT/MAAS_API_KEY are not set")),
        (nil, ["MAAS_API_KEY": key], .missingCredentials("environment variable MAAS_ENDPOINT is not set (MAAS_API_KEY is)")),
        (nil, ["MAAS_ENDPOINT": "http://m/MAAS"], .missingCredentials("environment variable MAAS_API_KEY is not set (MAAS_ENDPOINT is)")),
        (secret("a", ["MAAS_ENDPOINT": "http://m/MAAS", "MAAS_API_KEY": nil]), [:],
         .invalidCredentials("Secret a/capmaas-manager-bootstrap-credentials has no key MAAS_API_KEY")),
        (secret("a", ["MAAS_ENDPOINT": "ftp://m", "MAAS_API_KEY": key]), [:],
         .invalidCredentials("Secret a/capmaas-manager-bootstrap-credentials key MAAS_ENDPOINT: \(MaasClientCredentialsProbe.endpointError("ftp://m"))")),
        (secret("a", ["MAAS_ENDPOINT": "http://m/MAAS", "MAAS_API_KEY": "only:two"]), [:],
         .invalidCredentials("Secret a/capmaas-manager-bootstrap-credentials key MAAS_API_KEY: \(wrongShapeMessage)")),
        (MaasCredentialSecret(key: ObjectKey(namespace: "a", name: MaasCredentialSettings.defaultSecretName),
                              data: ["MAAS_ENDPOINT": "%%%", "MAAS_API_KEY": "x"]), [:],
         .invalidCredentials("Secret a/capmaas-manager-bootstrap-credentials key MAAS_ENDPOINT is not valid base64-encoded UTF-8")),
    ]

    static var wrongShapeMessage: String {
        do {
            _ = try MaasClientCredentialsProbe.parse("only:two")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: failures) func failuresNameTheSourceNotTheKey(
        _ secret: MaasCredentialSecret?, _ environment: [String: String], _ expected: MaasConnectionError
    ) {
        let settings = MaasCredentialSettings(environment: environment)
        let result = MaasCredentialResolution.resolve(namespace: "a", namespaceSecret: secret, managerSecret: nil, settings: settings)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error == expected)
        #expect(!error.description.contains("secret\""))
        #expect(!error.description.contains(Self.key))
    }
}
