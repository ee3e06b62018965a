import MaasClient

/// The MAAS API of a reconcile pass, recording every machine MAAS answers with in ``MaasMachineObservations``: the
/// replies to reads and writes (MAAS answers each machine write with the machine as it is after the write). A failed
/// call about one machine forgets it, since MAAS may or may not have applied the write. Wrapping the connection,
/// rather than recording at each call site, keeps a new write from being missed.
struct ObservationRecordingMaas: MaasAPI {
    let base: any MaasAPI
    let observations: MaasMachineObservations

    private func recording(_ systemID: String, _ call: () async throws -> MaasNode) async throws -> MaasNode {
        do {
            let node = try await call()
            observations.record(ObservedMaasMachine(node))
            return node
        } catch {
            observations.forget(systemID)
            throw error
        }
    }

    private func recordingAll(_ nodes: [MaasNode]) -> [MaasNode] {
        for node in nodes { observations.record(ObservedMaasMachine(node)) }
        return nodes
    }

    func version() async throws -> MaasVersion { try await base.version() }

    func machines(_ filter: MachineFilter) async throws -> [MaasNode] { recordingAll(try await base.machines(filter)) }

    func machineSummaries(_ filter: MachineFilter) async throws -> [MaasMachineSummary] {
        try await base.machineSummaries(filter)
    }

    func machine(systemID: String) async throws -> MaasNode {
        try await recording(systemID) { try await base.machine(systemID: systemID) }
    }

    func allocate(_ request: AllocateRequest) async throws -> MaasNode {
        let node = try await base.allocate(request)
        observations.record(ObservedMaasMachine(node))
        return node
    }

    func setWorkloadAnnotations(systemID: String, _ annotations: [String: String]) async throws -> MaasNode {
        try await recording(systemID) { try await base.setWorkloadAnnotations(systemID: systemID, annotations) }
    }

    func deploy(systemID: String, _ request: DeployRequest) async throws -> MaasNode {
        try await recording(systemID) { try await base.deploy(systemID: systemID, request) }
    }

    func release(systemID: String, _ request: ReleaseRequest) async throws -> MaasNode {
        try await recording(systemID) { try await base.release(systemID: systemID, request) }
    }

    func abort(systemID: String, comment: String?) async throws -> MaasNode {
        try await recording(systemID) { try await base.abort(systemID: systemID, comment: comment) }
    }

    func powerOn(systemID: String, comment: String?) async throws -> MaasNode {
        try await recording(systemID) { try await base.powerOn(systemID: systemID, comment: comment) }
    }

    func powerOff(systemID: String, stopMode: PowerOffMode?, comment: String?) async throws -> MaasNode? {
        do {
            let node = try await base.powerOff(systemID: systemID, stopMode: stopMode, comment: comment)
            // No machine in the reply (manual power): what MAAS shows now is unknown.
            if let node { observations.record(ObservedMaasMachine(node)) } else { observations.forget(systemID) }
            return node
        } catch {
            observations.forget(systemID)
            throw error
        }
    }

    func update(systemID: String, _ update: MachineUpdate) async throws -> MaasNode {
        try await recording(systemID) { try await base.update(systemID: systemID, update) }
    }

    func markBroken(systemID: String, comment: String?) async throws -> MaasNode {
        try await recording(systemID) { try await base.markBroken(systemID: systemID, comment: comment) }
    }

    func dnsResources(fqdn: String?) async throws -> [MaasDNSResource] { try await base.dnsResources(fqdn: fqdn) }

    func createDNSResource(fqdn: String, ipAddresses: [String], addressTTL: Int?) async throws -> MaasDNSResource {
        try await base.createDNSResource(fqdn: fqdn, ipAddresses: ipAddresses, addressTTL: addressTTL)
    }

    func updateDNSResource(id: Int, ipAddresses: [String]?, addressTTL: Int?) async throws -> MaasDNSResource {
        try await base.updateDNSResource(id: id, ipAddresses: ipAddresses, addressTTL: addressTTL)
    }

    func deleteDNSResource(id: Int) async throws { try await base.deleteDNSResource(id: id) }
    func domains() async throws -> [MaasDomain] { try await base.domains() }
    func zones() async throws -> [MaasZone] { try await base.zones() }
    func resourcePools() async throws -> [MaasResourcePool] { try await base.resourcePools() }
    func bootResources() async throws -> [MaasBootResource] { try await base.bootResources() }
}
