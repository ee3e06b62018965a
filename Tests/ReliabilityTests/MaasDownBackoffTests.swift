import Foundation
import KubeCore
import KubeRuntime
import MaasSimulator
import ProviderTestSupport
import Testing
@testable import MaasProvider

/// Against a MAAS that is down, a MaasMachine's retries thin out (5 s doubling to 5 min) instead of hitting MAAS
/// every 5 s forever: the MAAS calls over a window grow sublinearly. Time is virtual (the requeue delays are added
/// up); the MAAS calls are real and counted by the simulator (`fault.down`).
@Suite(.serialized) struct MaasDownBackoffTests {
    @Test func callsAgainstADownMaasGrowSublinearly() async throws {
        try await ReliabilityEnvironment.with { env in
            guard let simulator = env.simulator else { return }  // needs the simulator's "down" switch
            let key = try await env.createMachine("m", spec: MaasFailureConditionTests.spec)
            var reconciler = MaasMachineReconciler(context: env.context)
            reconciler.failures = FailureCounter(jitter: { $0 })
            try await simulator.setFaults(SimulatorFaults(down: true))

            var elapsed = Duration.zero
            var passes: [(at: Duration, calls: Int)] = []
            while elapsed < .seconds(1200), passes.count < 300 {
                let result = try await reconciler.reconcile(key)
                passes.append((elapsed, try await simulator.introspection().calls("fault.down")))
                guard case .requeue(let delay) = result else {
                    Issue.record("a down MAAS must be retried later, got \(result)")
                    break
                }
                elapsed += delay
            }
            try await simulator.setFaults(SimulatorFaults())

            func calls(within window: Duration) -> Int { passes.last { $0.at < window }?.calls ?? 0 }
            let firstFive = calls(within: .seconds(300))
            let twenty = calls(within: .seconds(1200))
            print("down MAAS: passes in 5 min \(passes.filter { $0.at < .seconds(300) }.count), in 20 min \(passes.count); "
                + "MAAS calls in 5 min \(firstFive), in 20 min \(twenty)")
            #expect(firstFive > 0)
            // A fixed 5 s retry would be 60 passes in 5 min and 4× the calls in 20 min; the backoff gives 6 and 9 passes.
            #expect(passes.filter { $0.at < .seconds(300) }.count <= 7)
            #expect(twenty * 2 <= firstFive * 3, "calls over 20 min \(twenty) vs. 5 min \(firstFive)")
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == MaasConditionReasons.maasUnreachable)
            #expect(condition?.message.contains("503") == true, "\(condition?.message ?? "")")
        }
    }
}
