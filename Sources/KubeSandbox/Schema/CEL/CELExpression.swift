import KubeCore

/// The comprehension macros the sandbox evaluates.
enum CELMacro: String, Sendable {
    case all, exists, existsOne = "exists_one", map, filter
}

/// A parsed CEL expression (abstract syntax tree).
indirect enum CELExpression: Sendable, Hashable {
    case literal(JSONValue)
    case identifier(String)
    case list([CELExpression])
    case select(CELExpression, String)
    /// `has(operand.field)`.
    case presence(CELExpression, String)
    case index(CELExpression, CELExpression)
    /// A global function: `size(x)`, `int(x)`, `double(x)`, `string(x)`, `dyn(x)`.
    case call(String, [CELExpression])
    /// A receiver-style function: `s.startsWith(p)`, `l.size()`.
    case method(CELExpression, String, [CELExpression])
    case comprehension(CELMacro, range: CELExpression, variable: String, body: CELExpression)
    case not(CELExpression)
    case negate(CELExpression)
    case binary(String, CELExpression, CELExpression)
    case conditional(CELExpression, CELExpression, CELExpression)

    /// Whether the identifier `name` occurs free or bound anywhere in the expression.
    func references(_ name: String) -> Bool {
        switch self {
        case .literal: return false
        case .identifier(let id): return id == name
        case .list(let elements): return elements.contains { $0.references(name) }
        case .select(let operand, _), .presence(let operand, _), .not(let operand), .negate(let operand):
            return operand.references(name)
        case .index(let a, let b), .binary(_, let a, let b): return a.references(name) || b.references(name)
        case .call(_, let args): return args.contains { $0.references(name) }
        case .method(let target, _, let args): return target.references(name) || args.contains { $0.references(name) }
        case .comprehension(_, let range, _, let body): return range.references(name) || body.references(name)
        case .conditional(let c, let t, let f): return c.references(name) || t.references(name) || f.references(name)
        }
    }
}
