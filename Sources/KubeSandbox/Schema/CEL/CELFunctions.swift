import Foundation
import KubeCore

/// CEL's standard functions and operators for the supported subset.
enum CELFunctions {
    static func global(_ name: String, _ args: [JSONValue]) throws(CELEvaluationError) -> JSONValue {
        guard let value = args.first else { throw CELEvaluationError("no such overload: \(name)") }
        switch name {
        case "size": return try size(value)
        case "dyn": return value
        case "int":
            switch value {
            case .int: return value
            case .double(let d):
                guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775807e18 else {
                    throw CELEvaluationError("range error converting \(d) to int")
                }
                return .int(Int64(d))
            case .string(let s):
                guard let i = Int64(s) else { throw CELEvaluationError("cannot convert \"\(s)\" to int") }
                return .int(i)
            default: throw CELEvaluationError("no such overload: int(\(CELValues.typeName(value)))")
            }
        case "double":
            switch value {
            case .double: return value
            case .int(let i): return .double(Double(i))
            case .string(let s):
                guard let d = Double(s) else { throw CELEvaluationError("cannot convert \"\(s)\" to double") }
                return .double(d)
            default: throw CELEvaluationError("no such overload: double(\(CELValues.typeName(value)))")
            }
        case "string":
            switch value {
            case .string: return value
            case .int(let i): return .string(String(i))
            case .double(let d): return .string(FieldError.formatNumber(d))
            case .bool(let b): return .string(b ? "true" : "false")
            default: throw CELEvaluationError("no such overload: string(\(CELValues.typeName(value)))")
            }
        default: throw CELEvaluationError("no such overload: \(name)")
        }
    }

