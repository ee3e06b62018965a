import MaasClient

/// Pure verdicts comparing manifest references with what MAAS has. Each takes the fetched list or the error
/// the fetch gave, so one failed listing marks only the checks that needed it.
public enum InventoryChecks {
    public typealias Fetched<T> = Result<[T], any Error>

    public static func dnsDomain(_ domain: String, subject: String, domains: Fetched<MaasDomain>) -> PreflightResult {
        let list: [MaasDomain]
        switch domains {
        case .success(let l): list = l
        case .failure(let e): return fetchFailed(.dnsDomain, subject, "domains", e)
        }
        let wanted = normalisedDomain(domain)
        if list.contains(where: { normalisedDomain($0.name) == wanted }) {
            return PreflightResult(.dnsDomain, .pass, "domain \(domain) exists", subject: subject)
        }
        return PreflightResult(.dnsDomain, .fail,
                               "domain \(quoted(domain)) not in MAAS (domains: \(names(list.map(\.name))))", subject: subject,
                               fix: "set spec.dnsDomain to one of those, or create it: maas $PROFILE domains create name=\(domain)")
    }

    public static func failureDomains(_ wanted: [String], subject: String, zones: Fetched<MaasZone>) -> PreflightResult {
        let list: [MaasZone]
        switch zones {
        case .success(let l): list = l
        case .failure(let e): return fetchFailed(.failureDomains, subject, "zones", e)
        }
        let known = Set(list.map(\.name))
        let missing = wanted.filter { !known.contains($0) }
        if missing.isEmpty {
            return PreflightResult(.failureDomains, .pass, "zones \(wanted.joined(separator: ", ")) exist", subject: subject)
        }
        return PreflightResult(.failureDomains, .fail,
                               "unknown zone\(missing.count == 1 ? "" : "s") \(names(missing.map(quoted))) (zones: \(names(list.map(\.name))))",
                               subject: subject, fix: "fix spec.failureDomains or create the zones in MAAS")
    }

    public static func zone(_ requirement: MachineRequirement, zones: Fetched<MaasZone>) -> PreflightResult? {
        guard let zone = requirement.zone else { return nil }
        return named(.zone, requirement.subject, zone, field: "failureDomain", zones.map { $0.map(\.name) }, plural: "zones")
    }

    public static func resourcePool(_ requirement: MachineRequirement, pools: Fetched<MaasResourcePool>) -> PreflightResult? {
        guard let pool = requirement.resourcePool else { return nil }
        return named(.resourcePool, requirement.subject, pool, field: "resourcePool", pools.map { $0.map(\.name) },
                     plural: "pools")
    }

    public static func tags(_ requirement: MachineRequirement, tags: Fetched<String>) -> PreflightResult? {
        guard !requirement.tags.isEmpty else { return nil }
        let list: [String]
        switch tags {
        case .success(let l): list = l
        case .failure(let e): return fetchFailed(.tags, requirement.subject, "tags", e)
        }
        let known = Set(list)
        let missing = requirement.tags.filter { !known.contains($0) }
        if missing.isEmpty {
            return PreflightResult(.tags, .pass, "tags \(requirement.tags.joined(separator: ", ")) exist",
                                   subject: requirement.subject)
        }
        return PreflightResult(.tags, .fail, "unknown tag\(missing.count == 1 ? "" : "s") \(names(missing.map(quoted))) (tags: \(names(list)))",
                               subject: requirement.subject,
                               fix: "fix spec.tags or create and assign the tags in MAAS")
    }

    public static func image(_ requirement: MachineRequirement, bootResources: Fetched<MaasBootResource>) -> PreflightResult {
        let list: [MaasBootResource]
        switch bootResources {
        case .success(let l): list = l
        case .failure(let e): return fetchFailed(.image, requirement.subject, "boot resources", e)
        }
        let candidates = MachineRequirement.bootResourceNames(for: requirement.image)
        if let match = list.first(where: { candidates.contains($0.name) }) {
            return PreflightResult(.image, .pass, "\(requirement.image) available (\(match.name), \(match.architecture))",
                                   subject: requirement.subject)
        }
        let available = Array(Set(list.map(\.name))).sorted()
        return PreflightResult(.image, .fail,
                               "no boot resource for image \(quoted(requirement.image)) (available: \(names(available)))",
                               subject: requirement.subject,
                               fix: "set spec.image to an available image, or import/upload it in MAAS (Images)")
    }

    /// Ready machines matching the requirement; warns when fewer than `demand` match.
    public static func capacity(_ requirement: MachineRequirement, demand: Int, ready: Fetched<MaasNode>) -> PreflightResult {
        let nodes: [MaasNode]
        switch ready {
        case .success(let l): nodes = l
        case .failure(let e): return fetchFailed(.capacity, requirement.subject, "machines", e)
        }
        let matching = nodes.count { $0.status == .ready && requirement.isSatisfied(by: $0) }
        let what = "\(matching) Ready machine\(matching == 1 ? "" : "s") match \(constraintText(requirement))"
        if matching == 0 || matching < demand {
            return PreflightResult(.capacity, .warn, what + (demand > 1 ? " (\(demand) wanted)" : ""),
                                   subject: requirement.subject,
                                   fix: "commission more machines or relax minCPU/minMemory/tags/zone/pool")
        }
        return PreflightResult(.capacity, .pass, what, subject: requirement.subject)
    }

    // MARK: helpers

    static func named(_ check: PreflightCheck, _ subject: String, _ wanted: String, field: String,
                      _ fetched: Fetched<String>, plural: String) -> PreflightResult {
        let list: [String]
        switch fetched {
        case .success(let l): list = l
        case .failure(let e): return fetchFailed(check, subject, plural, e)
        }
        if list.contains(wanted) {
            return PreflightResult(check, .pass, "\(check.title) \(wanted) exists", subject: subject)
        }
        return PreflightResult(check, .fail, "\(check.title) \(quoted(wanted)) not in MAAS (\(plural): \(names(list)))",
                               subject: subject, fix: "fix spec.\(field) or create the \(check.title) in MAAS")
    }

    static func constraintText(_ r: MachineRequirement) -> String {
        var parts = ["cpu≥\(r.minCPU)", "mem≥\(r.minMemory)MiB"]
        if !r.tags.isEmpty { parts.append("tags=\(r.tags.joined(separator: ","))") }
        if let zone = r.zone { parts.append("zone=\(zone)") }
        if let pool = r.resourcePool { parts.append("pool=\(pool)") }
        return parts.joined(separator: " ")
    }

    static func fetchFailed(_ check: PreflightCheck, _ subject: String, _ what: String, _ error: any Error) -> PreflightResult {
        PreflightResult(check, .fail, "cannot list \(what): \(error)", subject: subject)
    }

    static func normalisedDomain(_ name: String) -> String {
        var n = name.lowercased()
        while n.hasSuffix(".") { n.removeLast() }
        return n
    }

    static func names(_ list: [String]) -> String { list.isEmpty ? "none" : list.joined(separator: ", ") }
    static func quoted(_ s: String) -> String { "\"\(s)\"" }
}
