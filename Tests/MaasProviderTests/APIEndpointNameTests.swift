import KubeCore
import MaasProvider
import Testing

@Suite struct APIEndpointNameTests {
    @Test(arguments: [
        ("dns-test", "maas.com", "abc123", "dns-test-abc123.maas.com"),
        ("My.Cluster", "Maas.Local.", "zz9900", "my-cluster-zz9900.maas.local"),
        ("-edge-", "maas", "a1b2c3", "edge-a1b2c3.maas"),
    ])
    func builds(cluster: String, domain: String, suffix: String, expected: String) throws {
        #expect(try APIEndpointName.make(clusterName: cluster, dnsDomain: domain, suffix: suffix) == expected)
    }

    @Test func firstLabelFitsInSixtyThreeCharacters() throws {
        let name = try APIEndpointName.make(clusterName: String(repeating: "c", count: 100), dnsDomain: "maas", suffix: "abcdef")
        let label = try #require(name.split(separator: ".").first)
        #expect(label.count == 63)
        #expect(label.hasSuffix("-abcdef"))
    }

    @Test func randomNameHasUpstreamShape() throws {
        let name = try APIEndpointName.make(clusterName: "dns-test", dnsDomain: "maas.com")
        #expect(name.count == "dns-test-".count + 6 + ".maas.com".count)
        let suffix = name.dropFirst("dns-test-".count).prefix(6)
        #expect(suffix.allSatisfy { $0.isLowercase || $0.isNumber })
    }

    @Test func rejectsBadInput() {
        #expect(throws: APIEndpointNameError.emptyDomain) { try APIEndpointName.make(clusterName: "c", dnsDomain: "", suffix: "abcdef") }
        #expect(throws: APIEndpointNameError.invalidSuffix("ABCDEF")) { try APIEndpointName.make(clusterName: "c", dnsDomain: "d", suffix: "ABCDEF") }
        let longDomain = Array(repeating: String(repeating: "d", count: 60), count: 5).joined(separator: ".")
        #expect(throws: APIEndpointNameError.self) { try APIEndpointName.make(clusterName: "c", dnsDomain: longDomain, suffix: "abcdef") }
    }

    @Test func seededSuffixIsDeterministic() {
        struct Counter: RandomNumberGenerator {
            var state: UInt64 = 0
            mutating func next() -> UInt64 { state &+= 0x9E37_79B9_7F4A_7C15; return state }
        }
        var first = Counter()
        var second = Counter()
        #expect(APIEndpointName.randomSuffix(using: &first) == APIEndpointName.randomSuffix(using: &second))
    }
}
