import Foundation
import KubeCore

/// Table cells for CRD printer columns (kube's `tableconvertor` + `cellForJSONValue`).
enum PrinterCells {
    static func cell(for column: PrinterColumn, in object: JSONValue, now: Date) -> JSONValue {
        // Only the first match counts ("simple JSON path" columns).
        guard let value = column.path.evaluate(object).first, value != .null else { return .null }
        switch column.type {
        case "string":
            switch value {
            case .string: return value
            case .int(let i): return .string(String(i))
            case .double(let d): return .string(FieldError.formatNumber(d))
            case .bool(let b): return .string(b ? "true" : "false")
            default: return .string(value.jsonString)
            }
        case "integer":
            switch value {
            case .int: return value
            case .double(let d) where d.isFinite && abs(d) < 9.2e18: return .int(Int64(d))
            default: return .null
            }
        case "number":
            switch value {
            case .int(let i): return .double(Double(i))
            case .double: return value
            default: return .null
            }
        case "boolean":
            return value.boolValue.map(JSONValue.bool) ?? .null
        case "date":
            guard case .string(let text) = value else { return .null }
            guard let date = Timestamp.parse(text) else { return "<invalid>" }
            return .string(TableAge.format(from: date, to: now))
        default:
            return .null
        }
    }
}
