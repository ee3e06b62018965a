import Foundation
import Testing
@testable import MaasSimulator

@Suite struct OAuthVerifierTests {
    static let key = SimulatorAPIKey(username: "admin", consumerKey: "ck", tokenKey: "tk", tokenSecret: "sec", isAdmin: true)

    @Test func headerParsingIgnoresRealmAndUnquotes() {
        let params = OAuthVerifier.parseHeader(
            #"OAuth realm="", oauth_consumer_key="ck", oauth_signature="%26sec", oauth_nonce="n1""#)
        #expect(params == ["oauth_consumer_key": "ck", "oauth_signature": "&sec", "oauth_nonce": "n1"])
        #expect(OAuthVerifier.parseHeader("Bearer abc").isEmpty)
    }

    @Test func incompleteParametersAreAnonymous() throws {
        let outcome = try OAuthVerifier.authenticate(
            authorization: #"OAuth oauth_consumer_key="ck""#, query: FormData(), form: FormData(), keys: [Self.key],
            now: Date(), nonceSeen: { _, _, _ in true })
        #expect(outcome == .anonymous)
    }

    @Test func parametersMayComeFromTheQuery() throws {
        let now = Int(Date().timeIntervalSince1970)
        let query = FormData(encoded:
            "oauth_consumer_key=ck&oauth_token=tk&oauth_signature=%26sec&oauth_signature_method=PLAINTEXT&oauth_timestamp=\(now)&oauth_nonce=q")
        let outcome = try OAuthVerifier.authenticate(
            authorization: nil, query: query, form: FormData(), keys: [Self.key], now: Date(), nonceSeen: { _, _, _ in true })
        #expect(outcome == .authenticated(Self.key))
    }

    @Test func unsupportedVersionAndMethod() {
        let now = Int(Date().timeIntervalSince1970)
        let base = "oauth_consumer_key=\"ck\", oauth_token=\"tk\", oauth_signature=\"%26sec\", oauth_timestamp=\"\(now)\", oauth_nonce=\"x\""
        #expect(throws: SimulatorAPIError.text(401, "OAuth version 2.0 not supported.", headers: OAuthVerifier.challenge)) {
            try OAuthVerifier.authenticate(
                authorization: "OAuth oauth_version=\"2.0\", oauth_signature_method=\"PLAINTEXT\", \(base)", query: FormData(),
                form: FormData(), keys: [Self.key], now: Date(), nonceSeen: { _, _, _ in true })
        }
        #expect(throws: SimulatorAPIError.self) {
            try OAuthVerifier.authenticate(
                authorization: "OAuth oauth_signature_method=\"HMAC-SHA1\", \(base)", query: FormData(), form: FormData(),
                keys: [Self.key], now: Date(), nonceSeen: { _, _, _ in true })
        }
    }

    @Test func noncesArePrunedOnlyOutsideTheWindow() throws {
        var state = SimulatorState(configuration: SimulatorConfiguration(inventory: SimulatorInventory()))
        let first = state.recordNonce("a", timestamp: 1000, now: 1000)
        let reused = state.recordNonce("a", timestamp: 1000, now: 1000)
        #expect(first && !reused)
        for i in 0..<50_000 { _ = state.recordNonce("n\(i)", timestamp: 1000, now: 1000) }
        let late = state.recordNonce("late", timestamp: 2000, now: 2000)
        #expect(late)
        #expect(state.nonces.count == 1)
    }

    @Test func formDecoding() {
        let form = FormData(encoded: "tags=a&tags=b+c&x=%26y&empty=")
        #expect(form.values("tags") == ["a", "b c"])
        #expect(form.value("x") == "&y")
        #expect(form.value("empty") == "")
        #expect(form.keys == ["tags", "x", "empty"])
        #expect(FormData(encoded: "b=TRUE").bool("b") == true)
        #expect(FormData(encoded: "b=0").bool("b") == false)
    }
}
