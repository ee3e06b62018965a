import KubeCore
/// `MaasMachine.spec` (also `MaasMachineTemplate.spec.template.spec`).
public struct MaasMachineSpec: Codable, Sendable, Hashable {
    /// MAAS boot resource, `<osystem>/<distro_series>` or a custom image name. Required, immutable.
    public var image: String
    /// Minimum CPU cores (allocate `cpu_count`). Required, immutable.
    public var minCPU: Int
    /// Minimum memory in MiB (allocate `mem`). Required, immutable.
    public var minMemory: Int
    /// Minimum disk size in GB (reserved for LXD VMs).
    public var minDiskSize: Int?
    /// MAAS tags the machine must carry.
    public var tags: [String]?
    /// MAAS resource pool (allocate `pool`).
    public var resourcePool: String?
    /// MAAS zone; takes precedence over `Machine.spec.failureDomain`. The controller records the actual zone.
    public var failureDomain: String?
    /// MAAS system_id, written by the controller.
    public var systemID: String?
    /// `maas:///<zone>/<system_id>`, written by the controller.
    public var providerID: String?
    /// Deploy the OS into memory (MAAS ephemeral deployment).
    public var deployInMemory: Bool?
    /// LXD VM settings; refused at admission when enabled.
    public var lxd: LXDMachineConfig?

    public init(
        image: String, minCPU: Int, minMemory: Int, minDiskSize: Int? = nil, tags: [String]? = nil,
        resourcePool: String? = nil, failureDomain: String? = nil, systemID: String? = nil, providerID: String? = nil,
        deployInMemory: Bool? = nil, lxd: LXDMachineConfig? = nil
    ) {
        self.image = image
        self.minCPU = minCPU
        self.minMemory = minMemory
        self.minDiskSize = minDiskSize
        self.tags = tags
        self.resourcePool = resourcePool
        self.failureDomain = failureDomain
        self.systemID = systemID
        self.providerID = providerID
        self.deployInMemory = deployInMemory
        self.lxd = lxd
    }
}

/// `MaasMachine.spec.lxd` (kept for manifest compatibility; `enabled: true` is refused at admission).
public struct LXDMachineConfig: Codable, Sendable, Hashable {
    public var enabled: Bool?
    public var vmConfig: LXDVMConfig?

    public init(enabled: Bool? = nil, vmConfig: LXDVMConfig? = nil) {
        self.enabled = enabled
        self.vmConfig = vmConfig
    }
}

/// `MaasMachine.spec.lxd.vmConfig` (reserved).
public struct LXDVMConfig: Codable, Sendable, Hashable {
    public var diskSize: Int?
    public var storagePool: String?
    public var network: String?
    public var autoStart: Bool?
    public var interfaceLinkModes: [String: String]?

    public init(
        diskSize: Int? = nil, storagePool: String? = nil, network: String? = nil, autoStart: Bool? = nil,
        interfaceLinkModes: [String: String]? = nil
    ) {
        self.diskSize = diskSize
        self.storagePool = storagePool
        self.network = network
        self.autoStart = autoStart
        self.interfaceLinkModes = interfaceLinkModes
    }
}
