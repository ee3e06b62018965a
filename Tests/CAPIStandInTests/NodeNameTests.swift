import CAPIStandIn
import Testing

@Suite("Node naming")
struct NodeNameTests {
    @Test(arguments: [
        ("node-1", "node-1"),
        ("Node-CP0", "node-cp0"),
        ("NODE1.MAAS", "node1.maas"),
        ("a", "a"),
        ("0abc", "0abc"),
        (String(repeating: "a", count: 63), String(repeating: "a", count: 63)),
    ])
    func validHostnames(_ hostname: String, _ expected: String) {
        #expect(NodeName.forHostname(hostname) == expected)
    }

    @Test(arguments: [
        "", "bad_host", "-leading", "trailing-", "two..dots", ".leading", "trailing.", "spa ce", "ünicode",
        String(repeating: "a", count: 64), Array(repeating: String(repeating: "a", count: 60), count: 5).joined(separator: "."),
    ])
    func invalidHostnames(_ hostname: String) {
        #expect(NodeName.forHostname(hostname) == nil)
    }

    @Test func absentHostname() {
        #expect(NodeName.forHostname(nil) == nil)
    }
}
