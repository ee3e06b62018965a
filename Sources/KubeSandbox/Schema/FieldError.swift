import Foundation
import KubeCore

/// One field error in kube's `field.Error` shape; renders the exact texts kube-apiserver sends.
///
/// `body` is what goes into `StatusCause.message` (e.g. `Invalid value: -1: spec.minCPU in body should be
/// greater than or equal to 0`); `description` is `"<field>: <body>"` as used in the top-level Status message.
struct FieldError: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case invalid(value: JSONValue)
        /// An invalid value already rendered as Go prints it (`map[string]string{"app":"x"}`).
        case invalidRendered(String)
        /// A wrong type or format (`FieldValueTypeInvalid`); blocks CEL evaluation like in kube.
        case typeInvalid(value: JSONValue)
        case required
        case notSupported(value: JSONValue, supported: [String])
        case forbidden
        case duplicate(value: JSONValue)
        case tooLong(value: JSONValue)
        case tooMany(count: Int)
    }

    var field: String
    var kind: Kind
    var detail: String

    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(field: field, kind: .invalid(value: value), detail: detail)
    }
    static func invalid(_ field: String, rendered: String, _ detail: String) -> FieldError {
        FieldError(field: field, kind: .invalidRendered(rendered), detail: detail)
    }
    static func typeInvalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(field: field, kind: .typeInvalid(value: value), detail: detail)
    }
    static func tooLong(_ field: String, _ value: JSONValue, max: Int) -> FieldError {
        FieldError(field: field, kind: .tooLong(value: value), detail: "may not be more than \(max) \(max == 1 ? "byte" : "bytes")")
    }
    static func tooMany(_ field: String, count: Int, max: Int) -> FieldError {
        FieldError(field: field, kind: .tooMany(count: count), detail: "must have at most \(max) \(max == 1 ? "item" : "items")")
    }
    static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(field: field, kind: .required, detail: detail)
    }
    static func notSupported(_ field: String, _ value: JSONValue, _ supported: [String]) -> FieldError {
        FieldError(field: field, kind: .notSupported(value: value, supported: supported), detail: "")
    }
    static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(field: field, kind: .forbidden, detail: detail)
    }
    static func duplicate(_ field: String, _ value: JSONValue) -> FieldError {
        FieldError(field: field, kind: .duplicate(value: value), detail: "")
    }

    /// The `StatusCause.reason` (`metav1.CauseType`).
    var reason: String {
        switch kind {
        case .invalid, .invalidRendered: return "FieldValueInvalid"
        case .typeInvalid: return "FieldValueTypeInvalid"
        case .required: return "FieldValueRequired"
        case .notSupported: return "FieldValueNotSupported"
        case .forbidden: return "FieldValueForbidden"
        case .duplicate: return "FieldValueDuplicate"
        case .tooLong: return "FieldValueTooLong"
        case .tooMany: return "FieldValueTooMany"
        }
    }

    /// `field.Error.ErrorBody()`.
    var body: String {
        var text: String
        switch kind {
        case .invalid(let value), .typeInvalid(let value): text = "Invalid value: " + FieldError.render(value)
        case .invalidRendered(let rendered): text = "Invalid value: " + rendered
        case .required: text = "Required value"
        case .forbidden: text = "Forbidden"
        case .tooLong: text = "Too long"
        case .duplicate(let value): text = "Duplicate value: " + FieldError.render(value)
        case .tooMany(let count): text = "Too many: \(count)"
        case .notSupported(let value, let supported):
            text = "Unsupported value: " + FieldError.render(value)
            if !supported.isEmpty {
                text += ": supported values: " + supported.map(FieldError.quote).joined(separator: ", ")
            }
        }
        if !detail.isEmpty { text += ": " + detail }
        return text
    }

    var isTypeError: Bool {
        if case .typeInvalid = kind { return true }
        return false
    }

    var description: String { field.isEmpty ? body : "\(field): \(body)" }

    var cause: StatusCause { StatusCause(reason: reason, message: body, field: field) }

    /// `utilerrors.NewAggregate(errs).Error()`: one message alone, several as `[a, b]`.
    static func aggregateMessage(_ errors: [FieldError]) -> String {
        let texts = errors.map(\.description)
        return texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
    }

    /// How kube prints a bad value: strings quoted (Go `%q`), scalars bare, null as `"null"`, others as JSON.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "\"null\""
        case .string(let s): return quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatNumber(d)
        case .array, .object: return value.jsonString
        }
    }

    /// Go's `%v` of a float64: integral values without a fraction.
    static func formatNumber(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e21 {
            // Int64 holds integral values below 2^63; larger ones (Go still prints them without exponent) via %f.
            return abs(d) < 0x1p63 ? String(Int64(d)) : String(format: "%.0f", d)
        }
        return String(d)
    }

    /// Go's `strconv.Quote` for the characters that occur in practice.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
