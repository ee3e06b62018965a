import KubeCore
import ClusterAPI
import Testing

@Suite struct ProviderIDTests {
    @Test(arguments: [
        ("maas:///zone1/abc123", "zone1", "abc123"),
        ("maas:////abc123", "", "abc123"),
        ("maas:///abc123", "", "abc123"),
        ("maas:///default/x7yz9q", "default", "x7yz9q"),
    ])
    func parses(text: String, zone: String, systemID: String) throws {
        let id = try ProviderID(parsing: text)
        #expect(id.zone == zone)
        #expect(id.systemID == systemID)
    }

    @Test(arguments: [
        ("", ProviderIDError.empty),
        ("aws:///us-east-1/i-123", .wrongScheme("aws:///us-east-1/i-123")),
        ("maas://host/zone/id", .wrongScheme("maas://host/zone/id")),
        ("maas:///zone1/", .missingSystemID("maas:///zone1/")),
        ("maas:///a/b/c", .invalidZone("a/b")),
        ("maas:///zone1/ab c", .invalidSystemID("ab c")),
        ("maas:///zone1/" + String(repeating: "a", count: 600), .tooLong(length: 614)),
    ])
    func rejects(text: String, expected: ProviderIDError) {
        #expect(throws: expected) { try ProviderID(parsing: text) }
    }

    @Test func formatsAndRoundTrips() throws {
        let id = try ProviderID(zone: "zone1", systemID: "abc123")
        #expect(id.description == "maas:///zone1/abc123")
        #expect(try ProviderID(parsing: id.description) == id)
        let noZone = try ProviderID(zone: "", systemID: "abc123")
        #expect(noZone.description == "maas:////abc123")
        #expect(try ProviderID(parsing: noZone.description) == noZone)
        #expect(throws: ProviderIDError.invalidZone("a/b")) { try ProviderID(zone: "a/b", systemID: "x") }
    }
}
