import KubeClient
import KubeCore
import Logging
import MaasClient
import ServiceLifecycle

/// `MaasConnectionProviding` from credentials Secrets (see ``MaasCredentialResolution``), caching one
/// `MaasHTTPClient` per (endpoint, key, TLS settings). A changed Secret yields a new client; the replaced one is
/// shut down once no namespace uses it. Run it as a `Service` so every client is shut down on stop.
///
/// Secrets are read at most once per `secretCacheTTL` per Secret (also when absent) while they resolve to usable
/// credentials, however many reconciles and polls ask meanwhile: a credentials change is picked up within the TTL,
/// and missing or malformed credentials are read again at the next attempt. Concurrent misses share one read.
/// (A watch would need list/watch on every Secret of every namespace; a short TTL keeps RBAC at `get`.)
public actor SecretMaasConnections: MaasConnectionProviding, Service {
    /// Cache identity; kept in memory only, never logged (it holds the key).
    private struct ClientKey: Hashable {
        var endpoint: String
        var apiKey: String
    }

    private let client: KubeClient
    private let settings: MaasCredentialSettings
    private let logger: Logger
    private let makeClient: @Sendable (MaasClientConfiguration) throws -> MaasHTTPClient
    private var clients: [ClientKey: MaasHTTPClient] = [:]
    private var keyByNamespace: [String: ClientKey] = [:]
    private var stopped = false
    private let secrets: SecretReadCache
    /// Default `secretCacheTTL`.
    public static let defaultSecretCacheTTL: Duration = .seconds(10)

    /// - Parameters:
    ///   - secretCacheTTL: how long a credentials Secret read (or its absence) is reused; `.zero` reads every time.
    ///   - uptime: monotonic time (injectable for tests).
    public init(
        client: KubeClient, settings: MaasCredentialSettings, logger: Logger = Logger(label: "capmaas.maas-connections"),
        secretCacheTTL: Duration = SecretMaasConnections.defaultSecretCacheTTL,
        uptime: @escaping @Sendable () -> Duration = SecretReadCache.processUptime
    ) {
        self.client = client
        self.settings = settings
        self.logger = logger
        self.makeClient = { try MaasHTTPClient(configuration: $0) }
        self.secrets = SecretReadCache(ttl: secretCacheTTL, uptime: uptime)
    }

    /// Failing passes are few (each backs off; polls never recheck), and concurrent re-reads of one Secret share one
    /// GET, so this costs at most a Secret read per failing pass.
    public func recheckCredentials(forNamespace namespace: String) async {
        await secrets.remove(ObjectKey(namespace: namespace, name: settings.secretName))
        await secrets.remove(ObjectKey(namespace: settings.managerNamespace, name: settings.managerSecretName))
    }

    public func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI {
        // Stopping, or the reconcile was cancelled: cancellation, never "missing credentials".
        guard !stopped, !Task.isCancelled else { throw .cancelled }
        let namespaceSecret = try await readSecret(namespace: namespace, name: settings.secretName)
        let managerSecret = namespaceSecret == nil
            ? try await readSecret(namespace: settings.managerNamespace, name: settings.managerSecretName) : nil
        let resolved: ResolvedMaasCredentials
        switch MaasCredentialResolution.resolve(
            namespace: namespace, namespaceSecret: namespaceSecret, managerSecret: managerSecret, settings: settings)
        {
        case .success(let credentials):
            resolved = credentials
        case .failure(let error):
            // Unusable credentials are not remembered: the Secret that fixes them counts at the next attempt.
            await recheckCredentials(forNamespace: namespace)
            throw error
        }
        let key = ClientKey(endpoint: resolved.endpoint, apiKey: resolved.apiKey)
        if let existing = clients[key] {
            remember(key, for: namespace)
            return existing
        }
        var configuration: MaasClientConfiguration
        do {
            configuration = try MaasClientConfiguration(endpoint: resolved.endpoint, apiKey: resolved.apiKey)
        } catch {
            throw .invalidCredentials("\(resolved.source): \(error)")
        }
        configuration.caFilePath = settings.caFilePath
        configuration.insecureSkipTLSVerify = settings.insecureSkipTLSVerify
        configuration.logger = logger
        let made: MaasHTTPClient
        do {
            made = try makeClient(configuration)
        } catch {
            throw .invalidCredentials("\(error)")
        }
        clients[key] = made
        remember(key, for: namespace)
        logger.info("MAAS client created", metadata: ["namespace": "\(namespace)", "maas": "\(resolved)"])
        return made
    }

    /// Waits for graceful shutdown, then shuts every cached client down.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutDownAll()
    }

    /// Shuts every cached client down; later `connection` calls fail.
    public func shutDownAll() async {
        stopped = true
        let all = Array(clients.values)
        clients = [:]
        keyByNamespace = [:]
        for client in all { try? await client.shutdown() }
    }

    private func remember(_ key: ClientKey, for namespace: String) {
        let previous = keyByNamespace.updateValue(key, forKey: namespace)
        guard let previous, previous != key, !keyByNamespace.values.contains(previous),
              let replaced = clients.removeValue(forKey: previous) else { return }
        logger.info("MAAS credentials changed; replacing the client", metadata: ["namespace": "\(namespace)"])
        Task { try? await replaced.shutdown() }  // in-flight calls on the old client may still finish
    }

    /// The Secret, nil when absent (or not readable by the manager's RBAC in that namespace); cached for the TTL.
    private func readSecret(namespace: String, name: String) async throws(MaasConnectionError) -> MaasCredentialSecret? {
        let client = client
        return try await secrets.value(for: ObjectKey(namespace: namespace, name: name)) { () async throws(MaasConnectionError) in
            try await Self.fetchSecret(client: client, namespace: namespace, name: name)
        }
    }

    private static func fetchSecret(client: KubeClient, namespace: String, name: String) async throws(MaasConnectionError)
        -> MaasCredentialSecret?
    {
        do {
            let json = try await client.dynamic(.secret, namespace: namespace).get(name)
            return MaasCredentialSecret(key: ObjectKey(namespace: namespace, name: name), json: json)
        } catch let error as KubeError where error.isNotFound || error.isForbidden {
            return nil
        } catch where MaasCancellation.isCancellation(error) {
            throw .cancelled
        } catch {
            throw .missingCredentials("cannot read Secret \(namespace)/\(name): \(error)")
        }
    }
}
