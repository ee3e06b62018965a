import Logging
import Foundation
import KubeCore
import MaasClient

/// Where MAAS credentials are looked for (flags of `capmaas manager`).
public struct MaasCredentialSettings: Sendable, Hashable {
    /// Secret name looked up in the object's namespace (per-namespace override) and in the manager's namespace.
    public var secretName: String
    /// Namespace of the manager's own credentials Secret.
    public var managerNamespace: String
    /// Name of the manager's own credentials Secret (defaults to `secretName`).
    public var managerSecretName: String
    /// PEM CA bundle for a MAAS served over HTTPS with a private CA (`--maas-ca-file`).
    public var caFilePath: String?
    /// Skip TLS verification (`--maas-insecure-skip-tls-verify`); off by default.
    public var insecureSkipTLSVerify: Bool
    /// The process environment (fallback `MAAS_ENDPOINT`/`MAAS_API_KEY`).
    public var environment: [String: String]

    public static let defaultSecretName = "capmaas-manager-bootstrap-credentials"
    public static let endpointKey = "MAAS_ENDPOINT"
    public static let apiKeyKey = "MAAS_API_KEY"

    public init(
        secretName: String = MaasCredentialSettings.defaultSecretName, managerNamespace: String = "capmaas-system",
        managerSecretName: String? = nil, caFilePath: String? = nil, insecureSkipTLSVerify: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.secretName = secretName
        self.managerNamespace = managerNamespace
        self.managerSecretName = managerSecretName ?? secretName
        self.caFilePath = caFilePath
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.environment = environment
    }
}

/// A credentials Secret as read from the API: its key and its raw (base64) `data`.
public struct MaasCredentialSecret: Sendable, Hashable {
    public var key: ObjectKey
    /// `data` as stored (base64 values).
    public var data: [String: String]

    public init(key: ObjectKey, data: [String: String]) {
        self.key = key
        self.data = data
    }

    /// From a Secret's JSON (`data` values base64).
    public init(key: ObjectKey, json: JSONValue) {
        var data: [String: String] = [:]
        for (name, value) in json["data"]?.objectValue ?? [:] {
            if let text = value.stringValue { data[name] = text }
        }
        self.init(key: key, data: data)
    }
}

/// Usable credentials and where they came from. `description` never shows the key.
public struct ResolvedMaasCredentials: Sendable, Hashable, CustomStringConvertible {
    public var endpoint: String
    public var apiKey: String
    /// e.g. `Secret capmaas-system/capmaas-manager-bootstrap-credentials` or `environment`.
    public var source: String

    public var description: String { "MAAS \(endpoint) (credentials from \(source))" }
}

/// Pure credentials resolution: the namespace Secret, else the manager's Secret, else the environment.
/// A Secret that exists but is malformed is an error (no silent fallback to other credentials).
public enum MaasCredentialResolution {
    public static func resolve(
        namespace: String, namespaceSecret: MaasCredentialSecret?, managerSecret: MaasCredentialSecret?,
        settings: MaasCredentialSettings
    ) -> Result<ResolvedMaasCredentials, MaasConnectionError> {
        if let secret = namespaceSecret ?? managerSecret { return fromSecret(secret) }
        let env = settings.environment
        let endpoint = env[MaasCredentialSettings.endpointKey].nonEmpty ?? env["MAAS_API_URL"].nonEmpty
        let apiKey = env[MaasCredentialSettings.apiKeyKey].nonEmpty ?? env["MAAS_API_TOKEN"].nonEmpty
        switch (endpoint, apiKey) {
        case (nil, nil):
            return .failure(.missingCredentials(
                "no Secret \(settings.secretName) in namespace \(namespace) or Secret \(settings.managerSecretName) in namespace \(settings.managerNamespace), and MAAS_ENDPOINT/MAAS_API_KEY are not set"))
        case (nil, _):
            return .failure(.missingCredentials("environment variable MAAS_ENDPOINT is not set (MAAS_API_KEY is)"))
        case (_, nil):
            return .failure(.missingCredentials("environment variable MAAS_API_KEY is not set (MAAS_ENDPOINT is)"))
        case (let endpoint?, let apiKey?):
            return validate(endpoint: endpoint, apiKey: apiKey, source: "environment", place: { "environment variable \($0)" })
        }
    }

    private static func fromSecret(_ secret: MaasCredentialSecret) -> Result<ResolvedMaasCredentials, MaasConnectionError> {
        let name = "Secret \(secret.key.namespace ?? "")/\(secret.key.name)"
        var values: [String: String] = [:]
        for key in [MaasCredentialSettings.endpointKey, MaasCredentialSettings.apiKeyKey] {
            guard let raw = secret.data[key], !raw.isEmpty else {
                return .failure(.invalidCredentials("\(name) has no key \(key)"))
            }
            guard let decoded = Data(base64Encoded: raw).flatMap({ String(data: $0, encoding: .utf8) }) else {
                return .failure(.invalidCredentials("\(name) key \(key) is not valid base64-encoded UTF-8"))
            }
            let trimmed = decoded.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return .failure(.invalidCredentials("\(name) key \(key) is empty")) }
            values[key] = trimmed
        }
        return validate(
            endpoint: values[MaasCredentialSettings.endpointKey] ?? "", apiKey: values[MaasCredentialSettings.apiKeyKey] ?? "",
            source: name, place: { "\(name) key \($0)" })
    }

    private static func validate(
        endpoint: String, apiKey: String, source: String, place: (String) -> String
    ) -> Result<ResolvedMaasCredentials, MaasConnectionError> {
        do {
            _ = try MaasEndpoint(endpoint)
        } catch {
            return .failure(.invalidCredentials("\(place(MaasCredentialSettings.endpointKey)): \(error)"))
        }
        do {
            _ = try MaasCredentials(apiKey: apiKey)
        } catch {
            // ParseError descriptions never echo the key.
            return .failure(.invalidCredentials("\(place(MaasCredentialSettings.apiKeyKey)): \(error)"))
        }
        return .success(ResolvedMaasCredentials(endpoint: endpoint, apiKey: apiKey, source: source))
    }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
