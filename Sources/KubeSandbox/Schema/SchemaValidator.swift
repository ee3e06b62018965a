import Foundation
import KubeCore

/// Structural-schema validation with kube-openapi's checks and the texts kube-apiserver returns.
///
/// On update, validation ratchets like kube (CRDValidationRatcheting, GA since 1.33): a value equal to the
/// correlated old value (same object path; list items do not correlate) is not validated again, so objects
/// stored under an older, looser schema can still be updated elsewhere (e.g. status writes).
enum SchemaValidator {
    /// Validates a whole object; `apiVersion`, `kind` and `metadata` are validated elsewhere (ObjectMeta rules).
    static func validate(_ object: JSONValue, old: JSONValue? = nil, schema: SchemaNode) -> [FieldError] {
        var errors: [FieldError] = []
        guard case .object(let members) = object else {
            errors.append(.typeInvalid("", .string(object.typeName), "in body must be of type object: \"\(object.typeName)\""))
            return errors
        }
        for key in schema.required where members[key] == nil && !["apiVersion", "kind", "metadata"].contains(key) {
            errors.append(.required(key))
        }
        for key in members.keys.sorted() where !["apiVersion", "kind", "metadata"].contains(key) {
            guard let value = members[key], let child = schema.child(key) else { continue }
            validate(value, old: old?[key], schema: child, path: key, errors: &errors)
        }
        return errors
    }

    static func validate(
        _ value: JSONValue, old: JSONValue? = nil, schema: SchemaNode, path: String, errors: inout [FieldError]
    ) {
        if let old, old == value { return }  // ratcheting: unchanged values are not re-validated
        if case .null = value {
            if schema.nullable || (schema.type == nil && !schema.intOrString) { return }
            let expected = schema.intOrString ? "integer,string" : (schema.type ?? "")
            errors.append(.typeInvalid(path, "null", "\(path) in body must be of type \(expected): \"null\""))
            return
        }
        guard checkType(value, schema: schema, path: path, errors: &errors) else { return }
        if let allowed = schema.enumValues, !allowed.contains(where: { CELValues.equal($0, value) }) {
            let supported = allowed.map { $0.stringValue ?? $0.jsonString }
            errors.append(.notSupported(path, value, supported))
        }
        switch value {
        case .string(let text): validateString(text, schema: schema, path: path, errors: &errors)
        case .int, .double: validateNumber(value, schema: schema, path: path, errors: &errors)
        case .array(let elements):
            validateArray(elements, old: old, schema: schema, path: path, errors: &errors)
        case .object(let members):
            validateObject(members, old: old?.objectValue, schema: schema, path: path, errors: &errors)
        default: break
        }
    }

    /// Checks `type` (and `format: date-time`); false when the value is of the wrong type.
    private static func checkType(_ value: JSONValue, schema: SchemaNode, path: String, errors: inout [FieldError])
        -> Bool
    {
        let actual = value.typeName
        let matches: Bool
        var expected = schema.type ?? ""
        if schema.intOrString {
            matches = value.stringValue != nil || value.intValue != nil
            expected = "integer,string"
        } else {
            switch schema.type {
            case "integer"?: matches = value.intValue != nil
            case "number"?: matches = value.doubleValue != nil
            case let type?: matches = actual == type
            case nil: matches = true
            }
        }
        guard matches else {
            errors.append(.typeInvalid(path, .string(actual), "\(path) in body must be of type \(expected): \"\(actual)\""))
            return false
        }
        if schema.type == "string", let format = schema.format, let text = value.stringValue,
            !SchemaFormats.isValid(text, format: format)
        {
            errors.append(.typeInvalid(path, value, "\(path) in body must be of type \(format): \(FieldError.quote(text))"))
            return false
        }
        return true
    }

    private static func validateString(_ text: String, schema: SchemaNode, path: String, errors: inout [FieldError]) {
        let length = text.unicodeScalars.count
        if let max = schema.maxLength, length > max {
            errors.append(.tooLong(path, .string(text), max: max))
        }
        if let min = schema.minLength, length < min {
            errors.append(.invalid(path, .string(text), "\(path) in body should be at least \(min) chars long"))
        }
        if let pattern = schema.pattern, SchemaPattern.matches(pattern, text) == false {
            errors.append(.invalid(path, .string(text), "\(path) in body should match '\(pattern)'"))
        }
    }

