import Foundation
import MaasSimulator
import Testing

@Suite struct AuthAndDispatchTests {
    @Test func versionIsAnonymous() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.send("GET", "version/", authorization: "")
            #expect(r.status == 200)
            #expect(r.contentType == "application/json; charset=utf-8")
            #expect(r.header("X-MAAS-API-Hash") != nil)
            #expect(r.object["version"] as? String == "3.4.10")
            #expect(r.object["subversion"] as? String == "")
            #expect((r.object["capabilities"] as? [String])?.contains("authenticate-api") == true)
        }
    }

    @Test func anonymousRequests() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let list = try await sim.admin.send("GET", "machines/", authorization: "")
            #expect(list.status == 400)
            #expect(list.body == "Unrecognised signature: method=GET op=None")
            #expect(list.contentType == "text/plain; charset=utf-8")
            let one = try await sim.admin.send("GET", "machines/aaaaa1/", authorization: "")
            #expect(one.status == 401)
            #expect(one.body == "Forbidden")
            let dns = try await sim.admin.send("GET", "dnsresources/", authorization: "OAuth oauth_consumer_key=\"x\"")
            #expect(dns.status == 401 && dns.body == "Forbidden")
        }
    }

    @Test func unknownConsumerKey() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await SimTestClient(baseURL: sim.baseURL, key: "nope:nope:nope").get("machines/")
            #expect(r.status == 401)
            #expect(r.body == "Authorization Error: Invalid API key.")
            #expect(r.header("WWW-Authenticate") == "OAuth realm=\"OAuth\"")
        }
    }

    @Test func wrongTokenAndSecret() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let parts = sim.adminKey.split(separator: ":").map(String.init)
            let badToken = try await SimTestClient(baseURL: sim.baseURL, key: "\(parts[0]):wrong:\(parts[2])").get("machines/")
            #expect(badToken.status == 401)
            #expect(badToken.body == "Authorization Error: 'Invalid access token: wrong'")
            let badSecret = try await SimTestClient(baseURL: sim.baseURL, key: "\(parts[0]):\(parts[1]):wrong").get("machines/")
            #expect(badSecret.status == 401)
            #expect(badSecret.body.hasPrefix("Authorization Error: 'Invalid signature."))
            #expect(badSecret.header("WWW-Authenticate") == "OAuth realm=\"OAuth\"")
        }
    }

    @Test func nonceReuseAndExpiredTimestamp() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let header = SimTestClient.authorization(key: sim.adminKey, nonce: "fixed-nonce")
            #expect(try await sim.admin.send("GET", "machines/", authorization: header).status == 200)
            let again = try await sim.admin.send("GET", "machines/", authorization: header)
            #expect(again.status == 401)
            #expect(again.body == "Authorization Error: 'Nonce already used: fixed-nonce'")
            let old = Int(Date().timeIntervalSince1970) - 301
            let expired = try await sim.admin.send(
                "GET", "machines/", authorization: SimTestClient.authorization(key: sim.adminKey, timestamp: old))
            #expect(expired.status == 401)
            #expect(expired.body.hasPrefix("Authorization Error: 'Expired timestamp: given \(old) and now "))
            #expect(expired.body.hasSuffix("has a greater difference than threshold 300'"))
            let future = Int(Date().timeIntervalSince1970) + 3600
            let ok = try await sim.admin.send(
                "GET", "machines/", authorization: SimTestClient.authorization(key: sim.adminKey, timestamp: future))
            #expect(ok.status == 200)
        }
    }

    @Test func rawAmpersandSignatureAccepted() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.send(
                "GET", "machines/", authorization: SimTestClient.authorization(key: sim.adminKey, encodeSignature: false))
            #expect(r.status == 200)
            #expect(r.array.count == 5)
        }
    }

    @Test func opDispatch() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let unknown = try await sim.admin.post("machines/", [("op", "frobnicate")])
            #expect(unknown.status == 400)
            #expect(unknown.body == "Unrecognised signature: method=POST op=frobnicate")
            let alias = try await sim.admin.post("machines/op-allocate", [("cpu_count", "2")])
            #expect(alias.status == 200)
            #expect(alias.object["status"] as? Int == 10)
            let queryOp = try await sim.admin.send(
                "POST", "machines/?op=allocate", body: "cpu_count=2", contentType: "application/x-www-form-urlencoded")
            #expect(queryOp.status == 200)
            #expect(try await sim.admin.send("PUT", "machines/").status == 405)
            #expect(try await sim.admin.send("DELETE", "machines/").status == 405)
            let missing = try await sim.admin.get("machines/nosuch/")
            #expect(missing.status == 404)
            #expect(missing.body == "No Machine matches the given query.")
        }
    }

    @Test func jsonBodyWhereFormIsRequired() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.send(
                "POST", "machines/?op=allocate", body: "{\"cpu_count\": 2}", contentType: "application/json")
            #expect(r.status == 500)
            #expect(r.body == "'dict' object has no attribute 'lists'")
            let intro = try await sim.introspection()
            #expect(intro.machines.allSatisfy { $0.owner == nil || $0.systemID == "none" })
        }
    }
}
