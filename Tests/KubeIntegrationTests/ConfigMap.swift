import KubeCore

/// A `v1` ConfigMap, the workhorse kind of these tests (namespaced, allowed on any cluster).
struct ConfigMap: KubeResource, Equatable {
    static let resourceType = ResourceType.configMap
    var apiVersion = "v1"
    var kind = "ConfigMap"
    var metadata: ObjectMeta
    var data: [String: String]?

    init(_ name: String, namespace: String, labels: [String: String]? = nil, data: [String: String]? = ["k": "v"]) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        self.data = data
    }
}
