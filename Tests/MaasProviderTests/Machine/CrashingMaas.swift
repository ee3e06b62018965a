import MaasClient
import MaasProvider
import Synchronization
import Testing

/// Where a simulated manager crash happens: just before, or just after MAAS applied the `operation` (after is also
/// what a reply lost on the way back looks like). Every later call fails too, so nothing after the crash reaches MAAS.
struct CrashPoint: Sendable, CustomTestStringConvertible {
    enum Moment: String, Sendable { case before, after }
    var operation: String
    var moment: Moment
    var testDescription: String { "\(moment.rawValue) \(operation)" }
}

/// Thrown by ``CrashingMaas`` at and after the crash point.
struct SimulatedCrash: Error {}

/// Wraps a real MAAS connection and "crashes" at a ``CrashPoint``.
final class CrashingMaas: MaasAPI, Sendable {
    let inner: any MaasAPI
    let point: CrashPoint
    private let crashed = Mutex(false)

    init(_ inner: any MaasAPI, crashing point: CrashPoint) {
        self.inner = inner
        self.point = point
    }

    var hasCrashed: Bool { crashed.withLock { $0 } }

    private func gate<T>(_ operation: String, _ call: () async throws -> T) async throws -> T {
        if hasCrashed { throw SimulatedCrash() }
        guard operation == point.operation else { return try await call() }
        crashed.withLock { $0 = true }
        if point.moment == .before { throw SimulatedCrash() }
        _ = try await call()
        throw SimulatedCrash()
    }

    func version() async throws -> MaasVersion { try await gate("version") { try await inner.version() } }
    func machines(_ filter: MachineFilter) async throws -> [MaasNode] { try await gate("machines") { try await inner.machines(filter) } }
    func machine(systemID: String) async throws -> MaasNode { try await gate("machine") { try await inner.machine(systemID: systemID) } }
    func allocate(_ request: AllocateRequest) async throws -> MaasNode { try await gate("allocate") { try await inner.allocate(request) } }
    func setWorkloadAnnotations(systemID: String, _ annotations: [String: String]) async throws -> MaasNode {
        try await gate("setWorkloadAnnotations") { try await inner.setWorkloadAnnotations(systemID: systemID, annotations) }
    }
    func deploy(systemID: String, _ request: DeployRequest) async throws -> MaasNode {
        try await gate("deploy") { try await inner.deploy(systemID: systemID, request) }
    }
    func release(systemID: String, _ request: ReleaseRequest) async throws -> MaasNode {
        try await gate("release") { try await inner.release(systemID: systemID, request) }
    }
    func abort(systemID: String, comment: String?) async throws -> MaasNode {
        try await gate("abort") { try await inner.abort(systemID: systemID, comment: comment) }
    }
    func powerOn(systemID: String, comment: String?) async throws -> MaasNode {
        try await gate("powerOn") { try await inner.powerOn(systemID: systemID, comment: comment) }
    }
    func powerOff(systemID: String, stopMode: PowerOffMode?, comment: String?) async throws -> MaasNode? {
        try await gate("powerOff") { try await inner.powerOff(systemID: systemID, stopMode: stopMode, comment: comment) }
    }
    func update(systemID: String, _ update: MachineUpdate) async throws -> MaasNode {
        try await gate("update") { try await inner.update(systemID: systemID, update) }
    }
    func markBroken(systemID: String, comment: String?) async throws -> MaasNode {
        try await gate("markBroken") { try await inner.markBroken(systemID: systemID, comment: comment) }
    }
    func dnsResources(fqdn: String?) async throws -> [MaasDNSResource] { try await gate("dnsResources") { try await inner.dnsResources(fqdn: fqdn) } }
    func createDNSResource(fqdn: String, ipAddresses: [String], addressTTL: Int?) async throws -> MaasDNSResource {
        try await gate("createDNSResource") { try await inner.createDNSResource(fqdn: fqdn, ipAddresses: ipAddresses, addressTTL: addressTTL) }
    }
    func updateDNSResource(id: Int, ipAddresses: [String]?, addressTTL: Int?) async throws -> MaasDNSResource {
        try await gate("updateDNSResource") { try await inner.updateDNSResource(id: id, ipAddresses: ipAddresses, addressTTL: addressTTL) }
    }
    func deleteDNSResource(id: Int) async throws { try await gate("deleteDNSResource") { try await inner.deleteDNSResource(id: id) } }
    func domains() async throws -> [MaasDomain] { try await gate("domains") { try await inner.domains() } }
    func zones() async throws -> [MaasZone] { try await gate("zones") { try await inner.zones() } }
    func resourcePools() async throws -> [MaasResourcePool] { try await gate("resourcePools") { try await inner.resourcePools() } }
    func bootResources() async throws -> [MaasBootResource] { try await gate("bootResources") { try await inner.bootResources() } }
}

/// Every namespace gets the same crashing wrapper around the real connection.
final class CrashingConnections: MaasConnectionProviding, Sendable {
    let inner: any MaasConnectionProviding
    let point: CrashPoint
    private let wrapper = Mutex<CrashingMaas?>(nil)

    init(_ inner: any MaasConnectionProviding, crashing point: CrashPoint) {
        self.inner = inner
        self.point = point
    }

    var hasCrashed: Bool { wrapper.withLock { $0?.hasCrashed ?? false } }

    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI {
        let real = try await inner.connection(forNamespace: namespace)
        return wrapper.withLock { existing in
            if let existing { return existing }
            let made = CrashingMaas(real, crashing: point)
            existing = made
            return made
        }
    }
}
