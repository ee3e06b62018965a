import KubeCore

/// Discovery documents: aggregated v2 (`APIGroupDiscoveryList`) and the legacy forms.
enum Discovery {
    static let aggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    static func version(_ registry: ResourceRegistry) -> JSONValue {
        ["major": "1", "minor": "32", "gitVersion": "v1.32.4-capmaas-sandbox", "gitCommit": "0000000000000000000000000000000000000000",
         "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "swift", "compiler": "swift", "platform": "linux/amd64"]
    }

    private static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    private static func aggregatedResource(_ info: ResourceInfo) -> JSONValue {
        let kind: JSONValue = ["group": .string(info.group), "version": .string(info.version), "kind": .string(info.kind)]
        var entry: JSONValue = [
            "resource": .string(info.plural), "responseKind": kind, "scope": info.namespaced ? "Namespaced" : "Cluster",
            "singularResource": .string(info.singular), "verbs": strings(info.verbs),
        ]
        if !info.shortNames.isEmpty { entry["shortNames"] = strings(info.shortNames) }
        if !info.categories.isEmpty { entry["categories"] = strings(info.categories) }
        if info.hasStatus {
            entry["subresources"] = [["subresource": "status", "responseKind": kind, "verbs": ["get", "patch", "update"]]]
        }
        return entry
    }

    /// `/api` (core) or `/apis` (named groups) as an `APIGroupDiscoveryList`.
    static func aggregated(_ registry: ResourceRegistry, core: Bool) -> JSONValue {
        var items: [JSONValue] = []
        let groups: [(name: String, versions: [String])] = core ? [("", ["v1"])] : registry.groups
        for group in groups {
            let versions: [JSONValue] = group.versions.map { version in
                let resources = registry.all.filter { $0.group == group.name && $0.version == version }.map(aggregatedResource)
                return ["version": .string(version), "resources": .array(resources), "freshness": "Current"]
            }
            items.append(["metadata": core ? .emptyObject : ["name": .string(group.name)], "versions": .array(versions)])
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": .emptyObject, "items": .array(items)]
    }

    static func apiVersions() -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"]]]
    }

    static func apiGroup(name: String, versions: [String]) -> JSONValue {
        let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return ["kind": "APIGroup", "apiVersion": "v1", "name": .string(name), "versions": .array(entries),
                "preferredVersion": entries.first ?? .null]
    }

    static func apiGroupList(_ registry: ResourceRegistry) -> JSONValue {
        var groups: [JSONValue] = []
        for group in registry.groups {
            var entry = apiGroup(name: group.name, versions: group.versions)
            entry["kind"] = nil
            entry["apiVersion"] = nil
            groups.append(entry)
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    static func resourceList(_ registry: ResourceRegistry, group: String, version: String) -> JSONValue? {
        let infos = registry.all.filter { $0.group == group && $0.version == version }
        guard !infos.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for info in infos {
            var entry: JSONValue = ["name": .string(info.plural), "singularName": .string(info.singular), "namespaced": .bool(info.namespaced),
                                    "kind": .string(info.kind), "verbs": strings(info.verbs)]
            if !info.shortNames.isEmpty { entry["shortNames"] = strings(info.shortNames) }
            if !info.categories.isEmpty { entry["categories"] = strings(info.categories) }
            resources.append(entry)
            if info.hasStatus {
                resources.append(["name": .string(info.plural + "/status"), "singularName": "", "namespaced": .bool(info.namespaced),
                                  "kind": .string(info.kind), "verbs": ["get", "patch", "update"]])
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources)]
    }
}
