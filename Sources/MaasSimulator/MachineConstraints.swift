/// Parsed and validated allocate constraints / list filters (`AcquireNodeForm`, `ReadNodesForm`).
struct MachineConstraints: Sendable {
    /// Parameters allocate ignores (`IGNORED_FIELDS`).
    static let ignoredForAllocate: Set<String> = [
        "agent_name", "comment", "bridge_all", "bridge_type", "bridge_stp", "bridge_fd", "dry_run", "verbose", "op",
    ]
    /// Constraints allocate understands.
    static let allocateFields: Set<String> = [
        "name", "system_id", "arch", "cpu_count", "mem", "tags", "not_tags", "zone", "not_in_zone", "pool", "not_in_pool",
        "pod", "not_pod", "pod_type", "not_pod_type", "subnets", "not_subnets", "fabrics", "not_fabrics", "fabric_classes",
        "not_fabric_classes", "storage", "interfaces", "devices",
    ]
    /// Filters `GET machines/` understands.
    static let listFields: Set<String> = allocateFields.union([
        "id", "not_id", "hostname", "not_hostname", "mac_address", "domain", "agent_name", "status", "not_status",
        "simple_status", "owner", "power_state", "vlans", "link_speed", "deployment_target", "op",
    ])

    var names: [String] = []
    var systemIDs: [String] = []
    var notSystemIDs: [String] = []
    var hostnames: [String] = []
    var notHostnames: [String] = []
    var arch: [String] = []
    var cpuCount: Double?
    var mem: Double?
    var tags: [String] = []
    var notTags: [String] = []
    var zones: [String] = []
    var notInZones: [String] = []
    var pools: [String] = []
    var notInPools: [String] = []
    var agentNames: [String] = []
    var statuses: [NodeStatus] = []
    var notStatuses: [NodeStatus] = []
    var owners: [String] = []
    var powerStates: [String] = []
    var storage: [StorageConstraint] = []

    /// One `label:size(tag,…)` item; size in GB.
    struct StorageConstraint: Sendable {
        var label: String
        var sizeGB: Double
        var tags: [String]
    }

    /// Parses and validates; unknown parameters, tags, zones, pools or bad numbers → 400 field errors.
    init(form: FormData, allowed: Set<String>, ignored: Set<String>, state: SimulatorState) throws(SimulatorAPIError) {
        var errors: [String: [String]] = [:]
        for key in form.keys where !allowed.contains(key) && !ignored.contains(key) {
            errors[key] = [MaasText.noSuchConstraint]
        }
        func list(_ key: String) -> [String] {
            form.values(key).flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }.filter { !$0.isEmpty }
        }
        names = list("name")
        systemIDs = form.values("system_id") + (allowed.contains("id") ? form.values("id") : [])
        notSystemIDs = form.values("not_id")
        hostnames = form.values("hostname")
        notHostnames = form.values("not_hostname")
        agentNames = allowed.contains("agent_name") ? form.values("agent_name") : []
        owners = form.values("owner")
        powerStates = form.values("power_state")
        arch = form.values("arch")
        if !arch.isEmpty {
            let knownArches = Set(state.machines.values.map(\.spec.architecture)).union(state.bootResources.map(\.architecture))
            let knownPrefixes = Set(knownArches.map { String($0.split(separator: "/").first ?? "") })
            if arch.contains(where: { !knownArches.contains($0) && !knownPrefixes.contains($0) }) {
                errors["arch"] = ["Architecture not recognised."]
            }
        }
        if let v = form.value("cpu_count"), !v.isEmpty {
            if let n = Double(v) { cpuCount = n } else { errors["cpu_count"] = ["Invalid CPU count: number required."] }
        }
        if let v = form.value("mem"), !v.isEmpty {
            if let n = Double(v) { mem = n } else { errors["mem"] = ["Invalid memory: number of MiB required."] }
        }
        tags = list("tags")
        notTags = list("not_tags")
        for (key, values) in [("tags", tags), ("not_tags", notTags)] {
            let unknown = values.filter { !state.tags.contains($0) }
            if !unknown.isEmpty {
                errors[key] = ["No such tag(s): \(unknown.map { "'\($0)'" }.joined(separator: ", "))."]
            }
        }
        zones = list("zone")
        notInZones = list("not_in_zone")
        for (key, values) in [("zone", zones), ("not_in_zone", notInZones)] {
            let unknown = values.filter { state.zone(named: $0) == nil }
            if !unknown.isEmpty { errors[key] = ["No such zone(s): \(unknown.joined(separator: ", "))."] }
        }
        pools = list("pool")
        notInPools = list("not_in_pool")
        for (key, values) in [("pool", pools), ("not_in_pool", notInPools)] {
            let unknown = values.filter { state.pool(named: $0) == nil }
            if !unknown.isEmpty { errors[key] = ["No such pool(s): \(unknown.joined(separator: ", "))."] }
        }
        for (key, target) in [("status", \MachineConstraints.statuses), ("not_status", \MachineConstraints.notStatuses)] {
            for value in form.values(key) {
                if let s = NodeStatus(filterName: value) {
                    self[keyPath: target].append(s)
                } else {
                    errors[key] = ["Select a valid choice. \(value) is not one of the available choices."]
                }
            }
        }
        if let spec = form.value("storage"), !spec.isEmpty {
            if let parsed = MachineConstraints.parseStorage(spec) { storage = parsed } else {
                errors["storage"] = ["Malformed storage constraint, \"\(spec)\"."]
            }
        }
        if !errors.isEmpty { throw .fields(errors) }
    }

    /// `label:size(tag,tag),size` → constraints; nil if malformed.
    static func parseStorage(_ spec: String) -> [StorageConstraint]? {
        var result: [StorageConstraint] = []
        var depth = 0
        var current = ""
        var items: [String] = []
        for ch in spec {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == ",", depth == 0 { items.append(current); current = "" } else { current.append(ch) }
        }
        items.append(current)
        for (index, raw) in items.enumerated() {
            var item = raw.trimmingSpaces
            var label = "\(index)"
            if let colon = item.firstIndex(of: ":") {
                label = String(item[..<colon])
                item = String(item[item.index(after: colon)...])
            }
            var tags: [String] = []
            if let open = item.firstIndex(of: "("), item.hasSuffix(")") {
                tags = item[item.index(after: open)..<item.index(before: item.endIndex)].split(separator: ",").map(String.init)
                item = String(item[..<open])
            }
            guard let size = Double(item), size >= 0 else { return nil }
            result.append(StorageConstraint(label: label, sizeGB: size, tags: tags))
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
