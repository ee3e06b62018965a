import Foundation

/// A normalised MAAS region address: `http(s)://host[:port]/MAAS/api/2.0/`.
public struct MaasEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// Always ends in `/api/2.0/`.
    public let apiBaseURL: String

    /// Why an endpoint string was rejected.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case unsupportedScheme(String)
        case missingHost
        case hasQueryOrFragment

        public var description: String {
            switch self {
            case .empty: "MAAS endpoint is empty"
            case .unsupportedScheme(let s): "MAAS endpoint must start with http:// or https:// (got \"\(s)\")"
            case .missingHost: "MAAS endpoint has no host"
            case .hasQueryOrFragment: "MAAS endpoint must not contain a query or fragment"
            }
        }
    }

    /// Accepts `http(s)://host:5240/MAAS`, with or without a trailing slash or `api/2.0[/]`.
    /// A URL without any path gets `/MAAS` appended (the default MAAS mount point).
    public init(_ raw: String) throws(ParseError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .empty }
        guard let schemeEnd = text.range(of: "://") else { throw .unsupportedScheme(text) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(scheme) }
        let rest = text[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw .hasQueryOrFragment }
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let host = rest[..<hostEnd]
        guard !host.isEmpty, !host.hasPrefix(":") else { throw .missingHost }
        var segments = rest[hostEnd...].split(separator: "/").map(String.init)
        if segments.count >= 2, segments[segments.count - 2] == "api", segments[segments.count - 1] == "2.0" {
            segments.removeLast(2)
        }
        if segments.isEmpty { segments = ["MAAS"] }
        apiBaseURL = "\(scheme)://\(host)/" + segments.joined(separator: "/") + "/api/2.0/"
    }

    /// True for `https://` endpoints.
    public var usesTLS: Bool { apiBaseURL.hasPrefix("https://") }

    /// `host:port` as dialled, with the scheme's default port when the URL names none (for error messages).
    public var authority: String {
        let afterScheme = apiBaseURL.range(of: "://").map { apiBaseURL[$0.upperBound...] } ?? apiBaseURL[...]
        let hostPort = afterScheme.prefix { $0 != "/" }
        // The port follows the last colon unless that colon is inside an IPv6 literal ("[::1]").
        if let colon = hostPort.lastIndex(of: ":"), !hostPort[colon...].contains("]") { return String(hostPort) }
        return "\(hostPort):\(usesTLS ? 443 : 80)"
    }

    /// The URL of `path` (relative to `api/2.0/`, e.g. `machines/abc/`) with an encoded query.
    func url(path: String, query: MaasParameters) -> String {
        let q = query.encoded()
        return apiBaseURL + path + (q.isEmpty ? "" : "?" + q)
    }

    public var description: String { apiBaseURL }
}
