import KubeCore
import PropertyBased
import Testing

extension PropertySuites {
@Suite("Label selector properties")
struct LabelSelectorProperties {
    @Test("random strings parse or throw SelectorParseError")
    func randomStrings() async {
        let alphabet = Array("ab=!(), in notin\t-./_é😀")
        let input = generator { r in String((0..<r.int(0...24)).map { _ in r.pick(alphabet) }) }
        await propertyCheck(count: 10_000, input: input) { text in
            // Typed throws: only SelectorParseError can come out.
            if let selector = try? LabelSelector(parsing: text) {
                _ = selector.matches(["a": "b"])
                _ = selector.description
            }
        }
    }

    @Test("LabelSelector(parsing: s.description) == s for generated valid selectors")
    func roundTrip() async throws {
        await propertyCheck(count: 10_000, input: generator { Self.randomSelector(&$0) }) { selector in
            let parsed = try LabelSelector(parsing: selector.description)
            #expect(parsed == selector, "\(selector.description)")
        }
    }

    static func randomSelector(_ r: inout SplitMix) -> LabelSelector {
        func word(_ r: inout SplitMix, _ chars: [Character], _ lengths: ClosedRange<Int>) -> String {
            String((0..<r.int(lengths)).map { _ in r.pick(chars) })
        }
        let keyChars = Array("abcxyz019-._/")
        let valueChars = Array("abcXYZ019-._")
        var requirements: [LabelSelector.Requirement] = []
        for _ in 0..<r.int(0...5) {
            let key = word(&r, keyChars, 1...12)
            switch r.int(0..<6) {
            case 0: requirements.append(.equals(key, word(&r, valueChars, 0...8)))
            case 1: requirements.append(.notEquals(key, word(&r, valueChars, 0...8)))
            case 2: requirements.append(.in(key, Set((0..<r.int(1...3)).map { _ in word(&r, valueChars, 1...6) })))
            case 3: requirements.append(.notIn(key, Set((0..<r.int(1...3)).map { _ in word(&r, valueChars, 1...6) })))
            case 4: requirements.append(.exists(key))
            default: requirements.append(.doesNotExist(key))
            }
        }
        return LabelSelector(requirements: requirements)
    }
}
}
