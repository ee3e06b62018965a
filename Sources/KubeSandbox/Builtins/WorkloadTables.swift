import Foundation
import KubeCore

/// kube's table printers for Deployment and Service (`kubectl get` columns, `-o wide` at priority 1).
enum WorkloadTables {
    static func deploymentColumns(name: JSONValue, age: JSONValue) -> [JSONValue] {
        [
            name,
            Tables.column("Ready", description: "Number of the pod with ready state"),
            Tables.column("Up-to-date", description: "Total number of non-terminating pods targeted by this deployment that have the desired template spec."),
            Tables.column("Available", description: "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment."),
            age,
            Tables.column("Containers", priority: 1, description: "Names of each container in the template."),
            Tables.column("Images", priority: 1, description: "Images referenced by each container in the template."),
            Tables.column("Selector", priority: 1, description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."),
        ]
    }

    static func deploymentCells(_ object: JSONValue, name: JSONValue, age: JSONValue) -> [JSONValue] {
        let desired = object[path: ["spec", "replicas"]]?.intValue ?? 0
        let ready = object[path: ["status", "readyReplicas"]]?.intValue ?? 0
        let containers = object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        return [
            name, .string("\(ready)/\(desired)"),
            .int(object[path: ["status", "updatedReplicas"]]?.intValue ?? 0),
            .int(object[path: ["status", "availableReplicas"]]?.intValue ?? 0), age,
            .string(containers.compactMap { $0["name"]?.stringValue }.joined(separator: ",")),
            .string(containers.compactMap { $0["image"]?.stringValue }.joined(separator: ",")),
            .string(selectorText(object[path: ["spec", "selector"]])),
        ]
    }

    static func serviceColumns(name: JSONValue, age: JSONValue) -> [JSONValue] {
        [
            name,
            Tables.column("Type", description: "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
            Tables.column("Cluster-IP", description: "clusterIP is the IP address of the service and is usually assigned randomly."),
            Tables.column("External-IP", description: "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            Tables.column("Port(s)", description: "The list of ports that are exposed by this service."),
            age,
            Tables.column("Selector", priority: 1, description: "Route service traffic to pods with label keys and values matching this selector."),
        ]
    }

    static func serviceCells(_ object: JSONValue, name: JSONValue, age: JSONValue) -> [JSONValue] {
        let spec = object["spec"] ?? .emptyObject
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        let clusterIP = spec["clusterIPs"]?.arrayValue?.first?.stringValue ?? spec["clusterIP"]?.stringValue ?? "<none>"
        let externalIPs = (spec["externalIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        let external: String
        switch type {
        case "ExternalName": external = spec["externalName"]?.stringValue ?? "<none>"
        case "LoadBalancer":
            let ingress = (object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
            external = (ingress + externalIPs).isEmpty ? "<pending>" : (ingress + externalIPs).joined(separator: ",")
        default: external = externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        }
        let ports = (spec["ports"]?.arrayValue ?? []).map { port -> String in
            let number = port["port"]?.intValue ?? 0
            let proto = port["protocol"]?.stringValue ?? "TCP"
            if let node = port["nodePort"]?.intValue, node != 0 { return "\(number):\(node)/\(proto)" }
            return "\(number)/\(proto)"
        }
        let selector = (spec["selector"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.stringValue ?? "")" }
        return [name, .string(type), .string(clusterIP), .string(external), .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")),
                age, .string(selector.isEmpty ? "<none>" : selector.joined(separator: ","))]
    }

    /// `metav1.LabelSelectorAsSelector(...).String()`: `app=x,tier in (a,b)`; `<none>` when it selects nothing.
    static func selectorText(_ selector: JSONValue?) -> String {
        guard let selector, selector != .null else { return "<none>" }
        var parts = (selector["matchLabels"]?.objectValue ?? [:]).map { ($0.key, "\($0.key)=\($0.value.stringValue ?? "")") }
        for requirement in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = requirement["key"]?.stringValue ?? ""
            let values = (requirement["values"]?.arrayValue ?? []).compactMap(\.stringValue).sorted().joined(separator: ",")
            switch requirement["operator"]?.stringValue {
            case "In": parts.append((key, "\(key) in (\(values))"))
            case "NotIn": parts.append((key, "\(key) notin (\(values))"))
            case "Exists": parts.append((key, key))
            case "DoesNotExist": parts.append((key, "!\(key)"))
            default: continue
            }
        }
        return parts.isEmpty ? "<none>" : parts.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ",")
    }
}
