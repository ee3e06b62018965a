import Foundation
import Yams

/// A machine in the simulated inventory.
public struct MachineSpec: Sendable, Codable, Equatable {
    /// 6-character id; generated from the hostname when absent.
    public var systemID: String?
    public var hostname: String
    public var cpuCount: Int
    /// MiB.
    public var memory: Int
    /// Disk sizes in GB (decimal).
    public var disks: [Int]
    public var tags: [String]
    public var zone: String
    public var pool: String
    public var powerType: String
    public var powerState: String
    public var architecture: String
    public var status: NodeStatus
    public var deploymentOutcome: DeploymentOutcome

    public init(
        systemID: String? = nil, hostname: String, cpuCount: Int = 4, memory: Int = 8192, disks: [Int] = [250],
        tags: [String] = [], zone: String = "default", pool: String = "default", powerType: String = "virsh",
        powerState: String = "off", architecture: String = "amd64/generic", status: NodeStatus = .ready,
        deploymentOutcome: DeploymentOutcome = .succeed
    ) {
        self.systemID = systemID
        self.hostname = hostname
        self.cpuCount = cpuCount
        self.memory = memory
        self.disks = disks
        self.tags = tags
        self.zone = zone
        self.pool = pool
        self.powerType = powerType
        self.powerState = powerState
        self.architecture = architecture
        self.status = status
        self.deploymentOutcome = deploymentOutcome
    }

    enum CodingKeys: String, CodingKey {
        case systemID = "system_id", hostname, cpuCount = "cpu_count", memory, disks, tags, zone, pool
        case powerType = "power_type", powerState = "power_state", architecture, status
        case deploymentOutcome = "deployment"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MachineSpec(hostname: "")
        systemID = try c.decodeIfPresent(String.self, forKey: .systemID)
        hostname = try c.decode(String.self, forKey: .hostname)
        cpuCount = try c.decodeIfPresent(Int.self, forKey: .cpuCount) ?? d.cpuCount
        memory = try c.decodeIfPresent(Int.self, forKey: .memory) ?? d.memory
        disks = try c.decodeIfPresent([Int].self, forKey: .disks) ?? d.disks
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? d.tags
        zone = try c.decodeIfPresent(String.self, forKey: .zone) ?? d.zone
        pool = try c.decodeIfPresent(String.self, forKey: .pool) ?? d.pool
        powerType = try c.decodeIfPresent(String.self, forKey: .powerType) ?? d.powerType
        powerState = try c.decodeIfPresent(String.self, forKey: .powerState) ?? d.powerState
        architecture = try c.decodeIfPresent(String.self, forKey: .architecture) ?? d.architecture
        if let name = try c.decodeIfPresent(String.self, forKey: .status) {
            guard let parsed = NodeStatus(filterName: name) else {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "unknown status \(name)")
            }
            status = parsed
        } else {
            status = d.status
        }
        deploymentOutcome = try c.decodeIfPresent(DeploymentOutcome.self, forKey: .deploymentOutcome) ?? d.deploymentOutcome
    }
}

/// A named object with a description (zones, pools).
public struct NamedSpec: Sendable, Codable, Equatable {
    public var name: String
    public var description: String
    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self.init(name: name)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  description: try c.decodeIfPresent(String.self, forKey: .description) ?? "")
    }
}

/// A boot resource (an importable image), e.g. `ubuntu/jammy` on `amd64/ga-22.04`.
public struct BootResourceSpec: Sendable, Codable, Equatable {
    public var name: String
    public var architecture: String
    public var type: String
    public init(name: String, architecture: String = "amd64/ga-22.04", type: String = "Synced") {
        self.name = name
        self.architecture = architecture
        self.type = type
    }
    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self.init(name: name)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  architecture: try c.decodeIfPresent(String.self, forKey: .architecture) ?? "amd64/ga-22.04",
                  type: try c.decodeIfPresent(String.self, forKey: .type) ?? "Synced")
    }
}

/// Everything the simulated region knows at start: machines, zones, pools, tags, domains, images.
public struct SimulatorInventory: Sendable, Codable, Equatable {
    public var machines: [MachineSpec]
    /// Zones besides `default`.
    public var zones: [NamedSpec]
    /// Pools besides `default`.
    public var pools: [NamedSpec]
    /// Tags that exist (machine tags are added automatically).
    public var tags: [String]
    /// Domains besides the default `maas`.
    public var domains: [String]
    public var bootResources: [BootResourceSpec]

    enum CodingKeys: String, CodingKey {
        case machines, zones, pools, tags, domains, bootResources = "boot_resources"
    }

    public init(
        machines: [MachineSpec] = [], zones: [NamedSpec] = [], pools: [NamedSpec] = [], tags: [String] = [],
        domains: [String] = [], bootResources: [BootResourceSpec] = SimulatorInventory.defaultBootResources
    ) {
        self.machines = machines
        self.zones = zones
        self.pools = pools
        self.tags = tags
        self.domains = domains
        self.bootResources = bootResources
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            machines: try c.decodeIfPresent([MachineSpec].self, forKey: .machines) ?? [],
            zones: try c.decodeIfPresent([NamedSpec].self, forKey: .zones) ?? [],
            pools: try c.decodeIfPresent([NamedSpec].self, forKey: .pools) ?? [],
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            domains: try c.decodeIfPresent([String].self, forKey: .domains) ?? [],
            bootResources: try c.decodeIfPresent([BootResourceSpec].self, forKey: .bootResources)
                ?? SimulatorInventory.defaultBootResources)
    }

    /// `ubuntu/jammy`, `ubuntu/noble` and one custom image.
    public static let defaultBootResources: [BootResourceSpec] = [
        .init(name: "ubuntu/jammy", architecture: "amd64/ga-22.04"),
        .init(name: "ubuntu/noble", architecture: "amd64/ga-24.04"),
        .init(name: "custom/u-2204-0-k-1329-0", architecture: "amd64/generic", type: "Uploaded"),
    ]

    /// Loads an inventory from YAML text.
    public static func load(yaml: String) throws -> SimulatorInventory {
        try YAMLDecoder().decode(SimulatorInventory.self, from: yaml)
    }

    /// Loads an inventory from a YAML file.
    public static func load(path: String) throws -> SimulatorInventory {
        try load(yaml: try String(contentsOfFile: path, encoding: .utf8))
    }

    /// `count` machines with a spread of sizes, zones (`zone-a`, `zone-b`, `zone-c`), pools and tags.
    public static func generated(machines count: Int) -> SimulatorInventory {
        let sizes: [(cpu: Int, mem: Int)] = [(2, 4096), (4, 8192), (8, 16384), (16, 32768), (32, 65536)]
        let zones = ["default", "zone-a", "zone-b", "zone-c"]
        let tagSets: [[String]] = [["virtual"], ["virtual", "ssd"], ["ssd", "gpu"], ["hdd"], ["ssd", "control-plane"]]
        let machines = (0..<max(0, count)).map { i in
            let size = sizes[i % sizes.count]
            return MachineSpec(
                hostname: String(format: "node-%05d", i + 1), cpuCount: size.cpu, memory: size.mem,
                disks: i % 3 == 0 ? [250, 1000] : [250], tags: tagSets[i % tagSets.count], zone: zones[i % zones.count],
                pool: i % 5 == 4 ? "reserved" : "default")
        }
        return SimulatorInventory(
            machines: machines, zones: zones.dropFirst().map { NamedSpec(name: $0) },
            pools: [NamedSpec(name: "reserved", description: "Held back")], tags: ["virtual", "ssd", "gpu", "hdd", "control-plane"])
    }
}
