import KubeCore
import Testing

@Suite("Label and field selectors")
struct SelectorTests {
    static let labels = ["app": "web", "tier": "frontend", "env": "prod"]

    @Test(arguments: [
        ("", true),
        ("app=web", true),
        ("app==web", true),
        ("app!=web", false),
        ("app=web,tier=backend", false),
        ("tier in (frontend, backend)", true),
        ("tier notin (frontend)", false),
        ("env", true),
        ("!env", false),
        ("!missing", true),
        ("missing!=x", true),
        ("env in (dev),app=web", false),
    ])
    func matches(selector: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(Self.labels) == expected)
    }

    @Test(arguments: ["a in b", "in (x)", "a notin x)", "a b c"])
    func rejectsMalformed(selector: String) {
        #expect(throws: SelectorParseError.self) { try LabelSelector(parsing: selector) }
    }

    @Test func fieldSelectorMatchesInAnyOrder() throws {
        let fields = ["involvedObject.kind": "MaasMachine", "involvedObject.name": "mm1", "involvedObject.uid": "u1"]
        let a = try FieldSelector(parsing: "involvedObject.name=mm1,involvedObject.kind=MaasMachine")
        let b = try FieldSelector(parsing: "involvedObject.uid=u1,involvedObject.name!=mm2")
        let c = try FieldSelector(parsing: "involvedObject.name==other")
        #expect(a.matches { fields[$0] })
        #expect(b.matches { fields[$0] })
        #expect(!c.matches { fields[$0] })
    }
}
