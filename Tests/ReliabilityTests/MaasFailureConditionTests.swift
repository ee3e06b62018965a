import Foundation
import KubeCore
import MaasProvider
import MaasSimulator
import ProviderTestSupport
import Testing

/// Bad MAAS input ends in a specific MachineDeployed condition (reason and message), never a crash, and the
/// reconciler backs off instead of retrying at once; MAAS calls stay bounded.
@Suite(.serialized) struct MaasFailureConditionTests {
    static let spec = MaasMachineSpec(image: "ubuntu/jammy", minCPU: 2, minMemory: 4096)

    @Test func wrongMaasKeyIsMaasCredentialsInvalid() async throws {
        try await ReliabilityEnvironment.with(key: "wrongconsumer:wrongtoken:wrongsecret") { env in
            let key = try await env.createMachine("m", spec: Self.spec)
            let passes = await env.reconcile(key)
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == MaasConditionReasons.maasCredentialsInvalid, "\(String(describing: condition)) \(passes)")
            #expect(condition?.message.isEmpty == false)
            #expect(passes.allSatisfy { $0.backsOff }, "\(passes)")
            if let calls = try await env.simulator?.introspection().callCounts.values.reduce(0, +) {
                #expect(calls <= 6, "MAAS calls for 3 passes: \(calls)")
            }
        }
    }

    @Test func closedPortIsMaasUnreachable() async throws {
        try await ReliabilityEnvironment.with(endpoint: "http://127.0.0.1:9/MAAS") { env in
            let key = try await env.createMachine("m", spec: Self.spec)
            let passes = await env.reconcile(key)
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == MaasConditionReasons.maasUnreachable, "\(String(describing: condition)) \(passes)")
            #expect(condition?.message.isEmpty == false)
            #expect(passes.allSatisfy { $0.backsOff }, "\(passes)")
        }
    }

    struct SpecCase: Sendable, CustomTestStringConvertible {
        var label: String
        var spec: MaasMachineSpec
        var reason: String
        var testDescription: String { label }
    }

    static let specCases: [SpecCase] = [
        .init(label: "unknown zone", spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 2, minMemory: 4096, failureDomain: "no-such-zone"),
              reason: MaasConditionReasons.invalidMachineSpec),
        .init(label: "unknown pool", spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 2, minMemory: 4096, resourcePool: "no-such-pool"),
              reason: MaasConditionReasons.invalidMachineSpec),
        .init(label: "unknown tag", spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 2, minMemory: 4096, tags: ["no-such-tag"]),
              reason: MaasConditionReasons.invalidMachineSpec),
    ]

    @Test(arguments: specCases)
    func invalidSpecIsInvalidMachineSpecWithMaasMessage(_ testCase: SpecCase) async throws {
        try await ReliabilityEnvironment.with { env in
            let key = try await env.createMachine("m", spec: testCase.spec)
            let passes = await env.reconcile(key)
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == testCase.reason, "\(testCase.label): \(String(describing: condition)) \(passes)")
            #expect(condition?.message.contains("no-such") == true, "MAAS's message names the value: \(condition?.message ?? "")")
            #expect(passes.allSatisfy { $0.backsOff }, "\(passes)")
            if let introspection = try await env.simulator?.introspection() {
                // One allocate per pass at most: no retry loop inside a pass (the queue spaces the passes out).
                #expect(introspection.calls("machines.allocate") <= passes.count)
            }
            #expect(try await env.world.maas.machinesInUse(namespace: env.namespace).isEmpty, "nothing allocated")
        }
    }
}

/// Bad bootstrap data and images that MAAS has no boot resource for.
@Suite(.serialized) struct DeployInputTests {
    @Test func oversizedUserDataIsInvalidBootstrapData() async throws {
        try await ReliabilityEnvironment.with { env in
            try await env.setBootstrapData("#cloud-config\n" + String(repeating: "# padding\n", count: 120_000))
            let key = try await env.createMachine("m", spec: MaasFailureConditionTests.spec)
            let passes = await env.reconcile(key, passes: 4)
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == MaasConditionReasons.invalidBootstrapData, "\(String(describing: condition)) \(passes)")
            #expect(condition?.message.contains("1 MiB") == true, "\(condition?.message ?? "")")
            #expect(passes.allSatisfy { $0.backsOff }, "\(passes)")
            if let introspection = try await env.simulator?.introspection() {
                #expect(introspection.calls("machine.deploy") == 0, "nothing oversized sent to MAAS")
            }
            try await env.deleteAndRelease(key)
        }
    }

    @Test func imageWithoutBootResourceIsInvalidMachineSpec() async throws {
        try await ReliabilityEnvironment.with { env in
            let key = try await env.createMachine("m", spec: MaasMachineSpec(image: "ubuntu/nosuchseries", minCPU: 2, minMemory: 4096))
            let passes = await env.reconcile(key, passes: 4)
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == MaasConditionReasons.invalidMachineSpec, "\(String(describing: condition)) \(passes)")
            #expect(condition?.message.contains("nosuchseries") == true, "MAAS's message: \(condition?.message ?? "")")
            #expect(passes.allSatisfy { $0.backsOff }, "\(passes)")
            if let deploys = try await env.simulator?.introspection().calls("machine.deploy") {
                #expect(deploys <= passes.count, "one deploy per pass at most")
            }
            try await env.deleteAndRelease(key)
        }
    }
}

/// MAAS answers 200 with a body that is not JSON (simulator fault `malformedJSON`).
@Suite struct MalformedMaasResponseTests {
    // Needs the simulator's fault injection (a real MAAS cannot be made to answer broken JSON).
    @Test(.enabled(if: TestMaas.hasSimulatorPowers, "injecting malformed MAAS responses needs the MAAS simulator"))
    func malformedJSONIsMaasUnreachableWithBackoff() async throws {
        try await ReliabilityEnvironment.with { env in
            let simulator = try #require(env.simulator)
            try await simulator.setFaults(SimulatorFaults(rate: 1, kinds: [.malformedJSON]))
            let key = try await env.createMachine("m", spec: MaasFailureConditionTests.spec)
            let passes = await env.reconcile(key)
            let condition = try await env.machineDeployed(key)
            #expect(condition?.reason == MaasConditionReasons.maasUnreachable, "\(String(describing: condition)) \(passes)")
            #expect(condition?.message.isEmpty == false)
            #expect(passes.allSatisfy { $0.backsOff }, "\(passes)")
            let calls = try await simulator.introspection().callCounts.values.reduce(0, +)
            #expect(calls <= 9, "MAAS calls for 3 passes: \(calls)")
            // Once MAAS answers properly again, the machine converges.
            try await simulator.setFaults(SimulatorFaults())
            _ = await env.reconcile(key, passes: 2)
            #expect(try await env.world.maas.machinesInUse(namespace: env.namespace).count == 1)
            try await env.deleteAndRelease(key)
        }
    }
}
