import KubeCore
import ClusterAPI

/// Why an allocation request could not be built.
public enum AllocationRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The MaasMachine has no UID yet (it is needed as the MAAS `agent_name`).
    case missingUID
    /// LXD VMs are not supported (admission refuses them; this guards objects stored before the CRD rule).
    case lxdNotSupported

    public var description: String {
        switch self {
        case .missingUID: "the MaasMachine has no metadata.uid yet"
        case .lxdNotSupported: "LXD VM hosts (spec.lxd.enabled) are not supported by this provider yet"
        }
    }
}

/// The MAAS `op=allocate` parameters for a MaasMachine.
public struct AllocationRequest: Hashable, Sendable {
    public var cpuCount: Int
    /// MiB.
    public var memory: Int
    public var tags: [String]
    public var zone: String?
    public var pool: String?
    /// MAAS storage constraint (`root:<GB>`) when `minDiskSize` is set.
    public var storage: String?
    /// The MaasMachine UID: marks the MAAS machine as ours so it can be found again (adoption).
    public var agentName: String
    public var comment: String

    public init(
        cpuCount: Int, memory: Int, tags: [String] = [], zone: String? = nil, pool: String? = nil,
        storage: String? = nil, agentName: String, comment: String
    ) {
        self.cpuCount = cpuCount
        self.memory = memory
        self.tags = tags
        self.zone = zone
        self.pool = pool
        self.storage = storage
        self.agentName = agentName
        self.comment = comment
    }

    /// The request for `maasMachine` owned by `machine`: the zone is `MaasMachine.spec.failureDomain`, else
    /// `Machine.spec.failureDomain`.
    public static func make(for maasMachine: MaasMachine, machine: Machine?, clusterName: String) throws(AllocationRequestError) -> AllocationRequest {
        guard let uid = AllocationLedger.agentName(of: maasMachine.metadata), !uid.isEmpty else { throw .missingUID }
        let spec = maasMachine.spec
        guard spec.lxd?.enabled != true else { throw .lxdNotSupported }
        let zone = spec.failureDomain.nonEmpty ?? machine?.spec.failureDomain.nonEmpty
        let namespace = maasMachine.metadata.namespace ?? "default"
        let name = maasMachine.metadata.name ?? ""
        return AllocationRequest(
            cpuCount: max(spec.minCPU, 0), memory: max(spec.minMemory, 0),
            tags: (spec.tags ?? []).filter { !$0.isEmpty },
            zone: zone, pool: spec.resourcePool.nonEmpty,
            storage: spec.minDiskSize.flatMap { $0 > 0 ? "root:\($0)" : nil },
            agentName: uid,
            comment: "capmaas: MaasMachine \(namespace)/\(name) of cluster \(clusterName)")
    }

    /// A one-line summary of the constraints, for condition messages.
    public var constraintsSummary: String {
        var parts = ["cpu>=\(cpuCount)", "memory>=\(memory)MiB"]
        if !tags.isEmpty { parts.append("tags=\(tags.joined(separator: ","))") }
        if let zone { parts.append("zone=\(zone)") }
        if let pool { parts.append("pool=\(pool)") }
        if let storage { parts.append("storage=\(storage)") }
        return parts.joined(separator: " ")
    }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        guard let value = self, !value.isEmpty else { return nil }
        return value
    }
}
