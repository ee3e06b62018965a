import Foundation
import KubeClient
import KubeCore
import Logging

/// Why a workload cluster's kubeconfig Secret could not be turned into a client.
public enum WorkloadClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Secret has no `data.value` (or it is not base64).
    case missingKubeconfig(secret: String)
    /// The kubeconfig in the Secret does not parse or lacks a required field.
    case invalidKubeconfig(secret: String, detail: String)
    /// The kubeconfig parsed but the client could not be built (bad TLS material).
    case clientUnavailable(secret: String, detail: String)

    public var description: String {
        switch self {
        case .missingKubeconfig(let secret): "Secret \(secret) has no base64 kubeconfig under data key \"value\""
        case .invalidKubeconfig(let secret, let detail): "Secret \(secret) holds an unusable kubeconfig: \(detail)"
        case .clientUnavailable(let secret, let detail): "cannot build a client from Secret \(secret): \(detail)"
        }
    }
}

/// `WorkloadClusterProviding` from the Cluster API `<cluster>-kubeconfig` Secret (data key `value`).
///
/// One client per cluster is cached together with the Secret's `resourceVersion`, so a rotated kubeconfig
/// replaces the client; `invalidate` drops and shuts down the cached client. The Secret is read again at most
/// once per `secretRecheckInterval` (not on every call), so many machines' Node steps share one read.
public actor SecretWorkloadClusters: WorkloadClusterProviding {
    private struct Entry {
        var resourceVersion: String?
        var client: KubeClient
        var checkedAt: Duration
    }

    private let management: KubeClient
    private let configuration: ClientConfiguration
    private let logger: Logger
    private var entries: [ObjectKey: Entry] = [:]
    private let secretRecheckInterval: Duration
    private let uptime: @Sendable () -> Duration

    /// - Parameters:
    ///   - management: reads the kubeconfig Secrets.
    ///   - configuration: tuning of the workload clients; short timeouts and no retries by default so a dead
    ///     workload API server costs a reconcile seconds, not minutes (20 QPS / 30 burst, as Cluster API's
    ///     cluster cache).
    ///   - secretRecheckInterval: how long a cached client is used before its Secret is read again (`.zero`: always).
    public init(
        management: KubeClient,
        configuration: ClientConfiguration = ClientConfiguration(
            qps: 20, burst: 30, connectTimeout: .seconds(5), requestTimeout: .seconds(10), maximumConnectionsPerHost: 4,
            retryPolicy: .none, userAgent: "capmaas-workload-client"),
        secretRecheckInterval: Duration = .seconds(10), uptime: @escaping @Sendable () -> Duration = SecretReadCache.processUptime,
        logger: Logger = Logger(label: "capmaas.workload-clusters")
    ) {
        self.management = management
        self.configuration = configuration
        self.secretRecheckInterval = secretRecheckInterval
        self.uptime = uptime
        self.logger = logger
    }

    /// The name of the kubeconfig Secret of a Cluster.
    public static func secretName(forCluster name: String) -> String { "\(name)-kubeconfig" }

    public func client(for cluster: ObjectKey) async throws -> KubeClient? {
        if let cached = entries[cluster], uptime() - cached.checkedAt < secretRecheckInterval { return cached.client }
        let secretName = Self.secretName(forCluster: cluster.name)
        let secret: JSONValue
        do {
            secret = try await management.dynamic(.secret, namespace: cluster.namespace).get(secretName)
        } catch let error as KubeError where error.isNotFound {
            await drop(cluster)
            return nil
        }
        let resourceVersion = secret[path: ["metadata", "resourceVersion"]]?.stringValue
        if var cached = entries[cluster], cached.resourceVersion == resourceVersion {
            cached.checkedAt = uptime()
            entries[cluster] = cached
            return cached.client
        }
        let label = "\(cluster.namespace ?? "default")/\(secretName)"
        let client = try Self.makeClient(secret: secret, label: label, configuration: configuration)
        await drop(cluster)
        entries[cluster] = Entry(resourceVersion: resourceVersion, client: client, checkedAt: uptime())
        return client
    }

    public func invalidate(_ cluster: ObjectKey) async {
        await drop(cluster)
    }

    /// Shuts down every cached client (manager shutdown).
    public func shutdownAll() async {
        for key in Array(entries.keys) { await drop(key) }
    }

    /// A client from a kubeconfig Secret object; `label` names the Secret in errors.
    static func makeClient(secret: JSONValue, label: String, configuration: ClientConfiguration) throws(WorkloadClusterError)
        -> KubeClient
    {
        guard let encoded = secret[path: ["data", "value"]]?.stringValue,
            let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), !data.isEmpty
        else { throw .missingKubeconfig(secret: label) }
        let config: KubeConfig
        do {
            config = try KubeConfig.fromKubeconfig(yaml: String(decoding: data, as: UTF8.self), source: "Secret \(label)")
        } catch {
            throw .invalidKubeconfig(secret: label, detail: error.description)
        }
        do {
            return try KubeClient(config: config, configuration: configuration)
        } catch {
            throw .clientUnavailable(secret: label, detail: String(describing: error))
        }
    }

    private func drop(_ cluster: ObjectKey) async {
        guard let entry = entries.removeValue(forKey: cluster) else { return }
        do {
            try await entry.client.shutdown()
        } catch {
            logger.debug("workload client shutdown failed", metadata: ["cluster": "\(cluster)", "error": "\(error)"])
        }
    }
}
