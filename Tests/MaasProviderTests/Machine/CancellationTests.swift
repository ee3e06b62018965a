import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import MaasClient
@testable import MaasProvider
import MaasSimulator
import ProviderTestSupport
import Testing

/// A MAAS or credentials call cancelled under a reconcile (the manager's task group at shutdown) is cancellation:
/// the reconcile throws `CancellationError`, with no event, no condition change and no status write. It used to
/// become `MaasCredentialsInvalid` (connections already shut down) or `MaasUnreachable` (HTTP client cancelled).
@Suite(.serialized) struct CancellationTests {
    @Test func classification() {
        #expect(MaasCancellation.isCancellation(CancellationError()))
        #expect(MaasCancellation.isCancellation(MaasConnectionError.cancelled))
        #expect(!MaasCancellation.isCancellation(MaasConnectionError.missingCredentials("no Secret")))
        #expect(!MaasCancellation.isCancellation(MaasError.transport(description: "connection refused")))
        #expect(!MaasCancellation.isCancellation(MaasError.noMatchingMachine(message: "none")))
    }

    @Test func anyErrorInACancelledTaskIsCancellation() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return MaasCancellation.isCancellation(MaasError.transport(description: "HTTPClientError.cancelled"))
        }
        #expect(await task.value)
    }

    /// A MAAS call throwing cancellation in the middle of a pass.
    @Test(arguments: ["list", "allocate", "deploy"])
    func cancelledMaasCallWritesNothing(_ operation: String) async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            maas.failNext(operation, with: CancellationError())
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            // The agent-name search (the list) runs only after an allocate whose outcome is unrecorded.
            if operation == "list" { try await env.markAllocationUnsettled(key) }
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            await #expect(throws: CancellationError.self) { _ = try await reconciler.reconcile(key) }
            let object = try await env.maasMachine(key)
            let deployed = object.status?.conditions?[type: MaasConditions.machineDeployed]
            // Nothing about this pass's failure was written (a deploy pass may have flushed "allocated" before it).
            #expect(deployed == nil || deployed?.reason == MaasConditionReasons.machineAllocated, "\(object.status?.conditions ?? [])")
            #expect(try await env.client.dynamic(.event, namespace: env.namespace).list().items
                .filter { $0["type"]?.stringValue == "Warning" }.isEmpty)
            // Not cancelled any more: the next pass proceeds normally.
            _ = try await reconciler.reconcile(key)
            #expect(try await env.maasMachine(key).spec.systemID == "aaa111")
        }
    }

    @Test func cancelledCredentialsLookupWritesNothing() async throws {
        try await MachineTestEnvironment.with { env in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let context = env.context(maas: FakeMaas(), connectionError: .cancelled)
            await #expect(throws: CancellationError.self) { _ = try await MaasMachineReconciler(context: context).reconcile(key) }
            #expect(try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed] == nil)
            #expect(try await env.events(reason: MaasConditionReasons.maasCredentialsInvalid).isEmpty)
        }
    }

    @Test func stoppedConnectionsReportCancellationNotMissingCredentials() async throws {
        try await MachineTestEnvironment.with { env in
            let connections = SecretMaasConnections(
                client: env.client, settings: MaasCredentialSettings(environment: ["MAAS_ENDPOINT": "http://127.0.0.1:1/MAAS", "MAAS_API_KEY": "a:b:c"]))
            _ = try await connections.connection(forNamespace: env.namespace)
            await connections.shutDownAll()
            await #expect(throws: MaasConnectionError.cancelled) { _ = try await connections.connection(forNamespace: env.namespace) }
            // A reconcile on a cancelled task never reads credentials.
            let fresh = SecretMaasConnections(client: env.client, settings: MaasCredentialSettings(environment: [:]))
            let outcome = await Task {
                withUnsafeCurrentTask { $0?.cancel() }
                do { _ = try await fresh.connection(forNamespace: env.namespace); return "connected" } catch { return "\(error)" }
            }.value
            #expect(outcome == MaasConnectionError.cancelled.description)
        }
    }

    /// The MAAS client surfaces a cancelled in-flight request as `CancellationError`, not as a `MaasError`.
    @Test func cancelledInFlightRequestIsCancellationError() async throws {
        try await MaasSimulator.withRunning(SimulatorConfiguration(faults: SimulatorFaults(latencyMilliseconds: 5_000))) { sim in
            try await MaasHTTPClient.withClient(try MaasClientConfiguration(endpoint: sim.baseURL, apiKey: sim.adminKey)) { client in
                let call = Task { () -> String in
                    do { _ = try await client.machines(MachineFilter()); return "answered" } catch { return "\(type(of: error))" }
                }
                try await Task.sleep(for: .milliseconds(200))
                call.cancel()
                #expect(await call.value == "CancellationError")
            }
        }
    }

    /// A client shut down under an in-flight request (the connections service stopping at manager shutdown):
    /// AsyncHTTPClient fails the request with `HTTPClientError.cancelled`, which used to become "MAAS unreachable".
    @Test func clientShutDownUnderAnInFlightRequestIsCancellationError() async throws {
        try await MaasSimulator.withRunning(SimulatorConfiguration(faults: SimulatorFaults(latencyMilliseconds: 5_000))) { sim in
            let client = try MaasHTTPClient(configuration: try MaasClientConfiguration(endpoint: sim.baseURL, apiKey: sim.adminKey))
            let call = Task { () -> String in
                do { _ = try await client.machines(MachineFilter()); return "answered" } catch { return "\(error)" }
            }
            try await Task.sleep(for: .milliseconds(300))
            try await client.shutdown()
            #expect(await call.value == "\(CancellationError())")
        }
    }

    /// The MaasCluster reconciler: a cancelled credentials lookup leaves LoadBalancerReady alone and records no event.
    @Test func clusterReconcileCancelledWritesNothing() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster()
            var context = env.context
            context.connections = FakeConnections(maas: FakeMaas(), error: .cancelled)
            let reconciler = MaasClusterReconciler(context: context, clusters: Store(), maasMachines: env.maasMachines)
            await #expect(throws: (any Error).self) { _ = try await reconciler.reconcile(env.key) }
            let condition = try await env.maasCluster().status?.conditions?[type: MaasConditions.loadBalancerReady]
            #expect(condition?.reason != MaasConditionReasons.loadBalancerFailed)
            #expect(try await env.client.dynamic(.event, namespace: env.namespace).list().items
                .filter { $0["reason"]?.stringValue == "DNSFailed" }.isEmpty)
        }
    }
}
