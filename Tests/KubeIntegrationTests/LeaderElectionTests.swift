import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import ServiceLifecycle
import Testing

/// Two electors on the same Lease over real HTTPS: exactly one leads, the other takes over after release.
@Suite struct LeaderElectionTests {
    static func configuration(_ identity: String) -> LeaderElectionStateMachine.Configuration {
        .init(identity: identity, leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(200))
    }

    @Test func oneLeaderThenTakeoverAfterRelease() async throws {
        try await IntegrationCluster.with { cluster in
            let otherClient = try cluster.makeClient()
            let first = LeaderElector(client: cluster.client, leaseName: "it-lease", namespace: cluster.namespace,
                                      configuration: Self.configuration("elector-a"), logger: quietLogger())
            let second = LeaderElector(client: otherClient, leaseName: "it-lease", namespace: cluster.namespace,
                                       configuration: Self.configuration("elector-b"), logger: quietLogger())
            let firstGroup = ServiceGroup(services: [first], logger: quietLogger())
            let secondGroup = ServiceGroup(services: [second], logger: quietLogger())
            let leases = cluster.client.api(Lease.self, namespace: cluster.namespace)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await firstGroup.run() }
                try await first.waitUntilElected()
                tasks.addTask { try await secondGroup.run() }

                // Across several renew periods, only the first leads and the Lease names it.
                for _ in 0..<6 {
                    try await Task.sleep(for: .milliseconds(250))
                    #expect(first.isLeader && !second.isLeader)
                }
                #expect(try await leases.get("it-lease").spec?.holderIdentity == "elector-a")

                // Stopping the first releases the Lease; the second takes over.
                await firstGroup.triggerGracefulShutdown()
                try await second.waitUntilElected()
                #expect(second.isLeader && !first.isLeader)
                let lease = try await leases.get("it-lease")
                #expect(lease.spec?.holderIdentity == "elector-b")
                #expect((lease.spec?.leaseTransitions ?? 0) >= 1)

                await secondGroup.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            try await otherClient.shutdown()
        }
    }
}
