import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient
import MaasSimulator
import ProviderTestSupport
import Synchronization
@testable import MaasProvider
import Testing

/// MaasCluster DNS failures say what went wrong (not always `LoadBalancerFailed`) and back off per cluster.
@Suite(.serialized) struct MaasClusterBackoffTests {
    static func reconciler(_ env: ClusterTestEnvironment, context: ProviderContext? = nil) -> MaasClusterReconciler {
        var reconciler = MaasClusterReconciler(context: context ?? env.context, clusters: Store(), maasMachines: env.maasMachines)
        reconciler.failures = FailureCounter(jitter: { $0 })
        return reconciler
    }

    @Test func downMaasIsMaasUnreachableAndBacksOff() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            guard let simulator = env.simulator else { return }  // needs the simulator's "down" switch
            try await env.createCluster()
            let reconciler = Self.reconciler(env)
            try await simulator.setFaults(SimulatorFaults(down: true))
            var delays: [Duration] = []
            for _ in 0..<4 {
                if case .requeue(let delay) = try await reconciler.reconcile(env.key) { delays.append(delay) }
            }
            #expect(delays == [5, 10, 20, 40].map { Duration.seconds($0) })
            let condition = try await env.maasCluster().status?.conditions?[type: MaasConditions.loadBalancerReady]
            #expect(condition?.reason == MaasConditionReasons.maasUnreachable, "\(String(describing: condition))")
            #expect(condition?.message.contains("503") == true, "\(condition?.message ?? "")")
            #expect(try await simulator.introspection().calls("fault.down") == 4, "one MAAS call per pass")

            // MAAS is back: the record is made and the count forgotten.
            try await simulator.setFaults(SimulatorFaults())
            _ = try await reconciler.reconcile(env.key)
            #expect(try await env.maasCluster().status?.conditions?.isTrue(MaasConditions.loadBalancerReady) == true)
            #expect(reconciler.failures.count(env.key) == 0)
        }
    }

    /// A healthy cluster's passes take the DNS record they last read or wrote: one read, then another only after
    /// ``KnownDNSRecords/lifetime`` (a record edited in MAAS is put back within it).
    @Test func knownDNSRecordStandsInForReadsUntilItAges() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            guard let simulator = env.simulator else { return }  // counts calls by op
            try await env.createCluster()
            let clock = Mutex(Date(timeIntervalSince1970: 1_000_000))
            var reconciler = MaasClusterReconciler(
                context: env.context, clusters: Store(), maasMachines: env.maasMachines, now: { clock.withLock { $0 } })
            reconciler.failures = FailureCounter(jitter: { $0 })
            func reads() async throws -> Int { try await simulator.introspection().calls("dnsresources.read") }
            for _ in 0..<3 { _ = try await reconciler.reconcile(env.key) }
            #expect(try await reads() == 1)
            #expect(try await env.maasCluster().status?.conditions?.isTrue(MaasConditions.loadBalancerReady) == true)

            clock.withLock { $0 += KnownDNSRecords.lifetime + 1 }
            _ = try await reconciler.reconcile(env.key)
            #expect(try await reads() == 2)
        }
    }

    @Test func userKeyIsMaasPermissionDeniedAndNamesTheAdminKey() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            guard env.simulator != nil else { return }  // a real MAAS user key may be an admin's
            try await env.createCluster()
            let userClient = try MaasHTTPClient(configuration: env.maas.configuration(apiKey: env.maas.userKey))
            let context = ProviderContext(
                client: env.client, connections: FixedMaasConnection(api: userClient), workloads: env.workloads,
                recorder: env.context.recorder, options: ProviderOptions(), logger: env.context.logger)
            let result = try await Self.reconciler(env, context: context).reconcile(env.key)
            try await userClient.shutdown()
            #expect(result == .requeue(after: MaasRequeue.permissionRetry))
            let condition = try await env.maasCluster().status?.conditions?[type: MaasConditions.loadBalancerReady]
            #expect(condition?.reason == MaasConditionReasons.maasPermissionDenied, "\(String(describing: condition))")
            #expect(condition?.message.contains("administrator API key") == true, "\(condition?.message ?? "")")
        }
    }
}
