import KubeCore

/// Recursive-descent parser for the CEL subset the sandbox evaluates (CEL spec grammar precedence).
///
/// Anything outside the subset (unknown functions, map literals, undeclared variables, uint/bytes) throws
/// `CELError.unsupported`, so the CRD is refused instead of the rule being silently ignored.
struct CELParser {
    private var tokens: [(token: CELToken, column: Int)]
    private var position = 0
    /// Variables in scope: `self`, `oldSelf`, and comprehension variables.
    private var scope: [String]

    static let globalFunctions: [String: Int] = ["size": 1, "int": 1, "double": 1, "string": 1, "dyn": 1]
    /// Receiver-style functions and their accepted argument counts (CEL standard + kube's strings library).
    static let methods: [String: Set<Int>] = [
        "size": [0], "startsWith": [1], "endsWith": [1], "contains": [1], "matches": [1], "lowerAscii": [0],
        "upperAscii": [0], "trim": [0], "indexOf": [1], "lastIndexOf": [1], "replace": [2], "substring": [1, 2],
        "split": [1], "join": [0, 1],
    ]

    /// Parses a whole expression.
    static func parse(_ text: String) throws(CELError) -> CELExpression {
        var parser = CELParser(tokens: try CELLexer.tokenize(text), scope: ["self", "oldSelf"])
        let expression = try parser.parseExpression()
        guard case .end = parser.current else {
            throw .syntax("extraneous input '\(parser.currentText)'", column: parser.column)
        }
        return expression
    }

    private init(tokens: [(token: CELToken, column: Int)], scope: [String]) {
        self.tokens = tokens
        self.scope = scope
    }

