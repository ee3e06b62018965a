import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient
@testable import MaasProvider
import Testing

/// Transient MAAS failures back off per object (5 s doubling to 5 min), in memory, and start over after a success.
@Suite(.serialized) struct MachineBackoffTests {
    static let down = MaasError.connectionRefused(endpoint: "127.0.0.1:5240")

    static func reconciler(_ context: ProviderContext, jitter: @escaping @Sendable (Duration) -> Duration = { $0 }) -> MaasMachineReconciler {
        var reconciler = MaasMachineReconciler(context: context)
        reconciler.failures = FailureCounter(jitter: jitter)
        return reconciler
    }

    @Test func consecutiveFailuresGrowTheDelayAndASuccessResetsIt() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = Self.reconciler(env.context(maas: maas))
            var delays: [Duration] = []
            for _ in 0..<8 {
                maas.failNext("allocate", with: Self.down)
                if case .requeue(let delay) = try await reconciler.reconcile(key) { delays.append(delay) }
            }
            #expect(delays == [5, 10, 20, 40, 80, 160, 300, 300].map { Duration.seconds($0) })
            let object = try await env.maasMachine(key)
            let condition = object.status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.reason == MaasConditionReasons.maasUnreachable)
            #expect(condition?.message.contains("connection refused by 127.0.0.1:5240: is MAAS running and the endpoint right?") == true)
            // No status write per failure: the count lives in memory, not in status.failedAttempts.
            #expect(object.status?.failedAttempts == nil)

            // MAAS is back: the machine is allocated and the count forgotten; the next failure starts at 5 s again.
            _ = try await reconciler.reconcile(key)
            #expect(try await env.maasMachine(key).spec.systemID == "aaa111")
            #expect(maas.calls("deploy") == 1)
            maas.failNext("get", with: Self.down)
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(5)), "\(maas.calls)")
        }
    }

    @Test func jitterIsAppliedToTransientBackoffOnly() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = Self.reconciler(env.context(maas: maas), jitter: { $0 + .seconds(1) })
            maas.failNext("allocate", with: Self.down)
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(6)))
            maas.failNext("allocate", with: MaasError.retryable(status: 503, retryAfter: .seconds(42), message: "busy"))
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(42)), "Retry-After is honoured as sent")
            // No capacity: the status-counted backoff (1 min), not jittered, not grown by the transient failures.
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(60)))
        }
    }

    @Test func countsArePerObject() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            try await env.createCluster()
            let first = try await env.createMachine("worker-0")
            let second = try await env.createMachine("worker-1")
            let reconciler = Self.reconciler(env.context(maas: maas))
            for _ in 0..<3 {
                maas.failNext("allocate", with: Self.down)
                _ = try await reconciler.reconcile(first)
            }
            maas.failNext("allocate", with: Self.down)
            #expect(try await reconciler.reconcile(second) == .requeue(after: .seconds(5)))
        }
    }

    @Test func defaultJitterAddsAtMostOneFifth() {
        for _ in 0..<200 {
            let delay = FailureCounter<String>.randomJitter(.seconds(100))
            #expect(delay >= .seconds(100) && delay < .seconds(120))
        }
    }
}