    static func method(_ name: String, _ receiver: JSONValue, _ args: [JSONValue]) throws(CELEvaluationError)
        -> JSONValue
    {
        if name == "size" { return try size(receiver) }
        if name == "join", case .array(let elements) = receiver {
            var parts: [String] = []
            for element in elements {
                guard case .string(let part) = element else { throw CELEvaluationError("no such overload: list.join") }
                parts.append(part)
            }
            let separator = args.first?.stringValue ?? ""
            return .string(parts.joined(separator: separator))
        }
        guard case .string(let text) = receiver else {
            throw CELEvaluationError("no such overload: \(CELValues.typeName(receiver)).\(name)")
        }
        switch name {
        case "lowerAscii": return .string(String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 }))
        case "upperAscii": return .string(String(text.map { $0.isASCII ? Character($0.uppercased()) : $0 }))
        case "trim": return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
        default: break
        }
        if name == "substring" { return try substring(text, args) }
        if name == "replace" {
            guard args.count == 2, case .string(let target) = args[0], case .string(let replacement) = args[1] else {
                throw CELEvaluationError("no such overload: string.replace")
            }
            return .string(target.isEmpty ? text : text.replacingOccurrences(of: target, with: replacement))
        }
        guard let argument = args.first, case .string(let other) = argument else {
            throw CELEvaluationError("no such overload: string.\(name)")
        }
        switch name {
        case "startsWith": return .bool(text.unicodeScalars.starts(with: other.unicodeScalars))
        case "endsWith": return .bool(text.unicodeScalars.reversed().starts(with: other.unicodeScalars.reversed()))
        case "contains": return .bool(other.isEmpty || text.contains(other))
        case "matches":
            guard let result = SchemaPattern.matches(other, text) else {
                throw CELEvaluationError("invalid regular expression: \(other)")
            }
            return .bool(result)
        case "indexOf", "lastIndexOf":
            let scalars = Array(text.unicodeScalars)
            let needle = Array(other.unicodeScalars)
            guard needle.count <= scalars.count else { return .int(-1) }
            let starts = Array(0...(scalars.count - needle.count))
            for start in (name == "indexOf" ? starts : starts.reversed())
            where Array(scalars[start..<(start + needle.count)]) == needle {
                return .int(Int64(start))
            }
            return .int(-1)
        case "split":
            if other.isEmpty { return .array(text.unicodeScalars.map { .string(String($0)) }) }
            return .array(text.components(separatedBy: other).map(JSONValue.string))
        default: throw CELEvaluationError("no such overload: string.\(name)")
        }
    }

    /// `s.substring(start)` / `s.substring(start, end)` on code points, with CEL's range errors.
    private static func substring(_ text: String, _ args: [JSONValue]) throws(CELEvaluationError) -> JSONValue {
        let scalars = Array(text.unicodeScalars)
        guard case .int(let start)? = args.first else { throw CELEvaluationError("no such overload: string.substring") }
        var end = Int64(scalars.count)
        if args.count == 2 {
            guard case .int(let given) = args[1] else { throw CELEvaluationError("no such overload: string.substring") }
            end = given
        }
        guard start >= 0, start <= scalars.count else { throw CELEvaluationError("index out of range: \(start)") }
        guard end >= start, end <= scalars.count else {
            throw CELEvaluationError("index out of range: \(end)")
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[Int(start)..<Int(end)])
        return .string(String(result))
    }

    static func size(_ value: JSONValue) throws(CELEvaluationError) -> JSONValue {
        switch value {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .array(let a): return .int(Int64(a.count))
        case .object(let o): return .int(Int64(o.count))
        default: throw CELEvaluationError("no such overload: size(\(CELValues.typeName(value)))")
        }
    }

    static func binary(_ op: String, _ lhs: JSONValue, _ rhs: JSONValue) throws(CELEvaluationError) -> JSONValue {
        switch op {
        case "==": return .bool(CELValues.equal(lhs, rhs))
        case "!=": return .bool(!CELValues.equal(lhs, rhs))
        case "<", "<=", ">", ">=":
            guard let order = CELValues.compare(lhs, rhs) else { throw overload(op, lhs, rhs) }
            switch op {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "in":
            switch rhs {
            case .array(let elements): return .bool(elements.contains { CELValues.equal($0, lhs) })
            case .object(let members):
                guard case .string(let key) = lhs else { return .bool(false) }
                return .bool(members[key] != nil)
            default: throw overload(op, lhs, rhs)
            }
        default:
            return try arithmetic(op, lhs, rhs)
        }
    }

    private static func arithmetic(_ op: String, _ lhs: JSONValue, _ rhs: JSONValue) throws(CELEvaluationError)
        -> JSONValue
    {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let result: (Int64, Bool)
            switch op {
            case "+": result = a.addingReportingOverflow(b)
            case "-": result = a.subtractingReportingOverflow(b)
            case "*": result = a.multipliedReportingOverflow(by: b)
            case "/", "%":
                guard b != 0 else { throw CELEvaluationError(op == "/" ? "division by zero" : "modulus by zero") }
                result = op == "/" ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
            default: throw overload(op, lhs, rhs)
            }
            guard !result.1 else { throw CELEvaluationError("integer overflow") }
            return .int(result.0)
        case (.string(let a), .string(let b)) where op == "+": return .string(a + b)
        case (.array(let a), .array(let b)) where op == "+": return .array(a + b)
        case (.int, .double), (.double, .int), (.double, .double):
            // Lenient: JSON numbers in `number` fields may arrive as ints, so mixed arithmetic uses doubles.
            guard let a = lhs.doubleValue, let b = rhs.doubleValue else { throw overload(op, lhs, rhs) }
            switch op {
            case "+": return .double(a + b)
            case "-": return .double(a - b)
            case "*": return .double(a * b)
            case "/": return .double(a / b)
            default: throw overload(op, lhs, rhs)
            }
        default: throw overload(op, lhs, rhs)
        }
    }

    private static func overload(_ op: String, _ lhs: JSONValue, _ rhs: JSONValue) -> CELEvaluationError {
        CELEvaluationError(
            "no such overload: \(CELValues.typeName(lhs)) \(op) \(CELValues.typeName(rhs))")
    }
}
