import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import Testing

/// Injected 500/409 write faults: retried where safe, surfaced as typed errors otherwise.
@Suite(.enabled(if: IntegrationCluster.isSandbox, "sandbox fault injection"))
struct WriteFaultTests {
    @Test func serverErrorsOnWritesSurfaceTypedAndReadsStillWork() async throws {
        try await IntegrationCluster.with { cluster in
            guard let sandbox = cluster.sandbox else { return }
            _ = try await cluster.configMaps.create(ConfigMap("faulty", namespace: cluster.namespace))
            sandbox.setFaults(SandboxFaults(serverErrorWriteFraction: 1))
            // A POST/PUT/PATCH that failed with 500 may have been applied: never retried, surfaced typed.
            let create = await kubeError { _ = try await cluster.configMaps.create(ConfigMap("never", namespace: cluster.namespace)) }
            guard case .serverError(let code, let status)? = create else {
                Issue.record("expected serverError, got \(String(describing: create))")
                return
            }
            #expect(code == 500)
            #expect(status.reason == "InternalError")
            let patch = await kubeError { _ = try await cluster.configMaps.patch("faulty", .merge(["data": ["x": "1"]])) }
            #expect({ if case .serverError? = patch { true } else { false } }())
            // Reads are unaffected.
            #expect(try await cluster.configMaps.get("faulty").data == ["k": "v"])

            // Only 409 Conflict is injected: surfaced as `.conflict` for the caller's read-modify-write loop.
            sandbox.setFaults(SandboxFaults(conflictWriteFraction: 1))
            let conflict = await kubeError { _ = try await cluster.configMaps.patch("faulty", .merge(["data": ["x": "1"]])) }
            #expect(conflict?.isConflict == true)
            sandbox.setFaults(SandboxFaults())
        }
    }

    @Test func partialWriteFaultsAreAbsorbedByRetryOnConflictLoops() async throws {
        try await IntegrationCluster.with { cluster in
            guard let sandbox = cluster.sandbox else { return }
            for i in 0..<10 { _ = try await cluster.configMaps.create(ConfigMap("rw\(i)", namespace: cluster.namespace)) }
            sandbox.setFaults(SandboxFaults(conflictWriteFraction: 0.3, serverErrorWriteFraction: 0.2))
            var surfaced = 0
            for i in 0..<10 {
                // The controller pattern: re-read and retry on conflict / server error, bounded.
                var done = false
                for _ in 0..<30 where !done {
                    do {
                        var object = try await cluster.configMaps.get("rw\(i)")
                        object.data = ["written": "yes"]
                        _ = try await cluster.configMaps.update(object)
                        done = true
                    } catch let error as KubeError {
                        switch error {
                        case .conflict, .serverError: surfaced += 1
                        default: throw error
                        }
                    }
                }
                #expect(done)
            }
            sandbox.setFaults(SandboxFaults())
            #expect(surfaced > 0)
            let all = try await cluster.configMaps.listAll(ListOptions(fieldSelector: "metadata.name!=kube-root-ca.crt"))
            #expect(all.items.filter { $0.data?["written"] == "yes" }.count == 10)
        }
    }

    @Test func failedWritesLeaveNoTrace() async throws {
        // A create that surfaced an error must not exist afterwards (the injected fault rejects before storing),
        // and every create that returned must exist: no silent retries that double-apply or lose writes.
        try await IntegrationCluster.with { cluster in
            guard let sandbox = cluster.sandbox else { return }
            sandbox.setFaults(SandboxFaults(serverErrorWriteFraction: 0.5))
            var created = 0
            for i in 0..<20 {
                if (try? await cluster.configMaps.create(ConfigMap("half\(i)", namespace: cluster.namespace))) != nil { created += 1 }
            }
            sandbox.setFaults(SandboxFaults())
            let listed = try await cluster.configMaps.list(ListOptions(labelSelector: nil)).items.filter { $0.metadata.name?.hasPrefix("half") == true }
            #expect(listed.count == created)
        }
    }
}
