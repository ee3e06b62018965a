import Foundation
import MaasClient

/// Everything `capmaas check` was given.
public struct PreflightOptions: Sendable {
    public var endpoint: String?
    /// The key text; never printed.
    public var apiKey: String?
    public var caFilePath: String?
    public var insecureSkipTLSVerify: Bool
    /// Connect and per-request timeout.
    public var timeout: Duration
    public var manifests: PreflightManifests

    public init(endpoint: String?, apiKey: String?, caFilePath: String? = nil, insecureSkipTLSVerify: Bool = false,
                timeout: Duration = .seconds(10), manifests: PreflightManifests = PreflightManifests()) {
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.caFilePath = caFilePath
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.timeout = timeout
        self.manifests = manifests
    }
}

/// The whole preflight: local checks (endpoint, key shape, manifests), then `PreflightRunner` over a real client.
public enum Preflight {
    public static func run(_ options: PreflightOptions) async -> [PreflightResult] {
        let (endpointResult, endpoint) = ConnectionChecks.endpoint(options.endpoint)
        let (keyResult, credentials) = ConnectionChecks.apiKey(options.apiKey)
        var results = [endpointResult, keyResult] + manifestResults(options.manifests)
        guard let endpoint else {
            results.append(PreflightResult(.reachability, .skip, "not checked: no valid endpoint"))
            return results
        }
        // The anonymous version/ call still runs without a usable key; these credentials are never sent.
        let placeholder = MaasCredentials(consumerKey: "none", tokenKey: "none", tokenSecret: "none")
        var configuration = MaasClientConfiguration(endpoint: endpoint, credentials: credentials ?? placeholder)
        configuration.caFilePath = options.caFilePath
        configuration.insecureSkipTLSVerify = options.insecureSkipTLSVerify
        configuration.connectTimeout = options.timeout
        configuration.requestTimeout = options.timeout
        configuration.retryPolicy = .none  // report what happens, promptly
        let client: MaasHTTPClient
        do {
            client = try MaasHTTPClient(configuration: configuration)
        } catch {
            results.append(PreflightResult(.reachability, .fail, "\(error)",
                                           fix: "--maas-ca-file must be a readable PEM file of CA certificates"))
            return results
        }
        let runner = PreflightRunner(api: client, extras: MaasHTTPPreflightExtras(client: client))
        results += await runner.run(endpoint: endpoint, hasCredentials: credentials != nil, manifests: options.manifests)
        try? await client.shutdown()
        return results
    }

    /// A FAIL per manifest problem, or one PASS summarising what was read.
    public static func manifestResults(_ manifests: PreflightManifests) -> [PreflightResult] {
        if !manifests.problems.isEmpty {
            return manifests.problems.map {
                PreflightResult(.manifest, .fail, ($0.field.map { "\($0): " } ?? "") + $0.message,
                                subject: "\($0.source)", fix: fix(for: $0))
            }
        }
        if manifests.isEmpty { return [] }
        let counts = [
            (manifests.clusters.count, "Cluster"), (manifests.maasClusters.count, "MaasCluster"),
            (manifests.maasMachines.count, "MaasMachine"), (manifests.maasMachineTemplates.count, "MaasMachineTemplate"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return [PreflightResult(.manifest, .pass, "read " + counts.joined(separator: ", "))]
    }

    static func fix(for problem: ManifestProblem) -> String? {
        if problem.message.hasPrefix("unresolved clusterctl variable") {
            return "render the template first (clusterctl generate cluster … > cluster.yaml) with the variable set"
        }
        return nil
    }
}
