import Foundation

/// Parses Go-style durations (`time.ParseDuration`): a sequence of decimal numbers with units
/// `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`, e.g. `90s`, `10m`, `2h`, `1h30m`, `1.5s`. A bare `0` is zero.
public enum GoDuration {
    /// Why a duration did not parse.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var problem: String
        public var description: String { "\"\(text)\" is not a duration: \(problem) (use e.g. 90s, 10m, 2h or 1h30m)" }
    }

    private static let units: [(String, Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return .zero }
        guard !trimmed.isEmpty else { throw ParseError(text: text, problem: "empty") }
        guard !trimmed.hasPrefix("-") else { throw ParseError(text: text, problem: "negative durations are not allowed") }
        var rest = Substring(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed)
        var seconds = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else {
                throw ParseError(text: text, problem: "expected a number at \"\(rest)\"")
            }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isNumber || $0 == ".") }
            guard !unitText.isEmpty else { throw ParseError(text: text, problem: "missing unit after \(number)") }
            guard let unit = units.first(where: { $0.0 == unitText }) else {
                throw ParseError(text: text, problem: "unknown unit \"\(unitText)\" (valid: ns, us, ms, s, m, h)")
            }
            rest = rest.dropFirst(unitText.count)
            seconds += value * unit.1
        }
        guard seconds <= 1e9 else { throw ParseError(text: text, problem: "too long") }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Formats a duration the way Go prints it for whole units (`90s` → `1m30s`, `600s` → `10m0s`).
    public static func format(_ duration: Duration) -> String {
        let totalMilliseconds = Int64(duration.components.seconds) * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if totalMilliseconds == 0 { return "0s" }
        if totalMilliseconds < 1000 { return "\(totalMilliseconds)ms" }
        let total = totalMilliseconds / 1000
        let hours = total / 3600, minutes = (total % 3600) / 60, seconds = total % 60
        let fraction = totalMilliseconds % 1000
        let secondsText = fraction == 0 ? "\(seconds)s" : "\(seconds).\(String(format3(fraction)))s"
        if hours > 0 { return "\(hours)h\(minutes)m\(secondsText)" }
        if minutes > 0 { return "\(minutes)m\(secondsText)" }
        return secondsText
    }

    private static func format3(_ value: Int64) -> String {
        var text = String(value)
        while text.count < 3 { text = "0" + text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
