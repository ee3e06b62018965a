import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import Logging

/// Where integration tests run: an in-process sandbox over HTTPS on 127.0.0.1 by default, or the cluster of
/// `CAPMAAS_TEST_KUBECONFIG` (loaded with `KubeConfig.fromKubeconfig(path:)`). Each body gets a fresh namespace
/// `capmaas-it-<random>` that is deleted afterwards; only namespaced objects are created in it.
struct IntegrationCluster: Sendable {
    let client: KubeClient
    let namespace: String
    /// The sandbox handle; nil against a real cluster (sandbox-only fault tests are skipped then).
    let sandbox: SandboxHandle?

    static let kubeconfigPath = ProcessInfo.processInfo.environment["CAPMAAS_TEST_KUBECONFIG"]
    static var isSandbox: Bool { kubeconfigPath == nil }

    /// A fast client for tests: no client-side throttling to speak of, short retries.
    static let testClientConfiguration = ClientConfiguration(
        qps: 500, burst: 1000, requestTimeout: .seconds(30),
        retryPolicy: RetryPolicy(maximumRetries: 3, initialDelay: .milliseconds(20), maximumDelay: .seconds(1)))

    static func with<T: Sendable>(
        _ sandboxConfiguration: SandboxConfiguration = .init(),
        clientConfiguration: ClientConfiguration = testClientConfiguration,
        _ body: (IntegrationCluster) async throws -> T
    ) async throws -> T {
        if let path = kubeconfigPath {
            let config = try KubeConfig.fromKubeconfig(path: path)
            return try await run(config: config, sandbox: nil, clientConfiguration: clientConfiguration, body)
        }
        return try await Sandbox.withRunning(sandboxConfiguration, logger: quietLogger()) { handle in
            let config = try KubeConfig.fromKubeconfig(yaml: handle.kubeconfigYAML())
            return try await run(config: config, sandbox: handle, clientConfiguration: clientConfiguration, body)
        }
    }

    private static func run<T: Sendable>(
        config: KubeConfig, sandbox: SandboxHandle?, clientConfiguration: ClientConfiguration,
        _ body: (IntegrationCluster) async throws -> T
    ) async throws -> T {
        let client = try KubeClient(config: config, configuration: clientConfiguration, logger: quietLogger())
        let namespace = "capmaas-it-" + UUID().uuidString.lowercased().prefix(8)
        let namespaces = client.dynamic(.namespace)
        do {
            _ = try await namespaces.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
            let result = try await body(IntegrationCluster(client: client, namespace: namespace, sandbox: sandbox))
            _ = try? await namespaces.delete(namespace)
            try await client.shutdown()
            return result
        } catch {
            _ = try? await namespaces.delete(namespace)
            try? await client.shutdown()
            throw error
        }
    }

    /// A second client on the same server (e.g. a second controller process).
    func makeClient(_ configuration: ClientConfiguration = testClientConfiguration) throws -> KubeClient {
        try KubeClient(config: client.config, configuration: configuration, logger: quietLogger())
    }

    var configMaps: Api<ConfigMap> { client.api(ConfigMap.self, namespace: namespace) }

    /// Polls `condition` every 50 ms for up to `seconds`; returns whether it held.
    func eventually(seconds: Double = 15, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}

func quietLogger() -> Logger {
    var logger = Logger(label: "kube-integration")
    logger.logLevel = ProcessInfo.processInfo.environment["CAPMAAS_TEST_LOG"] == "1" ? .debug : .critical
    return logger
}

/// Runs `body` and returns the `KubeError` it threw (nil when it did not throw a KubeError).
func kubeError(_ body: () async throws -> Void) async -> KubeError? {
    do {
        try await body()
        return nil
    } catch let error as KubeError {
        return error
    } catch {
        return nil
    }
}
