/// The MAAS operations the provider uses. `MaasHTTPClient` is the real implementation; tests use fakes.
///
/// All methods throw `MaasError`.
public protocol MaasAPI: Sendable {
    /// `GET version/` (anonymous).
    func version() async throws -> MaasVersion
    /// `GET machines/` with filters.
    func machines(_ filter: MachineFilter) async throws -> [MaasNode]
    /// `GET machines/` with filters, decoding only identity, status and power (one list call, as `machines`):
    /// for polls over many machines. Defaults to summarising ``machines(_:)``.
    func machineSummaries(_ filter: MachineFilter) async throws -> [MaasMachineSummary]
    /// `GET machines/{id}/`.
    func machine(systemID: String) async throws -> MaasNode
    /// `POST machines/ op=allocate`. Never retried: after an ambiguous failure, look up `machines(agentName:)` first.
    func allocate(_ request: AllocateRequest) async throws -> MaasNode
    /// `POST machines/{id}/ op=set_workload_annotations`; an empty value deletes a key.
    func setWorkloadAnnotations(systemID: String, _ annotations: [String: String]) async throws -> MaasNode
    /// `POST machines/{id}/ op=deploy`. Never retried.
    func deploy(systemID: String, _ request: DeployRequest) async throws -> MaasNode
    /// `POST machines/{id}/ op=release`.
    func release(systemID: String, _ request: ReleaseRequest) async throws -> MaasNode
    /// `POST machines/{id}/ op=abort` (only while Deploying, Commissioning, Testing or Disk erasing).
    func abort(systemID: String, comment: String?) async throws -> MaasNode
    /// `POST machines/{id}/ op=power_on`.
    func powerOn(systemID: String, comment: String?) async throws -> MaasNode
    /// `POST machines/{id}/ op=power_off`; nil when MAAS sent no power action (JSON `null`, e.g. manual power).
    func powerOff(systemID: String, stopMode: PowerOffMode?, comment: String?) async throws -> MaasNode?
    /// `PUT machines/{id}/`.
    func update(systemID: String, _ update: MachineUpdate) async throws -> MaasNode
    /// `POST machines/{id}/ op=mark_broken`.
    func markBroken(systemID: String, comment: String?) async throws -> MaasNode
    /// `GET dnsresources/[?fqdn=]`. A missing domain is `.notFound`, a missing name `[]`.
    func dnsResources(fqdn: String?) async throws -> [MaasDNSResource]
    /// `POST dnsresources/` (admin). IPs are validated client-side (MAAS answers 500 to a non-IP).
    func createDNSResource(fqdn: String, ipAddresses: [String], addressTTL: Int?) async throws -> MaasDNSResource
    /// `PUT dnsresources/{id}/` (admin); `ipAddresses` replaces the set.
    func updateDNSResource(id: Int, ipAddresses: [String]?, addressTTL: Int?) async throws -> MaasDNSResource
    /// `DELETE dnsresources/{id}/`.
    func deleteDNSResource(id: Int) async throws
    func domains() async throws -> [MaasDomain]
    func zones() async throws -> [MaasZone]
    func resourcePools() async throws -> [MaasResourcePool]
    func bootResources() async throws -> [MaasBootResource]
}

extension MaasAPI {
    public func machineSummaries(_ filter: MachineFilter) async throws -> [MaasMachineSummary] {
        try await machines(filter).map(MaasMachineSummary.init)
    }

    /// The caller's machines allocated under `agentName`: the way to resolve an ambiguous allocate.
    public func machines(agentName: String) async throws -> [MaasNode] {
        try await machines(MachineFilter(agentName: agentName))
    }
}
