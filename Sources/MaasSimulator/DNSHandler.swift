import Foundation
import KubeCore
#if canImport(Glibc)
import Glibc
#endif

/// `dnsresources/` and `dnsresources/{id}/`.
enum DNSHandler {
    static func handleCollection(_ call: APICall, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        switch (call.method, call.op) {
        case ("GET", nil): return try list(call, state: state)
        case ("POST", nil):
            try call.requireAdmin()
            let form = try call.form()
            let (name, domain) = try target(form, state: state, defaultToDefaultDomain: true)
            guard let name else { throw .field("name", "This field is required.") }
            if state.dnsResources.values.contains(where: { $0.name == name && $0.domainID == domain.id }) {
                throw .fields(["__all__": [MaasText.labelsUnique]])
            }
            let resource = SimDNSResource(
                id: state.nextDNSID, name: name, domainID: domain.id, addressTTL: try ttl(form),
                ipAddresses: try addresses(form.value("ip_addresses") ?? ""), created: timestamp())
            state.nextDNSID += 1
            state.dnsResources[resource.id] = resource
            return .json(render(resource, state: state))
        case ("PUT", nil), ("DELETE", nil): throw call.methodNotAllowed
        default: throw call.unrecognised
        }
    }

    static func handle(_ call: APICall, id: String, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        guard let number = Int(id), var resource = state.dnsResources[number] else {
            throw .text(404, MaasText.notFound("DNSResource"))
        }
        switch (call.method, call.op) {
        case ("GET", nil):
            return .json(render(resource, state: state))
        case ("PUT", nil):
            try call.requireAdmin()
            let form = try call.form()
            if form.contains("fqdn") || form.contains("name") || form.contains("domain") {
                let (name, domain) = try target(form, state: state, defaultToDefaultDomain: false, current: resource)
                if let name { resource.name = name }
                resource.domainID = domain.id
                if state.dnsResources.values.contains(where: {
                    $0.id != resource.id && $0.name == resource.name && $0.domainID == resource.domainID
                }) {
                    throw .fields(["__all__": [MaasText.labelsUnique]])
                }
            }
            if form.contains("address_ttl") { resource.addressTTL = try ttl(form) }
            if let ips = form.value("ip_addresses") { resource.ipAddresses = try addresses(ips) }
            state.dnsResources[number] = resource
            return .json(render(resource, state: state))
        case ("DELETE", nil):
            try call.requireAdmin()
            state.dnsResources[number] = nil
            return SimResponse(status: 204)
        default:
            throw call.unrecognised
        }
    }

    static func list(_ call: APICall, state: SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        let params = call.params
        var resources = state.dnsResources.values.sorted { $0.id < $1.id }
        if params.value("fqdn") != nil || params.value("domain") != nil || params.value("name") != nil {
            let (name, domain) = try target(params, state: state, defaultToDefaultDomain: params.value("domain") == nil)
            resources = resources.filter { $0.domainID == domain.id && (name == nil || $0.name == name) }
        }
        if let rrtype = params.value("rrtype"), !["A", "AAAA"].contains(rrtype.uppercased()) { resources = [] }
        return .json(.array(resources.map { render($0, state: state) }))
    }

    /// `fqdn` (split at the first dot, `separate_fqdn`) or `name` + `domain` (name or id) → (name, domain).
    static func target(
        _ form: FormData, state: SimulatorState, defaultToDefaultDomain: Bool, current: SimDNSResource? = nil
    ) throws(SimulatorAPIError) -> (String?, SimDomain) {
        var name = form.value("name")
        var domainRef = form.value("domain")
        if let fqdn = form.value("fqdn"), !fqdn.isEmpty {
            if let dot = fqdn.firstIndex(of: ".") {
                name = String(fqdn[..<dot])
                domainRef = String(fqdn[fqdn.index(after: dot)...])
            } else {
                name = fqdn
            }
        }
        let domain: SimDomain?
        if let domainRef {
            domain = state.domains.first { $0.name == domainRef || String($0.id) == domainRef }
        } else if let current {
            domain = state.domains.first { $0.id == current.domainID }
        } else {
            domain = defaultToDefaultDomain ? state.defaultDomain : nil
        }
        guard let domain else { throw .text(404, MaasText.notFound("Domain")) }
        return (name, domain)
    }

    static func ttl(_ form: FormData) throws(SimulatorAPIError) -> Int? {
        guard let raw = form.value("address_ttl"), !raw.isEmpty else { return nil }
        guard let value = Int(raw), value >= 0, value <= Int(Int32.max) else {
            throw .field("address_ttl", "Ensure this value is greater than or equal to 0.")
        }
        return value
    }

    /// Space-separated IPs; anything that is not an IP is a 500, as in MAAS.
    static func addresses(_ text: String) throws(SimulatorAPIError) -> [String] {
        let items = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for item in items where !isIPAddress(item) { throw .text(500, MaasText.invalidIP(item)) }
        return items
    }

    static func isIPAddress(_ s: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }

    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS"
        return formatter.string(from: Date())
    }

    static func render(_ r: SimDNSResource, state: SimulatorState) -> SimJSON {
        let domain = state.domains.first { $0.id == r.domainID }?.name ?? "maas"
        let admin = state.keys.admin.username
        let owner: SimJSON = .object([
            "is_superuser": .bool(true), "username": .string(admin), "email": .string("\(admin)@example.com"),
            "is_local": .bool(true), "resource_uri": .string("/MAAS/api/2.0/users/\(admin)/"),
        ])
        let ips: [SimJSON] = r.ipAddresses.map { ip in
            .object([
                "created": .string(r.created), "ip": .string(ip), "alloc_type": .int(4),
                "alloc_type_name": .string("User reserved"),
                "subnet": ip.hasPrefix("192.0.2.") ? SubnetRenderer.subnet : .null, "interface_set": .array([]),
                "owner": owner, "resource_uri": .string("/MAAS/api/2.0/ipaddresses/"),
            ])
        }
        return .object([
            "id": .int(r.id), "fqdn": .string(r.name == "@" ? domain : "\(r.name).\(domain)"),
            "address_ttl": r.addressTTL.map(SimJSON.int) ?? .null, "ip_addresses": .array(ips),
            "resource_records": .array([]), "resource_uri": .string("/MAAS/api/2.0/dnsresources/\(r.id)/"),
        ])
    }
}
