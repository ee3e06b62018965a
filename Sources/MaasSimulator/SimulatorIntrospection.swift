/// Typed view of `GET /_sim/state`, so tests in any target can check what the simulator saw.
public struct SimulatorIntrospection: Sendable, Codable, Equatable {
    /// One machine's owner-related state.
    public struct Machine: Sendable, Codable, Equatable {
        public var systemID: String
        public var hostname: String
        public var status: Int
        public var statusName: String
        public var owner: String?
        public var agentName: String
        public var workloadAnnotations: [String: String]
        public var powerState: String
        public var ipAddresses: [String]
        public var osystem: String
        public var distroSeries: String
        public var hasUserData: Bool
        public var deploymentOutcome: DeploymentOutcome

        enum CodingKeys: String, CodingKey {
            case systemID = "system_id", hostname, status, statusName = "status_name", owner, agentName = "agent_name"
            case workloadAnnotations = "workload_annotations", powerState = "power_state", ipAddresses = "ip_addresses"
            case osystem, distroSeries = "distro_series", hasUserData = "has_user_data", deploymentOutcome = "deployment"
        }
    }

    /// One DNS resource.
    public struct DNSRecord: Sendable, Codable, Equatable {
        public var id: Int
        public var fqdn: String
        public var ipAddresses: [String]
        public var addressTTL: Int?

        enum CodingKeys: String, CodingKey {
            case id, fqdn, ipAddresses = "ip_addresses", addressTTL = "address_ttl"
        }
    }

    public var machines: [Machine]
    /// API calls per op, e.g. `machines.allocate`, `machine.deploy`, `machine.read`, `dnsresources.create`; calls that
    /// failed before reaching an op count as `fault.<kind>` (injected fault), `fault.down` or `auth.rejected` (bad key).
    public var callCounts: [String: Int]
    /// `GET machines/` calls (also in `callCounts` as `machines.read`) by the filters they used, sorted and joined by
    /// `+` (`id`, `agent_name`, `agent_name+id`, `none`): tells the batched poll from agent-name searches.
    public var listCounts: [String: Int]
    public var dnsResources: [DNSRecord]
    public var faults: SimulatorFaults

    enum CodingKeys: String, CodingKey {
        case machines, callCounts = "call_counts", listCounts = "list_counts", dnsResources = "dns_resources", faults
    }

    /// The machine with `systemID`.
    public func machine(_ systemID: String) -> Machine? { machines.first { $0.systemID == systemID } }
    /// Machines whose `agent_name` is `agentName`.
    public func machines(agentName: String) -> [Machine] { machines.filter { $0.agentName == agentName } }
    /// Calls of one op (0 if never called).
    public func calls(_ op: String) -> Int { callCounts[op] ?? 0 }
}

extension SimulatorState {
    var introspection: SimulatorIntrospection {
        let domainNames = Dictionary(uniqueKeysWithValues: domains.map { ($0.id, $0.name) })
        return SimulatorIntrospection(
            machines: orderedMachines.map { m in
                let l = m.lifecycle
                return .init(
                    systemID: m.systemID, hostname: m.hostname, status: l.status.rawValue, statusName: l.status.displayName,
                    owner: l.owner, agentName: l.agentName, workloadAnnotations: l.workloadAnnotations,
                    powerState: l.powerState, ipAddresses: m.ipAddresses, osystem: l.osystem, distroSeries: l.distroSeries,
                    hasUserData: l.userData != nil, deploymentOutcome: l.deploymentOutcome)
            },
            callCounts: callCounts, listCounts: listCounts,
            dnsResources: dnsResources.values.sorted { $0.id < $1.id }.map { r in
                .init(id: r.id, fqdn: "\(r.name).\(domainNames[r.domainID] ?? "maas")", ipAddresses: r.ipAddresses,
                      addressTTL: r.addressTTL)
            },
            faults: faults)
    }
}
