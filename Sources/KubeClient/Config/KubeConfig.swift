import Foundation

/// Everything needed to reach and authenticate to one API server.
///
/// Build it from a kubeconfig (`KubeConfig.load(...)`, `fromKubeconfig(path:context:)`,
/// `fromKubeconfig(yaml:source:context:)`), from in-cluster service-account files (`inCluster()`),
/// or directly (`KubeConfig(server:token:caPEM:)`). Secrets are never part of `description`.
public struct KubeConfig: Sendable, Equatable, CustomStringConvertible {
    /// How requests are authenticated.
    public enum Authentication: Sendable, Equatable {
        case none
        /// A fixed bearer token.
        case bearerToken(String)
        /// A bearer token read from a file and re-read at most every 60 s (rotated service-account tokens).
        case bearerTokenFile(path: String)
        /// HTTP basic authentication.
        case basic(username: String, password: String)
    }

    /// Base URL, e.g. `https://127.0.0.1:6443` (no trailing slash).
    public var server: String
    /// PEM bundle of trusted CA certificates; nil means the system trust store.
    public var certificateAuthorityPEM: String?
    /// Client certificate chain (PEM) for mutual TLS.
    public var clientCertificatePEM: String?
    /// Client private key (PEM) for mutual TLS.
    public var clientKeyPEM: String?
    /// Disables server certificate verification. False unless a kubeconfig sets it explicitly.
    public var insecureSkipTLSVerify: Bool
    /// Overrides the server name used for SNI and verification.
    public var tlsServerName: String?
    public var authentication: Authentication
    /// The default namespace of the context (or the service account's namespace in-cluster).
    public var namespace: String?

    public init(
        server: String, certificateAuthorityPEM: String? = nil, clientCertificatePEM: String? = nil,
        clientKeyPEM: String? = nil, insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil,
        authentication: Authentication = .none, namespace: String? = nil
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.authentication = authentication
        self.namespace = namespace
    }

    /// A base URL, a bearer token and an optional CA bundle (the sandbox API server's shape).
    public init(server: String, token: String?, caPEM: String?, namespace: String? = nil) {
        self.init(
            server: server, certificateAuthorityPEM: caPEM,
            authentication: token.map { .bearerToken($0) } ?? .none, namespace: namespace)
    }

    public var description: String {
        let auth: String
        switch authentication {
        case .none: auth = "none"
        case .bearerToken: auth = "bearer token"
        case .bearerTokenFile(let path): auth = "bearer token file \(path)"
        case .basic(let username, _): auth = "basic (\(username))"
        }
        return "KubeConfig(server: \(server), auth: \(auth), customCA: \(certificateAuthorityPEM != nil), "
            + "clientCert: \(clientCertificatePEM != nil), insecure: \(insecureSkipTLSVerify))"
    }
}

extension KubeConfig {
    /// The standard service-account directory mounted into pods.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Loads configuration with client-go's precedence:
    /// explicit path > `$KUBECONFIG` > in-cluster > `~/.kube/config`.
    ///
    /// - Parameters:
    ///   - explicitPath: a path given on the command line.
    ///   - context: a context name overriding `current-context`.
    ///   - environment: the process environment (injected for tests).
    ///   - serviceAccountDirectory: where in-cluster files live (injected for tests).
    public static func load(
        explicitPath: String? = nil, context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = KubeConfig.serviceAccountDirectory
    ) throws(KubeConfigError) -> KubeConfig {
        if let explicitPath, !explicitPath.isEmpty {
            return try fromKubeconfig(path: explicitPath, context: context)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            // client-go merges the list; we take the first file that exists (or the first, to report it).
            let paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            let chosen = paths.first { FileManager.default.fileExists(atPath: $0) } ?? paths.first ?? list
            return try fromKubeconfig(path: chosen, context: context)
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try inCluster(environment: environment, serviceAccountDirectory: serviceAccountDirectory)
        }
        if let home = environment["HOME"], !home.isEmpty {
            let path = home + "/.kube/config"
            if FileManager.default.fileExists(atPath: path) {
                return try fromKubeconfig(path: path, context: context)
            }
        }
        throw .noConfigurationFound(
            detail: "no --kubeconfig given, KUBECONFIG unset, not running in a cluster, and no ~/.kube/config")
    }

    /// In-cluster configuration from `KUBERNETES_SERVICE_HOST`/`_PORT` and the mounted service account.
    /// The token is referenced by path so rotated tokens are picked up.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = KubeConfig.serviceAccountDirectory
    ) throws(KubeConfigError) -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw .inClusterUnavailable(detail: "KUBERNETES_SERVICE_HOST is not set")
        }
        guard let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw .inClusterUnavailable(detail: "KUBERNETES_SERVICE_PORT is not set")
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let tokenPath = serviceAccountDirectory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw .inClusterUnavailable(detail: "cannot read service account token \(tokenPath)")
        }
        let caPath = serviceAccountDirectory + "/ca.crt"
        guard let ca = try? String(contentsOfFile: caPath, encoding: .utf8) else {
            throw .inClusterUnavailable(detail: "cannot read service account CA bundle \(caPath)")
        }
        let namespace = (try? String(contentsOfFile: serviceAccountDirectory + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return KubeConfig(
            server: "https://\(hostPart):\(port)", certificateAuthorityPEM: ca,
            authentication: .bearerTokenFile(path: tokenPath),
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Loads a kubeconfig file; relative file references resolve against the file's directory.
    public static func fromKubeconfig(path: String, context: String? = nil) throws(KubeConfigError) -> KubeConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileNotReadable(path: path) }
        let directory = (path as NSString).deletingLastPathComponent
        return try fromKubeconfig(
            yaml: String(decoding: data, as: UTF8.self), source: path, context: context,
            baseDirectory: directory.isEmpty ? "." : directory)
    }

    /// Parses kubeconfig YAML held in memory (e.g. a workload cluster's kubeconfig Secret).
    /// `source` names it in error messages.
    public static func fromKubeconfig(
        yaml: String, source: String = "<inline>", context: String? = nil, baseDirectory: String? = nil
    ) throws(KubeConfigError) -> KubeConfig {
        var parser = KubeconfigParser(source: source, baseDirectory: baseDirectory)
        return try parser.parse(yaml: yaml, context: context)
    }
}
