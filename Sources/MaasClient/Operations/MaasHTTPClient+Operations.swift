import NIOCore
import NIOHTTP1

extension MaasHTTPClient {
    public func version() async throws -> MaasVersion {
        var request = MaasRequest.get("version", "version/")
        request.anonymous = true
        return try await call(request, as: MaasVersion.self)
    }

    public func machines(_ filter: MachineFilter) async throws -> [MaasNode] {
        try await call(.get("machines.list", "machines/", query: filter.parameters), as: [MaasNode].self)
    }

    public func machine(systemID: String) async throws -> MaasNode {
        try await call(.get("machines.read", try Self.machinePath(systemID)), as: MaasNode.self)
    }

    public func allocate(_ request: AllocateRequest) async throws -> MaasNode {
        var r = MaasRequest.post("machines.allocate", "machines/", op: "allocate", form: request.parameters, retry: .never)
        r.isAllocate = true
        return try await call(r, as: MaasNode.self)
    }

    public func setWorkloadAnnotations(systemID: String, _ annotations: [String: String]) async throws -> MaasNode {
        var form = MaasParameters()
        for key in annotations.keys.sorted() { form.add(key, annotations[key] ?? "") }
        return try await machineOp(systemID, "set_workload_annotations", form, .safe)
    }

    public func deploy(systemID: String, _ request: DeployRequest) async throws -> MaasNode {
        try await machineOp(systemID, "deploy", request.parameters, .never)
    }

    public func release(systemID: String, _ request: ReleaseRequest) async throws -> MaasNode {
        try await machineOp(systemID, "release", request.parameters, .safe)
    }

    public func abort(systemID: String, comment: String?) async throws -> MaasNode {
        try await machineOp(systemID, "abort", Self.comment(comment), .safe)
    }

    public func powerOn(systemID: String, comment: String?) async throws -> MaasNode {
        try await machineOp(systemID, "power_on", Self.comment(comment), .safe)
    }

    public func powerOff(systemID: String, stopMode: PowerOffMode?, comment: String?) async throws -> MaasNode? {
        var form = MaasParameters()
        form.add("stop_mode", stopMode?.rawValue)
        form.add("comment", comment)
        let request = MaasRequest.post("machines.power_off", try Self.machinePath(systemID), op: "power_off", form: form,
                                       retry: .safe)
        return try await call(request, as: MaasNode?.self)
    }

    public func update(systemID: String, _ update: MachineUpdate) async throws -> MaasNode {
        let request = MaasRequest(operation: "machines.update", method: .PUT, path: try Self.machinePath(systemID),
                                  form: update.parameters, retry: .safe)
        return try await call(request, as: MaasNode.self)
    }

    public func markBroken(systemID: String, comment: String?) async throws -> MaasNode {
        try await machineOp(systemID, "mark_broken", Self.comment(comment), .safe)
    }

    public func dnsResources(fqdn: String?) async throws -> [MaasDNSResource] {
        var query = MaasParameters()
        query.add("fqdn", fqdn)
        return try await call(.get("dnsresources.list", "dnsresources/", query: query), as: [MaasDNSResource].self)
    }

    public func createDNSResource(fqdn: String, ipAddresses: [String], addressTTL: Int?) async throws -> MaasDNSResource {
        var form = MaasParameters()
        form.add("fqdn", fqdn)
        form.add("ip_addresses", try Self.spaceJoinedIPs(ipAddresses))
        form.add("address_ttl", addressTTL)
        // Not retried: a repeated create after an ambiguous failure answers 400 "Labels must be unique".
        return try await call(.post("dnsresources.create", "dnsresources/", op: nil, form: form, retry: .never),
                              as: MaasDNSResource.self)
    }

    public func updateDNSResource(id: Int, ipAddresses: [String]?, addressTTL: Int?) async throws -> MaasDNSResource {
        var form = MaasParameters()
        if let ipAddresses { form.add("ip_addresses", try Self.spaceJoinedIPs(ipAddresses)) }
        form.add("address_ttl", addressTTL)
        let request = MaasRequest(operation: "dnsresources.update", method: .PUT, path: "dnsresources/\(id)/",
                                  form: form, retry: .safe)
        return try await call(request, as: MaasDNSResource.self)
    }

    public func deleteDNSResource(id: Int) async throws {
        _ = try await send(MaasRequest(operation: "dnsresources.delete", method: .DELETE, path: "dnsresources/\(id)/",
                                       retry: .safe))
    }

    public func domains() async throws -> [MaasDomain] {
        try await call(.get("domains.list", "domains/"), as: [MaasDomain].self)
    }

    public func zones() async throws -> [MaasZone] {
        try await call(.get("zones.list", "zones/"), as: [MaasZone].self)
    }

    public func resourcePools() async throws -> [MaasResourcePool] {
        try await call(.get("resourcepools.list", "resourcepools/"), as: [MaasResourcePool].self)
    }

    public func bootResources() async throws -> [MaasBootResource] {
        try await call(.get("boot-resources.list", "boot-resources/"), as: [MaasBootResource].self)
    }

    // MARK: helpers

    private func machineOp(_ systemID: String, _ op: String, _ form: MaasParameters,
                           _ retry: MaasRequest.Retry) async throws -> MaasNode {
        let request = MaasRequest.post("machines.\(op)", try Self.machinePath(systemID), op: op, form: form, retry: retry)
        return try await call(request, as: MaasNode.self)
    }

    private static func comment(_ comment: String?) -> MaasParameters {
        var form = MaasParameters()
        form.add("comment", comment)
        return form
    }

    /// `machines/<id>/`; rejects ids that would change the path.
    static func machinePath(_ systemID: String) throws -> String {
        guard !systemID.isEmpty, systemID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw MaasError.transport(description: "invalid MAAS system id \"\(systemID.prefix(40))\"")
        }
        return "machines/\(systemID)/"
    }

    /// MAAS takes `ip_addresses` space-separated and answers 500 for a non-IP, so validate first.
    static func spaceJoinedIPs(_ ips: [String]) throws -> String {
        for ip in ips where (try? SocketAddress(ipAddress: ip, port: 0)) == nil {
            throw MaasError.transport(description: "invalid IP address \"\(ip.prefix(64))\"")
        }
        return ips.joined(separator: " ")
    }
}
