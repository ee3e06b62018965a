import CAPIStandIn
import CapmaasCommandSupport
import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import Logging
import MaasProvider
import MaasSimulator
import ServiceLifecycle

/// Waits for the sandbox's servers, prepares the management cluster (CRDs, MAAS credentials Secret), then runs
/// the Cluster API stand-in and the provider's manager in a nested group that shuts down before the servers.
struct SandboxControllers: Service {
    let options: SandboxOptions
    let management: SandboxAPIServer
    let workload: SandboxAPIServer
    let maas: MaasSimulatorServer
    let maasPort: AsyncPort
    let logger: Logger

    static let credentialsNamespace = "capmaas-system"
    /// The kinds the Cluster API stand-in reconciles.
    static let standInCRDs: Set<String> = ["clusters.cluster.x-k8s.io", "machines.cluster.x-k8s.io"]
    static let credentialsSecret = "capmaas-manager-bootstrap-credentials"

    func run() async throws {
        let handle = try await management.handle()
        let workloadHandle = try await workload.handle()
        let maasHandle = maas.handle(port: try await maasPort.value())
        try handle.writeKubeconfig(to: options.kubeconfigPath)
        var accountKubeconfigs: [(account: SandboxServiceAccount, path: String)] = []
        for account in options.rbacServiceAccounts {
            accountKubeconfigs.append((account, try account.writeKubeconfig(handle: handle, besides: options.kubeconfigPath)))
        }
        var installed = Set<String>()
        for directory in options.crdDirectories {
            installed.formUnion(try handle.installCustomResourceDefinitions(fromDirectory: directory))
        }
        let fast = ClientConfiguration(qps: 500, burst: 1000)
        let client = try KubeClient(server: handle.baseURL, token: handle.token, caPEM: handle.caCertificatePEM, configuration: fast)
        let workloadClient = try KubeClient(
            server: workloadHandle.baseURL, token: workloadHandle.token, caPEM: workloadHandle.caCertificatePEM, configuration: fast)
        try await Self.storeMaasCredentials(client: client, endpoint: maasHandle.baseURL, key: maasHandle.adminKey)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        // Without the Cluster API CRDs the stand-in's caches never sync: it would only log 404s.
        if Self.standInCRDs.isSubset(of: installed) {
            services.append(.init(service: ClusterAPIStandIn(
                management: client,
                workload: WorkloadClusterAccess(client: workloadClient, kubeconfigYAML: workloadHandle.kubeconfigYAML(context: "workload")),
                logger: Logger(label: "capmaas.sandbox.capi-standin"))))
        } else {
            Console.say("Cluster API CRDs not installed (\(Self.standInCRDs.sorted().joined(separator: ", "))): the Cluster API stand-in does not run.")
        }
        if options.runController {
            var configuration = ManagerConfiguration()
            configuration.healthAddress = "127.0.0.1:0"
            configuration.metricsBindAddress = "0"  // /metrics shares the probe port
            configuration.maasPollInterval = options.pollInterval
            configuration.maasCredentialsSecret = "\(Self.credentialsNamespace)/\(Self.credentialsSecret)"
            let manager = try ProviderManager(configuration: configuration, client: client, logger: logger)
            services += manager.serviceConfigurations()
        }
        Console.say(banner(handle: handle, maas: maasHandle))
        for (account, path) in accountKubeconfigs {
            Console.say("RBAC-enforced kubeconfig for \(account.userName): \(path)")
        }

        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        let hasServices = !services.isEmpty
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                guard hasServices else {
                    try? await gracefulShutdown()  // nothing to run: serve until asked to stop
                    return true
                }
                try await withGracefulShutdownHandler {
                    try await group.run()
                } onGracefulShutdown: {
                    Task { await group.triggerGracefulShutdown() }  // bridges the synchronous callback
                }
                return true
            }
            if let exampleFile = options.exampleFile {
                tasks.addTask {
                    try await SandboxExample(client: client, maas: maasHandle, file: exampleFile).run()
                    return false
                }
            }
            // Once the controllers have stopped (graceful shutdown), the example is cancelled: its CancellationError
            // (or a cancelled request) is the expected end, not a failure — it used to make SIGTERM exit 1.
            var stopping = false
            while true {
                do {
                    guard let groupFinished = try await tasks.next() else { break }
                    if groupFinished {
                        stopping = true
                        tasks.cancelAll()
                    }
                } catch where stopping {
                    continue
                }
            }
        }
        try? await client.shutdown()
        try? await workloadClient.shutdown()
    }

    /// The credentials Secret the manager reads, pointing at the simulator with its admin key.
    static func storeMaasCredentials(client: KubeClient, endpoint: String, key: String) async throws {
        let namespaces = client.dynamic(.namespace)
        do {
            _ = try await namespaces.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(credentialsNamespace)]])
        } catch let error as KubeError where error.isAlreadyExists {}
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": ["name": .string(credentialsSecret), "namespace": .string(credentialsNamespace)],
            "stringData": ["MAAS_ENDPOINT": .string(endpoint), "MAAS_API_KEY": .string(key)],
        ]
        _ = try await client.dynamic(.secret, namespace: credentialsNamespace).create(secret)
    }

    func banner(handle: SandboxHandle, maas: SimulatorHandle) -> String {
        let controller = options.runController
            ? "the capmaas controller (in-process)"
            : "no controller: start one with `capmaas manager --kubeconfig \(options.kubeconfigPath)`"
        return """
        capmaas-sandbox is running:
          Kubernetes API   \(handle.baseURL)   (kubeconfig: \(options.kubeconfigPath))
          MAAS simulator   \(maas.baseURL)/api/2.0/   (state: \(maas.baseURL.replacingOccurrences(of: "/MAAS", with: ""))/_sim/state)
          Cluster API      stand-in for Cluster API core, workload cluster API server included
          controller       \(controller)

        Try:
          export KUBECONFIG=\(options.kubeconfigPath)
          kubectl get clusters,machines,maasclusters,maasmachines -A
          kubectl apply -f hack/examples/sandbox-cluster.yaml
          kubectl get maasmachines -n demo -w
          kubectl wait --for=condition=Ready maasmachines --all -n demo --timeout=180s
          kubectl describe maasmachine -n demo demo-control-plane-0
          kubectl delete cluster -n demo demo
        Press Ctrl-C to stop.
        """
    }
}
