import Foundation
import KubeCore

/// The project's MaasMachine custom resource, with spec and status kept as JSON (the tests only need shape).
struct MaasMachine: KubeResource {
    static let resourceType = ResourceType(
        group: "infrastructure.cluster.x-k8s.io", version: "v1beta1", kind: "MaasMachine", plural: "maasmachines",
        namespaced: true)
    var apiVersion = "infrastructure.cluster.x-k8s.io/v1beta1"
    var kind = "MaasMachine"
    var metadata: ObjectMeta
    var spec: JSONValue?
    var status: JSONValue?

    init(_ name: String, namespace: String, image: String = "ubuntu/jammy", minCPU: Int64 = 2, minMemory: Int64 = 4096) {
        metadata = ObjectMeta(name: name, namespace: namespace)
        spec = ["image": .string(image), "minCPU": .int(minCPU), "minMemory": .int(minMemory)]
    }

    /// The repository's `crds/` directory (this file is Tests/KubeIntegrationTests/MaasMachine.swift).
    static var crdDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("crds").path
    }
}
