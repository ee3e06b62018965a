/// `POST machines/ op=allocate` (maas-api.md §3.3). Only allocate constraints and MAAS's ignored fields are sent:
/// any other parameter would be a 400.
public struct AllocateRequest: Sendable, Equatable {
    /// Minimum CPU count.
    public var cpuCount: Int?
    /// Minimum memory in MiB.
    public var memory: Int?
    /// All must match (sent as repeated `tags`).
    public var tags: [String] = []
    /// None may match (repeated `not_tags`).
    public var notTags: [String] = []
    public var zone: String?
    public var pool: String?
    /// Storage constraint, e.g. `root:50(ssd)`.
    public var storage: String?
    /// Pin one machine by system id.
    public var systemID: String?
    /// Pin one machine by hostname or FQDN.
    public var name: String?
    /// Stored by MAAS and usable as a list filter, so an ambiguous allocate can be resolved by lookup.
    public var agentName: String?
    public var comment: String?
    /// Return the match without allocating it.
    public var dryRun: Bool?

    public init(cpuCount: Int? = nil, memory: Int? = nil, tags: [String] = [], notTags: [String] = [],
                zone: String? = nil, pool: String? = nil, storage: String? = nil, systemID: String? = nil,
                name: String? = nil, agentName: String? = nil, comment: String? = nil, dryRun: Bool? = nil) {
        self.cpuCount = cpuCount
        self.memory = memory
        self.tags = tags
        self.notTags = notTags
        self.zone = zone
        self.pool = pool
        self.storage = storage
        self.systemID = systemID
        self.name = name
        self.agentName = agentName
        self.comment = comment
        self.dryRun = dryRun
    }

    /// The form fields (without `op`).
    public var parameters: MaasParameters {
        var p = MaasParameters()
        p.add("cpu_count", cpuCount)
        p.add("mem", memory)
        p.add("tags", repeating: tags)
        p.add("not_tags", repeating: notTags)
        p.add("zone", zone)
        p.add("pool", pool)
        p.add("storage", storage)
        p.add("system_id", systemID)
        p.add("name", name)
        p.add("agent_name", agentName)
        p.add("comment", comment)
        p.add("dry_run", dryRun)
        return p
    }
}
