import KubeCore

/// v1 Service as kube-apiserver stores it, without endpoints or load balancers: `SetDefaults_Service`, the
/// registry's cluster IP and node port allocation (kept on update), and the checks of `ValidateService` that
/// users meet, with kube's texts.
enum ServiceSemantics {
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    static let serviceCIDRBase: UInt32 = 0x0A60_0000  // 10.96.0.0/12, kube's default service range
    static let nodePortRange: ClosedRange<Int64> = 30000...32767

    /// Defaults and allocations. `old` is the stored Service on update; `used` are the cluster IPs and node ports
    /// other Services hold.
    static func applyingDefaults(_ object: JSONValue, old: JSONValue?, usedIPs: Set<String>, usedNodePorts: Set<Int64>) -> JSONValue {
        var object = object
        var spec = object["spec"]?.objectValue.map(JSONValue.object) ?? .emptyObject
        if spec["type"] == nil { spec["type"] = "ClusterIP" }
        if spec["sessionAffinity"] == nil { spec["sessionAffinity"] = "None" }
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        if let ports = spec["ports"]?.arrayValue {
            spec["ports"] = .array(ports.map { port in
                var port = port
                guard port.objectValue != nil else { return port }
                if port["protocol"] == nil { port["protocol"] = "TCP" }
                if port["targetPort"] == nil || port["targetPort"] == 0 { port["targetPort"] = port["port"] ?? .null }
                return port
            })
        }
        guard type != "ExternalName" else {
            object["spec"] = spec
            if object["status"] == nil { object["status"] = ["loadBalancer": .emptyObject] }
            return object
        }
        if type == "NodePort" || type == "LoadBalancer", spec["externalTrafficPolicy"] == nil { spec["externalTrafficPolicy"] = "Cluster" }
        if spec["internalTrafficPolicy"] == nil { spec["internalTrafficPolicy"] = "Cluster" }
        // The registry keeps allocated values on update when the request leaves them out (kube's patchAllocatedValues).
        for key in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] where spec[key] == nil {
            if let kept = old?[path: ["spec", key]] { spec[key] = kept }
        }
        if spec["clusterIP"] == nil, let first = spec["clusterIPs"]?.arrayValue?.first { spec["clusterIP"] = first }
        if spec["clusterIP"] == nil || spec["clusterIP"] == "" { spec["clusterIP"] = .string(allocateIP(excluding: usedIPs)) }
        let clusterIP = spec["clusterIP"]?.stringValue ?? ""
        if spec["clusterIPs"] == nil { spec["clusterIPs"] = [.string(clusterIP)] }
        if spec["ipFamilies"] == nil, clusterIP != "None" { spec["ipFamilies"] = ["IPv4"] }
        if spec["ipFamilyPolicy"] == nil { spec["ipFamilyPolicy"] = "SingleStack" }
        if type == "NodePort" || type == "LoadBalancer", var ports = spec["ports"]?.arrayValue {
            let oldPorts = old?[path: ["spec", "ports"]]?.arrayValue ?? []
            var taken = usedNodePorts.union(ports.compactMap { $0["nodePort"]?.intValue })
            for index in ports.indices where ports[index]["nodePort"] == nil && ports[index].objectValue != nil {
                let kept = oldPorts.first { $0["port"] == ports[index]["port"] && $0["protocol"] == ports[index]["protocol"] }?["nodePort"]
                let port = kept?.intValue ?? nodePortRange.first { !taken.contains($0) } ?? nodePortRange.lowerBound
                taken.insert(port)
                ports[index]["nodePort"] = .int(port)
            }
            spec["ports"] = .array(ports)
        }
        object["spec"] = spec
        if object["status"] == nil { object["status"] = ["loadBalancer": .emptyObject] }
        return object
    }

    /// The first free address of the service range after the `kubernetes` Service's 10.96.0.1.
    static func allocateIP(excluding used: Set<String>) -> String {
        for offset in UInt32(2)..<UInt32(1 << 20) {
            let value = serviceCIDRBase + offset
            let text = "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
            if !used.contains(text) { return text }
        }
        return "10.96.0.2"
    }

    /// Field errors in kube's order; `old` is the stored Service on update (cluster IPs are immutable).
    static func validate(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        var errors: [FieldError] = []
        let spec = object["spec"] ?? .emptyObject
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        let ports = spec["ports"]?.arrayValue ?? []
        let headless = spec["clusterIP"]?.stringValue == "None"
        if ports.isEmpty && !headless && type != "ExternalName" { errors.append(.required("spec.ports")) }
        if type == "ExternalName" && (spec["externalName"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.externalName")) }
        var names = Set<String>()
        for (index, port) in ports.enumerated() {
            let path = "spec.ports[\(index)]"
            let name = port["name"]?.stringValue ?? ""
            if name.isEmpty {
                if ports.count > 1 { errors.append(.required("\(path).name")) }
            } else if name.count > 63 || !NameValidation.isLabel(name) {
                errors.append(.invalid("\(path).name", .string(name), PodTemplateValidation.labelMessage))
            } else if !names.insert(name).inserted {
                errors.append(.duplicate("\(path).name", .string(name)))
            }
            let number = port["port"]?.intValue ?? 0
            if !(1...65535).contains(number) { errors.append(.invalid("\(path).port", .int(number), "must be between 1 and 65535, inclusive")) }
            if let proto = port["protocol"]?.stringValue, !PodTemplateValidation.protocols.contains(proto) {
                errors.append(.notSupported("\(path).protocol", .string(proto), PodTemplateValidation.protocols))
            }
            if let target = port["targetPort"]?.intValue, !(1...65535).contains(target) {
                errors.append(.invalid("\(path).targetPort", .int(target), "must be between 1 and 65535, inclusive"))
            }
            if type == "ClusterIP", port["nodePort"]?.intValue.map({ $0 != 0 }) == true {
                errors.append(.forbidden("\(path).nodePort", "may not be used when `type` is 'ClusterIP'"))
            }
        }
        if !types.contains(type) { errors.append(.notSupported("spec.type", .string(type), types)) }
        if let affinity = spec["sessionAffinity"]?.stringValue, !["ClientIP", "None"].contains(affinity) {
            errors.append(.notSupported("spec.sessionAffinity", .string(affinity), ["ClientIP", "None"]))
        }
        if let old, let oldIPs = old[path: ["spec", "clusterIPs"]], let newIPs = spec["clusterIPs"], oldIPs != newIPs, type != "ExternalName" {
            errors.append(.invalid("spec.clusterIPs[0]", rendered: GoValues.stringSlice(newIPs), "may not change once set"))
        }
        return errors
    }
}
