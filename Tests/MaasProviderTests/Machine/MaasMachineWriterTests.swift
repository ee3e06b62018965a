import ClusterAPI
import KubeClient
import KubeCore
@testable import MaasProvider
import Testing

/// The ledger mark before an allocate is guarded by the resourceVersion read: another writer's unrelated change is
/// retried over, a change the decision rests on is not.
@Suite(.serialized) struct MaasMachineWriterTests {
    @Test func markRetriesOverAnUnrelatedChange() async throws {
        try await MachineTestEnvironment.with { env in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let api = env.client.api(MaasMachine.self, namespace: env.namespace)
            let read = try await api.get(key.name)
            _ = try await api.patch(key.name, .merge(["metadata": ["labels": ["team": "blue"]]]))

            let marked = try #require(try await MaasMachineWriter(api: api).markAllocationUnsettled(read))
            #expect(marked.allocationLedger == .unsettled)
            #expect(marked.metadata.finalizers == [MaasFinalizers.machine])
            #expect(marked.metadata.labels?["team"] == "blue", "the other writer's change is kept")
            #expect(marked.metadata.annotation(AllocationLedger.agentNameKey) == read.metadata.uid)
        }
    }

    @Test func markGivesUpWhenTheObjectWasMarkedMeanwhile() async throws {
        try await MachineTestEnvironment.with { env in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let api = env.client.api(MaasMachine.self, namespace: env.namespace)
            let read = try await api.get(key.name)
            // Another manager (a stale leader) marked it and may be allocating right now.
            try await env.markAllocationUnsettled(key)

            #expect(try await MaasMachineWriter(api: api).markAllocationUnsettled(read) == nil)
        }
    }
}
