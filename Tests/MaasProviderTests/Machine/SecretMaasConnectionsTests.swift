import Foundation
import KubeClient
import KubeCore
import MaasClient
import MaasProvider
import Testing

/// Credentials read through the API server: per-namespace override, malformed Secret, fixed Secret.
@Suite(.serialized) struct SecretMaasConnectionsTests {
    static func secretJSON(_ namespace: String, endpoint: String, key: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(MaasCredentialSettings.defaultSecretName), "namespace": .string(namespace)],
            "data": [
                "MAAS_ENDPOINT": .string(Data(endpoint.utf8).base64EncodedString()),
                "MAAS_API_KEY": .string(Data(key.utf8).base64EncodedString()),
            ],
        ]
    }

    @Test func namespaceSecretOverridesAndChangesReplaceTheClient() async throws {
        try await MachineTestEnvironment.with { env in
            let settings = MaasCredentialSettings(
                managerNamespace: "capmaas-it-absent",  // never a shared namespace (an external cluster may hold one)
                environment: ["MAAS_ENDPOINT": "http://env.example/MAAS", "MAAS_API_KEY": "a:b:c"])
            // No Secret read cache: every change below must show at once.
            let connections = SecretMaasConnections(client: env.client, settings: settings, secretCacheTTL: .zero)
            // Nothing in the cluster: the environment.
            let fromEnv = try #require(try await connections.connection(forNamespace: env.namespace) as? MaasHTTPClient)
            #expect(fromEnv.configuration.endpoint.apiBaseURL.hasPrefix("http://env.example/MAAS"))

            // A malformed namespace Secret is an error naming the Secret and key, without the value.
            let secrets = env.client.dynamic(.secret, namespace: env.namespace)
            _ = try await secrets.create(Self.secretJSON(env.namespace, endpoint: "http://ns.example/MAAS", key: "not-a-key"))
            do {
                _ = try await connections.connection(forNamespace: env.namespace)
                Issue.record("expected invalid credentials")
            } catch let error as MaasConnectionError {
                #expect(error.description.hasPrefix("invalid MAAS credentials: Secret \(env.namespace)/capmaas-manager-bootstrap-credentials key MAAS_API_KEY"))
                #expect(!error.description.contains("not-a-key"))
            }

            // Fixed: the namespace's own MAAS.
            _ = try await secrets.patch(MaasCredentialSettings.defaultSecretName, .merge(["data": [
                "MAAS_API_KEY": .string(Data("x:y:z".utf8).base64EncodedString()),
            ]]))
            let fromSecret = try #require(try await connections.connection(forNamespace: env.namespace) as? MaasHTTPClient)
            #expect(fromSecret.configuration.endpoint.apiBaseURL.hasPrefix("http://ns.example/MAAS"))
            #expect(fromSecret.configuration.credentials.consumerKey == "x")
            await connections.shutDownAll()
        }
    }

    /// Credentials are read once per cache lifetime, but a call MAAS rejected (or that found no MAAS) has them read
    /// again at once: the Secret an operator fixes or deletes counts at the next attempt, not minutes later.
    @Test func aRejectedCallHasTheCredentialsReadAgain() async throws {
        try await MachineTestEnvironment.with { env in
            let settings = MaasCredentialSettings(
                managerNamespace: "capmaas-it-absent",
                environment: ["MAAS_ENDPOINT": "http://env.example/MAAS", "MAAS_API_KEY": "a:b:c"])
            let connections = SecretMaasConnections(client: env.client, settings: settings, secretCacheTTL: .seconds(3600))
            let secrets = env.client.dynamic(.secret, namespace: env.namespace)
            _ = try await secrets.create(Self.secretJSON(env.namespace, endpoint: "http://wrong.example/MAAS", key: "x:y:z"))
            let wrong = try #require(try await connections.connection(forNamespace: env.namespace) as? MaasHTTPClient)
            #expect(wrong.configuration.endpoint.apiBaseURL.hasPrefix("http://wrong.example/MAAS"))

            _ = try await secrets.delete(MaasCredentialSettings.defaultSecretName)
            let cached = try #require(try await connections.connection(forNamespace: env.namespace) as? MaasHTTPClient)
            #expect(cached.configuration.endpoint.apiBaseURL.hasPrefix("http://wrong.example/MAAS"), "within the cache lifetime")

            await connections.recheckCredentials(forNamespace: env.namespace)
            let fixed = try #require(try await connections.connection(forNamespace: env.namespace) as? MaasHTTPClient)
            #expect(fixed.configuration.endpoint.apiBaseURL.hasPrefix("http://env.example/MAAS"))
            await connections.shutDownAll()
        }
    }
}
