import KubeCore

/// The served resources: built-in kinds plus those of established CRDs.
struct ResourceRegistry: Sendable {
    private(set) var builtins: [ResourceInfo]
    /// CRD name → its resources (one per served version).
    private(set) var custom: [String: [ResourceInfo]] = [:]

    init() { builtins = ResourceRegistry.builtinResources }

    var all: [ResourceInfo] { builtins + custom.keys.sorted().flatMap { custom[$0] ?? [] } }

    func lookup(group: String, version: String, plural: String) -> ResourceInfo? {
        all.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// Resources of a stored group resource (any version), e.g. for cascading deletes.
    func infos(storage: GroupResource) -> [ResourceInfo] { all.filter { $0.storage == storage } }

    /// Preferred info for a storage group resource (the CRD storage version, or the first).
    func preferred(storage: GroupResource) -> ResourceInfo? {
        let candidates = infos(storage: storage)
        return candidates.first { $0.crd?.storage == true } ?? candidates.first
    }

    /// Groups in discovery order with their versions (preferred first).
    var groups: [(name: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for info in all where !info.group.isEmpty {
            if versions[info.group] == nil { order.append(info.group); versions[info.group] = [] }
            if versions[info.group]?.contains(info.version) == false { versions[info.group]?.append(info.version) }
        }
        return order.map { ($0, versions[$0] ?? []) }
    }

    mutating func register(crdName: String, model: CustomResourceDefinitionModel) {
        custom[crdName] = model.versions.filter(\.served).map { version in
            var info = ResourceInfo(
                group: model.group, version: version.name, kind: model.kind, plural: model.plural,
                namespaced: model.namespaced, hasStatus: version.hasStatusSubresource, shortNames: model.shortNames,
                categories: model.categories, crd: version)
            info.listKind = model.listKind
            info.singular = model.singular
            return info
        }
    }

    mutating func unregister(crdName: String) { custom[crdName] = nil }

    static let builtinResources: [ResourceInfo] = [
        ResourceInfo(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true, shortNames: ["cm"]),
        ResourceInfo(group: "", version: "v1", kind: "Event", plural: "events", namespaced: true, shortNames: ["ev"]),
        ResourceInfo(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false, hasStatus: true, shortNames: ["ns"]),
        ResourceInfo(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false, hasStatus: true, shortNames: ["no"]),
        ResourceInfo(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true),
        ResourceInfo(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true, hasStatus: true, shortNames: ["svc"],
                     categories: ["all"], builtinSchema: BuiltinSchemas.serviceModel()),
        ResourceInfo(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true, shortNames: ["sa"]),
        ResourceInfo(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true, hasStatus: true,
                     shortNames: ["deploy"], categories: ["all"], builtinSchema: BuiltinSchemas.deploymentModel()),
        ResourceInfo(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions",
                     namespaced: false, hasStatus: true, shortNames: ["crd", "crds"], categories: ["api-extensions"]),
        ResourceInfo(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true),
        ResourceInfo(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", namespaced: true, shortNames: ["ev"],
                     storage: GroupResource(group: "", resource: "events")),
        ResourceInfo(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false),
        ResourceInfo(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false),
        ResourceInfo(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true),
        ResourceInfo(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", namespaced: true),
    ]
}
