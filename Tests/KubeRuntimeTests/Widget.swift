import KubeCore

/// A small custom kind for tests.
struct Widget: KubeResource, Equatable {
    static let resourceType = ResourceType(group: "test.io", version: "v1", kind: "Widget", plural: "widgets", namespaced: true)
    var apiVersion = "test.io/v1"
    var kind = "Widget"
    var metadata: ObjectMeta
    var spec: [String: String]?

    init(_ name: String, namespace: String = "default", rv: String? = "1", labels: [String: String]? = nil, generation: Int64? = nil) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        metadata.resourceVersion = rv
        metadata.generation = generation
    }
}

func page(_ items: [Widget], rv: String?, continue token: String? = nil) -> ObjectList<Widget> {
    ObjectList(metadata: ListMeta(resourceVersion: rv, continue: token), items: items)
}