    private static func validateNumber(_ value: JSONValue, schema: SchemaNode, path: String, errors: inout [FieldError]) {
        guard let number = value.doubleValue else { return }
        if let max = schema.maximum {
            if schema.exclusiveMaximum ? number >= max : number > max {
                let relation = schema.exclusiveMaximum ? "less than" : "less than or equal to"
                errors.append(.invalid(path, value, "\(path) in body should be \(relation) \(FieldError.formatNumber(max))"))
            }
        }
        if let min = schema.minimum {
            if schema.exclusiveMinimum ? number <= min : number < min {
                let relation = schema.exclusiveMinimum ? "greater than" : "greater than or equal to"
                errors.append(.invalid(path, value, "\(path) in body should be \(relation) \(FieldError.formatNumber(min))"))
            }
        }
        if let factor = schema.multipleOf, factor > 0 {
            let quotient = number / factor
            if quotient.rounded() != quotient {
                errors.append(.invalid(path, value, "\(path) in body should be a multiple of \(FieldError.formatNumber(factor))"))
            }
        }
    }

    private static func validateArray(
        _ elements: [JSONValue], old: JSONValue?, schema: SchemaNode, path: String, errors: inout [FieldError]
    ) {
        if let max = schema.maxItems, elements.count > max {
            errors.append(.tooMany(path, count: elements.count, max: max))
        }
        if let min = schema.minItems, elements.count < min {
            errors.append(.invalid(path, .array(elements), "\(path) in body should have at least \(min) items"))
        }
        if schema.uniqueItems, Set(elements).count != elements.count {
            errors.append(.invalid(path, .array(elements), "\(path) in body shouldn't contain duplicates"))
        }
        validateListType(elements, schema: schema, path: path, errors: &errors)
        guard let items = schema.items else { return }
        for (index, element) in elements.enumerated() {
            let oldItem = schema.correlatedOldItem(element, in: old)
            validate(element, old: oldItem, schema: items, path: "\(path)[\(index)]", errors: &errors)
        }
    }

    private static func validateObject(
        _ members: [String: JSONValue], old: [String: JSONValue]?, schema: SchemaNode, path: String,
        errors: inout [FieldError]
    ) {
        if let max = schema.maxProperties, members.count > max {
            errors.append(.tooMany(path, count: members.count, max: max))
        }
        if let min = schema.minProperties, members.count < min {
            errors.append(.invalid(path, .object(members), "\(path) in body should have at least \(min) properties"))
        }
        for key in schema.required where members[key] == nil {
            errors.append(.required("\(path).\(key)"))
        }
        let embedded = schema.embeddedResource
        for key in members.keys.sorted() {
            guard let value = members[key] else { continue }
            if embedded, key == "metadata" { continue }
            guard let child = schema.child(key) else { continue }
            validate(value, old: old?[key], schema: child, path: "\(path).\(key)", errors: &errors)
        }
        if embedded {
            for key in ["apiVersion", "kind"] where (members[key]?.stringValue ?? "").isEmpty {
                errors.append(.required("\(path).\(key)", "must not be empty"))
            }
        }
    }

    /// `x-kubernetes-list-type: set` elements and `map` keys must be unique (`Duplicate value`).
    private static func validateListType(
        _ elements: [JSONValue], schema: SchemaNode, path: String, errors: inout [FieldError]
    ) {
        var seen: [JSONValue] = []
        for (index, element) in elements.enumerated() {
            let identity: JSONValue
            switch schema.listType {
            case "set"?: identity = element
            case "map"? where !schema.listMapKeys.isEmpty:
                var keys: [String: JSONValue] = [:]
                for key in schema.listMapKeys { keys[key] = element[key] ?? .null }
                identity = .object(keys)
            default: return
            }
            if seen.contains(where: { CELValues.equal($0, identity) }) {
                errors.append(.duplicate("\(path)[\(index)]", identity))
            } else {
                seen.append(identity)
            }
        }
    }
}
