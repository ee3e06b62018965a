/// A MAAS machine as returned by `GET machines/{id}/`, list and allocate (maas-api.md §3.1).
///
/// Decoding is tolerant: unknown fields are ignored, and nulls or odd types in optional fields become defaults.
/// Only `system_id` is required. `agent_name` is never returned by MAAS (it is a filter only).
public struct MaasNode: Sendable, Equatable, Decodable {
    public var systemID: String
    public var hostname: String
    public var fqdn: String
    public var status: MaasNodeStatus
    /// MAAS's display name; falls back to `status.displayName` when absent.
    public var statusName: String
    public var statusMessage: String?
    public var powerState: PowerState
    public var powerType: String
    public var zone: MaasZone?
    public var pool: MaasResourcePool?
    public var domain: MaasDomain?
    public var ipAddresses: [String]
    public var cpuCount: Int
    /// MiB.
    public var memory: Int
    /// MB.
    public var storage: Double
    public var swapSize: Int?
    public var tagNames: [String]
    public var osystem: String
    public var distroSeries: String
    public var hweKernel: String?
    public var owner: String?
    /// `workload_annotations` (`owner_data` on older regions).
    public var workloadAnnotations: [String: String]
    public var ephemeralDeploy: Bool
    public var architecture: String
    public var locked: Bool
    public var bootInterface: MaasInterface?
    /// MAAS 3.6+: the comment given to mark_broken.
    public var errorDescription: String?

    public init(
        systemID: String, hostname: String = "", fqdn: String = "", status: MaasNodeStatus = .ready,
        statusName: String? = nil, statusMessage: String? = nil, powerState: PowerState = .unknown,
        powerType: String = "manual", zone: MaasZone? = nil, pool: MaasResourcePool? = nil,
        domain: MaasDomain? = nil, ipAddresses: [String] = [], cpuCount: Int = 0, memory: Int = 0,
        storage: Double = 0, swapSize: Int? = nil, tagNames: [String] = [], osystem: String = "",
        distroSeries: String = "", hweKernel: String? = nil, owner: String? = nil,
        workloadAnnotations: [String: String] = [:], ephemeralDeploy: Bool = false,
        architecture: String = "", locked: Bool = false, bootInterface: MaasInterface? = nil,
        errorDescription: String? = nil
    ) {
        self.systemID = systemID
        self.hostname = hostname
        self.fqdn = fqdn
        self.status = status
        self.statusName = statusName ?? status.displayName
        self.statusMessage = statusMessage
        self.powerState = powerState
        self.powerType = powerType
        self.zone = zone
        self.pool = pool
        self.domain = domain
        self.ipAddresses = ipAddresses
        self.cpuCount = cpuCount
        self.memory = memory
        self.storage = storage
        self.swapSize = swapSize
        self.tagNames = tagNames
        self.osystem = osystem
        self.distroSeries = distroSeries
        self.hweKernel = hweKernel
        self.owner = owner
        self.workloadAnnotations = workloadAnnotations
        self.ephemeralDeploy = ephemeralDeploy
        self.architecture = architecture
        self.locked = locked
        self.bootInterface = bootInterface
        self.errorDescription = errorDescription
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        func k(_ s: String) -> AnyKey { AnyKey(s) }
        guard let id = c.lenient(String.self, k("system_id")), !id.isEmpty else {
            throw DecodingError.keyNotFound(
                k("system_id"), .init(codingPath: decoder.codingPath, debugDescription: "machine without system_id"))
        }
        let status = c.lenientInt(k("status")).map(MaasNodeStatus.init(code:)) ?? .unknown(-1)
        var annotations = c.lenientStringMap(k("workload_annotations"))
        if annotations.isEmpty { annotations = c.lenientStringMap(k("owner_data")) }
        self.init(
            systemID: id,
            hostname: c.lenient(String.self, k("hostname")) ?? "",
            fqdn: c.lenient(String.self, k("fqdn")) ?? "",
            status: status,
            statusName: c.lenient(String.self, k("status_name")),
            statusMessage: c.lenient(String.self, k("status_message")),
            powerState: c.lenient(String.self, k("power_state")).map(PowerState.init(rawValue:)) ?? .unknown,
            powerType: c.lenient(String.self, k("power_type")) ?? "",
            zone: c.lenient(MaasZone.self, k("zone")),
            pool: c.lenient(MaasResourcePool.self, k("pool")),
            domain: c.lenient(MaasDomain.self, k("domain")),
            ipAddresses: c.lenient([LenientString].self, k("ip_addresses"))?.compactMap(\.value) ?? [],
            cpuCount: c.lenientInt(k("cpu_count")) ?? 0,
            memory: c.lenientInt(k("memory")) ?? 0,
            storage: c.lenientDouble(k("storage")) ?? 0,
            swapSize: c.lenientInt(k("swap_size")),
            tagNames: c.lenient([LenientString].self, k("tag_names"))?.compactMap(\.value) ?? [],
            osystem: c.lenient(String.self, k("osystem")) ?? "",
            distroSeries: c.lenient(String.self, k("distro_series")) ?? "",
            hweKernel: c.lenient(String.self, k("hwe_kernel")),
            owner: c.lenient(String.self, k("owner")),
            workloadAnnotations: annotations,
            ephemeralDeploy: c.lenient(Bool.self, k("ephemeral_deploy")) ?? false,
            architecture: c.lenient(String.self, k("architecture")) ?? "",
            locked: c.lenient(Bool.self, k("locked")) ?? false,
            bootInterface: c.lenient(MaasInterface.self, k("boot_interface")),
            errorDescription: c.lenient(String.self, k("error_description"))
        )
    }
}
