import Foundation
import MaasSimulator
import Testing

@Suite struct DNSAndInventoryTests {
    @Test func dnsResourceLifecycle() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let a = sim.admin
            let forbidden = try await sim.user.post("dnsresources/", [("fqdn", "api.maas"), ("ip_addresses", "192.0.2.30")])
            #expect(forbidden.status == 403)
            #expect(forbidden.body == "This method is reserved for admin users.")
            #expect(try await a.get("dnsresources/", [("fqdn", "api.maas")]).body == "[]")
            let unknownDomain = try await a.get("dnsresources/", [("fqdn", "api.nosuch.org")])
            #expect(unknownDomain.status == 404)
            #expect(unknownDomain.body == "No Domain matches the given query.")
            let created = try await a.post("dnsresources/", [
                ("fqdn", "api.maas"), ("ip_addresses", "192.0.2.30 192.0.2.31"), ("address_ttl", "120"),
            ])
            #expect(created.status == 200)
            #expect(created.object["fqdn"] as? String == "api.maas")
            #expect(created.object["address_ttl"] as? Int == 120)
            let ips = created.object["ip_addresses"] as? [[String: Any]] ?? []
            #expect(ips.compactMap { $0["ip"] as? String } == ["192.0.2.30", "192.0.2.31"])
            #expect(ips.first?["alloc_type_name"] as? String == "User reserved")
            #expect(ips.first?["alloc_type"] as? Int == 4)
            #expect(Set(created.object.keys) == ["id", "fqdn", "address_ttl", "ip_addresses", "resource_records", "resource_uri"])
            let id = created.object["id"] as? Int ?? -1
            let duplicate = try await a.post("dnsresources/", [("fqdn", "api.maas"), ("ip_addresses", "192.0.2.32")])
            #expect(duplicate.status == 400)
            #expect(duplicate.body == #"{"__all__": ["Labels must be unique within their zone."]}"#)
            let notIP = try await a.post("dnsresources/", [("fqdn", "x.maas"), ("ip_addresses", "notanip")])
            #expect(notIP.status == 500)
            #expect(notIP.body == "failed to detect a valid IP address from 'notanip'")
            let userUpdate = try await sim.user.put("dnsresources/\(id)/", [("ip_addresses", "192.0.2.40")])
            #expect(userUpdate.status == 403)
            let updated = try await a.put("dnsresources/\(id)/", [("ip_addresses", "192.0.2.40")])
            #expect((updated.object["ip_addresses"] as? [[String: Any]])?.compactMap { $0["ip"] as? String } == ["192.0.2.40"])
            #expect(try await a.get("dnsresources/", [("fqdn", "api.maas")]).array.count == 1)
            #expect(try await sim.introspection().dnsResources.map(\.fqdn) == ["api.maas"])
            #expect(try await sim.user.delete("dnsresources/\(id)/").status == 403)
            #expect(try await a.delete("dnsresources/\(id)/").status == 204)
            let again = try await a.delete("dnsresources/\(id)/")
            #expect(again.status == 404)
            #expect(again.body == "No DNSResource matches the given query.")
            let other = try await a.post("dnsresources/", [("name", "www"), ("domain", "example.com"), ("ip_addresses", "10.0.0.1")])
            #expect(other.object["fqdn"] as? String == "www.example.com")
        }
    }

    @Test func domainsZonesPoolsBootResources() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let a = sim.admin
            let domains = try await a.get("domains/").array
            #expect(domains.first?["name"] as? String == "maas")
            #expect(domains.first?["id"] as? Int == 0)
            #expect(domains.first?["is_default"] as? Bool == true)
            #expect(domains.map { $0["name"] as? String } == ["maas", "example.com"])
            #expect(try await a.get("zones/zone-a/").object["resource_uri"] as? String == "/MAAS/api/2.0/zones/zone-a/")
            #expect(try await a.get("zones/nozone/").body == "No Zone matches the given query.")
            let pools = try await a.get("resourcepools/").array
            #expect(pools.map { $0["name"] as? String } == ["default", "gpu-pool"])
            #expect(try await a.get("resourcepool/1/").object["name"] as? String == "gpu-pool")
            let images = try await a.get("boot-resources/").array.compactMap { $0["name"] as? String }
            #expect(images.contains("ubuntu/jammy"))
            #expect(images.contains("custom/u-2204-0-k-1329-0"))
        }
    }

    @Test func machineJSONHasTheFixtureFields() async throws {
        // Recorded from a real MAAS 3.4.10 (kept with the client's fixtures in this repository).
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MaasClientTests/Fixtures/machine-read-ready-200.txt").path
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let read = try await sim.admin.get("machines/aaaaa1/")
            let text = try String(contentsOfFile: fixture, encoding: .utf8)
            let newline = try #require(text.firstIndex(of: "\n"))
            let expected = try #require(
                try JSONSerialization.jsonObject(with: Data(text[text.index(after: newline)...].utf8)) as? [String: Any])
            #expect(Set(read.object.keys) == Set(expected.keys))
            let iface = (read.object["interface_set"] as? [[String: Any]])?.first ?? [:]
            let expectedIface = (expected["interface_set"] as? [[String: Any]])?.first ?? [:]
            #expect(Set(iface.keys) == Set(expectedIface.keys))
            #expect(read.object["resource_uri"] as? String == "/MAAS/api/2.0/machines/aaaaa1/")
            #expect((read.object["pool"] as? [String: Any])?["resource_uri"] as? String == "/MAAS/api/2.0/resourcepool/0/")
            #expect(read.object["node_type_name"] as? String == "Machine")
        }
    }

    @Test func inventoryYAMLAndGenerated() throws {
        let inventory = try SimulatorInventory.load(yaml: TestInventory.yaml)
        #expect(inventory.machines.count == 5)
        #expect(inventory.machines[2].disks == [250, 1000])
        #expect(inventory.machines[4].status == .new)
        #expect(throws: (any Error).self) { try SimulatorInventory.load(yaml: "machines: [{hostname: x, status: nonsense}]") }
        let generated = SimulatorInventory.generated(machines: 20)
        #expect(generated.machines.count == 20)
        #expect(Set(generated.machines.map(\.zone)).count == 4)
        #expect(Set(generated.machines.map(\.cpuCount)).count == 5)
    }
}
