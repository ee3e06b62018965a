import Testing
@testable import MaasClient

@Suite struct CredentialsAndEndpointTests {
    @Test func parsesKey() throws {
        let c = try MaasCredentials(apiKey: " \(TestKeys.apiKey)\n")
        #expect(c.consumerKey == TestKeys.consumer)
        #expect(c.tokenKey == TestKeys.token)
        #expect(c.tokenSecret == TestKeys.secret)
        #expect(!c.description.contains(TestKeys.secret))
    }

    @Test(arguments: [
        ("", MaasCredentials.ParseError.wrongShape(partCount: 0)),
        ("onlyone", .wrongShape(partCount: 1)),
        ("a:b", .wrongShape(partCount: 2)),
        ("a:b:c:d", .wrongShape(partCount: 4)),
        (":b:c", .emptyPart(name: "consumer key")),
        ("a::c", .emptyPart(name: "token key")),
        ("a:b:", .emptyPart(name: "token secret")),
        ("a:b:se cret", .invalidCharacters(name: "token secret")),
        ("a,x:b:c", .invalidCharacters(name: "consumer key")),
    ])
    func rejectsBadKeys(input: String, expected: MaasCredentials.ParseError) {
        #expect(throws: expected) { try MaasCredentials(apiKey: input) }
    }

    @Test func parseErrorNeverEchoesTheSecret() {
        let secret = "topSecretValue123"
        do {
            _ = try MaasCredentials(apiKey: "a:b:\(secret):extra")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains(secret))
        }
    }

    @Test(arguments: [
        ("http://maas.example:5240/MAAS", "http://maas.example:5240/MAAS/api/2.0/"),
        ("http://maas.example:5240/MAAS/", "http://maas.example:5240/MAAS/api/2.0/"),
        ("http://maas.example:5240/MAAS/api/2.0", "http://maas.example:5240/MAAS/api/2.0/"),
        ("http://maas.example:5240/MAAS/api/2.0/", "http://maas.example:5240/MAAS/api/2.0/"),
        ("https://10.0.0.5:5443/MAAS", "https://10.0.0.5:5443/MAAS/api/2.0/"),
        ("HTTPS://maas.example/MAAS//", "https://maas.example/MAAS/api/2.0/"),
        ("http://maas.example:5240", "http://maas.example:5240/MAAS/api/2.0/"),
        ("http://maas.example:5240/", "http://maas.example:5240/MAAS/api/2.0/"),
        ("http://127.0.0.1:8080/prefix/MAAS/api/2.0/", "http://127.0.0.1:8080/prefix/MAAS/api/2.0/"),
        ("  http://[::1]:5240/MAAS \n", "http://[::1]:5240/MAAS/api/2.0/"),
    ])
    func normalisesEndpoints(input: String, expected: String) throws {
        #expect(try MaasEndpoint(input).apiBaseURL == expected)
    }

    @Test(arguments: [
        ("", MaasEndpoint.ParseError.empty),
        ("maas.example:5240/MAAS", .unsupportedScheme("maas.example:5240/MAAS")),
        ("ftp://maas/MAAS", .unsupportedScheme("ftp")),
        ("http:///MAAS", .missingHost),
        ("http://maas/MAAS?x=1", .hasQueryOrFragment),
    ])
    func rejectsBadEndpoints(input: String, expected: MaasEndpoint.ParseError) {
        #expect(throws: expected) { try MaasEndpoint(input) }
    }

    @Test func buildsURLsWithQuery() throws {
        let endpoint = try MaasEndpoint("http://m:5240/MAAS")
        var q = MaasParameters()
        q.add("id", "a")
        q.add("id", "b")
        #expect(endpoint.url(path: "machines/", query: q) == "http://m:5240/MAAS/api/2.0/machines/?id=a&id=b")
        #expect(endpoint.url(path: "version/", query: [:]) == "http://m:5240/MAAS/api/2.0/version/")
    }
}
