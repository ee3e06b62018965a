import Foundation
import Testing
@testable import MaasClient

/// The client against a scripted loopback server: wire format, retries, error mapping, logging.
@Suite struct HTTPClientStubTests {
    @Test func allocateSendsSignedFormWithOpAndRepeatedTags() async throws {
        try await StubMaasServer.withServer([try .fixture("machines-allocate-200")]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                let node = try await client.allocate(AllocateRequest(cpuCount: 2, tags: ["a", "b c"], agentName: "uid-1"))
                #expect(node.systemID == "ae6q3r")
                let request = try #require(script.requests.first)
                #expect(request.method == "POST")
                #expect(request.path == "/MAAS/api/2.0/machines/")
                #expect(request.query.isEmpty)
                #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
                #expect(request.headers["Accept"] == "application/json")
                let form = request.form
                #expect(form.first?.0 == "op" && form.first?.1 == "allocate")
                #expect(form.filter { $0.0 == "tags" }.map(\.1) == ["a", "b c"])
                #expect(form.contains { $0 == ("agent_name", "uid-1") })
                let oauth = try #require(parseOAuthHeader(request.headers["Authorization"] ?? ""))
                #expect(oauth["oauth_signature_method"] == "PLAINTEXT")
                #expect(oauth["oauth_timestamp"] == "1700000000")
                #expect(oauth["oauth_signature"] == "&" + TestKeys.secret)
            }
        }
    }

    @Test func getOpsPutOpAndFiltersInTheQuery() async throws {
        try await StubMaasServer.withServer([.json("[]")]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                let nodes = try await client.machines(MachineFilter(ids: ["a", "b"], agentName: "uid"))
                #expect(nodes.isEmpty)
                let request = try #require(script.requests.first)
                #expect(request.method == "GET")
                #expect(request.body.isEmpty)
                #expect(request.queryItems.map { "\($0.0)=\($0.1)" } == ["id=a", "id=b", "agent_name=uid"])
            }
        }
    }

    @Test func versionIsAnonymous() async throws {
        try await StubMaasServer.withServer([.json(#"{"version":"3.4.10","subversion":"","capabilities":[]}"#)]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                let version = try await client.version()
                #expect(version.version == "3.4.10")
                #expect(script.requests.first?.headers["Authorization"] == nil)
            }
        }
    }

    @Test func retrySafeCallHonoursRetryAfterAndResignsEveryAttempt() async throws {
        let busy = StubResponse.text("busy", status: 409, headers: ["Retry-After": "5"])
        try await StubMaasServer.withServer([busy, .text("no rack", status: 503, headers: ["Retry-After": "10"]),
                                             try .fixture("machine-read-ready-200")]) { baseURL, script in
            let clock = RecordingClock()
            try await withStubClient(baseURL, clock: clock) { client in
                let node = try await client.release(systemID: "twgrer", ReleaseRequest(comment: "x"))
                #expect(node.systemID == "twgrer")
                #expect(clock.sleeps == [.seconds(5), .seconds(10)])
                let nonces = script.requests.compactMap { parseOAuthHeader($0.headers["Authorization"] ?? "")?["oauth_nonce"] }
                #expect(nonces.count == 3 && Set(nonces).count == 3)
            }
        }
    }

    @Test func allocateIsNeverRetried() async throws {
        let busy = StubResponse.text("busy", status: 409, headers: ["Retry-After": "5"])
        try await StubMaasServer.withServer([busy, try .fixture("machines-allocate-200")]) { baseURL, script in
            let clock = RecordingClock()
            try await withStubClient(baseURL, clock: clock) { client in
                await #expect(throws: MaasError.retryable(status: 409, retryAfter: .seconds(5), message: "busy")) {
                    try await client.allocate(AllocateRequest(agentName: "uid"))
            }
            #expect(script.requests.count == 1)
            #expect(clock.sleeps.isEmpty)
            }
        }
    }

    @Test func deployIsNeverRetried() async throws {
        try await StubMaasServer.withServer([.text("timeout", status: 504), .json("{}")]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                await #expect(throws: MaasError.self) {
                    try await client.deploy(systemID: "abc123", DeployRequest(distroSeries: "jammy"))
            }
            #expect(script.requests.count == 1)
            }
        }
    }

    @Test func allocate409IsNoMatchingMachine() async throws {
        try await StubMaasServer.withServer([try .fixture("machines-allocate-409-no-match")]) { baseURL, _ in
            try await withStubClient(baseURL) { client in
                do {
                    _ = try await client.allocate(AllocateRequest(cpuCount: 64, tags: ["tag-054"]))
                    Issue.record("expected an error")
                } catch let error as MaasError {
                    guard case .noMatchingMachine = error else { Issue.record("got \(error)"); return }
            }
            }
        }
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let replies = Array(repeating: StubResponse.text("gw", status: 502), count: 5)
        try await StubMaasServer.withServer(replies) { baseURL, script in
            let clock = RecordingClock()
            try await withStubClient(baseURL, clock: clock, retry: MaasRetryPolicy(maxAttempts: 3)) { client in
                await #expect(throws: MaasError.retryable(status: 502, retryAfter: nil, message: "gw")) {
                    try await client.machine(systemID: "abc")
            }
            #expect(script.requests.count == 3)
            #expect(clock.sleeps.count == 2)
            }
        }
    }

    @Test func powerOffAcceptsJSONNull() async throws {
        try await StubMaasServer.withServer([.json("null")]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                let result = try await client.powerOff(systemID: "abc", stopMode: .soft, comment: nil)
                #expect(result == nil)
                #expect(script.requests.first?.form.map(\.0) == ["op", "stop_mode"])
            }
        }
    }

    @Test func updateUsesPutAndDNSUpdateSpaceJoinsIPs() async throws {
        try await StubMaasServer.withServer([try .fixture("machine-read-ready-200"), try .fixture("dnsresources-create-200")]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                _ = try await client.update(systemID: "twgrer", MachineUpdate(swapSize: 0))
                _ = try await client.updateDNSResource(id: 2, ipAddresses: ["192.0.2.30", "192.0.2.31"], addressTTL: nil)
                let requests = script.requests
                #expect(requests.map(\.method) == ["PUT", "PUT"])
                #expect(requests[0].form.map { "\($0.0)=\($0.1)" } == ["swap_size=0"])
                #expect(requests[1].path == "/MAAS/api/2.0/dnsresources/2/")
                #expect(requests[1].form.map { "\($0.0)=\($0.1)" } == ["ip_addresses=192.0.2.30 192.0.2.31"])
            }
        }
    }

    @Test func rejectsInvalidInputBeforeSending() async throws {
        try await StubMaasServer.withServer([]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                await #expect(throws: MaasError.self) {
                    try await client.createDNSResource(fqdn: "api.maas", ipAddresses: ["notanip"], addressTTL: nil)
            }
            await #expect(throws: MaasError.self) { try await client.machine(systemID: "../admin") }
            #expect(script.requests.isEmpty)
            }
        }
    }

    @Test func undecodableBodyIsInvalidResponse() async throws {
        try await StubMaasServer.withServer([.json("<html>")]) { baseURL, _ in
            try await withStubClient(baseURL) { client in
                do {
                    _ = try await client.zones()
                    Issue.record("expected an error")
                } catch let error as MaasError {
                    guard case .invalidResponse = error else { Issue.record("got \(error)"); return }
            }
            }
        }
    }

    @Test func connectionRefusedIsRetryableTransportFailure() async throws {
        // Port 1 on loopback is closed (AHC retries the connect until the connect timeout); classified, never a crash.
        try await withStubClient("http://127.0.0.1:1/MAAS", retry: .none, connectTimeout: .milliseconds(300)) { client in
            do {
                _ = try await client.zones()
                Issue.record("expected an error")
            } catch let error as MaasError {
                #expect(error.status == nil)
                #expect(error.isTransient)
        }
        }
    }

    @Test func logsNeverContainKeyHeaderOrUserData() async throws {
        let userData = "#cloud-config\npassword: hunter2-very-secret\n"
        let unauthorized = StubResponse.text("Authorization Error: 'Invalid signature: &\(TestKeys.secret)'", status: 401)
        try await StubMaasServer.withServer([try .fixture("machine-read-ready-200"), unauthorized]) { baseURL, _ in
            let logs = CapturedLogs()
            try await withStubClient(baseURL, logs: logs) { client in
                _ = try await client.deploy(systemID: "twgrer", DeployRequest(distroSeries: "jammy", userDataText: userData))
                do {
                    _ = try await client.machine(systemID: "twgrer")
                } catch {
                    #expect(!"\(error)".contains(TestKeys.secret))
            }
            let lines = logs.all
            #expect(lines.count >= 2)
            #expect(lines.contains { $0.contains("machines.deploy") && $0.contains("status=200") })
            let forbidden = [TestKeys.secret, TestKeys.apiKey, "OAuth ", "oauth_", "hunter2",
                             Data(userData.utf8).base64EncodedString()]
            for line in lines {
                for secret in forbidden { #expect(!line.contains(secret), "log line leaks \(secret)") }
            }
            }
        }
    }

    @Test func recordsRequestMetricsPerAttempt() async throws {
        let busy = StubResponse.text("busy", status: 503, headers: ["Retry-After": "1"])
        try await StubMaasServer.withServer([busy, .json("[]"), .text("nope", status: 404)]) { baseURL, _ in
            let metrics = RecordingMetrics()
            try await withStubClient(baseURL, metrics: metrics) { client in
                _ = try await client.zones()
                await #expect(throws: MaasError.notFound(message: "nope")) { try await client.machine(systemID: "gone") }
            }
            #expect(metrics.counters == [
                "maas_api_requests_total{op=zones.list,code=503}": 1,
                "maas_api_requests_total{op=zones.list,code=200}": 1,
                "maas_api_requests_total{op=machines.read,code=404}": 1,
            ])
            #expect(metrics.timers["maas_api_request_duration_seconds{op=zones.list}"]?.count == 2)
            #expect(metrics.timers["maas_api_request_duration_seconds{op=machines.read}"]?.count == 1)
        }
    }
}
