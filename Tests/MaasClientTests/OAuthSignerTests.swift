import Foundation
import Testing
@testable import MaasClient

/// Parses `OAuth k="v", k="v"` back into a dictionary (values percent-decoded), as piston does.
func parseOAuthHeader(_ header: String) -> [String: String]? {
    guard header.hasPrefix("OAuth ") else { return nil }
    var out: [String: String] = [:]
    for part in header.dropFirst(6).split(separator: ",") {
        let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
        guard kv.count == 2, kv[1].hasPrefix("\""), kv[1].hasSuffix("\"") else { return nil }
        out[String(kv[0])] = String(kv[1].dropFirst().dropLast()).removingPercentEncoding
    }
    return out
}

@Suite struct OAuthSignerTests {
    let signer = OAuthSigner(
        credentials: MaasCredentials(consumerKey: TestKeys.consumer, tokenKey: TestKeys.token, tokenSecret: TestKeys.secret),
        time: UnixTimeSource { 1_700_000_123 })

    @Test func headerHasAllPlaintextParameters() throws {
        let header = signer.authorizationHeader()
        let params = try #require(parseOAuthHeader(header))
        #expect(params["oauth_version"] == "1.0")
        #expect(params["oauth_signature_method"] == "PLAINTEXT")
        #expect(params["oauth_consumer_key"] == TestKeys.consumer)
        #expect(params["oauth_token"] == TestKeys.token)
        #expect(params["oauth_signature"] == "&" + TestKeys.secret)
        #expect(params["oauth_timestamp"] == "1700000123")
        let nonce = try #require(params["oauth_nonce"])
        #expect(nonce.count >= 32)
        #expect(Set(params.keys) == ["oauth_version", "oauth_signature_method", "oauth_consumer_key", "oauth_token",
                                     "oauth_signature", "oauth_nonce", "oauth_timestamp"])
        // The signature travels percent-encoded, as oauthlib and gomaasapi send it.
        #expect(header.contains("oauth_signature=\"%26\(TestKeys.secret)\""))
    }

    @Test func nonceDiffersOnEveryCall() throws {
        let nonces = try (0..<50).map { _ in try #require(parseOAuthHeader(signer.authorizationHeader())?["oauth_nonce"]) }
        #expect(Set(nonces).count == 50)
    }

    @Test func secretWithReservedCharactersIsEscaped() throws {
        let s = OAuthSigner(credentials: MaasCredentials(consumerKey: "c", tokenKey: "t", tokenSecret: "a&b=c"),
                            time: UnixTimeSource { 1 })
        let header = s.authorizationHeader()
        #expect(!header.contains("a&b=c"))
        // escape(secret) inside the signature, then the whole value escaped again for the header.
        #expect(try #require(parseOAuthHeader(header))["oauth_signature"] == "&a%26b%3Dc")
    }
}

@Suite struct FormEncodingTests {
    @Test func repeatsListKeys() {
        let request = AllocateRequest(cpuCount: 4, memory: 8192, tags: ["a", "b"], notTags: ["gpu"], zone: "z1",
                                      pool: "p1", agentName: "cluster-uid", dryRun: true)
        #expect(request.parameters.encoded()
            == "cpu_count=4&mem=8192&tags=a&tags=b&not_tags=gpu&zone=z1&pool=p1&agent_name=cluster-uid&dry_run=true")
    }

    @Test func escapesSpecialCharacters() {
        var p = MaasParameters()
        p.add("comment", "a b&c=d+e/f?g%h~i.j_k-l")
        p.add("unicode", "é✓")
        #expect(p.encoded() == "comment=a%20b%26c%3Dd%2Be%2Ff%3Fg%25h~i.j_k-l&unicode=%C3%A9%E2%9C%93")
        let decoded = RecordedRequest.decodeForm(p.encoded())
        #expect(decoded.map(\.1) == ["a b&c=d+e/f?g%h~i.j_k-l", "é✓"])
    }

    @Test func deployBase64EncodesUserData() {
        let request = DeployRequest(distroSeries: "jammy", hweKernel: "ga-22.04", userDataText: "#cloud-config\nruncmd: [x]\n",
                                    ephemeralDeploy: false)
        let p = request.parameters
        #expect(p.values("user_data") == [Data("#cloud-config\nruncmd: [x]\n".utf8).base64EncodedString()])
        #expect(p.values("distro_series") == ["jammy"])
        #expect(p.values("ephemeral_deploy") == ["false"])
        #expect(p.values("osystem").isEmpty)
    }

    @Test func releaseAndFilterParameters() {
        #expect(ReleaseRequest(comment: "bye", erase: true, quickErase: true, force: false).parameters.encoded()
            == "comment=bye&erase=true&quick_erase=true&force=false")
        let filter = MachineFilter(ids: ["a", "b"], agentName: "uid", hostnames: ["h1"], zone: "z", pool: "p",
                                   statuses: [.ready, .failedDeployment])
        #expect(filter.parameters.encoded()
            == "id=a&id=b&agent_name=uid&hostname=h1&zone=z&pool=p&status=ready&status=failed_deployment")
        #expect(MachineUpdate(swapSize: 0, hostname: "n1").parameters.encoded() == "swap_size=0&hostname=n1")
    }
}
