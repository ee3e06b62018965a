/// A parsed `/MAAS/api/2.0/...` path.
enum APIRoute: Equatable {
    case version
    case describe
    case machines
    case machine(String)
    case dnsResources
    case dnsResource(String)
    case domains
    case domain(String)
    case zones
    case zone(String)
    case resourcePools
    case resourcePool(String)
    case bootResources
    case bootResource(String)
    case users
    case whoami
    case tags

    static let prefix = "/MAAS/api/2.0/"

    /// Parses a path; returns the route and the `op-NAME` alias, or nil for unknown paths.
    static func parse(_ path: String) -> (route: APIRoute, opAlias: String?)? {
        guard path.hasPrefix(prefix) else { return nil }
        var parts = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        var alias: String?
        if let last = parts.last, last.hasPrefix("op-"), last.count > 3 {
            alias = String(last.dropFirst(3))
            parts.removeLast()
        }
        let route: APIRoute?
        switch (parts.first, parts.count) {
        case ("version", 1): route = .version
        case ("describe", 1): route = .describe
        case ("machines", 1), ("nodes", 1): route = .machines
        case ("machines", 2), ("nodes", 2): route = .machine(parts[1])
        case ("dnsresources", 1): route = .dnsResources
        case ("dnsresources", 2): route = .dnsResource(parts[1])
        case ("domains", 1): route = .domains
        case ("domains", 2): route = .domain(parts[1])
        case ("zones", 1): route = .zones
        case ("zones", 2): route = .zone(parts[1])
        case ("resourcepools", 1): route = .resourcePools
        case ("resourcepool", 2), ("resourcepools", 2): route = .resourcePool(parts[1])
        case ("boot-resources", 1): route = .bootResources
        case ("boot-resources", 2): route = .bootResource(parts[1])
        case ("tags", 1): route = .tags
        case ("users", 1): route = parts.count == 1 ? .users : nil
        default: route = nil
        }
        guard let route else { return nil }
        return (route, alias)
    }

    /// The collection handlers that have an anonymous handler in MAAS (anonymous → 400 "Unrecognised signature").
    var hasAnonymousHandler: Bool { self == .machines }

    var isCollection: Bool {
        switch self {
        case .machines, .dnsResources, .domains, .zones, .resourcePools, .bootResources, .users, .tags: true
        default: false
        }
    }

    /// Counter key prefix, e.g. `machines` or `machine`.
    var counterName: String {
        switch self {
        case .version: "version"
        case .describe: "describe"
        case .machines: "machines"
        case .machine: "machine"
        case .dnsResources: "dnsresources"
        case .dnsResource: "dnsresource"
        case .domains: "domains"
        case .domain: "domain"
        case .zones: "zones"
        case .zone: "zone"
        case .resourcePools: "resourcepools"
        case .resourcePool: "resourcepool"
        case .bootResources: "boot-resources"
        case .bootResource: "boot-resource"
        case .users: "users"
        case .whoami: "whoami"
        case .tags: "tags"
        }
    }
}
