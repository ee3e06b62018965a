import KubeCore

/// Random JSON values for round-trip and decoding properties.
enum RandomJSON {
    static let scalarPools: [[ClosedRange<UInt32>]] = [
        [0x20...0x7E],  // printable ASCII
        [0x00...0x1F, 0x7F...0x7F, 0x22...0x22, 0x5C...0x5C, 0x2F...0x2F],  // needs escaping
        [0xA0...0x7FF, 0x2028...0x2029, 0x4E00...0x4FFF, 0xE000...0xFFFD],  // BMP
        [0x1_0000...0x1_FFFF, 0x10_FF00...0x10_FFFF],  // astral: surrogate pairs when escaped
    ]

    static func string(_ r: inout SplitMix, maxLength: Int = 12) -> String {
        var text = String.UnicodeScalarView()
        let pool = r.pick(scalarPools)
        for _ in 0..<r.int(0...maxLength) {
            let ranges = r.chance(0.7) ? pool : r.pick(scalarPools)
            let range = r.pick(ranges)
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &r)) { text.append(scalar) }
        }
        return String(text)
    }

    static func int(_ r: inout SplitMix) -> Int64 {
        switch r.int(0..<4) {
        case 0: return r.pick([Int64.min, Int64.max, Int64.min + 1, Int64.max - 1, 0, -1, 1])
        case 1: return Int64.random(in: -1000...1000, using: &r)
        default: return Int64.random(in: Int64.min...Int64.max, using: &r)
        }
    }

    static func double(_ r: inout SplitMix) -> Double {
        switch r.int(0..<4) {
        case 0: return r.pick([0.5, -0.25, 1e300, -1e-300, 5e-324, .greatestFiniteMagnitude, 1e15, 1.5e16, 0.1])
        case 1: return Double.random(in: -1e6...1e6, using: &r)
        case 2: return Double(bitPattern: r.next() & ~(0x7FF << 52) | (UInt64(r.int(1...2046)) << 52))
        default: return Double.random(in: -1...1, using: &r) * pow10(r.int(-20...20))
        }
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }

    static func scalar(_ r: inout SplitMix, allowNull: Bool) -> JSONValue {
        switch r.int((allowNull ? 0 : 1)..<5) {
        case 0: return .null
        case 1: return .bool(r.chance(0.5))
        case 2: return .int(int(&r))
        case 3: return .double(double(&r))
        default: return .string(string(&r))
        }
    }

    static func value(_ r: inout SplitMix, depth: Int, allowNull: Bool = true) -> JSONValue {
        guard depth > 0, r.chance(0.45) else { return scalar(&r, allowNull: allowNull) }
        if r.chance(0.5) {
            return .array((0..<r.int(0...4)).map { _ in value(&r, depth: depth - 1, allowNull: allowNull) })
        }
        return .object(object(&r, depth: depth - 1, allowNull: allowNull))
    }

    static func object(_ r: inout SplitMix, depth: Int, allowNull: Bool) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        for _ in 0..<r.int(0...5) {
            let key = r.chance(0.6) ? r.pick(["a", "b", "c", "spec", "x/y", "m~n", ""]) : string(&r, maxLength: 6)
            members[key] = value(&r, depth: depth, allowNull: allowNull)
        }
        return members
    }

    /// A chain of nested arrays/objects `levels` deep around a random leaf.
    static func deep(_ r: inout SplitMix, levels: Int) -> JSONValue {
        var current = scalar(&r, allowNull: true)
        for _ in 0..<levels { current = r.chance(0.5) ? .array([current]) : .object([string(&r, maxLength: 3): current]) }
        return current
    }

    /// What serializing then parsing yields: integral doubles below 1e15 are written as integers.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return .int(Int64(number))
        case .array(let elements): return .array(elements.map(normalized))
        case .object(let members): return .object(members.mapValues(normalized))
        default: return value
        }
    }

    /// Equality up to number representation: integral values up to 2^53 as integers, larger ones as doubles.
    static func numeric(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where number == number.rounded() && abs(number) <= 9_007_199_254_740_992:
            return .int(Int64(number))
        case .int(let number) where number.magnitude > 9_007_199_254_740_992: return .double(Double(number))
        case .array(let elements): return .array(elements.map(numeric))
        case .object(let members): return .object(members.mapValues(numeric))
        default: return value
        }
    }

    /// Structural mutation of a document: replace, delete or add members, change types, insert nulls.
    static func mutateTree(_ value: JSONValue, _ r: inout SplitMix, rate: Double = 0.15) -> JSONValue {
        if r.chance(rate * 0.3) { return self.value(&r, depth: 2) }
        switch value {
        case .object(var members):
            for key in Array(members.keys) {
                if r.chance(rate) { members[key] = nil; continue }
                if r.chance(rate * 0.5) { members[key] = .null; continue }
                if let child = members[key] { members[key] = mutateTree(child, &r, rate: rate) }
            }
            if r.chance(rate) { members[string(&r, maxLength: 8)] = self.value(&r, depth: 2) }
            return .object(members)
        case .array(var elements):
            elements = elements.map { mutateTree($0, &r, rate: rate) }
            if !elements.isEmpty, r.chance(rate) { elements.remove(at: r.int(0..<elements.count)) }
            if r.chance(rate) { elements.append(self.value(&r, depth: 1)) }
            return .array(elements)
        default:
            return value
        }
    }
}
