/// A lexical token of a CEL expression.
enum CELToken: Sendable, Hashable {
    case int(Int64)
    case double(Double)
    case string(String)
    case identifier(String)
    case symbol(String)
    case end
}

/// Splits a CEL expression into tokens (CEL spec lexical grammar, minus bytes and uint literals).
struct CELLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// All tokens with their 1-based columns, ending with `.end`.
    static func tokenize(_ text: String) throws(CELError) -> [(token: CELToken, column: Int)] {
        var lexer = CELLexer(text)
        var tokens: [(CELToken, Int)] = []
        while true {
            let (token, column) = try lexer.next()
            tokens.append((token, column))
            if token == .end { return tokens.map { (token: $0.0, column: $0.1) } }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func next() throws(CELError) -> (CELToken, Int) {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
        // Line comments.
        if peek() == "/", peek(1) == "/" {
            while let c = peek(), c != "\n" { index += 1 }
            return try next()
        }
        let column = index + 1
        guard let c = peek() else { return (.end, column) }
        if c.properties.isAlphabetic || c == "_" {
            if (c == "r" || c == "R"), let q = peek(1), q == "\"" || q == "'" {
                index += 1
                return (.string(try readString(raw: true, column: column)), column)
            }
            if (c == "b" || c == "B"), let q = peek(1), q == "\"" || q == "'" {
                throw .unsupported("bytes literals are not supported")
            }
            var name = ""
            while let d = peek(), d.properties.isAlphabetic || d == "_" || ("0"..."9").contains(d) {
                name.unicodeScalars.append(d)
                index += 1
            }
            return (.identifier(name), column)
        }
        if ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            return (try readNumber(column: column), column)
        }
        if c == "\"" || c == "'" { return (.string(try readString(raw: false, column: column)), column) }
        for symbol in ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".",
            ",", "(", ")", "[", "]", "{", "}"]
        where matches(symbol) {
            index += symbol.unicodeScalars.count
            return (.symbol(symbol), column)
        }
        throw .syntax("token recognition error at: '\(c)'", column: column)
    }

    private func matches(_ symbol: String) -> Bool {
        for (offset, s) in symbol.unicodeScalars.enumerated() where peek(offset) != s { return false }
        return true
    }

    private mutating func readNumber(column: Int) throws(CELError) -> CELToken {
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            index += 2
            var digits = ""
            while let d = peek(), d.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(d)
                index += 1
            }
            guard let value = Int64(digits, radix: 16) else { throw .syntax("invalid int literal", column: column) }
            if let u = peek(), u == "u" || u == "U" { throw .unsupported("uint literals are not supported") }
            return .int(value)
        }
        var text = ""
        var isDouble = false
        while let d = peek() {
            if ("0"..."9").contains(d) {
                text.unicodeScalars.append(d)
            } else if d == ".", !isDouble, peek(1).map({ ("0"..."9").contains($0) }) == true {
                isDouble = true
                text.unicodeScalars.append(d)
            } else if d == "e" || d == "E" {
                isDouble = true
                text.unicodeScalars.append(d)
                if let sign = peek(1), sign == "+" || sign == "-" {
                    text.unicodeScalars.append(sign)
                    index += 1
                }
            } else {
                break
            }
            index += 1
        }
        if let u = peek(), u == "u" || u == "U" { throw .unsupported("uint literals are not supported") }
        if isDouble {
            guard let value = Double(text) else { throw .syntax("invalid double literal", column: column) }
            return .double(value)
        }
        guard let value = Int64(text) else { throw .syntax("invalid int literal", column: column) }
        return .int(value)
    }

    private mutating func readString(raw: Bool, column: Int) throws(CELError) -> String {
        guard let quote = peek() else { throw .syntax("unterminated string", column: column) }
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        var value = ""
        while true {
            guard let c = peek() else { throw .syntax("unterminated string", column: column) }
            if c == quote, !triple || (peek(1) == quote && peek(2) == quote) {
                index += triple ? 3 : 1
                return value
            }
            if c == "\n", !triple { throw .syntax("unterminated string", column: column) }
            index += 1
            guard c == "\\", !raw else {
                value.unicodeScalars.append(c)
                continue
            }
            guard let e = peek() else { throw .syntax("unterminated string", column: column) }
            index += 1
            switch e {
            case "n": value += "\n"
            case "t": value += "\t"
            case "r": value += "\r"
            case "\\", "\"", "'", "`", "?": value.unicodeScalars.append(e)
            case "u", "U":
                let count = e == "u" ? 4 : 8
                var hex = ""
                for _ in 0..<count {
                    guard let h = peek(), h.properties.isASCIIHexDigit else {
                        throw .syntax("invalid unicode escape", column: column)
                    }
                    hex.unicodeScalars.append(h)
                    index += 1
                }
                guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw .syntax("invalid unicode escape", column: column)
                }
                value.unicodeScalars.append(scalar)
            default:
                throw .syntax("invalid escape sequence '\\\(e)'", column: column)
            }
        }
    }
}
