import KubeCore

/// Read-mostly endpoints: domains, zones, resource pools, boot resources, users.
enum InventoryHandlers {
    static func handle(_ call: APICall, route: APIRoute, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        let isRead = call.method == "GET" && call.op == nil
        if route.isCollection, (call.method == "PUT" || call.method == "DELETE"), call.op == nil { throw call.methodNotAllowed }
        switch route {
        case .domains where isRead:
            return .json(.array(state.domains.map { d in DomainRenderer.render(d, recordCount: recordCount(d, state)) }))
        case .domain(let id) where isRead:
            guard let d = state.domains.first(where: { String($0.id) == id }) else { throw .text(404, MaasText.notFound("Domain")) }
            return .json(DomainRenderer.render(d, recordCount: recordCount(d, state)))
        case .zones where isRead:
            return .json(.array(state.zones.map(NamedRenderer.zone)))
        case .zone(let name) where isRead:
            guard let z = state.zone(named: name) else { throw .text(404, MaasText.notFound("Zone")) }
            return .json(NamedRenderer.zone(z))
        case .zones where call.method == "POST" && call.op == nil:
            try call.requireAdmin()
            let form = try call.form()
            guard let name = form.value("name"), !name.isEmpty else { throw .field("name", "This field is required.") }
            if state.zone(named: name) != nil { throw .field("name", "Zone with this Name already exists.") }
            let zone = SimNamed(id: (state.zones.map(\.id).max() ?? 0) + 1, name: name, description: form.value("description") ?? "")
            state.zones.append(zone)
            return .json(NamedRenderer.zone(zone))
        case .resourcePools where isRead:
            return .json(.array(state.pools.map(NamedRenderer.pool)))
        case .resourcePool(let id) where isRead:
            guard let p = state.pools.first(where: { String($0.id) == id }) else {
                throw .text(404, MaasText.notFound("ResourcePool"))
            }
            return .json(NamedRenderer.pool(p))
        case .bootResources where isRead:
            let type = call.params.value("type")?.lowercased()
            let items = state.bootResources.enumerated().filter { type == nil || $0.element.type.lowercased() == type }
            return .json(.array(items.map { bootResource($0.element, id: $0.offset + 1) }))
        case .bootResource(let id) where isRead:
            guard let n = Int(id), n >= 1, n <= state.bootResources.count else {
                throw .text(404, MaasText.notFound("BootResource"))
            }
            return .json(bootResource(state.bootResources[n - 1], id: n))
        case .bootResources where call.method == "GET" && call.op == "is_importing":
            return .json(.bool(false))
        case .users where call.method == "GET" && call.op == "whoami":
            return .json(.object([
                "username": .string(call.caller.username), "email": .string("\(call.caller.username)@example.com"),
                "is_superuser": .bool(call.caller.isAdmin), "is_local": .bool(true),
                "resource_uri": .string("/MAAS/api/2.0/users/\(call.caller.username)/"),
            ]))
        default:
            throw call.unrecognised
        }
    }

    static func recordCount(_ d: SimDomain, _ state: SimulatorState) -> Int {
        state.dnsResources.values.filter { $0.domainID == d.id }.count
    }

    static func bootResource(_ r: BootResourceSpec, id: Int) -> SimJSON {
        .object([
            "id": .int(id), "type": .string(r.type), "name": .string(r.name), "architecture": .string(r.architecture),
            "resource_uri": .string("/MAAS/api/2.0/boot-resources/\(id)/"), "last_deployed": .null,
            "platform": .string("generic"), "subarches": .string(String(r.architecture.split(separator: "/").last ?? "generic")),
            "supported_platforms": .string("generic"),
        ])
    }
}
