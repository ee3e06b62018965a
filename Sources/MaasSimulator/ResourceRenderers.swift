import KubeCore

/// JSON for zones and pools.
enum NamedRenderer {
    static func zone(_ z: SimNamed) -> SimJSON {
        .object(["id": .int(z.id), "name": .string(z.name), "description": .string(z.description),
                 "resource_uri": .string("/MAAS/api/2.0/zones/\(z.name)/")])
    }
    static func pool(_ p: SimNamed) -> SimJSON {
        .object(["id": .int(p.id), "name": .string(p.name), "description": .string(p.description),
                 "resource_uri": .string("/MAAS/api/2.0/resourcepool/\(p.id)/")])
    }
}

/// JSON for domains.
enum DomainRenderer {
    static func render(_ d: SimDomain, recordCount: Int) -> SimJSON {
        .object([
            "id": .int(d.id), "name": .string(d.name), "ttl": d.ttl.map(SimJSON.int) ?? .null,
            "authoritative": .bool(d.authoritative), "is_default": .bool(d.isDefault),
            "resource_record_count": .int(recordCount), "resource_uri": .string("/MAAS/api/2.0/domains/\(d.id)/"),
        ])
    }
}

/// The simulated subnet every machine and DNS address lives on (shape of the fixtures).
enum SubnetRenderer {
    static let vlan: SimJSON = .object([
        "vid": .int(0), "mtu": .int(1500), "dhcp_on": .bool(false), "external_dhcp": .null, "relay_vlan": .null,
        "name": .string("untagged"), "fabric_id": .int(0), "secondary_rack": .null, "space": .string("undefined"),
        "id": .int(10), "fabric": .string("fabric-0"), "primary_rack": .null, "resource_uri": .string("/MAAS/api/2.0/vlans/10/"),
    ])
    static let subnet: SimJSON = .object([
        "name": .string("test-net"), "description": .string(""), "vlan": vlan, "cidr": .string("192.0.2.0/24"),
        "rdns_mode": .int(2), "gateway_ip": .string("192.0.2.1"), "dns_servers": .array([]), "allow_dns": .bool(true),
        "allow_proxy": .bool(true), "active_discovery": .bool(false), "managed": .bool(true),
        "disabled_boot_architectures": .array([]), "space": .string("undefined"), "id": .int(5),
        "resource_uri": .string("/MAAS/api/2.0/subnets/5/"),
    ])
}
