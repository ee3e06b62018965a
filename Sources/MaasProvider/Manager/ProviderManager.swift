import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The provider's controller manager: the management-cluster client, Events, MAAS connections, workload
/// clusters, and one `ServiceGroup` running the health/metrics server, the leader elector (optional) and the
/// MaasCluster and MaasMachine controllers (after election).
///
/// ```swift
/// // capmaas manager
/// try await ProviderManager(configuration: configuration).run()
/// // in-process (sandbox, tests): add the services to your own ServiceGroup
/// let manager = try ProviderManager(configuration: configuration, client: sandboxClient, connections: fixed)
/// let services = manager.serviceConfigurations()
/// ```
public final class ProviderManager: Sendable {
    public let configuration: ManagerConfiguration
    /// The management-cluster client.
    public let client: KubeClient
    /// What the controllers share.
    public let context: ProviderContext
    /// The health and metrics server (its `boundPorts` tell the ports when configured with port 0).
    public let healthServer: HealthAndMetricsServer
    /// The leader elector, when `--leader-elect` is on.
    public let elector: LeaderElector<ContinuousClock>?
    private let configurations: [ServiceGroupConfiguration.ServiceConfiguration]
    private let workloads: SecretWorkloadClusters
    private let electionClient: KubeClient?
    /// Events go through their own client (own rate limiter), as controller-runtime's recorder does, so that
    /// publishing them never eats into the controllers' request budget.
    private let eventsClient: KubeClient?
    private let ownsClient: Bool
    private let logger: Logger