    private var current: CELToken { tokens[min(position, tokens.count - 1)].token }
    private var column: Int { tokens[min(position, tokens.count - 1)].column }
    private var currentText: String {
        switch current {
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        case .identifier(let s), .symbol(let s): return s
        case .end: return "<EOF>"
        }
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard current == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(CELError) {
        guard accept(symbol) else {
            throw .syntax("mismatched input '\(currentText)' expecting '\(symbol)'", column: column)
        }
    }

    private mutating func parseExpression() throws(CELError) -> CELExpression {
        let condition = try parseOr()
        guard accept("?") else { return condition }
        let then = try parseOr()
        try expect(":")
        let otherwise = try parseExpression()
        return .conditional(condition, then, otherwise)
    }

    private mutating func parseOr() throws(CELError) -> CELExpression {
        var lhs = try parseAnd()
        while accept("||") { lhs = .binary("||", lhs, try parseAnd()) }
        return lhs
    }

    private mutating func parseAnd() throws(CELError) -> CELExpression {
        var lhs = try parseRelation()
        while accept("&&") { lhs = .binary("&&", lhs, try parseRelation()) }
        return lhs
    }

    private mutating func parseRelation() throws(CELError) -> CELExpression {
        var lhs = try parseAddition()
        while true {
            if current == .identifier("in") {
                position += 1
                lhs = .binary("in", lhs, try parseAddition())
                continue
            }
            guard let op = ["==", "!=", "<=", ">=", "<", ">"].first(where: { current == .symbol($0) }) else {
                return lhs
            }
            position += 1
            lhs = .binary(op, lhs, try parseAddition())
        }
    }

    private mutating func parseAddition() throws(CELError) -> CELExpression {
        var lhs = try parseMultiplication()
        while let op = ["+", "-"].first(where: { current == .symbol($0) }) {
            position += 1
            lhs = .binary(op, lhs, try parseMultiplication())
        }
        return lhs
    }

    private mutating func parseMultiplication() throws(CELError) -> CELExpression {
        var lhs = try parseUnary()
        while let op = ["*", "/", "%"].first(where: { current == .symbol($0) }) {
            position += 1
            lhs = .binary(op, lhs, try parseUnary())
        }
        return lhs
    }

    private mutating func parseUnary() throws(CELError) -> CELExpression {
        if accept("!") { return .not(try parseUnary()) }
        if accept("-") {
            // Fold negative literals so -9223372036854775808 style bounds stay exact.
            let operand = try parseUnary()
            if case .literal(.int(let i)) = operand { return .literal(.int(-i)) }
            if case .literal(.double(let d)) = operand { return .literal(.double(-d)) }
            return .negate(operand)
        }
        return try parseMember()
    }

    private mutating func parseMember() throws(CELError) -> CELExpression {
        var expression = try parsePrimary()
        while true {
            if accept(".") {
                if accept("?") { throw .unsupported("optional field selection (.?) is not supported") }
                guard case .identifier(let name) = current else {
                    throw .syntax("no viable alternative at input '.\(currentText)'", column: column)
                }
                position += 1
                if accept("(") {
                    expression = try parseMethod(target: expression, name: name)
                } else {
                    expression = .select(expression, name)
                }
            } else if accept("[") {
                let index = try parseExpression()
                try expect("]")
                expression = .index(expression, index)
            } else {
                return expression
            }
        }
    }

    private mutating func parseMethod(target: CELExpression, name: String) throws(CELError) -> CELExpression {
        if let macro = CELMacro(rawValue: name) {
            guard case .identifier(let variable) = current else {
                throw .syntax("\(name)() requires a variable name as its first argument", column: column)
            }
            position += 1
            try expect(",")
            scope.append(variable)
            let body = try parseExpression()
            scope.removeLast()
            try expect(")")
            return .comprehension(macro, range: target, variable: variable, body: body)
        }
        let args = try parseArguments()
        guard let arities = Self.methods[name] else {
            throw .unsupported("function '\(name)' is not supported")
        }
        guard arities.contains(args.count) else {
            throw .unsupported("function '\(name)' does not take \(args.count) argument(s)")
        }
        return .method(target, name, args)
    }

    /// Arguments after an already consumed `(`, through the closing `)`.
    private mutating func parseArguments() throws(CELError) -> [CELExpression] {
        var args: [CELExpression] = []
        if accept(")") { return args }
        repeat { args.append(try parseExpression()) } while accept(",")
        try expect(")")
        return args
    }

    private mutating func parsePrimary() throws(CELError) -> CELExpression {
        let token = current
        let startColumn = column
        position += 1
        switch token {
        case .int(let i): return .literal(.int(i))
        case .double(let d): return .literal(.double(d))
        case .string(let s): return .literal(.string(s))
        case .identifier("true"): return .literal(.bool(true))
        case .identifier("false"): return .literal(.bool(false))
        case .identifier("null"): return .literal(.null)
        case .identifier(let name):
            if accept("(") { return try parseGlobalCall(name) }
            guard scope.contains(name) else {
                throw .unsupported("undeclared reference to '\(name)'")
            }
            return .identifier(name)
        case .symbol("("):
            let inner = try parseExpression()
            try expect(")")
            return inner
        case .symbol("["):
            var elements: [CELExpression] = []
            if !accept("]") {
                repeat {
                    if current == .symbol("]") { break }  // trailing comma
                    elements.append(try parseExpression())
                } while accept(",")
                try expect("]")
            }
            return .list(elements)
        case .symbol("{"):
            throw .unsupported("map and message literals are not supported")
        case .symbol("."):
            throw .unsupported("leading-dot identifiers are not supported")
        default:
            position -= 1
            throw .syntax("mismatched input '\(currentText)'", column: startColumn)
        }
    }

    private mutating func parseGlobalCall(_ name: String) throws(CELError) -> CELExpression {
        if name == "has" {
            let args = try parseArguments()
            guard args.count == 1, case .select(let operand, let field) = args[0] else {
                throw .syntax("invalid argument to has() macro", column: column)
            }
            return .presence(operand, field)
        }
        let args = try parseArguments()
        guard let arity = Self.globalFunctions[name] else {
            throw .unsupported("function '\(name)' is not supported")
        }
        guard arity == args.count else {
            throw .unsupported("function '\(name)' takes \(arity) argument(s), got \(args.count)")
        }
        return .call(name, args)
    }
}
