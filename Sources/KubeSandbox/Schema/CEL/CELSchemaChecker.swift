import Foundation
import KubeCore

/// A light version of kube's CEL type check: selecting a field that the schema does not declare (on an
/// object with declared properties that keeps no unknown fields) is a compile error, as in
/// `compilation failed: ERROR: <input>:1:5: undefined field 'foo'`.
struct CELSchemaChecker {
    let rule: String
    let isRootSchema: Bool
    private var variables: [String: SchemaNode?] = [:]

    init(rule: String, selfSchema: SchemaNode, isRootSchema: Bool) {
        self.rule = rule
        self.isRootSchema = isRootSchema
        variables = ["self": selfSchema, "oldSelf": selfSchema]
    }

    /// Throws for the first undefined field.
    func check(_ expression: CELExpression) throws(CELError) {
        _ = try resolve(expression)
    }

    /// The static schema of `expression`, or nil when it is dynamic (unknown fields, computed values).
    private func resolve(_ expression: CELExpression) throws(CELError) -> SchemaNode? {
        switch expression {
        case .literal: return nil
        case .identifier(let name): return variables[name] ?? nil
        case .select(let operand, let field), .presence(let operand, let field):
            let base = try resolve(operand)
            let result = try member(field, of: base, operand: operand)
            if case .presence = expression { return nil }
            return result
        case .index(let operand, let index):
            try check(index)
            guard let base = try resolve(operand) else { return nil }
            return base.items ?? base.additionalProperties
        case .list(let elements):
            for element in elements { try check(element) }
            return nil
        case .call(_, let args):
            for arg in args { try check(arg) }
            return nil
        case .method(let target, _, let args):
            try check(target)
            for arg in args { try check(arg) }
            return nil
        case .comprehension(_, let range, let variable, let body):
            let rangeSchema = try resolve(range)
            var scoped = self
            // List elements have the item schema; map keys are strings.
            scoped.variables[variable] = rangeSchema?.items
            _ = try scoped.resolve(body)
            return nil
        case .not(let operand), .negate(let operand):
            try check(operand)
            return nil
        case .binary(_, let lhs, let rhs):
            try check(lhs)
            try check(rhs)
            return nil
        case .conditional(let condition, let then, let otherwise):
            try check(condition)
            try check(then)
            try check(otherwise)
            return nil
        }
    }

    private func member(_ field: String, of base: SchemaNode?, operand: CELExpression) throws(CELError) -> SchemaNode? {
        guard let base else { return nil }
        // At the root, metadata is ObjectMeta (name, generateName), not the CRD's schema node.
        if isRootSchema, case .identifier(let name) = operand, name == "self" || name == "oldSelf",
            field == "metadata" || field == "apiVersion" || field == "kind"
        {
            return nil
        }
        if let property = base.properties[field] { return property }
        if let values = base.additionalProperties { return values }
        if base.properties.isEmpty || base.keepsUnknownMembers || base.type != "object" { return nil }
        throw .compile("undefined field '\(field)'", column: column(of: field))
    }

    /// 1-based column of the `.` before the first `.field` in the rule (cel-go reports the select operator).
    private func column(of field: String) -> Int {
        guard let range = rule.range(of: ".\(field)") else { return 1 }
        return rule.unicodeScalars.distance(from: rule.unicodeScalars.startIndex, to: range.lowerBound) + 1
    }
}
