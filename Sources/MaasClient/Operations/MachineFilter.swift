/// Filters for `GET machines/` (maas-api.md §3.2); multi-valued filters repeat the key.
public struct MachineFilter: Sendable, Equatable {
    public var ids: [String] = []
    public var agentName: String?
    public var hostnames: [String] = []
    public var zone: String?
    public var pool: String?
    public var statuses: [MaasNodeStatus] = []
    public var owner: String?

    public init(ids: [String] = [], agentName: String? = nil, hostnames: [String] = [], zone: String? = nil,
                pool: String? = nil, statuses: [MaasNodeStatus] = [], owner: String? = nil) {
        self.ids = ids
        self.agentName = agentName
        self.hostnames = hostnames
        self.zone = zone
        self.pool = pool
        self.statuses = statuses
        self.owner = owner
    }

    public var parameters: MaasParameters {
        var p = MaasParameters()
        p.add("id", repeating: ids)
        p.add("agent_name", agentName)
        p.add("hostname", repeating: hostnames)
        p.add("zone", zone)
        p.add("pool", pool)
        p.add("status", repeating: statuses.compactMap(\.filterName))
        p.add("owner", owner)
        return p
    }
}

/// `PUT machines/{id}/` fields the provider changes.
public struct MachineUpdate: Sendable, Equatable {
    /// Swap in bytes; 0 disables swap.
    public var swapSize: Int?
    public var hostname: String?

    public init(swapSize: Int? = nil, hostname: String? = nil) {
        self.swapSize = swapSize
        self.hostname = hostname
    }

    public var parameters: MaasParameters {
        var p = MaasParameters()
        p.add("swap_size", swapSize)
        p.add("hostname", hostname)
        return p
    }
}

/// `power_off` stop mode.
public enum PowerOffMode: String, Sendable {
    case soft, hard
}
