import Foundation

/// A MAAS API key, `consumer_key:token_key:token_secret`.
///
/// The consumer secret is always empty in MAAS. `description` never reveals the token secret.
public struct MaasCredentials: Sendable, Equatable, CustomStringConvertible {
    public let consumerKey: String
    public let tokenKey: String
    public let tokenSecret: String

    /// Why an API key string was rejected. The key itself is never part of the error.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// Not three `:`-separated parts.
        case wrongShape(partCount: Int)
        /// One of the three parts is empty.
        case emptyPart(name: String)
        /// A part contains whitespace, a comma or a quote, which cannot travel in an OAuth header.
        case invalidCharacters(name: String)

        public var description: String {
            switch self {
            case .wrongShape(let count):
                "MAAS API key must have the form consumer_key:token_key:token_secret (found \(count) part\(count == 1 ? "" : "s"))"
            case .emptyPart(let name):
                "MAAS API key has an empty \(name)"
            case .invalidCharacters(let name):
                "MAAS API key has invalid characters in its \(name)"
            }
        }
    }

    public init(consumerKey: String, tokenKey: String, tokenSecret: String) {
        self.consumerKey = consumerKey
        self.tokenKey = tokenKey
        self.tokenSecret = tokenSecret
    }

    /// Parses `consumer_key:token_key:token_secret`; surrounding whitespace (e.g. a trailing newline from a Secret) is trimmed.
    public init(apiKey: String) throws(ParseError) {
        let trimmed = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw .wrongShape(partCount: trimmed.isEmpty ? 0 : parts.count) }
        let names = ["consumer key", "token key", "token secret"]
        for (part, name) in zip(parts, names) {
            if part.isEmpty { throw .emptyPart(name: name) }
            if part.contains(where: { $0.isWhitespace || $0 == "," || $0 == "\"" }) { throw .invalidCharacters(name: name) }
        }
        self.init(consumerKey: parts[0], tokenKey: parts[1], tokenSecret: parts[2])
    }

    /// Strings that must never appear in logs or error messages.
    var secrets: [String] { [tokenSecret, "\(consumerKey):\(tokenKey):\(tokenSecret)"] }

    public var description: String { "MaasCredentials(consumerKey: \(consumerKey), tokenKey: \(tokenKey), tokenSecret: <redacted>)" }
}
