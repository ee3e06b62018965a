import Foundation
import KubeClient
import KubeCore
import MaasClient
import MaasProvider
import MaasSimulator

/// One provider integration test's world: Kubernetes (``TestKube``: sandbox or `CAPMAAS_TEST_KUBECONFIG`) and MAAS
/// (``TestMaas``: simulator or `CAPMAAS_TEST_MAAS_URL`/`KEY`), in a namespace of its own. After the body, MAAS must
/// hold no machine still in use for this namespace: a leak fails the test (the machines are released first, so a
/// shared MAAS stays usable).
public struct ProviderTestEnvironment: Sendable {
    public let kube: TestKube
    public let maas: TestMaas

    public var client: KubeClient { kube.client }
    public var namespace: String { kube.namespace }
    /// Simulator powers; nil against a real MAAS.
    public var simulator: SimulatorControl? { maas.simulator }

    /// Machines MAAS still had in use for the test's namespace when it ended.
    public struct LeakError: Error, CustomStringConvertible {
        public var namespace: String
        public var machines: [String]
        public var description: String { "MAAS machines still in use for namespace \(namespace): \(machines.joined(separator: ", "))" }
    }

    public static func with(
        inventory: SimulatorInventory = TestMaas.inventory(machines: 4), timings: SimulatorTimings = .instant,
        _ body: (ProviderTestEnvironment) async throws -> Void
    ) async throws {
        try await TestMaas.with(inventory: inventory, timings: timings) { maas in
            try await TestKube.with { kube in
                let environment = ProviderTestEnvironment(kube: kube, maas: maas)
                do {
                    try await body(environment)
                } catch {
                    try? await environment.deleteDNSRecords()
                    _ = try? await environment.releaseLeaks()
                    throw error
                }
                try await environment.deleteDNSRecords()
                let leaked = try await environment.releaseLeaks()
                if !leaked.isEmpty { throw LeakError(namespace: kube.namespace, machines: leaked) }
            }
        }
    }

    /// Deletes the MAAS DNS records of the namespace's MaasClusters that still exist (a test that ends with its
    /// cluster in place leaves its record; tests of deletion assert that the record is gone themselves).
    public func deleteDNSRecords() async throws {
        let clusters = try await client.dynamic(MaasCluster.resourceType, namespace: namespace).list().items
        let names = clusters.compactMap { $0[path: ["status", "network", "dnsName"]]?.stringValue }
        guard !names.isEmpty else { return }
        try await maas.withClient { client in
            for name in names {
                for resource in try await client.dnsResources(fqdn: name) where resource.fqdn == name {
                    try await client.deleteDNSResource(id: resource.id)
                }
            }
        }
    }

    /// Releases machines still in use for this namespace; returns their "system_id (status)".
    @discardableResult
    public func releaseLeaks() async throws -> [String] {
        let leaked = try await maas.machinesInUse(namespace: namespace)
        guard !leaked.isEmpty else { return [] }
        try await maas.withClient { client in
            for node in leaked { _ = try? await client.release(systemID: node.systemID, ReleaseRequest(comment: "capmaas test cleanup")) }
        }
        return leaked.map { "\($0.systemID) (\($0.statusName))" }
    }

    /// The credentials Secret (`capmaas-manager-bootstrap-credentials`) in the test's namespace: the per-namespace
    /// override, so no test touches a shared namespace. Defaults: this MAAS and its admin key.
    public func storeCredentials(endpoint: String? = nil, key: String? = nil) async throws {
        _ = try await client.dynamic(.secret, namespace: namespace).create(Self.credentialsSecret(
            namespace: namespace, endpoint: endpoint ?? maas.baseURL, key: key ?? maas.adminKey))
    }

    public static func credentialsSecret(namespace: String, endpoint: String, key: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(MaasCredentialSettings.defaultSecretName), "namespace": .string(namespace)],
            "stringData": [
                MaasCredentialSettings.endpointKey: .string(endpoint), MaasCredentialSettings.apiKeyKey: .string(key),
            ],
        ]
    }

    /// Credentials settings that look only at the test's namespace (never the process environment, never a shared
    /// manager namespace).
    public var credentialSettings: MaasCredentialSettings {
        MaasCredentialSettings(managerNamespace: namespace, caFilePath: TestEnvironmentVariables.value("CAPMAAS_TEST_MAAS_CA_FILE"),
                               environment: [:])
    }

    /// Polls `condition` every 100 ms for up to `seconds` (a liveness bound, not a performance assertion).
    public static func eventually(_ seconds: Double = 60, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
