import Foundation
import MaasClient
import MaasProvider
import Synchronization

/// An in-memory MAAS for reconciler tests: machines with state, agent names, call log and injectable failures.
final class FakeMaas: MaasAPI, Sendable {
    struct Machine: Sendable {
        var node: MaasNode
        var agentName: String?
    }

    struct State: Sendable {
        var machines: [String: Machine] = [:]
        var calls: [String] = []
        /// Errors thrown by the next call of an operation (`allocate`, `deploy`, `update`, `release`, `powerOn`...).
        var failures: [String: [any Error]] = [:]
        var deployedUserData: [String: [UInt8]] = [:]
    }

    let state = Mutex(State())

    /// Adds a free (Ready) machine.
    func addMachine(_ systemID: String, hostname: String? = nil, zone: String = "az1") {
        state.withLock {
            $0.machines[systemID] = Machine(node: MaasNode(
                systemID: systemID, hostname: hostname ?? "host-\(systemID)", fqdn: "\(hostname ?? "host-\(systemID)").maas",
                status: .ready, powerState: PowerState(rawValue: "off"), zone: MaasZone(id: 1, name: zone), swapSize: 1024))
        }
    }

    func set(_ systemID: String, status: MaasNodeStatus, power: String? = nil, ips: [String]? = nil) {
        state.withLock {
            $0.machines[systemID]?.node.status = status
            $0.machines[systemID]?.node.statusName = status.displayName
            if let power { $0.machines[systemID]?.node.powerState = PowerState(rawValue: power) }
            if let ips { $0.machines[systemID]?.node.ipAddresses = ips }
        }
    }

    func failNext(_ operation: String, with error: any Error) {
        state.withLock { $0.failures[operation, default: []].append(error) }
    }

    var calls: [String] { state.withLock { $0.calls } }
    func userData(_ systemID: String) -> [UInt8]? { state.withLock { $0.deployedUserData[systemID] } }
    func calls(_ operation: String) -> Int { calls.filter { $0.hasPrefix(operation) }.count }
    func machine(_ systemID: String) -> Machine? { state.withLock { $0.machines[systemID] } }
    var allocated: [Machine] { state.withLock { $0.machines.values.filter { $0.node.status != .ready } } }

    private func record(_ call: String) throws {
        try state.withLock { state in
            state.calls.append(call)
            let operation = String(call.split(separator: " ").first ?? "")
            if var queued = state.failures[operation], !queued.isEmpty {
                let error = queued.removeFirst()
                state.failures[operation] = queued
                throw error
            }
        }
    }

    private func mutate(_ systemID: String, _ body: (inout Machine) throws -> Void) throws -> MaasNode {
        try state.withLock { state in
            guard var machine = state.machines[systemID] else { throw MaasError.notFound(message: "No Machine matches the given query.") }
            try body(&machine)
            state.machines[systemID] = machine
            return machine.node
        }
    }

    func version() async throws -> MaasVersion { throw MaasError.transport(description: "not faked") }

    func machines(_ filter: MachineFilter) async throws -> [MaasNode] {
        try record("list ids=\(filter.ids.joined(separator: ",")) agent=\(filter.agentName ?? "")")
        return state.withLock { state in
            state.machines.values
                .filter { filter.ids.isEmpty || filter.ids.contains($0.node.systemID) }
                .filter { filter.agentName == nil || $0.agentName == filter.agentName }
                .map(\.node).sorted { $0.systemID < $1.systemID }
        }
    }

    func machine(systemID: String) async throws -> MaasNode {
        try record("get \(systemID)")
        return try mutate(systemID) { _ in }
    }

    func allocate(_ request: AllocateRequest) async throws -> MaasNode {
        try record("allocate")
        return try state.withLock { state in
            guard let free = state.machines.values.filter({ $0.node.status == .ready && (request.zone == nil || $0.node.zone?.name == request.zone) })
                .min(by: { $0.node.systemID < $1.node.systemID }) else {
                throw MaasError.noMatchingMachine(message: "No machine available.")
            }
            var machine = free
            machine.node.status = .allocated
            machine.node.statusName = MaasNodeStatus.allocated.displayName
            machine.node.owner = "capmaas"
            machine.agentName = request.agentName
            state.machines[machine.node.systemID] = machine
            return machine.node
        }
    }

    func setWorkloadAnnotations(systemID: String, _ annotations: [String: String]) async throws -> MaasNode {
        try record("annotate \(systemID)")
        return try mutate(systemID) { $0.node.workloadAnnotations.merge(annotations) { $1 } }
    }

    func deploy(systemID: String, _ request: DeployRequest) async throws -> MaasNode {
        try record("deploy \(systemID)")
        state.withLock { $0.deployedUserData[systemID] = request.userData }
        return try mutate(systemID) {
            guard $0.node.status == .allocated else { throw MaasError.stateConflict(message: "Can't deploy a machine that is in the '\($0.node.statusName)' state") }
            $0.node.status = .deploying
            $0.node.statusName = MaasNodeStatus.deploying.displayName
            $0.node.osystem = request.osystem ?? ""
            $0.node.distroSeries = request.distroSeries ?? ""
            $0.node.ephemeralDeploy = request.ephemeralDeploy ?? false
            $0.node.ipAddresses = ["10.0.0.\($0.node.systemID.count)"]
        }
    }

    func release(systemID: String, _ request: ReleaseRequest) async throws -> MaasNode {
        try record("release \(systemID)")
        return try mutate(systemID) {
            $0.node.status = .ready
            $0.node.statusName = MaasNodeStatus.ready.displayName
            $0.node.workloadAnnotations = [:]
            $0.node.powerState = PowerState(rawValue: "off")
            $0.agentName = nil
        }
    }

    func abort(systemID: String, comment: String?) async throws -> MaasNode { try mutate(systemID) { _ in } }

    func powerOn(systemID: String, comment: String?) async throws -> MaasNode {
        try record("powerOn \(systemID)")
        return try mutate(systemID) { $0.node.powerState = PowerState(rawValue: "on") }
    }

    func powerOff(systemID: String, stopMode: PowerOffMode?, comment: String?) async throws -> MaasNode? {
        try mutate(systemID) { $0.node.powerState = PowerState(rawValue: "off") }
    }

    func update(systemID: String, _ update: MachineUpdate) async throws -> MaasNode {
        try record("update \(systemID)")
        return try mutate(systemID) { if let swap = update.swapSize { $0.node.swapSize = swap } }
    }

    func markBroken(systemID: String, comment: String?) async throws -> MaasNode {
        try mutate(systemID) { $0.node.status = .broken; $0.node.statusName = "Broken" }
    }

    func dnsResources(fqdn: String?) async throws -> [MaasDNSResource] { [] }
    func createDNSResource(fqdn: String, ipAddresses: [String], addressTTL: Int?) async throws -> MaasDNSResource {
        throw MaasError.transport(description: "not faked")
    }
    func updateDNSResource(id: Int, ipAddresses: [String]?, addressTTL: Int?) async throws -> MaasDNSResource {
        throw MaasError.transport(description: "not faked")
    }
    func deleteDNSResource(id: Int) async throws {}
    func domains() async throws -> [MaasDomain] { [] }
    func zones() async throws -> [MaasZone] { [] }
    func resourcePools() async throws -> [MaasResourcePool] { [] }
    func bootResources() async throws -> [MaasBootResource] { [] }
}

/// Every namespace gets the same fake (or a connection error).
struct FakeConnections: MaasConnectionProviding {
    let maas: FakeMaas
    var error: MaasConnectionError?

    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI {
        if let error { throw error }
        return maas
    }
}
