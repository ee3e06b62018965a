import Foundation

/// A Kubernetes `Time` / `MicroTime`: RFC 3339 in UTC, whole seconds when encoded as `Time`.
public struct Timestamp: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    /// The current time.
    public static var now: Timestamp { Timestamp(Date()) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Self.parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid RFC 3339 time \"\(text)\""))
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// RFC 3339 with whole seconds, e.g. `2026-11-25T10:00:00Z` (the `metav1.Time` form).
    public var description: String {
        Date.ISO8601FormatStyle(timeZone: .gmt).format(date)
    }

    /// RFC 3339 with microseconds (the `metav1.MicroTime` form).
    public var microString: String {
        let base = Date.ISO8601FormatStyle(timeZone: .gmt).format(date).dropLast()  // drop "Z"
        let micros = Int((date.timeIntervalSince1970 - floor(date.timeIntervalSince1970)) * 1_000_000)
        return "\(base).\(String(format: "%06d", micros))Z"
    }

    /// Parses RFC 3339 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).parse(text)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }
}
