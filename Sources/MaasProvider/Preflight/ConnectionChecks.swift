import Foundation
import MaasClient

/// Pure verdicts for the connection-level checks: endpoint, API key, reachability, version, credentials, admin.
///
/// MAAS and the HTTP stack report several conditions only as text; that matching lives here (`explainTransport`)
/// and is covered by table tests.
public enum ConnectionChecks {
    /// MAAS releases this provider is tested against (inclusive major.minor bounds).
    public static let supportedVersions = (low: (3, 4), high: (3, 7))

    /// Parses and normalises the endpoint; http:// passes with a warning.
    public static func endpoint(_ raw: String?) -> (PreflightResult, MaasEndpoint?) {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            return (PreflightResult(.endpoint, .fail, "no MAAS endpoint given",
                                    fix: "pass --maas-endpoint https://maas.example.com:5240/MAAS or set MAAS_ENDPOINT"), nil)
        }
        let endpoint: MaasEndpoint
        do throws(MaasEndpoint.ParseError) {
            endpoint = try MaasEndpoint(raw)
        } catch {
            return (PreflightResult(.endpoint, .fail, error.description,
                                    fix: "use the form https://<host>:5240/MAAS"), nil)
        }
        if !endpoint.usesTLS {
            return (PreflightResult(.endpoint, .warn, "\(endpoint.apiBaseURL): credentials sent in clear (http://)",
                                    fix: "serve MAAS over https and use an https:// endpoint"), endpoint)
        }
        return (PreflightResult(.endpoint, .pass, endpoint.apiBaseURL), endpoint)
    }

    /// Checks the key's shape without revealing it.
    public static func apiKey(_ raw: String?) -> (PreflightResult, MaasCredentials?) {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return (PreflightResult(.apiKey, .fail, "no MAAS API key given",
                                    fix: "set MAAS_API_KEY or pass --maas-api-key-file PATH"), nil)
        }
        do throws(MaasCredentials.ParseError) {
            let credentials = try MaasCredentials(apiKey: raw)
            return (PreflightResult(.apiKey, .pass, "has the form consumer_key:token_key:token_secret"), credentials)
        } catch {
            return (PreflightResult(.apiKey, .fail, error.description,
                                    fix: "copy the whole key from the MAAS UI (user preferences → API keys) or `maas apikey --username USER`"), nil)
        }
    }

    /// Verdict on `GET version/`'s version string.
    public static func version(_ text: String) -> PreflightResult {
        let numbers = text.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) }
        guard numbers.count == 2, let major = numbers[0], let minor = numbers[1] else {
            return PreflightResult(.version, .warn, "MAAS reports version \"\(text)\", which cannot be checked",
                                   fix: "make sure a region controller is registered; supported: MAAS 3.4 to 3.7")
        }
        let (low, high) = supportedVersions
        if (major, minor) < low {
            return PreflightResult(.version, .fail, "MAAS \(text) is older than 3.4",
                                   fix: "upgrade MAAS to 3.4 or later")
        }
        if (major, minor) > high {
            return PreflightResult(.version, .warn, "MAAS \(text) is newer than the tested 3.4–3.7",
                                   fix: "it will probably work; report problems with the MAAS version")
        }
        return PreflightResult(.version, .pass, "MAAS \(text)")
    }

    /// Explains why `GET version/` failed.
    public static func reachability(_ error: any Error, endpoint: MaasEndpoint) -> PreflightResult {
        let (detail, fix) = explainTransport(error, endpoint: endpoint)
        return PreflightResult(.reachability, .fail, detail, fix: fix)
    }

    /// Detail and fix for a failed connection, from the error text the HTTP stack gives.
    static func explainTransport(_ error: any Error, endpoint: MaasEndpoint) -> (String, String) {
        let message = (error as? MaasError)?.message ?? "\(error)"
        let lower = message.lowercased()
        let target = endpoint.authority
        if let maas = error as? MaasError, let status = maas.status {
            if status == 404 {
                return ("HTTP 404 from \(endpoint.apiBaseURL)version/: not a MAAS region API at this path",
                        "check the endpoint path; MAAS serves its API under /MAAS")
            }
            return ("HTTP \(status) from \(endpoint.apiBaseURL)version/: \(maas.message)",
                    "check that the endpoint is the MAAS region controller")
        }
        if case .invalidResponse(let description)? = error as? MaasError {
            return ("\(endpoint.apiBaseURL)version/ answered, but not like MAAS: \(description)",
                    "check that the endpoint points at the MAAS region API (https://<host>:5240/MAAS)")
        }
        if case .connectionRefused? = error as? MaasError {
            return refused(target)
        }
        if lower.contains("certificate_verify_failed") {
            return ("TLS certificate of \(target) not trusted (certificate verify failed)",
                    "pass --maas-ca-file with the CA that signed the MAAS certificate (or, for a lab only, --maas-insecure-skip-tls-verify)")
        }
        if lower.contains("certificate") || lower.contains("cert_") || lower.contains("self signed")
            || lower.contains("self-signed") || lower.contains("unable to get local issuer")
        {
            return ("TLS certificate of \(target) not trusted: \(message)",
                    "pass --maas-ca-file with the CA that signed the MAAS certificate (or, for a lab only, --maas-insecure-skip-tls-verify)")
        }
        if lower.contains("tls") || lower.contains("ssl") || lower.contains("handshake") {
            return ("TLS handshake with \(target) failed: \(message)",
                    "check that the port serves https (MAAS TLS is usually on 5443) or use http://")
        }
        if lower.contains("dns") || lower.contains("getaddrinfo") || lower.contains("name or service not known")
            || lower.contains("nodename nor servname")
        {
            return ("cannot resolve the host name of \(target)", "check the host name in the endpoint and this machine's DNS")
        }
        if lower.contains("refused") {  // errors that did not come through MaasClient
            return refused(target)
        }
        if lower.contains("timeout") || lower.contains("timed out") || lower.contains("deadline") {
            return ("no answer from \(target) in time",
                    "check the host, port, firewalls and routes between here and MAAS; raise --timeout on slow links")
        }
        if lower.contains("unreachable") {
            return ("network unreachable for \(target): \(message)", "check routes and firewalls between here and MAAS")
        }
        return ("cannot reach \(target): \(message)", "check the endpoint and the network path to MAAS")
    }

    /// Verdict for the authenticated call; `user` is nil when the call failed with `error`.
    public static func credentials(user: MaasUser?, error: (any Error)?) -> PreflightResult {
        if let user { return PreflightResult(.credentials, .pass, "authenticated as \(user.username)") }
        guard let maas = error as? MaasError else {
            return PreflightResult(.credentials, .fail, "authenticated call failed: \(error.map { "\($0)" } ?? "unknown error")")
        }
        switch maas {
        case .unauthorized(.invalidKey, let message):
            return PreflightResult(.credentials, .fail, "MAAS rejected the API key (invalid key): \(message)",
                                   fix: "the key is unknown or revoked: create a new one in the MAAS UI or with `maas apikey --username USER`")
        case .unauthorized(.expiredTimestamp, let message):
            return PreflightResult(.credentials, .fail, "MAAS rejected the request timestamp (expired): \(message)",
                                   fix: "this machine's clock is more than 5 minutes behind MAAS: sync both clocks with NTP")
        case .unauthorized(_, let message):
            return PreflightResult(.credentials, .fail, "MAAS rejected the credentials: \(message)",
                                   fix: "check the API key; create a new one if in doubt")
        case .forbidden(let message):
            return PreflightResult(.credentials, .fail, "MAAS refused access" + (message.isEmpty ? "" : ": \(message)"),
                                   fix: "the user may be deactivated: ask a MAAS admin to enable it")
        default:
            return PreflightResult(.credentials, .fail, "authenticated call failed: \(maas.description)")
        }
    }

    /// Admin rights; not needed when the manifests give their own API server host.
    public static func adminRights(_ user: MaasUser, explicitControlPlaneHost: Bool) -> PreflightResult {
        if user.isSuperuser { return PreflightResult(.adminRights, .pass, "\(user.username) is a MAAS admin") }
        if explicitControlPlaneHost {
            return PreflightResult(.adminRights, .pass,
                                   "\(user.username) is not an admin; fine, the manifests set controlPlaneEndpoint.host")
        }
        return PreflightResult(.adminRights, .warn, "\(user.username) is not a MAAS admin: DNS records cannot be managed",
                               fix: "set Cluster.spec.controlPlaneEndpoint.host to use your own endpoint, or use an admin key")
    }

    /// Detail and fix for a refused connection to `target` (host:port).
    static func refused(_ target: String) -> (String, String) {
        ("connection refused by \(target): nothing is listening there",
         "check the host and port (MAAS listens on 5240) and that maas-regiond is running")
    }
}
