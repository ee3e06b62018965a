import Foundation
import KubeCore

/// Runs `x-kubernetes-validations` over an object, like kube's CEL validator: each rule sees `self`
/// (the value at its schema node) and, for transition rules on update, `oldSelf` (the correlated old value).
enum CELRuleValidator {
    static func validate(_ object: JSONValue, old: JSONValue?, schema: SchemaNode) -> [FieldError] {
        var errors: [FieldError] = []
        // At the root, rules see only metadata.name and metadata.generateName (kube's ObjectMeta view).
        visit(rootView(object), old: old.map(rootView), schema: schema, path: "", isRoot: true, errors: &errors)
        return errors
    }

    private static func rootView(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        if let metadata = members["metadata"] {
            var visible: [String: JSONValue] = [:]
            for key in ["name", "generateName"] { visible[key] = metadata[key] }
            members["metadata"] = .object(visible)
        }
        return .object(members)
    }

    private static func visit(
        _ value: JSONValue, old: JSONValue?, schema: SchemaNode, path: String, isRoot: Bool,
        errors: inout [FieldError]
    ) {
        if case .null = value { return }
        // Ratcheting: on an unchanged value only transition rules run (they see oldSelf).
        let unchanged = old.map { $0 == value } ?? false
        for rule in schema.validations where !unchanged || rule.isTransitionRule {
            if let error = check(rule, value: value, old: old, schema: schema, path: path) {
                errors.append(error)
            }
        }
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                if isRoot, ["apiVersion", "kind", "metadata"].contains(key) { continue }
                guard let member = members[key], let child = schema.child(key) else { continue }
                let childPath: String
                if schema.properties[key] != nil {
                    childPath = path.isEmpty ? key : "\(path).\(key)"
                } else {
                    childPath = "\(path)[\(key)]"
                }
                visit(member, old: old?[key], schema: child, path: childPath, isRoot: false, errors: &errors)
            }
        case .array(let elements):
            guard let items = schema.items else { return }
            // Only items of listType=map lists correlate with old items (by key); others get no oldSelf.
            for (index, element) in elements.enumerated() {
                let oldItem = schema.correlatedOldItem(element, in: old)
                visit(element, old: oldItem, schema: items, path: "\(path)[\(index)]", isRoot: false, errors: &errors)
            }
        default:
            break
        }
    }

    private static func check(
        _ rule: ValidationRule, value: JSONValue, old: JSONValue?, schema: SchemaNode, path: String
    ) -> FieldError? {
        var bindings: [String: JSONValue] = ["self": value]
        if rule.isTransitionRule {
            guard let old, old != .null else { return nil }
            bindings["oldSelf"] = old
        }
        let evaluator = CELEvaluator(bindings: bindings)
        let shown = shownValue(value, schema: schema)
        let trimmedRule = rule.rule.trimmingCharacters(in: .whitespacesAndNewlines)
        let result: JSONValue
        do throws(CELEvaluationError) {
            result = try evaluator.evaluate(rule.program)
        } catch {
            return .invalid(path, shown, "\(error.description) evaluating rule: \(trimmedRule)")
        }
        guard case .bool(let passed) = result else {
            return .invalid(path, shown, "rule did not evaluate to a bool evaluating rule: \(trimmedRule)")
        }
        if passed { return nil }
        var message = rule.message.flatMap { $0.isEmpty ? nil : $0 } ?? "failed rule: \(trimmedRule)"
        if let messageProgram = rule.messageProgram,
            case .string(let text)? = try? evaluator.evaluate(messageProgram), !text.isEmpty
        {
            message = text
        }
        let field = path + (rule.fieldPath.flatMap(CELFieldPath.parse) ?? "")
        var fieldText = field.hasPrefix(".") ? String(field.dropFirst()) : field
        if fieldText.isEmpty { fieldText = "<nil>" }  // kube prints a nil root path this way
        switch rule.reason {
        case "FieldValueForbidden"?: return .forbidden(fieldText, message)
        case "FieldValueRequired"?: return .required(fieldText, message)
        case "FieldValueDuplicate"?: return .duplicate(fieldText, shown)
        default: return .invalid(fieldText, shown, message)
        }
    }

    /// Scalars are shown as themselves; objects and lists by their schema type (`"object"`), as kube does.
    private static func shownValue(_ value: JSONValue, schema: SchemaNode) -> JSONValue {
        switch value {
        case .object: return .string(schema.type ?? "object")
        case .array: return .string(schema.type ?? "array")
        default: return value
        }
    }
}
