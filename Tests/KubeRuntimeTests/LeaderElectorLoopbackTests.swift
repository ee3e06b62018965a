import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestSupport
import ServiceLifecycle
import Synchronization
import Testing

/// An in-memory single Lease with resourceVersion checks, served by the fake API server.
final class LeaseStore: Sendable {
    let state = Mutex<(object: JSONValue?, version: Int)>((nil, 0))

    func handle(_ request: FakeAPIServer.Recorded) -> FakeAPIServer.Reply {
        state.withLock { state in
            switch request.method {
            case "GET":
                guard let object = state.object else { return .json(404, statusJSON(404, reason: "NotFound")) }
                return .json(200, object.jsonString)
            case "POST":
                if state.object != nil { return .json(409, statusJSON(409, reason: "AlreadyExists")) }
                return store(request.body, &state, status: 201)
            case "PUT":
                let sent = (try? JSONValue.parse(request.body))?[path: ["metadata", "resourceVersion"]]?.stringValue
                guard sent == String(state.version) else { return .json(409, statusJSON(409, reason: "Conflict")) }
                return store(request.body, &state, status: 200)
            default:
                return .json(405, statusJSON(405, reason: "MethodNotAllowed"))
            }
        }
    }

    private func store(_ body: String, _ state: inout (object: JSONValue?, version: Int), status: Int) -> FakeAPIServer.Reply {
        guard var object = try? JSONValue.parse(body), var metadata = object["metadata"]?.objectValue else {
            return .json(400, statusJSON(400, reason: "BadRequest"))
        }
        state.version += 1
        metadata["resourceVersion"] = .string(String(state.version))
        object = object.applyingMergePatch(["metadata": .object(metadata)])
        state.object = object
        return .json(status, object.jsonString)
    }

    var holder: String? { state.withLock { $0.object?[path: ["spec", "holderIdentity"]]?.stringValue } }

    func steal(by identity: String) {
        state.withLock { state in
            state.version += 1
            state.object = state.object?.applyingMergePatch([
                "metadata": ["resourceVersion": .string(String(state.version))],
                "spec": ["holderIdentity": .string(identity), "leaseDurationSeconds": 60],
            ])
        }
    }
}

@Suite struct LeaderElectorLoopbackTests {
    static let fast = LeaderElectionStateMachine.Configuration(
        identity: "me_1", leaseDuration: .seconds(2), renewDeadline: .milliseconds(800), retryPeriod: .milliseconds(100))

    @Test func acquiresSignalsAndReleasesOnShutdown() async throws {
        let leases = LeaseStore()
        try await FakeAPIServer.withRunning({ request, _ in leases.handle(request) }) { base, server in
            let client = try KubeClient(config: KubeConfig(server: base, token: "t", caPEM: nil))
            let elector = LeaderElector(client: client, leaseName: "capmaas", namespace: "capmaas-system", configuration: Self.fast, logger: quietLogger())
            let group = ServiceGroup(services: [elector], logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await elector.waitUntilElected()
                #expect(elector.isLeader)
                #expect(leases.holder == "me_1")
                #expect(server.requests.contains { $0.method == "POST" && $0.path == "/apis/coordination.k8s.io/v1/namespaces/capmaas-system/leases" })
                let renewed = await eventually { server.requests.filter { $0.method == "PUT" }.count >= 2 }
                #expect(renewed)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(leases.holder == "")
            try await client.shutdown()
        }
    }

    @Test func losingTheLeaseThrowsFromRun() async throws {
        let leases = LeaseStore()
        try await FakeAPIServer.withRunning({ request, _ in leases.handle(request) }) { base, _ in
            let client = try KubeClient(config: KubeConfig(server: base, token: "t", caPEM: nil))
            let elector = LeaderElector(client: client, leaseName: "capmaas", namespace: "ns", configuration: Self.fast, logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await elector.run() }
                try await elector.waitUntilElected()
                leases.steal(by: "thief")
                await #expect(throws: LeaderElectionLost.self) { try await tasks.next() }
                #expect(!elector.isLeader)
                #expect(leases.holder == "thief")
            }
            try await client.shutdown()
        }
    }
}
