import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import Logging

/// Where a provider integration test talks to Kubernetes: an in-process sandbox API server (default) with the CRDs
/// of `crds/` and `crds/capi-standin/`, or the management cluster of `CAPMAAS_TEST_KUBECONFIG` (CRDs installed when
/// missing). Every test gets its own namespace `capmaas-it-<8 hex>`; it is emptied and deleted afterwards.
public struct TestKube: Sendable {
    public let client: KubeClient
    /// This test's namespace (unique; never shared with another test).
    public let namespace: String
    /// The in-process sandbox; nil against an external cluster.
    public let sandbox: SandboxHandle?
    /// A kubeconfig for this API server (the sandbox's, or the file of `CAPMAAS_TEST_KUBECONFIG`): lets the management
    /// cluster play a workload cluster in tests.
    public let kubeconfigYAML: String

    /// `CAPMAAS_TEST_KUBECONFIG`, when set and not empty.
    public static let externalKubeconfigPath: String? = TestEnvironmentVariables.value("CAPMAAS_TEST_KUBECONFIG")
    /// Whether tests run against an external cluster.
    public static var isExternal: Bool { externalKubeconfigPath != nil }

    /// The repository root (for `crds/`).
    public static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// Directories of the CRDs every provider test needs.
    public static var crdDirectories: [String] { [repositoryRoot + "/crds", repositoryRoot + "/crds/capi-standin"] }

    /// A fast client for tests: no client-side throttling to speak of, short retries.
    public static let clientConfiguration = ClientConfiguration(
        qps: 500, burst: 1000, requestTimeout: .seconds(30),
        retryPolicy: RetryPolicy(maximumRetries: 3, initialDelay: .milliseconds(20), maximumDelay: .seconds(1)))

    /// Runs `body` with a fresh namespace on the sandbox or the external cluster.
    public static func with<T: Sendable>(_ body: (TestKube) async throws -> T) async throws -> T {
        if let path = externalKubeconfigPath {
            let yaml = try String(contentsOfFile: path, encoding: .utf8)
            let client = try KubeClient(
                config: KubeConfig.fromKubeconfig(path: path), configuration: clientConfiguration, logger: testLogger("kube"))
            do {
                try await ExternalCRDs.shared.ensureInstalled(client: client, directories: crdDirectories)
                let result = try await run(client: client, sandbox: nil, kubeconfigYAML: yaml, body)
                try? await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
        return try await Sandbox.withRunning(SandboxConfiguration(), logger: testLogger("sandbox")) { handle in
            for directory in crdDirectories { try handle.installCustomResourceDefinitions(fromDirectory: directory) }
            let client = try KubeClient(
                config: KubeConfig.fromKubeconfig(yaml: handle.kubeconfigYAML()), configuration: clientConfiguration,
                logger: testLogger("kube"))
            do {
                let result = try await run(client: client, sandbox: handle, kubeconfigYAML: handle.kubeconfigYAML(), body)
                try? await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    private static func run<T: Sendable>(
        client: KubeClient, sandbox: SandboxHandle?, kubeconfigYAML: String, _ body: (TestKube) async throws -> T
    ) async throws -> T {
        let kube = TestKube(
            client: client, namespace: "capmaas-it-" + UUID().uuidString.lowercased().prefix(8), sandbox: sandbox,
            kubeconfigYAML: kubeconfigYAML)
        try await kube.createNamespace(kube.namespace)
        do {
            let result = try await body(kube)
            await kube.cleanUp()
            return result
        } catch {
            await kube.cleanUp()
            throw error
        }
    }

    /// Creates a namespace (tests create only their own).
    public func createNamespace(_ name: String) async throws {
        _ = try await client.dynamic(.namespace).create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }

    /// Test objects still holding finalizers would keep the namespace in Terminating on a real cluster: the
    /// finalizers are dropped (MAAS leaks are checked before this, against MAAS itself), then the namespace is deleted.
    func cleanUp() async {
        for type in TestResourceTypes.withFinalizers {
            let api = client.dynamic(type, namespace: namespace)
            guard let items = try? await api.list().items else { continue }
            for item in items {
                guard let name = item["metadata"]?["name"]?.stringValue, item["metadata"]?["finalizers"] != nil else { continue }
                _ = try? await api.patch(name, .merge(["metadata": ["finalizers": .null]]))
            }
        }
        _ = try? await client.dynamic(.namespace).delete(namespace)
    }
}

/// Reads the test environment variables (empty counts as unset).
public enum TestEnvironmentVariables {
    public static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty
        else { return nil }
        return value
    }
}

/// A logger for test infrastructure: quiet unless `CAPMAAS_TEST_LOG=1`.
public func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = TestEnvironmentVariables.value("CAPMAAS_TEST_LOG") == "1" ? .debug : .critical
    return logger
}
