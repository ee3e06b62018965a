import Foundation
import KubeCore
import Logging

/// Every setting of `capmaas manager` (one field per flag), with the controller-runtime / CAPD defaults.
public struct ManagerConfiguration: Sendable {
    /// `--kubeconfig`: explicit kubeconfig; else `KUBECONFIG`, in-cluster, `~/.kube/config`.
    public var kubeconfigPath: String?
    /// `--namespace`: watch only this namespace.
    public var namespace: String?
    /// `--watch-filter`: only objects labelled `cluster.x-k8s.io/watch-filter=<value>`.
    public var watchFilter: String?
    public var maasClusterConcurrency = 10
    public var maasMachineConcurrency = 10
    public var syncPeriod: Duration = .seconds(600)
    public var leaderElect = false
    public var leaderElectLeaseDuration: Duration = .seconds(15)
    public var leaderElectRenewDeadline: Duration = .seconds(10)
    public var leaderElectRetryPeriod: Duration = .seconds(2)
    /// `--leader-election-namespace`; else `POD_NAMESPACE`, else `capmaas-system`.
    public var leaderElectionNamespace: String?
    /// `--health-addr` (`/healthz`, `/readyz`).
    public var healthAddress = ":9440"
    /// `--metrics-bind-addr`; `0` disables the separate metrics listener.
    public var metricsBindAddress = ":8080"
    /// As Cluster API's Docker provider (CAPD): at controller-runtime's 20/30, a hundred machines deploying at once
    /// wait seconds for their Ready write behind the client's own rate limit (the API server has Priority and Fairness).
    public var kubeAPIQPS: Double = 100
    public var kubeAPIBurst = 200
    /// `--maas-endpoint` (or `MAAS_ENDPOINT`): used when the credentials Secret has no endpoint.
    public var maasEndpoint: String?
    /// `--maas-credentials-secret` as `namespace/name`.
    public var maasCredentialsSecret = "capmaas-system/capmaas-manager-bootstrap-credentials"
    public var maasCAFile: String?
    public var maasInsecureSkipTLSVerify = false
    public var disableSwap = true
    public var maasPollInterval: Duration = .seconds(5)
    public var logLevel: Logger.Level = .info
    /// The process environment (injected by tests): `KUBECONFIG`, `POD_NAMESPACE`, `MAAS_ENDPOINT`, `MAAS_API_KEY`.
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Name of the leader-election Lease.
    public static let leaseName = "capmaas-controller-leader-election"
    /// Component name of the Events the manager publishes.
    public static let eventComponent = "capmaas-controller-manager"

    public init() {}

