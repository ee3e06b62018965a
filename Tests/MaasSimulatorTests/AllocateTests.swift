import Foundation
import MaasSimulator
import Testing

@Suite struct AllocateTests {
    @Test func picksLowestCostMatch() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.post(
                "machines/", [("op", "allocate"), ("tags", "ssd"), ("agent_name", "agent-1"), ("comment", "hi")])
            #expect(r.status == 200)
            #expect(r.contentType == "application/json; charset=utf-8")
            #expect(r.object["system_id"] as? String == "bbbbb2")
            #expect(r.object["owner"] as? String == "admin")
            #expect(r.object["status_name"] as? String == "Allocated")
            #expect(r.object["agent_name"] == nil)
            #expect((r.object["constraints_by_type"] as? [String: Any])?.isEmpty == true)
            let intro = try await sim.introspection()
            #expect(intro.machine("bbbbb2")?.agentName == "agent-1")
            #expect(intro.calls("machines.allocate") == 1)
        }
    }

    @Test func constraintsCombine() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let big = try await sim.admin.post("machines/", [("op", "allocate"), ("cpu_count", "8"), ("mem", "16000")])
            #expect(big.object["system_id"] as? String == "ddddd4")
            let zoned = try await sim.admin.post("machines/", [("op", "allocate"), ("zone", "zone-b"), ("pool", "gpu-pool")])
            #expect(zoned.object["system_id"] as? String == "ccccc3")
            let notTags = try await sim.admin.post("machines/", [("op", "allocate"), ("not_tags", "ssd"), ("not_in_zone", "default")])
            #expect(notTags.object["system_id"] as? String == "aaaaa1")
        }
    }

    @Test func storageConstraint() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.post("machines/", [("op", "allocate"), ("storage", "root:100,data:500(ssd)")])
            #expect(r.status == 200)
            #expect(r.object["system_id"] as? String == "ccccc3")
            let byType = r.object["constraints_by_type"] as? [String: Any]
            #expect((byType?["storage"] as? [String: Any])?.keys.sorted() == ["data", "root"])
        }
    }

    @Test func noMatchTexts() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.post("machines/", [("op", "allocate"), ("cpu_count", "64"), ("tags", "gpu")])
            #expect(r.status == 409)
            #expect(r.contentType == "text/plain; charset=utf-8")
            #expect(r.header("Retry-After") == nil)
            #expect(r.body == "No available machine matches constraints: [('cpu_count', ['64']), ('tags', ['gpu'])] (resolved to \"cpu_count=64.0 tags=gpu\")")
            let byID = try await sim.admin.post("machines/", [("op", "allocate"), ("system_id", "eeeee5")])
            #expect(byID.status == 409)
            #expect(byID.body == "No machine with system ID eeeee5 available.")
            for _ in 0..<4 { #expect(try await sim.admin.post("machines/", [("op", "allocate")]).status == 200) }
            let none = try await sim.admin.post("machines/", [("op", "allocate")])
            #expect(none.status == 409)
            #expect(none.body == "No machine available.")
        }
    }

    @Test func validationErrors() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let cases: [([(String, String)], String)] = [
                ([("tags", "nope")], #"{"tags": ["No such tag(s): 'nope'."]}"#),
                ([("zone", "nozone")], #"{"zone": ["No such zone(s): nozone."]}"#),
                ([("pool", "nopool")], #"{"pool": ["No such pool(s): nopool."]}"#),
                ([("install_kvm", "true")], #"{"install_kvm": ["No such constraint."]}"#),
                ([("cpu_count", "many")], #"{"cpu_count": ["Invalid CPU count: number required."]}"#),
                ([("mem", "lots")], #"{"mem": ["Invalid memory: number of MiB required."]}"#),
                ([("arch", "sparc")], #"{"arch": ["Architecture not recognised."]}"#),
            ]
            for (params, expected) in cases {
                let r = try await sim.admin.post("machines/", [("op", "allocate")] + params)
                #expect(r.status == 400)
                #expect(r.contentType == "application/json; charset=utf-8")
                #expect(r.body == expected)
            }
            let ignored = try await sim.admin.post("machines/", [
                ("op", "allocate"), ("agent_name", "a"), ("comment", "c"), ("bridge_all", "true"), ("verbose", "true"),
                ("not_pod", "x"), ("not_pod_type", "lxd"),
            ])
            #expect(ignored.status == 200)
        }
    }

    @Test func dryRunDoesNotAllocate() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let r = try await sim.admin.post("machines/", [("op", "allocate"), ("dry_run", "true"), ("system_id", "aaaaa1")])
            #expect(r.status == 200)
            #expect(try await sim.introspection().machine("aaaaa1")?.owner == nil)
        }
    }

    @Test func concurrentAllocationsNeverShareAMachine() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let client = sim.admin
            let results = try await withThrowingTaskGroup(of: SimTestResponse.self) { group in
                for _ in 0..<10 { group.addTask { try await client.post("machines/", [("op", "allocate")]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ids = results.filter { $0.status == 200 }.compactMap { $0.object["system_id"] as? String }
            #expect(ids.count == 4)
            #expect(Set(ids).count == 4)
            #expect(results.filter { $0.status == 409 }.count == 6)
        }
    }
}
