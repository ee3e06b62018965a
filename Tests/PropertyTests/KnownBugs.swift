import KubeCore
import Testing

/// Minimal inputs on which the properties once found bugs, kept as regression tests.
@Suite("Regressions found by property tests")
struct PropertyRegressions {
    /// A high surrogate followed by a non-surrogate `\u` escape used to underflow and crash the process.
    @Test func highSurrogateFollowedByNonLowSurrogate() throws {
        #expect(try JSONValue.parse(#""\uD800\u0041""#) == .string("\u{FFFD}A"))
    }

    /// A high surrogate followed by a `\u` escape above the low-surrogate range was fused into U+123FF.
    @Test func highSurrogateFollowedByNonSurrogate() throws {
        #expect(try JSONValue.parse(#""\uD800\uFFFF""#) == .string("\u{FFFD}\u{FFFF}"))
        #expect(try JSONValue.parse(#""\uD83D\uDE00""#) == .string("😀"))
    }

    /// Label keys and values are validated as Kubernetes does, so `a=b==c` is refused.
    @Test func selectorKeyWithEquals() {
        #expect(throws: SelectorParseError.self) { try LabelSelector(parsing: "a=b==c") }
        #expect(throws: SelectorParseError.self) { try LabelSelector(parsing: "app!=a b") }
        #expect(throws: SelectorParseError.self) { try LabelSelector(parsing: "x in (a,b c)") }
    }

    /// JSON pointer tokens that start with a combining mark are split on Unicode scalars.
    @Test func pointerWithCombiningMark() throws {
        let patched = try JSONValue.object([:]).applyingJSONPatch([.add("/\u{301}", 1)])
        #expect(patched == .object(["\u{301}": 1]))
        let nested = try JSONValue.object(["a": .emptyObject]).applyingJSONPatch([.add("/a/\u{301}", 2)])
        #expect(nested == .object(["a": .object(["\u{301}": 2])]))
    }
}
