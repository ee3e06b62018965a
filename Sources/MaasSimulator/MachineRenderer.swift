import Foundation
import KubeCore

/// Renders a machine as MAAS's `DISPLAYED_MACHINE_FIELDS` JSON (3.4.10 field set).
struct MachineRenderer {
    static let api = "/MAAS/api/2.0/"
    var domain: SimDomain
    var zone: SimNamed
    var pool: SimNamed
    var subnet: SimJSON

    func render(_ m: SimMachine, constraintsByType: SimJSON? = nil) -> SimJSON {
        let l = m.lifecycle
        let sid = m.systemID
        let interface = interfaceJSON(m)
        let disks = blockDevices(m)
        var f: [String: SimJSON] = [
            "system_id": .string(sid), "hostname": .string(m.hostname), "fqdn": .string("\(m.hostname).\(domain.name)"),
            "domain": DomainRenderer.render(domain, recordCount: 0),
            "status": .int(l.status.rawValue), "status_name": .string(l.status.displayName),
            "status_message": .optional(l.statusMessage), "status_action": .string(""),
            "power_state": .string(l.powerState), "power_type": .string(l.powerType),
            "zone": NamedRenderer.zone(zone), "pool": NamedRenderer.pool(pool),
            "ip_addresses": .strings(m.ipAddresses), "interface_set": .array([interface]), "boot_interface": interface,
            "cpu_count": .int(m.spec.cpuCount), "memory": .int(m.spec.memory), "storage": .double(m.storageMB),
            "architecture": .string(m.spec.architecture), "tag_names": .strings(m.spec.tags.sorted()),
            "osystem": .string(l.osystem), "distro_series": .string(l.distroSeries), "hwe_kernel": .optional(l.hweKernel),
            "min_hwe_kernel": .string(""), "owner": .optional(l.owner),
            "owner_data": .stringMap(l.workloadAnnotations), "workload_annotations": .stringMap(l.workloadAnnotations),
            "locked": .bool(false), "netboot": .bool(l.status != .deployed), "ephemeral_deploy": .bool(l.ephemeralDeploy),
            "enable_hw_sync": .bool(false), "resource_uri": .string("\(Self.api)machines/\(sid)/"),
            "node_type": .int(0), "node_type_name": .string("Machine"), "description": .string(m.description),
            "hardware_uuid": .null, "cpu_speed": .int(0), "swap_size": m.swapSize.map(SimJSON.int) ?? .null,
            "address_ttl": .null, "bios_boot_method": .string("uefi"), "disable_ipv4": .bool(false),
            "boot_disk": disks.first ?? .null, "blockdevice_set": .array(disks), "physicalblockdevice_set": .array(disks),
            "virtualblockdevice_set": .array([]), "volume_groups": .array([]), "raids": .array([]),
            "cache_sets": .array([]), "bcaches": .array([]), "special_filesystems": .array([]),
            "numanode_set": .array([.object([
                "index": .int(0), "memory": .int(m.spec.memory), "cores": .array((0..<m.spec.cpuCount).map { .int($0) }),
                "hugepages_set": .array([]),
            ])]),
            "default_gateways": .object([
                "ipv4": .object(["gateway_ip": subnet[field: "gateway_ip"], "link_id": .null]),
                "ipv6": .object(["gateway_ip": .null, "link_id": .null]),
            ]),
            "parent": .null, "pod": .null, "virtualmachine_id": .null, "hardware_info": Self.hardwareInfo,
            "current_commissioning_result_id": .int(m.id * 2), "current_testing_result_id": .int(m.id * 2 + 1),
            "current_installation_result_id": .null, "last_sync": .null, "sync_interval": .null, "next_sync": .null,
            "commissioning_status": .int(0), "commissioning_status_name": .string("Pending"),
            "testing_status": .int(0), "testing_status_name": .string("Pending"),
            "storage_test_status": .int(0), "storage_test_status_name": .string("Pending"),
        ]
        for name in ["cpu", "memory", "network", "other", "interface"] {
            f["\(name)_test_status"] = .int(-1)
            f["\(name)_test_status_name"] = .string("Unknown")
        }
        if let constraintsByType { f["constraints_by_type"] = constraintsByType }
        return .object(f)
    }

    static let hardwareInfo: SimJSON = .object(Dictionary(uniqueKeysWithValues: [
        "system_vendor", "system_product", "system_family", "system_version", "system_sku", "system_serial", "cpu_model",
        "mainboard_vendor", "mainboard_product", "mainboard_serial", "mainboard_version", "mainboard_firmware_vendor",
        "mainboard_firmware_date", "mainboard_firmware_version", "chassis_vendor", "chassis_type", "chassis_serial",
        "chassis_version",
    ].map { ($0, SimJSON.string("Unknown")) }))

    private func interfaceJSON(_ m: SimMachine) -> SimJSON {
        let sid = m.systemID
        let ifaceID = 100 + m.id
        var link: [String: SimJSON] = ["id": .int(1000 + m.id), "mode": .string("auto"), "subnet": subnet]
        if let ip = m.ipAddresses.first { link["ip_address"] = .string(ip) }
        return .object([
            "id": .int(ifaceID), "name": .string("eth0"), "type": .string("physical"),
            "mac_address": .string(String(format: "52:54:00:aa:%02x:%02x", (m.id >> 8) & 0xff, m.id & 0xff)),
            "enabled": .bool(true), "vlan": subnet[field: "vlan"], "links": .array([.object(link)]), "params": .object([:]),
            "parents": .array([]), "children": .array([]), "tags": .array([]), "effective_mtu": .int(1500),
            "link_connected": .bool(true), "link_speed": .int(0), "interface_speed": .int(0), "numa_node": .int(0),
            "vendor": .null, "product": .null, "firmware_version": .null, "sriov_max_vf": .int(0), "discovered": .null,
            "system_id": .string(sid), "resource_uri": .string("\(Self.api)nodes/\(sid)/interfaces/\(ifaceID)/"),
        ])
    }

    private func blockDevices(_ m: SimMachine) -> [SimJSON] {
        let sid = m.systemID
        let letters = Array("abcdefghijklmnop")
        return m.spec.disks.enumerated().map { index, sizeGB in
            let id = m.id * 16 + index
            let name = "sd\(letters[index % letters.count])"
            let size = sizeGB * 1_000_000_000
            return .object([
                "id": .int(id), "name": .string(name), "type": .string("physical"), "size": .int(size),
                "block_size": .int(512), "tags": .strings(["ssd"]), "path": .string("/dev/disk/by-dname/\(name)"),
                "id_path": .string("/dev/\(name)"), "model": .string(""), "serial": .string(""), "uuid": .null,
                "used_size": .int(0), "available_size": .int(size), "used_for": .string("Unused"),
                "partition_table_type": .null, "partitions": .array([]), "filesystem": .null, "storage_pool": .null,
                "numa_node": .int(0), "firmware_version": .null, "system_id": .string(sid),
                "resource_uri": .string("\(Self.api)nodes/\(sid)/blockdevices/\(id)/"),
            ])
        }
    }
}

extension SimJSON {
    /// Field of an object, `.null` otherwise.
    subscript(field name: String) -> SimJSON {
        if case .object(let o) = self { return o[name] ?? .null }
        return .null
    }
}
