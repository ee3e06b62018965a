import Foundation
import KubeCore

/// Evaluates a parsed `CELExpression` against variable bindings (`self`, `oldSelf`, macro variables).
struct CELEvaluator {
    var bindings: [String: JSONValue]

    func evaluate(_ expression: CELExpression) throws(CELEvaluationError) -> JSONValue {
        switch expression {
        case .literal(let value): return value
        case .identifier(let name):
            guard let value = bindings[name] else { throw CELEvaluationError("undeclared reference to '\(name)'") }
            return value
        case .list(let elements):
            var values: [JSONValue] = []
            for element in elements { values.append(try evaluate(element)) }
            return .array(values)
        case .select(let operand, let field):
            let target = try evaluate(operand)
            guard case .object(let members) = target else {
                throw CELEvaluationError("no such key: \(field)")
            }
            guard let value = members[field] else { throw CELEvaluationError("no such key: \(field)") }
            return value
        case .presence(let operand, let field):
            let target = try evaluate(operand)
            guard case .object(let members) = target else {
                throw CELEvaluationError("invalid type for field selection.")
            }
            return .bool(members[field] != nil)
        case .index(let operand, let indexExpression):
            return try index(try evaluate(operand), try evaluate(indexExpression))
        case .call(let name, let args):
            var values: [JSONValue] = []
            for arg in args { values.append(try evaluate(arg)) }
            return try CELFunctions.global(name, values)
        case .method(let target, let name, let args):
            let receiver = try evaluate(target)
            var values: [JSONValue] = []
            for arg in args { values.append(try evaluate(arg)) }
            return try CELFunctions.method(name, receiver, values)
        case .comprehension(let macro, let range, let variable, let body):
            return try comprehension(macro, range: try evaluate(range), variable: variable, body: body)
        case .not(let operand):
            guard case .bool(let b) = try evaluate(operand) else { throw CELEvaluationError("no such overload: !_") }
            return .bool(!b)
        case .negate(let operand):
            switch try evaluate(operand) {
            case .int(let i):
                guard i != Int64.min else { throw CELEvaluationError("integer overflow") }
                return .int(-i)
            case .double(let d): return .double(-d)
            default: throw CELEvaluationError("no such overload: -_")
            }
        case .conditional(let condition, let then, let otherwise):
            guard case .bool(let b) = try evaluate(condition) else {
                throw CELEvaluationError("no such overload: _?_:_")
            }
            return try evaluate(b ? then : otherwise)
        case .binary("&&", let lhs, let rhs): return try logical(lhs, rhs, absorbing: false)
        case .binary("||", let lhs, let rhs): return try logical(lhs, rhs, absorbing: true)
        case .binary(let op, let lhs, let rhs):
            return try CELFunctions.binary(op, try evaluate(lhs), try evaluate(rhs))
        }
    }

    /// CEL's commutative `&&`/`||`: an error on one side is absorbed when the other side decides the result.
    private func logical(_ lhs: CELExpression, _ rhs: CELExpression, absorbing: Bool) throws(CELEvaluationError)
        -> JSONValue
    {
        let op = absorbing ? "_||_" : "_&&_"
        var leftError: CELEvaluationError?
        do throws(CELEvaluationError) {
            let left = try evaluate(lhs)
            guard case .bool(let b) = left else { throw CELEvaluationError("no such overload: \(op)") }
            if b == absorbing { return .bool(absorbing) }
        } catch {
            leftError = error
        }
        let right = try evaluate(rhs)
        guard case .bool(let b) = right else { throw CELEvaluationError("no such overload: \(op)") }
        if b == absorbing { return .bool(absorbing) }
        if let leftError { throw leftError }
        return .bool(!absorbing)
    }

    private func index(_ target: JSONValue, _ key: JSONValue) throws(CELEvaluationError) -> JSONValue {
        switch (target, key) {
        case (.array(let elements), _):
            guard let i = key.intValue, case .int = key else { throw CELEvaluationError("no such overload: _[_]") }
            guard i >= 0, i < elements.count else { throw CELEvaluationError("index out of bounds: \(i)") }
            return elements[Int(i)]
        case (.object(let members), .string(let name)):
            guard let value = members[name] else { throw CELEvaluationError("no such key: \(name)") }
            return value
        default:
            throw CELEvaluationError("no such overload: _[_]")
        }
    }

    private func comprehension(_ macro: CELMacro, range: JSONValue, variable: String, body: CELExpression)
        throws(CELEvaluationError) -> JSONValue
    {
        let elements: [JSONValue]
        switch range {
        case .array(let values): elements = values
        case .object(let members): elements = members.keys.sorted().map { .string($0) }
        default: throw CELEvaluationError("expression does not evaluate to a list or map: \(macro.rawValue)")
        }
        var scoped = self
        var firstError: CELEvaluationError?
        var matches = 0
        var results: [JSONValue] = []
        for element in elements {
            scoped.bindings[variable] = element
            let value: JSONValue
            do throws(CELEvaluationError) {
                value = try scoped.evaluate(body)
            } catch {
                // all/exists may still be decided by another element; others fail at once.
                if macro == .all || macro == .exists {
                    firstError = firstError ?? error
                    continue
                }
                throw error
            }
            if macro == .map {
                results.append(value)
                continue
            }
            guard case .bool(let b) = value else {
                throw CELEvaluationError("no matching overload for '\(macro.rawValue)' predicate")
            }
            switch macro {
            case .all: if !b { return .bool(false) }
            case .exists: if b { return .bool(true) }
            case .existsOne: if b { matches += 1 }
            case .filter: if b { results.append(element) }
            case .map: break
            }
        }
        if let firstError { throw firstError }
        switch macro {
        case .all: return .bool(true)
        case .exists: return .bool(false)
        case .existsOne: return .bool(matches == 1)
        case .map, .filter: return .array(results)
        }
    }
}
