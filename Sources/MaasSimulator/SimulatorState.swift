import Foundation
import KubeCore

/// The whole simulated region: inventory, lifecycles, DNS, nonces, counters and faults.
/// Only ever touched under `SimulatorStore`'s lock, so every API call is atomic (allocation is serialized).
struct SimulatorState: Sendable {
    var keys: SimulatorKeys
    var timings: SimulatorTimings
    var version: String
    var bootResources: [BootResourceSpec]
    var machines: [String: SimMachine] = [:]
    var zones: [SimNamed] = []
    var pools: [SimNamed] = []
    var tags: Set<String> = []
    var domains: [SimDomain] = []
    var dnsResources: [Int: SimDNSResource] = [:]
    var nextDNSID = 1
    var usedAddresses: Set<String> = []
    /// Used nonces → their request timestamp (pruned once they are past the 300 s window).
    var nonces: [String: Int] = [:]
    var callCounts: [String: Int] = [:]
    var listCounts: [String: Int] = [:]
    var faults: SimulatorFaults
    var random: SplitMix64

    init(configuration: SimulatorConfiguration) {
        keys = configuration.keys
        timings = configuration.timings
        version = configuration.version
        faults = configuration.faults
        random = SplitMix64(seed: configuration.faultSeed)
        let inventory = configuration.inventory
        bootResources = inventory.bootResources
        zones = [SimNamed(id: 1, name: "default", description: "")]
        for z in inventory.zones where z.name != "default" {
            zones.append(SimNamed(id: zones.count + 1, name: z.name, description: z.description))
        }
        pools = [SimNamed(id: 0, name: "default", description: "Default pool")]
        for p in inventory.pools where p.name != "default" {
            pools.append(SimNamed(id: pools.count, name: p.name, description: p.description))
        }
        domains = [SimDomain(id: 0, name: "maas", ttl: nil, authoritative: true, isDefault: true)]
        for d in inventory.domains where d != "maas" {
            domains.append(SimDomain(id: domains.count, name: d, ttl: nil, authoritative: true, isDefault: false))
        }
        tags = Set(inventory.tags)
        for (index, spec) in inventory.machines.enumerated() {
            let id = index + 1
            var systemID = spec.systemID ?? SystemIDGenerator.systemID(for: id)
            var salt = id
            while machines[systemID] != nil {
                salt += 7919
                systemID = SystemIDGenerator.systemID(for: salt)
            }
            var lifecycle = MachineLifecycle(
                systemID: systemID, status: spec.status, powerType: spec.powerType, powerState: spec.powerState)
            lifecycle.deploymentOutcome = spec.deploymentOutcome
            if ![.ready, .new, .broken].contains(spec.status) { lifecycle.owner = keys.admin.username }
            tags.formUnion(spec.tags)
            if !zones.contains(where: { $0.name == spec.zone }) {
                zones.append(SimNamed(id: zones.count + 1, name: spec.zone, description: ""))
            }
            if !pools.contains(where: { $0.name == spec.pool }) {
                pools.append(SimNamed(id: pools.count, name: spec.pool, description: ""))
            }
            machines[systemID] = SimMachine(id: id, hostname: spec.hostname, spec: spec, lifecycle: lifecycle)
        }
    }

    // MARK: Helpers used by handlers

    /// Machines in id order.
    var orderedMachines: [SimMachine] { machines.values.sorted { $0.id < $1.id } }

    func zone(named name: String) -> SimNamed? { zones.first { $0.name == name } }
    func pool(named name: String) -> SimNamed? { pools.first { $0.name == name } }
    var defaultDomain: SimDomain { domains.first { $0.isDefault } ?? domains[0] }

    func renderer(for m: SimMachine) -> MachineRenderer {
        MachineRenderer(
            domain: defaultDomain, zone: zone(named: m.spec.zone) ?? zones[0], pool: pool(named: m.spec.pool) ?? pools[0],
            subnet: SubnetRenderer.subnet)
    }

    func render(_ m: SimMachine, constraintsByType: SimJSON? = nil) -> SimJSON {
        renderer(for: m).render(m, constraintsByType: constraintsByType)
    }

    /// Completes due timed transitions.
    mutating func advance(now: Duration) {
        for id in machines.keys {
            guard machines[id]?.lifecycle.pending.map({ $0.due <= now }) == true else { continue }
            apply(machines[id]?.lifecycle.advance(now: now) ?? [], to: id)
        }
    }

    /// Performs lifecycle side effects.
    mutating func apply(_ actions: [MachineLifecycle.Action], to systemID: String) {
        for action in actions {
            switch action {
            case .assignAddresses:
                if machines[systemID]?.ipAddresses.isEmpty == true, let ip = nextFreeAddress() {
                    machines[systemID]?.ipAddresses = [ip]
                }
            case .releaseAddresses:
                for ip in machines[systemID]?.ipAddresses ?? [] { usedAddresses.remove(ip) }
                machines[systemID]?.ipAddresses = []
            }
        }
    }

    /// How many static addresses deployments may hold at once: 241 (192.0.2.10–250, the simulated /24), or one per
    /// machine when the inventory is larger (a scale inventory models a subnet big enough for it).
    var addressCapacity: Int { max(241, machines.count) }

    /// Next free address: 192.0.2.10–250 (the simulated subnet), then 10.0.x.1–250 for large inventories.
    mutating func nextFreeAddress() -> String? {
        for index in 0..<addressCapacity {
            let ip = index < 241 ? "192.0.2.\(10 + index)" : "10.0.\((index - 241) / 250).\((index - 241) % 250 + 1)"
            if !usedAddresses.contains(ip) {
                usedAddresses.insert(ip)
                return ip
            }
        }
        return nil
    }

    mutating func count(_ op: String) { callCounts[op, default: 0] += 1 }

    /// Records a nonce; false if it was already used. Nonces whose timestamp is older than the accepted window can
    /// never be replayed (the timestamp check rejects them first), so they are dropped to bound memory.
    mutating func recordNonce(_ nonce: String, timestamp: Int, now: Int) -> Bool {
        if nonces.count >= 50_000 {
            nonces = nonces.filter { now - $0.value <= OAuthVerifier.timestampThreshold }
        }
        guard nonces[nonce] == nil else { return false }
        nonces[nonce] = timestamp
        return true
    }
}

/// Small seeded PRNG so fault injection is reproducible.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
