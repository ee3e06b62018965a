import MaasClient

/// Single-machine reads for reconcile passes, coalesced per MAAS connection (``MachineReadCoalescer``). Connections
/// that are not HTTP clients (test fakes) are read directly.
public actor MachineReads {
    private var coalescers: [String: MachineReadCoalescer] = [:]

    public init() {}

    /// `GET machines/{systemID}/`, or a share of one `GET machines/?id=…` list with concurrent reads.
    public func machine(systemID: String, via maas: any MaasAPI) async throws -> MaasNode {
        guard let identity = (maas as? MaasHTTPClient)?.connectionIdentity else {
            return try await maas.machine(systemID: systemID)
        }
        let coalescer = coalescers[identity] ?? MachineReadCoalescer { try await maas.machines(MachineFilter(ids: $0)) }
        coalescers[identity] = coalescer
        return try await coalescer.machine(systemID: systemID)
    }
}
