import Foundation

/// Turns a non-2xx MAAS response into a `MaasError` (maas-api.md §6).
///
/// The decision uses status, `Retry-After` and the body's content type. The only text matching — the 401 reasons,
/// which MAAS reports solely as piston message text — lives here and is covered by table tests.
public enum MaasErrorClassifier {
    /// Longest message kept from a body (409+Retry-After bodies are whole HTML pages).
    static let maxMessageLength = 300

    /// - Parameters:
    ///   - isAllocate: a 409 without Retry-After on allocate means "no matching machine".
    ///   - secrets: strings to redact from messages (a bad-signature 401 can echo `&<secret>`).
    public static func classify(
        status: Int, retryAfter: String?, contentType: String?, body: [UInt8], isAllocate: Bool,
        secrets: [String] = []
    ) -> MaasError {
        var text = message(from: body, secrets: secrets)
        if status == 401 { text = redactEchoedSignature(text) }
        let after = retryAfter.flatMap(parseRetryAfter)
        switch status {
        case 400:
            return .badRequest(fieldErrors: fieldErrors(from: body, contentType: contentType, secrets: secrets), message: text)
        case 401:
            return .unauthorized(reason: unauthorizedReason(text), message: text)
        case 403:
            return .forbidden(message: text)
        case 404:
            return .notFound(message: text)
        case 409, 503:
            if retryAfter != nil { return .retryable(status: status, retryAfter: after, message: text) }
            if status == 503 { return .serverError(status: status, message: text) }
            return isAllocate ? .noMatchingMachine(message: text) : .stateConflict(message: text)
        case 502, 504:
            return .retryable(status: status, retryAfter: after, message: text)
        default:
            return .serverError(status: status, message: text)
        }
    }

    /// Piston's texts (maas-api.md §2): "Invalid API key.", "Expired timestamp: …", "Nonce already used: …",
    /// "Invalid consumer."/"Invalid access token: …"/"Invalid signature…".
    static func unauthorizedReason(_ text: String) -> MaasError.UnauthorizedReason {
        let lower = text.lowercased()
        if lower.contains("expired timestamp") { return .expiredTimestamp }
        if lower.contains("nonce already used") { return .nonceReused }
        if lower.contains("invalid api key") || lower.contains("invalid consumer") || lower.contains("invalid access token")
            || lower.contains("invalid signature") || lower.contains("invalid token")
        {
            return .invalidKey
        }
        return .other
    }

    /// `{"field": ["msg", …]}`; a single string value is accepted as a one-element list.
    static func fieldErrors(from body: [UInt8], contentType: String?, secrets: [String]) -> [String: [String]] {
        guard contentType?.lowercased().contains("json") ?? true,
              let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        else { return [:] }
        var out: [String: [String]] = [:]
        for (key, value) in object {
            if let list = value as? [Any] {
                out[key] = list.compactMap { $0 as? String }.map { redact($0, secrets) }
            } else if let s = value as? String {
                out[key] = [redact(s, secrets)]
            }
        }
        return out
    }

    /// Body as a single trimmed line, secrets redacted, length-capped; HTML reduced to its title.
    static func message(from body: [UInt8], secrets: [String]) -> String {
        var text = String(decoding: body, as: UTF8.self)
        if let start = text.range(of: "<title>", options: .caseInsensitive),
           let end = text.range(of: "</title>", options: .caseInsensitive, range: start.upperBound..<text.endIndex)
        {
            text = String(text[start.upperBound..<end.lowerBound])
        }
        text = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        text = redact(text, secrets)
        if text.count > maxMessageLength { text = String(text.prefix(maxMessageLength)) + "…" }
        return text
    }

    /// piston 0.3rc2 answers a bad signature with "Invalid signature. Expected signature base string: &<secret>",
    /// the secret of the key MAAS expected, which the caller does not hold and so cannot redact by value.
    /// Drop anything after "signature base string" and any `&<token>` in a 401 message.
    static func redactEchoedSignature(_ text: String) -> String {
        var out = text
        if let marker = out.range(of: "signature base string", options: .caseInsensitive) {
            out = String(out[..<marker.upperBound]) + ": <redacted>"
        }
        var result = ""
        var skipping = false
        for ch in out {
            if ch == "&" {
                result += "&<redacted>"
                skipping = true
            } else if skipping, ch.isLetter || ch.isNumber || ch == "%" {
                continue
            } else {
                skipping = false
                result.append(ch)
            }
        }
        return result
    }

    static func redact(_ text: String, _ secrets: [String]) -> String {
        var out = text
        for secret in secrets where !secret.isEmpty {
            out = out.replacingOccurrences(of: secret, with: "<redacted>")
            let encoded = MaasParameters.percentEncode(secret)
            if encoded != secret { out = out.replacingOccurrences(of: encoded, with: "<redacted>") }
        }
        return out
    }

    /// Delay-seconds form only (MAAS sends `5` or `10`); HTTP-dates are treated as absent.
    static func parseRetryAfter(_ value: String) -> Duration? {
        guard let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