    /// Where the leader-election Lease lives.
    public var resolvedLeaderElectionNamespace: String {
        for candidate in [leaderElectionNamespace, environment["POD_NAMESPACE"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "capmaas-system"
    }

    /// The MAAS endpoint from the flag, else `MAAS_ENDPOINT`.
    public var resolvedMaasEndpoint: String? {
        for candidate in [maasEndpoint, environment["MAAS_ENDPOINT"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return nil
    }

    /// `--maas-credentials-secret` as a key.
    public var credentialsSecretKey: ObjectKey? {
        let parts = maasCredentialsSecret.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return ObjectKey(namespace: String(parts[0]), name: String(parts[1]))
    }

    /// The controllers' options.
    public var providerOptions: ProviderOptions {
        var options = ProviderOptions()
        options.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        options.watchFilter = watchFilter.flatMap { $0.isEmpty ? nil : $0 }
        options.maasClusterConcurrency = maasClusterConcurrency
        options.maasMachineConcurrency = maasMachineConcurrency
        options.syncPeriod = syncPeriod
        options.disableSwap = disableSwap
        options.maasPollInterval = maasPollInterval
        return options
    }

    /// Checks every setting; the error names the flag, the problem and the fix.
    public func validate() throws(ManagerConfigurationError) {
        func fail(_ flag: String, _ value: Any, _ problem: String, _ fix: String) -> ManagerConfigurationError {
            ManagerConfigurationError(flag: flag, value: "\(value)", problem: problem, fix: fix)
        }
        if maasClusterConcurrency < 1 {
            throw fail("--maascluster-concurrency", maasClusterConcurrency, "must be at least 1", "the default is 10")
        }
        if maasMachineConcurrency < 1 {
            throw fail("--maasmachine-concurrency", maasMachineConcurrency, "must be at least 1", "the default is 10")
        }
        if syncPeriod < .seconds(1) {
            throw fail("--sync-period", GoDuration.format(syncPeriod), "must be at least 1s", "use e.g. 10m (the default)")
        }
        if maasPollInterval < .seconds(1) {
            throw fail("--maas-poll-interval", GoDuration.format(maasPollInterval), "must be at least 1s", "use e.g. 5s (the default)")
        }
        if !(kubeAPIQPS > 0) {
            throw fail("--kube-api-qps", kubeAPIQPS, "must be greater than 0", "the default is 100")
        }
        if kubeAPIBurst < 1 {
            throw fail("--kube-api-burst", kubeAPIBurst, "must be at least 1", "the default is 200")
        }
        if leaderElect {
            if leaderElectRetryPeriod <= .zero {
                throw fail("--leader-elect-retry-period", GoDuration.format(leaderElectRetryPeriod), "must be positive", "the default is 2s")
            }
            if leaderElectRenewDeadline <= leaderElectRetryPeriod * 1.2 {
                throw fail(
                    "--leader-elect-renew-deadline", GoDuration.format(leaderElectRenewDeadline),
                    "must be greater than 1.2 × --leader-elect-retry-period (\(GoDuration.format(leaderElectRetryPeriod)))",
                    "raise it or lower the retry period (defaults 10s and 2s)")
            }
            if leaderElectLeaseDuration <= leaderElectRenewDeadline {
                throw fail(
                    "--leader-elect-lease-duration", GoDuration.format(leaderElectLeaseDuration),
                    "must be greater than --leader-elect-renew-deadline (\(GoDuration.format(leaderElectRenewDeadline)))",
                    "raise it (defaults 15s and 10s)")
            }
        }
        _ = try ListenAddress.parse(healthAddress, flag: "--health-addr")
        _ = try ListenAddress.parse(metricsBindAddress, flag: "--metrics-bind-addr")
        if healthAddress.trimmingCharacters(in: .whitespaces) == "0" {
            throw fail("--health-addr", healthAddress, "the probes cannot be disabled", "use :PORT or HOST:PORT, e.g. :9440")
        }
        if credentialsSecretKey == nil {
            throw fail("--maas-credentials-secret", maasCredentialsSecret, "expected NAMESPACE/NAME",
                       "e.g. capmaas-system/capmaas-manager-bootstrap-credentials")
        }
        if let endpoint = resolvedMaasEndpoint {
            let lowered = endpoint.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), URL(string: endpoint)?.host != nil else {
                throw fail(maasEndpoint == nil ? "MAAS_ENDPOINT" : "--maas-endpoint", endpoint, "not an http(s) URL",
                           "use e.g. http://maas.example.com:5240/MAAS")
            }
        }
        if let file = maasCAFile, !file.isEmpty, !FileManager.default.isReadableFile(atPath: file) {
            throw fail("--maas-ca-file", file, "the file does not exist or is not readable", "give the path of a PEM CA bundle")
        }
        if let namespace, !namespace.isEmpty, !Self.isDNSLabel(namespace) {
            throw fail("--namespace", namespace, "not a valid namespace name", "use lowercase letters, digits and '-'")
        }
    }

    static func isDNSLabel(_ text: String) -> Bool {
        guard (1...63).contains(text.count), let first = text.first, let last = text.last else { return false }
        let valid = text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return valid && first != "-" && last != "-"
    }
}
