import Foundation

/// Checks OAuth 1.0 PLAINTEXT requests the way MAAS's piston3 does.
struct OAuthVerifier: Sendable {
    /// The six parameters piston needs to treat a request as OAuth.
    static let required = [
        "oauth_consumer_key", "oauth_token", "oauth_signature", "oauth_signature_method", "oauth_timestamp", "oauth_nonce",
    ]
    static let timestampThreshold = 300
    static let challenge = ["WWW-Authenticate": "OAuth realm=\"OAuth\""]

    /// Outcome of authentication.
    enum Outcome: Equatable {
        /// No (complete) OAuth parameters.
        case anonymous
        case authenticated(SimulatorAPIKey)
    }

    /// piston `_split_header`: comma-split, realm parts ignored, values unquoted and URL-unquoted.
    static func parseHeader(_ header: String) -> [String: String] {
        var text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("oauth ") else { return [:] }
        text = String(text.dropFirst(6))
        var params: [String: String] = [:]
        for part in text.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.contains("realm") { continue }
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else { continue }
            var value = String(kv[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            params[String(kv[0])] = value.removingPercentEncodingOrSelf
        }
        return params
    }

    /// Authenticates; `nonceSeen` records the nonce and returns false if it was already used.
    static func authenticate(
        authorization: String?, query: FormData, form: FormData, keys: [SimulatorAPIKey], now: Date,
        nonceSeen: (_ nonce: String, _ timestamp: Int, _ now: Int) -> Bool
    ) throws(SimulatorAPIError) -> Outcome {
        var params = authorization.map(parseHeader) ?? [:]
        for source in [query, form] {
            for name in required + ["oauth_version"] where params[name] == nil {
                if let v = source.value(name) { params[name] = v }
            }
        }
        guard required.allSatisfy({ params[$0] != nil }) else { return .anonymous }
        if let version = params["oauth_version"], version != "1.0" {
            throw .text(401, MaasText.oauthVersion(version), headers: challenge)
        }
        let consumer = params["oauth_consumer_key", default: ""]
        guard let key = keys.first(where: { $0.consumerKey == consumer }) else {
            throw .text(401, MaasText.invalidAPIKey, headers: challenge)
        }
        let token = params["oauth_token", default: ""]
        guard key.tokenKey == token else { throw .text(401, MaasText.invalidToken(token), headers: challenge) }
        let given = Int(params["oauth_timestamp", default: ""]) ?? 0
        let nowSeconds = Int(now.timeIntervalSince1970)
        if nowSeconds - given > timestampThreshold {
            throw .text(401, MaasText.expiredTimestamp(given: given, now: nowSeconds), headers: challenge)
        }
        let nonce = params["oauth_nonce", default: ""]
        guard nonceSeen("\(consumer)|\(token)|\(nonce)", given, nowSeconds) else {
            throw .text(401, MaasText.nonceUsed(nonce), headers: challenge)
        }
        let method = params["oauth_signature_method", default: ""]
        let expected = "&" + key.tokenSecret
        guard method == "PLAINTEXT", params["oauth_signature"] == expected else {
            throw .text(401, MaasText.invalidSignature(expected: expected), headers: challenge)
        }
        return .authenticated(key)
    }
}
