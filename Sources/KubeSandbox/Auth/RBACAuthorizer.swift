import KubeCore

/// One request to authorize, in RBAC terms.
struct AuthorizationAttributes: Sendable {
    var user: String
    var verb: String
    var group: String
    /// `resource` or `resource/subresource`.
    var resource: String
    var namespace: String?
    var name: String?
}

/// Evaluates stored Roles/ClusterRoles and their bindings for service-account users (kube RBAC semantics, allow-only).
enum RBACAuthorizer {
    static func isAllowed(_ attributes: AuthorizationAttributes, state: StoreState) -> Bool {
        let rbac = "rbac.authorization.k8s.io"
        let clusterRoles = state.objects[GroupResource(group: rbac, resource: "clusterroles")] ?? [:]
        let roles = state.objects[GroupResource(group: rbac, resource: "roles")] ?? [:]
        var ruleSets: [[JSONValue]] = []
        func rules(roleRef: JSONValue?, bindingNamespace: String?) -> [JSONValue] {
            guard let ref = roleRef, let name = ref["name"]?.stringValue else { return [] }
            if ref["kind"]?.stringValue == "ClusterRole" {
                return clusterRoles[ObjectKey(namespace: nil, name: name)]?["rules"]?.arrayValue ?? []
            }
            return roles[ObjectKey(namespace: bindingNamespace, name: name)]?["rules"]?.arrayValue ?? []
        }
        for (_, binding) in state.objects[GroupResource(group: rbac, resource: "clusterrolebindings")] ?? [:]
        where subjectsMatch(binding, user: attributes.user) {
            ruleSets.append(rules(roleRef: binding["roleRef"], bindingNamespace: nil))
        }
        if let namespace = attributes.namespace {
            for (key, binding) in state.objects[GroupResource(group: rbac, resource: "rolebindings")] ?? [:]
            where key.namespace == namespace && subjectsMatch(binding, user: attributes.user) {
                ruleSets.append(rules(roleRef: binding["roleRef"], bindingNamespace: namespace))
            }
        }
        return ruleSets.joined().contains { ruleAllows($0, attributes) }
    }

    private static func subjectsMatch(_ binding: JSONValue, user: String) -> Bool {
        for subject in binding["subjects"]?.arrayValue ?? [] {
            switch subject["kind"]?.stringValue {
            case "ServiceAccount":
                let name = "system:serviceaccount:\(subject["namespace"]?.stringValue ?? ""):\(subject["name"]?.stringValue ?? "")"
                if name == user { return true }
            case "User":
                if subject["name"]?.stringValue == user { return true }
            case "Group":
                let group = subject["name"]?.stringValue
                if group == "system:serviceaccounts" || group == "system:authenticated" { return true }
                if let group, user.hasPrefix(group + ":") { return true }
            default: continue
            }
        }
        return false
    }

    private static func ruleAllows(_ rule: JSONValue, _ attributes: AuthorizationAttributes) -> Bool {
        func list(_ key: String) -> [String] { rule[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let verbs = list("verbs")
        guard verbs.contains("*") || verbs.contains(attributes.verb) else { return false }
        let groups = list("apiGroups")
        guard groups.contains("*") || groups.contains(attributes.group) else { return false }
        let resources = list("resources")
        let base = attributes.resource.split(separator: "/").first.map(String.init) ?? attributes.resource
        let resourceMatches = resources.contains("*") || resources.contains(attributes.resource)
            || (attributes.resource.contains("/") && resources.contains("*/" + (attributes.resource.split(separator: "/").last.map(String.init) ?? "")))
            || (!attributes.resource.contains("/") && resources.contains(base))
        guard resourceMatches else { return false }
        let names = list("resourceNames")
        if !names.isEmpty {
            guard let name = attributes.name, names.contains(name) else { return false }
        }
        return true
    }

    /// kube's Forbidden text: `User "<u>" cannot <verb> resource "<r>" in API group "<g>" in the namespace "<ns>"`.
    static func forbiddenMessage(_ attributes: AuthorizationAttributes) -> String {
        let scope = attributes.namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        return "User \"\(attributes.user)\" cannot \(attributes.verb) resource \"\(attributes.resource)\" in API group \"\(attributes.group)\" \(scope)"
    }
}
