import ArgumentParser
import CapmaasCommandSupport
import Foundation
import KubeClient
import MaasProvider

/// `capmaas manager`: the controller manager as deployed in a pod.
struct ManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manager",
        abstract: "Run the MaasCluster and MaasMachine controllers against a management cluster.",
        discussion: """
            The MAAS API key is read from the credentials Secret (data keys MAAS_ENDPOINT and MAAS_API_KEY), with \
            MAAS_ENDPOINT / MAAS_API_KEY in the environment as a fallback. It is never accepted as a flag, \
            so it cannot leak through process listings.
            Durations use Go syntax: 90s, 10m, 2h, 1h30m.
            """)

    @Option(help: ArgumentHelp("Path to a kubeconfig. Default: $KUBECONFIG, then the in-cluster service account, then ~/.kube/config.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("Watch and reconcile objects in this namespace only (default: all namespaces).", valueName: "namespace"))
    var namespace: String?

    @Option(name: .customLong("watch-filter"), help: ArgumentHelp("Reconcile only objects labelled cluster.x-k8s.io/watch-filter=<value>.", valueName: "value"))
    var watchFilter: String?

    @Option(name: .customLong("maascluster-concurrency"), help: "MaasClusters reconciled in parallel.")
    var maasClusterConcurrency: Int = 10

    @Option(name: .customLong("maasmachine-concurrency"), help: "MaasMachines reconciled in parallel.")
    var maasMachineConcurrency: Int = 10

    @Option(name: .customLong("sync-period"), help: "How often every object is reconciled again even without changes.")
    var syncPeriod: String = "10m"

    @Flag(name: .customLong("leader-elect"), inversion: .prefixedNo, help: "Elect a leader (Lease capmaas-controller-leader-election) so only one replica reconciles.")
    var leaderElect: Bool = false

    @Option(name: .customLong("leader-elect-lease-duration"), help: "How long non-leaders wait before taking over an unrenewed lease.")
    var leaderElectLeaseDuration: String = "15s"

    @Option(name: .customLong("leader-elect-renew-deadline"), help: "How long the leader keeps trying to renew before giving up leadership.")
    var leaderElectRenewDeadline: String = "10s"

    @Option(name: .customLong("leader-elect-retry-period"), help: "Interval between lease acquire/renew attempts.")
    var leaderElectRetryPeriod: String = "2s"

    @Option(name: .customLong("leader-election-namespace"), help: ArgumentHelp("Namespace of the leader-election Lease (default: $POD_NAMESPACE, else capmaas-system).", valueName: "namespace"))
    var leaderElectionNamespace: String?

    @Option(name: .customLong("health-addr"), help: ArgumentHelp("Address of /healthz and /readyz.", valueName: "host:port"))
    var healthAddress: String = ":9440"

    @Option(name: .customLong("metrics-bind-addr"), help: ArgumentHelp("Address of /metrics; 0 disables the separate listener (metrics are then on --health-addr).", valueName: "host:port"))
    var metricsBindAddress: String = ":8080"

    @Option(name: .customLong("kube-api-qps"), help: "Client-side rate limit of Kubernetes API requests per second (Cluster API's own providers default to 100).")
    var kubeAPIQPS: Double = 100

    @Option(name: .customLong("kube-api-burst"), help: "Client-side burst of Kubernetes API requests.")
    var kubeAPIBurst: Int = 200

    @Option(name: .customLong("maas-endpoint"), help: ArgumentHelp("MAAS API URL, e.g. http://maas:5240/MAAS, used when the credentials Secret has none (env MAAS_ENDPOINT).", valueName: "url"))
    var maasEndpoint: String?

    @Option(name: .customLong("maas-credentials-secret"), help: ArgumentHelp("Secret holding the MAAS endpoint and API key; a Secret of the same name in an object's namespace overrides it.", valueName: "namespace/name"))
    var maasCredentialsSecret: String = "capmaas-system/capmaas-manager-bootstrap-credentials"

    @Option(name: .customLong("maas-ca-file"), help: ArgumentHelp("PEM CA bundle to verify MAAS's TLS certificate.", valueName: "path"))
    var maasCAFile: String?

    @Flag(name: .customLong("maas-insecure-skip-tls-verify"), help: "Do not verify MAAS's TLS certificate (testing only).")
    var maasInsecureSkipTLSVerify: Bool = false

    @Flag(name: .customLong("disable-swap"), inversion: .prefixedNo, help: "Set swap_size=0 on machines before deploying them (kubelet requires no swap).")
    var disableSwap: Bool = true

    @Option(name: .customLong("maas-poll-interval"), help: "Interval of the single MAAS list call that follows Deploying/Releasing machines.")
    var maasPollInterval: String = "5s"

    @OptionGroup var logging: LoggingOptions

    /// The manager configuration these flags describe; a malformed duration names its flag.
    func managerConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ManagerConfigurationError)
        -> ManagerConfiguration
    {
        func duration(_ text: String, _ flag: String) throws(ManagerConfigurationError) -> Duration {
            do {
                return try GoDuration.parse(text)
            } catch {
                throw ManagerConfigurationError(flag: flag, value: text, problem: error.problem, fix: "use e.g. 90s, 10m, 2h or 1h30m")
            }
        }
        var configuration = ManagerConfiguration()
        configuration.environment = environment
        configuration.kubeconfigPath = kubeconfig
        configuration.namespace = namespace
        configuration.watchFilter = watchFilter
        configuration.maasClusterConcurrency = maasClusterConcurrency
        configuration.maasMachineConcurrency = maasMachineConcurrency
        configuration.syncPeriod = try duration(syncPeriod, "--sync-period")
        configuration.leaderElect = leaderElect
        configuration.leaderElectLeaseDuration = try duration(leaderElectLeaseDuration, "--leader-elect-lease-duration")
        configuration.leaderElectRenewDeadline = try duration(leaderElectRenewDeadline, "--leader-elect-renew-deadline")
        configuration.leaderElectRetryPeriod = try duration(leaderElectRetryPeriod, "--leader-elect-retry-period")
        configuration.leaderElectionNamespace = leaderElectionNamespace
        configuration.healthAddress = healthAddress
        configuration.metricsBindAddress = metricsBindAddress
        configuration.kubeAPIQPS = kubeAPIQPS
        configuration.kubeAPIBurst = kubeAPIBurst
        configuration.maasEndpoint = maasEndpoint
        configuration.maasCredentialsSecret = maasCredentialsSecret
        configuration.maasCAFile = maasCAFile
        configuration.maasInsecureSkipTLSVerify = maasInsecureSkipTLSVerify
        configuration.disableSwap = disableSwap
        configuration.maasPollInterval = try duration(maasPollInterval, "--maas-poll-interval")
        configuration.logLevel = logging.level
        return configuration
    }

    func validate() throws {
        do {
            try managerConfiguration().validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        MallocTuning.apply(environment: ProcessInfo.processInfo.environment)
        let configuration: ManagerConfiguration
        do {
            configuration = try managerConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
        logging.bootstrap()
        let manager: ProviderManager
        do {
            manager = try ProviderManager(configuration: configuration)
        } catch let error as KubeConfigError {
            throw ManagerStartError(message: "cannot load the Kubernetes configuration: \(error.description); pass --kubeconfig or set KUBECONFIG")
        } catch let error as ManagerConfigurationError {
            throw ValidationError(error.description)
        }
        try await manager.run()
    }
}

/// A start-up failure, printed as `Error: <message>` with a non-zero exit.
struct ManagerStartError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
