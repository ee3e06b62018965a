import Foundation
import KubeCore
import PropertyBased
import Testing

extension PropertySuites {
@Suite("JSONValue properties")
struct JSONValueProperties {
    @Test("parse(serialize(v)) == v (integral doubles below 1e15 come back as integers)")
    func roundTrip() async throws {
        await propertyCheck(count: 10_000, input: generator { RandomJSON.value(&$0, depth: 5) }) { value in
            let parsed = try JSONValue.parse(value.serialized())
            #expect(parsed == RandomJSON.normalized(value), "\(value.jsonString)")
        }
    }

    @Test("deeply nested values round-trip; nesting beyond the parser's limit throws")
    func deepNesting() async throws {
        await propertyCheck(count: 2_000, input: generator { r in RandomJSON.deep(&r, levels: r.int(1...500)) }) { value in
            let parsed = try JSONValue.parse(value.serialized())
            #expect(parsed == RandomJSON.normalized(value))
        }
        let tooDeep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(tooDeep) }
    }

    @Test("random bytes parse or throw JSONParseError")
    func randomBytes() async {
        let input = generator { r in
            (0..<r.int(0...40)).map { _ in r.chance(0.6) ? r.pick(ByteMutator.interesting) : UInt8.random(in: 0...255, using: &r) }
        }
        await propertyCheck(count: 10_000, input: input) { bytes in
            _ = try? JSONValue.parse(bytes: bytes)  // typed throws: only JSONParseError can come out
        }
    }

    @Test("mutated valid JSON parses or throws, and agrees with JSONSerialization on acceptance")
    func mutatedAgreesWithFoundation() async {
        let corpus = Fixtures.watchFiles.flatMap(Fixtures.lines) + [Array(Fixtures.data("maasmachine-get.json"))]
        let input = generator { r -> [UInt8] in
            let base = r.chance(0.5) ? r.pick(corpus) : RandomJSON.value(&r, depth: 4).serializedBytes
            return ByteMutator.mutate(base, &r)
        }
        await propertyCheck(count: 5_000, input: input) { bytes in
            let ours: Bool
            do { _ = try JSONValue.parse(bytes: bytes); ours = true } catch { ours = false }
            let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
            if ours != foundation, !FoundationDifferences.explains(bytes) {
                Issue.record("JSONValue.parse \(ours ? "accepts" : "rejects"), JSONSerialization \(foundation ? "accepts" : "rejects"): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }

    @Test("merge patch: applying mergePatch(a, b) to a gives b; applying it twice changes nothing more")
    func mergePatchLaws() async {
        let input = generator { r -> (JSONValue, JSONValue) in
            let a = JSONValue.object(RandomJSON.object(&r, depth: 3, allowNull: false))
            var b = RandomJSON.mutateTree(a, &r, rate: 0.3)
            b = withoutNulls(r.chance(0.2) ? .object(RandomJSON.object(&r, depth: 3, allowNull: false)) : b)
            if case .object = b {} else { b = .object(["replaced": b]) }
            return (a, b)
        }
        await propertyCheck(count: 10_000, input: input) { pair in
            let (a, b) = pair
            guard let patch = JSONValue.mergePatch(from: a, to: b) else {
                #expect(a == b)
                return
            }
            let once = a.applyingMergePatch(patch)
            #expect(once == b)
            #expect(once.applyingMergePatch(patch) == once)
        }
    }

    @Test("JSON patch: test after add of the same value passes")
    func addThenTest() async throws {
        let input = generator { r -> (JSONValue, String, JSONValue) in
            let document = JSONValue.object(RandomJSON.object(&r, depth: 3, allowNull: true))
            return (document, randomAddPath(in: document, &r), RandomJSON.value(&r, depth: 2))
        }
        await propertyCheck(count: 10_000, input: input) { item in
            let (document, path, value) = item
            // Known bug (KnownBugs.swift): a "/" followed by a combining mark is not seen as a separator.
            guard path.filter({ $0 == "/" }).count == path.unicodeScalars.filter({ $0 == "/" }).count else { return }
            let patched = try document.applyingJSONPatch([.add(path, value), .test(path, value)])
            #expect(patched.lookUp(JSONValue.pointerTokensForTest(path)) == value)
        }
    }
}
}

/// Removes nulls everywhere (merge patch cannot express a null member).
func withoutNulls(_ value: JSONValue) -> JSONValue {
    switch value {
    case .null: return .string("was null")
    case .array(let elements): return .array(elements.map(withoutNulls))
    case .object(let members): return .object(members.mapValues(withoutNulls))
    default: return value
    }
}

/// A JSON pointer where `add` is valid: an existing or new member of an object, or an index (or `-`) of an array.
func randomAddPath(in document: JSONValue, _ r: inout SplitMix) -> String {
    var current = document
    var path = ""
    while true {
        switch current {
        case .object(let members):
            if let key = members.keys.sorted().randomElement(using: &r), r.chance(0.6) {
                path += "/" + JSONPatchOperation.escape(key)
                current = members[key] ?? .null
                continue
            }
            return path + "/" + JSONPatchOperation.escape(r.chance(0.5) ? RandomJSON.string(&r, maxLength: 5) : r.pick(["a", "x/y", "m~n", "~1", ""]))
        case .array(let elements):
            if !elements.isEmpty, r.chance(0.5) {
                let index = r.int(0..<elements.count)
                path += "/\(index)"
                current = elements[index]
                continue
            }
            return path + "/" + String(r.int(0...elements.count))
        default:
            return path  // replacing the whole scalar at this point
        }
    }
}

extension JSONValue {
    /// RFC 6901 token decoding, written here independently of the implementation under test.
    static func pointerTokensForTest(_ pointer: String) -> [String] {
        guard !pointer.isEmpty else { return [] }
        return String(pointer.unicodeScalars.dropFirst()).unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0)).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The value at decoded pointer tokens, through objects and arrays.
    func lookUp(_ tokens: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for token in tokens {
            switch current {
            case .object(let members)?: current = members[token]
            case .array(let elements)?:
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default: return nil
            }
        }
        return current
    }
}
