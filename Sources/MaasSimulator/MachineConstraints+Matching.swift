import KubeCore

extension MachineConstraints {
    /// Whether a machine satisfies every constraint (AND).
    func matches(_ m: SimMachine, domain: String) -> Bool {
        let l = m.lifecycle
        if !names.isEmpty, !names.contains(where: { $0 == m.hostname || $0 == "\(m.hostname).\(domain)" }) { return false }
        if !systemIDs.isEmpty, !systemIDs.contains(m.systemID) { return false }
        if notSystemIDs.contains(m.systemID) { return false }
        if !hostnames.isEmpty, !hostnames.contains(where: { $0 == m.hostname || $0 == "\(m.hostname).\(domain)" }) {
            return false
        }
        if notHostnames.contains(m.hostname) { return false }
        if !arch.isEmpty, !arch.contains(where: { $0 == m.spec.architecture || m.spec.architecture.hasPrefix($0 + "/") }) {
            return false
        }
        if let cpuCount, Double(m.spec.cpuCount) < cpuCount { return false }
        if let mem, Double(m.spec.memory) < mem { return false }
        if !tags.allSatisfy(m.spec.tags.contains) { return false }
        if notTags.contains(where: m.spec.tags.contains) { return false }
        if !zones.isEmpty, !zones.contains(m.spec.zone) { return false }
        if notInZones.contains(m.spec.zone) { return false }
        if !pools.isEmpty, !pools.contains(m.spec.pool) { return false }
        if notInPools.contains(m.spec.pool) { return false }
        if !agentNames.isEmpty, !agentNames.contains(l.agentName) { return false }
        if !statuses.isEmpty, !statuses.contains(l.status) { return false }
        if notStatuses.contains(l.status) { return false }
        if !owners.isEmpty, !owners.contains(l.owner ?? "") { return false }
        if !powerStates.isEmpty, !powerStates.contains(l.powerState) { return false }
        if !storage.isEmpty, storageAssignment(for: m) == nil { return false }
        return true
    }

    /// Greedy disk assignment for the storage constraint: label → block device id.
    func storageAssignment(for m: SimMachine) -> [String: Int]? {
        var free = Array(m.spec.disks.enumerated())
        var result: [String: Int] = [:]
        for item in storage {
            // Disks carry the `ssd` tag in the simulator.
            guard item.tags.allSatisfy({ $0 == "ssd" }),
                  let index = free.firstIndex(where: { Double($0.element) >= item.sizeGB })
            else { return nil }
            result[item.label] = m.id * 16 + free[index].offset
            free.remove(at: index)
        }
        return result
    }

    /// `constraints_by_type` of the allocate response.
    func constraintsByType(for m: SimMachine) -> SimJSON {
        guard !storage.isEmpty, let assignment = storageAssignment(for: m) else { return .object([:]) }
        return .object(["storage": .object(assignment.mapValues { .array([.int($0)]) })])
    }

    /// `AcquireNodeForm.describe_constraints`, e.g. `cpu_count=64.0 tags=tag-054`.
    var description: String {
        var parts: [String] = []
        func add(_ key: String, _ values: [String]) { if !values.isEmpty { parts.append("\(key)=\(values.joined(separator: ","))") } }
        add("name", names)
        add("system_id", systemIDs)
        add("arch", arch)
        if let cpuCount { parts.append("cpu_count=\(cpuCount)") }
        if let mem { parts.append("mem=\(mem)") }
        add("tags", tags)
        add("not_tags", notTags)
        add("zone", zones)
        add("not_in_zone", notInZones)
        add("pool", pools)
        add("not_in_pool", notInPools)
        if !storage.isEmpty {
            parts.append("storage=" + storage.map { c in
                "\(c.label):\(c.sizeGB)" + (c.tags.isEmpty ? "" : "(\(c.tags.joined(separator: ",")))")
            }.joined(separator: ","))
        }
        return parts.joined(separator: " ")
    }

    /// `[('cpu_count', ['64']), ('tags', ['tag-054'])]`: the request's constraint parameters, sorted, Python repr.
    static func pythonRepr(of form: FormData, ignoring ignored: Set<String>) -> String {
        let items = form.keys.filter { !ignored.contains($0) }.sorted().map { key in
            "('\(key)', [\(form.values(key).map { "'\($0)'" }.joined(separator: ", "))])"
        }
        return "[\(items.joined(separator: ", "))]"
    }
}
