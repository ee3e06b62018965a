/// `power_state`: `on`, `off`, `unknown`, `error`, or anything newer.
public enum PowerState: Sendable, Hashable, Codable, CustomStringConvertible {
    case on, off, unknown, error
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "on": self = .on
        case "off": self = .off
        case "unknown": self = .unknown
        case "error": self = .error
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .on: "on"
        case .off: "off"
        case .unknown: "unknown"
        case .error: "error"
        case .other(let s): s
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
}