    /// Builds the manager; nothing runs until `run()` (or the services are run by a caller's `ServiceGroup`).
    ///
    /// - Parameters:
    ///   - configuration: the settings (validated here).
    ///   - client: a management-cluster client to use instead of loading the kube config (kept open on shutdown).
    ///   - connections: the MAAS connection resolver; default: the credentials Secret / flags / environment.
    ///   - registry: Prometheus registry served on `/metrics`; default: `MetricsBootstrap.prometheusRegistry()`.
    /// - Throws: `ManagerConfigurationError`, `KubeConfigError` (naming the file and field), or `KubeError`.
    public init(
        configuration: ManagerConfiguration, client: KubeClient? = nil, connections: (any MaasConnectionProviding)? = nil,
        registry: PrometheusCollectorRegistry? = nil, logger: Logger? = nil
    ) throws {
        try configuration.validate()
        var logger = logger ?? Logger(label: "capmaas")
        logger.logLevel = configuration.logLevel
        self.logger = logger
        self.configuration = configuration
        // The User-Agent carries the leader-election identity so API server audit logs tell replicas apart.
        let identity = LeaderElectionStateMachine.Configuration.defaultIdentity()
        let clientConfiguration = ClientConfiguration(
            qps: configuration.kubeAPIQPS, burst: configuration.kubeAPIBurst,
            userAgent: "\(ManagerConfiguration.eventComponent) (\(identity))")
        let management: KubeClient
        if let client {
            management = client
            ownsClient = false
        } else {
            let kubeConfig = try KubeConfig.load(explicitPath: configuration.kubeconfigPath, environment: configuration.environment)
            management = try KubeClient(config: kubeConfig, configuration: clientConfiguration, logger: logger)
            ownsClient = true
        }
        self.client = management
        let workloads = SecretWorkloadClusters(management: management, logger: logger)
        self.workloads = workloads
        let eventsClient = client == nil
            ? try KubeClient(config: management.config, configuration: clientConfiguration, logger: logger) : nil
        self.eventsClient = eventsClient
        let recorder = EventRecorder(
            client: eventsClient ?? management, component: ManagerConfiguration.eventComponent, logger: logger)
        let resolvedConnections = try connections ?? Self.defaultConnections(configuration, client: management, logger: logger)
        let context = ProviderContext(
            client: management, connections: resolvedConnections, workloads: workloads, recorder: recorder,
            options: configuration.providerOptions, logger: logger)
        self.context = context

        let elector: LeaderElector<ContinuousClock>?
        if configuration.leaderElect {
            // controller-runtime: one hung request must not cost the lease (timeout max(renewDeadline/2, 1s)).
            var electionConfiguration = clientConfiguration
            electionConfiguration.requestTimeout = max(configuration.leaderElectRenewDeadline / 2, .seconds(1))
            let electionClient = try KubeClient(config: management.config, configuration: electionConfiguration, logger: logger)
            self.electionClient = electionClient
            elector = LeaderElector<ContinuousClock>(
                client: electionClient, leaseName: ManagerConfiguration.leaseName,
                namespace: configuration.resolvedLeaderElectionNamespace,
                configuration: .init(
                    identity: identity,
                    leaseDuration: configuration.leaderElectLeaseDuration, renewDeadline: configuration.leaderElectRenewDeadline,
                    retryPeriod: configuration.leaderElectRetryPeriod),
                logger: logger)
        } else {
            electionClient = nil
            elector = nil
        }
        self.elector = elector
        var waitForLeadership: (@Sendable () async throws -> Void)?
        if let elector { waitForLeadership = { try await elector.waitUntilElected() } }
        let shared = ProviderReflectors.shared(
            client: management, options: configuration.providerOptions, clock: ContinuousClock(), logger: logger)
        let clusterController = MaasClusterControllerSetup.controller(context, waitForLeadership: waitForLeadership, shared: shared)
        let machines = Self.machineControllers(context, waitForLeadership: waitForLeadership, shared: shared)
        let probe = try ListenAddress.parse(configuration.healthAddress, flag: "--health-addr")
            ?? ListenAddress(host: "0.0.0.0", port: 9440)
        // "0" disables the metrics listener: /metrics is then served on the probe address only.
        let metrics = try ListenAddress.parse(configuration.metricsBindAddress, flag: "--metrics-bind-addr") ?? probe
        let healthServer = HealthAndMetricsServer(
            registry: registry ?? MetricsBootstrap.prometheusRegistry(), metricsHost: metrics.host, metricsPort: metrics.port,
            probeHost: probe.host, probePort: probe.port,
            readinessChecks: [
                .init("caches-synced") {
                    // A standby replica is ready (it serves metrics); the leader once its caches are synced.
                    if let elector, !elector.isLeader { return true }
                    return clusterController.hasSynced && machines.hasSynced()
                }
            ],
            livenessChecks: [.init("ping") { true }], logger: logger)
        self.healthServer = healthServer

        var configurations: [ServiceGroupConfiguration.ServiceConfiguration] = [
            // First, so it stops last: probes and metrics stay up during shutdown.
            .init(service: healthServer, successTerminationBehavior: .gracefullyShutdownGroup,
                  failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "health-and-metrics")
        ]
        if let elector {
            // Losing the lease cancels everything at once; the process exits non-zero and is restarted.
            configurations.append(.init(service: elector, successTerminationBehavior: .ignore,
                                        failureTerminationBehavior: .cancelGroup, serviceName: "leader-election"))
        }
        if let connectionService = resolvedConnections as? any Service {
            // Before the controllers, so it stops after them (it closes the MAAS clients).
            configurations.append(.init(service: connectionService, successTerminationBehavior: .ignore,
                                        failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "maas-connections"))
        }
        // Caches fill before election; workers (and the MAAS poller) start once elected.
        let controllers: [any Service] = [clusterController] + machines.services
        for (index, controller) in controllers.enumerated() {
            configurations.append(.init(service: controller, successTerminationBehavior: .ignore,
                                        failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "controller-\(index)"))
        }
        self.configurations = configurations
    }

    /// The services, in start order (health server first).
    public func services() -> [any Service] { configurations.map(\.service) }

    /// The services with their termination behaviours (lease loss cancels the group), for a caller's `ServiceGroup`.
    public func serviceConfigurations() -> [ServiceGroupConfiguration.ServiceConfiguration] { configurations }

    /// Runs until SIGTERM/SIGINT (graceful, at most 30 s) or a lost lease (immediate, throws
    /// `LeaderElectionLost`), then closes the clients.
    public func run() async throws {
        var groupConfiguration = ServiceGroupConfiguration(
            services: configurations, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(30)
        let group = ServiceGroup(configuration: groupConfiguration)
        logger.info("starting capmaas manager", metadata: [
            "namespace": "\(configuration.namespace ?? "<all>")", "leaderElect": "\(configuration.leaderElect)",
            "server": "\(client.config.server)",
        ])
        do {
            try await group.run()
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
    }

    /// Closes the workload clients and the clients this manager created.
    public func shutdown() async {
        await workloads.shutdownAll()
        try? await electionClient?.shutdown()
        try? await eventsClient?.shutdown()
        if ownsClient { try? await client.shutdown() }
    }
}
