import Foundation
import Testing
@testable import MaasClient

/// The poll's lean decode: the same status and power as the full machine, one list call, bad bodies refused.
@Suite struct MachineSummaryTests {
    @Test func summaryOfTheRecordedMachineMatchesTheFullDecode() throws {
        let body = try Fixtures.body("machine-read-ready-200")
        let node = try JSONDecoder().decode(MaasNode.self, from: body)
        let summary = try JSONDecoder().decode(MaasMachineSummary.self, from: body)
        #expect(summary == MaasMachineSummary(node))
        #expect(summary.systemID == "twgrer" && summary.status == .ready && summary.statusName == "Ready")
    }

    @Test func toleratesNullsStringCodesAndMissingNames() throws {
        let json = #"[{"system_id":"a","status":"6","status_name":null,"power_state":null,"interface_set":[{"x":[1,2]}],"#
            + #""workload_annotations":{"cluster":"c1","n":1,"x":null}},"#
            + #"{"system_id":"b","status":9,"power_state":"on","workload_annotations":{},"owner_data":{"cluster":"old"}}]"#
        let summaries = try JSONDecoder().decode([MaasMachineSummary].self, from: Data(json.utf8))
        #expect(summaries == [
            MaasMachineSummary(systemID: "a", status: .deployed, powerState: .unknown, workloadAnnotations: ["cluster": "c1", "n": "1"]),
            MaasMachineSummary(systemID: "b", status: .deploying, powerState: .on, workloadAnnotations: ["cluster": "old"]),
        ])
        #expect(summaries[0].statusName == MaasNodeStatus.deployed.displayName)
    }

    @Test func machineWithoutSystemIDIsRejected() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MaasMachineSummary].self, from: Data(#"[{"status":6}]"#.utf8))
        }
    }

    @Test func oneListCallWithTheFiltersInTheQuery() async throws {
        let body = #"[{"system_id":"a","status":6,"status_name":"Deployed","power_state":"on","hostname":"h"}]"#
        try await StubMaasServer.withServer([.json(body)]) { baseURL, script in
            try await withStubClient(baseURL) { client in
                let summaries = try await client.machineSummaries(MachineFilter(ids: ["a", "b"]))
                #expect(summaries == [MaasMachineSummary(systemID: "a", hostname: "h", status: .deployed, statusName: "Deployed", powerState: .on)])
                #expect(script.requests.count == 1)
                let request = try #require(script.requests.first)
                #expect(request.method == "GET" && request.path == "/MAAS/api/2.0/machines/")
                #expect(request.queryItems.map { "\($0.0)=\($0.1)" } == ["id=a", "id=b"])
            }
        }
    }

    @Test func undecodableBodyIsAnInvalidResponse() async throws {
        try await StubMaasServer.withServer([.json(#"{"not":"a list"}"#)]) { baseURL, _ in
            try await withStubClient(baseURL) { client in
                await #expect {
                    _ = try await client.machineSummaries(MachineFilter(ids: ["a"]))
                } throws: { error in
                    guard case MaasError.invalidResponse = error else { return false }
                    return true
                }
            }
        }
    }
}
