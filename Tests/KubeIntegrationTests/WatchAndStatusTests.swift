import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import Testing

/// Watch from a resourceVersion and the status subresource of the project's MaasMachine CRD.
@Suite struct WatchAndStatusTests {
    @Test func watchFromResourceVersionSeesAddedModifiedDeleted() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.configMaps
            _ = try await api.create(ConfigMap("before", namespace: cluster.namespace))
            let listed = try await api.list()
            let stream = try await api.watch(ListOptions(resourceVersion: listed.metadata.resourceVersion), timeoutSeconds: 30)

            let created = try await api.create(ConfigMap("watched", namespace: cluster.namespace, data: ["v": "1"]))
            var changed = created
            changed.data = ["v": "2"]
            _ = try await api.update(changed)
            try await api.delete("watched")

            var seen: [String] = []
            for try await event in stream {
                switch event {
                case .added(let object) where object.metadata.name == "watched": seen.append("ADDED")
                case .modified(let object) where object.metadata.name == "watched": seen.append("MODIFIED:\(object.data?["v"] ?? "")")
                case .deleted(let object) where object.metadata.name == "watched": seen.append("DELETED")
                case .error(let status): Issue.record("watch error \(status)")
                default: continue
                }
                if seen.count == 3 { break }
            }
            // "before" predates the resourceVersion, so it is not replayed.
            #expect(seen == ["ADDED", "MODIFIED:2", "DELETED"])
        }
    }

    @Test func statusSubresourceOfMaasMachine() async throws {
        try await IntegrationCluster.with { cluster in
            guard try await MaasMachineCRD.ensureInstalled(cluster) else { return }
            let api = cluster.client.api(MaasMachine.self, namespace: cluster.namespace)
            let created = try await api.create(MaasMachine("m0", namespace: cluster.namespace))
            #expect(created.metadata.generation == 1)

            // A status write through the main resource is ignored...
            var withStatus = created
            withStatus.status = ["machineState": "Deployed"]
            let mainWrite = try await api.update(withStatus)
            #expect(mainWrite.status?["machineState"] == nil)

            // ...and through the subresource it is stored without bumping generation.
            var statusWrite = mainWrite
            statusWrite.status = ["machineState": "Deployed", "ready": true]
            let updated = try await api.updateStatus(statusWrite)
            #expect(updated.status?["machineState"] == "Deployed")
            #expect(updated.metadata.generation == 1)

            let patched = try await api.patchStatus("m0", .merge(["status": ["hostname": "node-0"]]))
            #expect(patched.status?["hostname"] == "node-0")
            #expect(patched.status?["ready"] == true)

            // Spec is immutable where the CRD says so (x-kubernetes-validations `self == oldSelf`).
            let immutable = await kubeError { _ = try await api.patch("m0", .merge(["spec": ["image": "ubuntu/noble"]])) }
            #expect(immutable?.isInvalid == true)
        }
    }
}

enum MaasMachineCRD {
    /// Installs crds/ on the sandbox; on a real cluster reports whether the CRD is installed (tests skip otherwise).
    static func ensureInstalled(_ cluster: IntegrationCluster) async throws -> Bool {
        if let sandbox = cluster.sandbox {
            try sandbox.installCustomResourceDefinitions(fromDirectory: MaasMachine.crdDirectory)
            return true
        }
        let crds = cluster.client.dynamic(.customResourceDefinition)
        do {
            _ = try await crds.get("maasmachines.infrastructure.cluster.x-k8s.io")
            return true
        } catch let error as KubeError where error.isNotFound || error.isForbidden {
            return false
        }
    }
}
