import Foundation
import KubeClient
import KubeCore
import Testing

/// EventRecorder de-duplication, read back through the core events list with an involvedObject field selector.
@Suite struct EventRecorderTests {
    @Test func repeatedEventPatchesCount() async throws {
        try await IntegrationCluster.with { cluster in
            let object = try await cluster.configMaps.create(ConfigMap("evented", namespace: cluster.namespace))
            let recorder = EventRecorder(client: cluster.client, component: "capmaas-it", logger: quietLogger())
            let first = await recorder.record(object, type: .normal, reason: "Provisioning", message: "allocating a machine")
            #expect(first?.count == 1)
            let second = await recorder.record(object, type: .normal, reason: "Provisioning", message: "allocating a machine")
            #expect(second?.count == 2)
            #expect(second?.metadata.name == first?.metadata.name)
            _ = await recorder.record(object, type: .warning, reason: "Failed", message: "no machine available")

            let events = cluster.client.api(CoreEvent.self, namespace: cluster.namespace)
            let selector = "involvedObject.name=evented,involvedObject.uid=\(object.metadata.uid ?? "")"
            let listed = try await events.list(ListOptions(fieldSelector: selector)).items
            #expect(listed.count == 2)
            let provisioning = listed.first { $0.reason == "Provisioning" }
            #expect(provisioning?.count == 2)
            #expect(provisioning?.involvedObject.kind == "ConfigMap")
            #expect(listed.first { $0.reason == "Failed" }?.type == "Warning")
        }
    }
}
