import Foundation

/// A minimal JSON value used to build MAAS-shaped responses with stable, MAAS-like field sets.
public enum SimJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SimJSON])
    case object([String: SimJSON])

    /// Compact serialization with sorted keys (deterministic output).
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    /// Serialized as UTF-8 bytes.
    public var data: Data { Data(serialized().utf8) }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) + ".0" } else { out += String(d) }
        case .string(let s): SimJSON.escape(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += ", " }
                SimJSON.escape(key, into: &out)
                out += ": "
                fields[key, default: .null].write(into: &out)
            }
            out += "}"
        }
    }

    private static func escape(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// String payload, if any.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
}

extension SimJSON {
    /// `.string` or `.null`.
    static func optional(_ s: String?) -> SimJSON { s.map(SimJSON.string) ?? .null }
    /// Array of strings.
    static func strings(_ values: [String]) -> SimJSON { .array(values.map(SimJSON.string)) }
    /// Object of strings.
    static func stringMap(_ values: [String: String]) -> SimJSON { .object(values.mapValues(SimJSON.string)) }
}
