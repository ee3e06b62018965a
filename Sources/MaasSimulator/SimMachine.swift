/// One simulated machine: fixed hardware plus its lifecycle state.
struct SimMachine: Sendable {
    /// Database id (orders lists).
    var id: Int
    var hostname: String
    var spec: MachineSpec
    var lifecycle: MachineLifecycle
    var ipAddresses: [String] = []
    var swapSize: Int?
    var description: String = ""

    var systemID: String { lifecycle.systemID }
    var status: NodeStatus { lifecycle.status }
    /// MAAS's `reorder_nodes_by_cost`.
    var cost: Double { Double(spec.cpuCount) + Double(spec.memory) / 1024 }
    /// Total storage in MB, as the `storage` field.
    var storageMB: Double { Double(spec.disks.reduce(0, +)) * 1000 }
}

/// A zone or pool.
struct SimNamed: Sendable {
    var id: Int
    var name: String
    var description: String
}

/// A DNS domain.
struct SimDomain: Sendable {
    var id: Int
    var name: String
    var ttl: Int?
    var authoritative: Bool
    var isDefault: Bool
}

/// A DNS resource (name in a domain with addresses).
struct SimDNSResource: Sendable {
    var id: Int
    var name: String
    var domainID: Int
    var addressTTL: Int?
    var ipAddresses: [String]
    var created: String
}
