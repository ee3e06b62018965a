import Foundation

/// Wall-clock Unix seconds, injectable so OAuth timestamps are deterministic in tests.
public struct UnixTimeSource: Sendable {
    public let now: @Sendable () -> Int64
    public init(_ now: @escaping @Sendable () -> Int64) { self.now = now }
    /// The system's real-time clock.
    public static let system = UnixTimeSource { Int64(Date().timeIntervalSince1970) }
}

/// Builds MAAS's OAuth 1.0 PLAINTEXT `Authorization` header (maas-api.md §2).
/// Every call produces a fresh nonce and timestamp, so every attempt (retries included) is signed anew.
public struct OAuthSigner: Sendable {
    public let credentials: MaasCredentials
    public let time: UnixTimeSource

    public init(credentials: MaasCredentials, time: UnixTimeSource = .system) {
        self.credentials = credentials
        self.time = time
    }

    /// `OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", …, oauth_signature="%26<secret>", …`
    public func authorizationHeader() -> String {
        var rng = SystemRandomNumberGenerator()
        return authorizationHeader(nonce: Self.makeNonce(using: &rng), timestamp: time.now())
    }

    func authorizationHeader(nonce: String, timestamp: Int64) -> String {
        let params: [(String, String)] = [
            ("oauth_version", "1.0"),
            ("oauth_signature_method", "PLAINTEXT"),
            ("oauth_consumer_key", credentials.consumerKey),
            ("oauth_token", credentials.tokenKey),
            // PLAINTEXT signature = escape(consumer_secret "") & escape(token_secret)
            ("oauth_signature", "&" + MaasParameters.percentEncode(credentials.tokenSecret)),
            ("oauth_nonce", nonce),
            ("oauth_timestamp", String(timestamp)),
        ]
        return "OAuth " + params.map { "\($0.0)=\"\(MaasParameters.percentEncode($0.1))\"" }.joined(separator: ", ")
    }

    /// 16 random bytes as 32 lowercase hex characters.
    static func makeNonce(using rng: inout some RandomNumberGenerator) -> String {
        var out = ""
        for _ in 0..<2 {
            let word = rng.next() as UInt64
            let hex = String(word, radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return out
    }
}
