import MaasSimulator
import ProviderTestSupport
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
@testable import MaasProvider
import ServiceLifecycle
import Testing

@Suite struct ProviderManagerTests {
    @Test func missingKubeconfigNamesTheFile() {
        var configuration = ManagerConfiguration()
        configuration.environment = [:]
        configuration.kubeconfigPath = "/nonexistent/kubeconfig"
        #expect(throws: KubeConfigError.fileNotReadable(path: "/nonexistent/kubeconfig")) {
            _ = try ProviderManager(configuration: configuration, connections: UnwiredMaasConnections())
        }
    }

    @Test func noConfigurationAnywhereSaysWhereItLooked() {
        var configuration = ManagerConfiguration()
        configuration.environment = ["HOME": "/nonexistent-home"]
        #expect {
            _ = try ProviderManager(configuration: configuration, connections: UnwiredMaasConnections())
        } throws: { error in
            (error as? KubeConfigError)?.description.contains("KUBECONFIG") == true
        }
    }

    @Test func invalidConfigurationIsRefusedBeforeAnythingStarts() {
        var configuration = ManagerConfiguration()
        configuration.environment = [:]
        configuration.syncPeriod = .zero
        #expect(throws: ManagerConfigurationError.self) {
            _ = try ProviderManager(configuration: configuration, connections: UnwiredMaasConnections())
        }
    }

    /// The whole manager in-process against the sandbox and the simulator, as `capmaas-sandbox` runs it.
    @Test func managerReconcilesAClusterInProcess() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            var configuration = ManagerConfiguration()
            configuration.environment = [:]
            configuration.healthAddress = "127.0.0.1:0"
            configuration.metricsBindAddress = "0"
            configuration.leaderElect = true
            configuration.leaderElectionNamespace = env.namespace
            configuration.namespace = env.namespace
            configuration.logLevel = .warning
            let manager = try ProviderManager(
                configuration: configuration, client: env.client, connections: env.context.connections)
            let group = ServiceGroup(configuration: .init(services: manager.serviceConfigurations(), logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await env.createCluster()
                var ready = false
                for _ in 0..<200 where !ready {
                    try await Task.sleep(for: .milliseconds(100))
                    ready = try await env.maasCluster().status?.ready == true
                }
                #expect(ready)
                #expect(manager.elector?.isLeader == true)
                let lease = try await env.client.api(Lease.self, namespace: env.namespace).get(ManagerConfiguration.leaseName)
                #expect(lease.spec?.holderIdentity == manager.elector?.configuration.identity)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await manager.shutdown()
        }
    }

    /// Default wiring: MAAS credentials come from the `--maas-credentials-secret` Secret (never a flag).
    @Test func managerReadsMaasCredentialsFromTheSecret() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            // The credentials Secret in the test's own namespace, named by the flag (never a shared namespace).
            _ = try await env.client.dynamic(.secret, namespace: env.namespace).create(ProviderTestEnvironment.credentialsSecret(
                namespace: env.namespace, endpoint: env.maas.baseURL, key: env.maas.adminKey))
            var configuration = ManagerConfiguration()
            configuration.environment = [:]
            configuration.healthAddress = "127.0.0.1:0"
            configuration.metricsBindAddress = "0"
            configuration.logLevel = .warning
            configuration.namespace = env.namespace
            configuration.maasCredentialsSecret = "\(env.namespace)/\(MaasCredentialSettings.defaultSecretName)"
            let manager = try ProviderManager(configuration: configuration, client: env.client)
            let group = ServiceGroup(configuration: .init(services: manager.serviceConfigurations(), logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await env.createCluster()
                var resourceID: Int?
                for _ in 0..<200 where resourceID == nil {
                    try await Task.sleep(for: .milliseconds(100))
                    resourceID = try await env.maasCluster().status?.network?.dnsResourceID
                }
                #expect(resourceID != nil)
                #expect(try await env.calls("dnsresources.create") ?? 1 == 1)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await manager.shutdown()
        }
    }
}
