import Foundation
import KubeCore

/// Pod template defaults (`SetDefaults_PodSpec`, `SetDefaults_Container`) as kube-apiserver applies them on decode.
enum PodTemplateDefaults {
    static func apply(_ spec: JSONValue) -> JSONValue {
        var spec = spec
        let defaults: [(String, JSONValue)] = [
            ("restartPolicy", "Always"), ("terminationGracePeriodSeconds", 30), ("dnsPolicy", "ClusterFirst"),
            ("securityContext", .emptyObject), ("schedulerName", "default-scheduler"),
        ]
        for (key, value) in defaults where spec[key] == nil { spec[key] = value }
        for list in ["containers", "initContainers"] {
            guard let containers = spec[list]?.arrayValue else { continue }
            spec[list] = .array(containers.map(container))
        }
        return spec
    }

    private static func container(_ container: JSONValue) -> JSONValue {
        guard container.objectValue != nil else { return container }
        var container = container
        if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
        if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
        if container["imagePullPolicy"] == nil, let image = container["image"]?.stringValue {
            container["imagePullPolicy"] = .string(pullsAlways(image) ? "Always" : "IfNotPresent")
        }
        if let ports = container["ports"]?.arrayValue {
            container["ports"] = .array(ports.map { port in
                var port = port
                if port.objectValue != nil, port["protocol"] == nil { port["protocol"] = "TCP" }
                return port
            })
        }
        return container
    }

    /// kube pulls images without a tag or with `:latest` always (a digest counts as pinned).
    static func pullsAlways(_ image: String) -> Bool {
        if image.contains("@") { return false }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = last.lastIndex(of: ":") else { return true }
        return last[last.index(after: colon)...] == "latest"
    }
}

/// The pod spec checks of `ValidatePodSpec` that manifests commonly trip over, with kube's texts.
enum PodTemplateValidation {
    static let protocols = ["SCTP", "TCP", "UDP"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        + "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    static func validate(_ spec: JSONValue?, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        let containers = spec?["containers"]?.arrayValue ?? []
        if containers.isEmpty { errors.append(.required("\(path).containers")) }
        var names = Set<String>()
        for (list, items) in [("initContainers", spec?["initContainers"]?.arrayValue ?? []), ("containers", containers)] {
            for (index, container) in items.enumerated() {
                errors += validate(container: container, path: "\(path).\(list)[\(index)]", names: &names)
            }
        }
        if let policy = spec?["dnsPolicy"]?.stringValue, !["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"].contains(policy) {
            errors.append(.notSupported("\(path).dnsPolicy", .string(policy), ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]))
        }
        return errors
    }

    private static func validate(container: JSONValue, path: String, names: inout Set<String>) -> [FieldError] {
        var errors: [FieldError] = []
        let name = container["name"]?.stringValue ?? ""
        if name.isEmpty {
            errors.append(.required("\(path).name"))
        } else if name.count > 63 || !NameValidation.isLabel(name) {
            errors.append(.invalid("\(path).name", .string(name), labelMessage))
        } else if !names.insert(name).inserted {
            errors.append(.duplicate("\(path).name", .string(name)))
        }
        if (container["image"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.required("\(path).image"))
        }
        for (index, port) in (container["ports"]?.arrayValue ?? []).enumerated() {
            let portPath = "\(path).ports[\(index)]"
            if let number = port["containerPort"]?.intValue, !(1...65535).contains(number) {
                errors.append(.invalid("\(portPath).containerPort", .int(number), "must be between 1 and 65535, inclusive"))
            } else if port["containerPort"] == nil {
                errors.append(.required("\(portPath).containerPort"))
            }
            if let proto = port["protocol"]?.stringValue, !protocols.contains(proto) {
                errors.append(.notSupported("\(portPath).protocol", .string(proto), protocols))
            }
        }
        if let policy = container["imagePullPolicy"]?.stringValue, !pullPolicies.contains(policy) {
            errors.append(.notSupported("\(path).imagePullPolicy", .string(policy), pullPolicies))
        }
        return errors
    }
}

/// `metav1.LabelSelector` matching (matchLabels and matchExpressions); a missing selector matches nothing.
enum LabelSelectorMatching {
    static func matches(_ selector: JSONValue?, labels: JSONValue?) -> Bool {
        guard let selector, selector != .null else { return false }
        let labels = (labels?.objectValue ?? [:]).compactMapValues(\.stringValue)
        for (key, value) in selector["matchLabels"]?.objectValue ?? [:] where labels[key] != value.stringValue { return false }
        for requirement in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = requirement["key"]?.stringValue ?? ""
            let values = (requirement["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            switch requirement["operator"]?.stringValue {
            case "In": guard let value = labels[key], values.contains(value) else { return false }
            case "NotIn": if let value = labels[key], values.contains(value) { return false }
            case "Exists": guard labels[key] != nil else { return false }
            case "DoesNotExist": guard labels[key] == nil else { return false }
            default: return false
            }
        }
        return true
    }
}
