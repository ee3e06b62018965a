import Foundation
import MaasSimulator
import Testing

@Suite struct MachineOpsTests {
    @Test func deployLifecycleOverHTTP() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let a = sim.admin
            #expect(try await a.post("machines/", [("op", "allocate"), ("system_id", "bbbbb2"), ("agent_name", "c1")]).status == 200)
            let annotate = try await a.post("machines/bbbbb2/", [("op", "set_workload_annotations"), ("cluster", "c1"), ("m", "x")])
            #expect(annotate.status == 200)
            #expect(annotate.object["workload_annotations"] as? [String: String] == ["cluster": "c1", "m": "x"])
            #expect(annotate.object["owner_data"] as? [String: String] == ["cluster": "c1", "m": "x"])
            let deploy = try await a.post("machines/bbbbb2/", [
                ("op", "deploy"), ("distro_series", "jammy"), ("hwe_kernel", "ga-22.04"), ("user_data", "I2Nsb3VkLWNvbmZpZw=="),
            ])
            #expect(deploy.status == 200)
            #expect(deploy.object["status"] as? Int == 9)
            #expect(deploy.object["status_message"] as? String == "Deploying")
            #expect(deploy.object["osystem"] as? String == "ubuntu")
            #expect(deploy.object["hwe_kernel"] as? String == "ga-22.04")
            #expect((deploy.object["ip_addresses"] as? [String])?.count == 1)
            let again = try await a.post("machines/bbbbb2/", [("op", "deploy")])
            // Instant timings: the deployment completed before this request was handled.
            #expect(again.status == 409)
            #expect(again.body == "Can't deploy a machine that is in the 'Deployed' state")
            let read = try await a.get("machines/bbbbb2/")
            #expect(read.object["status_name"] as? String == "Deployed")
            #expect(read.object["power_state"] as? String == "on")
            let release = try await a.post("machines/bbbbb2/", [("op", "release"), ("erase", "true")])
            #expect(release.object["status"] as? Int == 14)
            let after = try await a.get("machines/bbbbb2/")
            #expect(after.object["status"] as? Int == 4)
            #expect(after.object["owner"] is NSNull)
            #expect((after.object["ip_addresses"] as? [String])?.isEmpty == true)
            #expect(after.object["distro_series"] as? String == "")
            let intro = try await sim.introspection()
            #expect(intro.machine("bbbbb2")?.agentName == "")
            #expect(intro.machine("bbbbb2")?.workloadAnnotations.isEmpty == true)
            #expect(try await a.post("machines/bbbbb2/", [("op", "release")]).status == 200)
            let newRelease = try await a.post("machines/eeeee5/", [("op", "release")])
            #expect(newRelease.status == 409)
            #expect(newRelease.body == "Machine cannot be released in its current state ('New').")
        }
    }

    @Test func deployValidation() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let a = sim.admin
            _ = try await a.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1")])
            let badSeries = try await a.post("machines/aaaaa1/", [("op", "deploy"), ("distro_series", "trusty")])
            #expect(badSeries.status == 400)
            #expect(badSeries.contentType == "application/json; charset=utf-8")
            #expect((badSeries.object["distro_series"] as? [String])?.first?.hasPrefix("'ubuntu/trusty' is not a valid distro_series.") == true)
            let badKernel = try await a.post("machines/aaaaa1/", [("op", "deploy"), ("distro_series", "jammy"), ("hwe_kernel", "ga-99.04")])
            #expect(badKernel.status == 400)
            #expect(badKernel.object["hwe_kernel"] != nil)
            let custom = try await a.post("machines/aaaaa1/", [("op", "deploy"), ("distro_series", "custom/u-2204-0-k-1329-0")])
            #expect(custom.status == 200)
            #expect(custom.object["osystem"] as? String == "custom")
            let kvm = try await sim.user.post("machines/bbbbb2/", [("op", "deploy"), ("install_kvm", "true")])
            #expect(kvm.status == 403)
            #expect(kvm.body == "Only administratros can deploy VM hosts")
        }
    }

    @Test func failedAndStuckDeployments() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let a = sim.admin
            #expect(await sim.control(machine: "aaaaa1", "fail-deployment"))
            #expect(await sim.control(machine: "bbbbb2", "stick-deployment"))
            for id in ["aaaaa1", "bbbbb2"] {
                _ = try await a.post("machines/", [("op", "allocate"), ("system_id", id)])
                #expect(try await a.post("machines/\(id)/", [("op", "deploy")]).status == 200)
            }
            #expect(try await a.get("machines/aaaaa1/").object["status_name"] as? String == "Failed deployment")
            #expect(try await a.get("machines/bbbbb2/").object["status_name"] as? String == "Deploying")
            let abort = try await a.post("machines/bbbbb2/", [("op", "abort")])
            #expect(abort.object["status"] as? Int == 10)
            #expect(abort.object["status_message"] as? String == "Aborted deployment")
            let abortAgain = try await a.post("machines/bbbbb2/", [("op", "abort")])
            #expect(abortAgain.status == 409)
            #expect(abortAgain.body == "Cannot abort in current state: node bbbbb2 is in state Allocated.")
            let redeploy = try await a.post("machines/aaaaa1/", [("op", "deploy")])
            #expect(redeploy.status == 200)
        }
    }

    @Test func markBrokenAndFixed() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            _ = try await sim.user.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1")])
            let broken = try await sim.user.post("machines/aaaaa1/", [("op", "mark_broken"), ("comment", "bad disk")])
            #expect(broken.object["status_name"] as? String == "Broken")
            #expect(broken.object["owner"] is NSNull)
            let userFix = try await sim.user.post("machines/aaaaa1/", [("op", "mark_fixed")])
            #expect(userFix.status == 403)
            #expect(userFix.body == "This method is reserved for admin users.")
            let fixed = try await sim.admin.post("machines/aaaaa1/", [("op", "mark_fixed")])
            #expect(fixed.object["status_name"] as? String == "Ready")
        }
    }

    @Test func powerAndUpdate() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            let a = sim.admin
            _ = try await a.post("machines/", [("op", "allocate"), ("system_id", "ddddd4")])
            let manualOff = try await a.post("machines/ddddd4/", [("op", "power_off")])
            #expect(manualOff.status == 200 && manualOff.body == "null")
            let notOwned = try await a.post("machines/aaaaa1/", [("op", "power_on")])
            #expect(notOwned.status == 409 && notOwned.body == "Can't start node: it hasn't been allocated.")
            _ = try await a.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1")])
            #expect(try await a.post("machines/aaaaa1/", [("op", "power_on")]).object["power_state"] as? String == "on")
            #expect(try await a.post("machines/aaaaa1/", [("op", "power_off")]).object["power_state"] as? String == "off")
            let update = try await a.put("machines/aaaaa1/", [("swap_size", "1073741824"), ("hostname", "renamed")])
            #expect(update.object["swap_size"] as? Int == 1_073_741_824)
            #expect(update.object["fqdn"] as? String == "renamed.maas")
            let annotations = try await sim.user.post("machines/ccccc3/", [("op", "set_workload_annotations"), ("a", "b")])
            #expect(annotations.status == 409)
            #expect(annotations.body == "Cannot set workload annotation: it hasn't been acquired.")
        }
    }

    @Test func listFiltersAndVisibility() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            _ = try await sim.admin.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1"), ("agent_name", "mine")])
            _ = try await sim.user.post("machines/", [("op", "allocate"), ("system_id", "bbbbb2"), ("agent_name", "theirs")])
            func ids(_ r: SimTestResponse) -> [String] { r.array.compactMap { $0["system_id"] as? String } }
            #expect(ids(try await sim.admin.get("machines/", [("agent_name", "mine")])) == ["aaaaa1"])
            #expect(ids(try await sim.admin.get("machines/", [("id", "ccccc3"), ("id", "aaaaa1")])) == ["aaaaa1", "ccccc3"])
            #expect(ids(try await sim.admin.get("machines/", [("status", "allocated")])) == ["aaaaa1", "bbbbb2"])
            #expect(ids(try await sim.admin.get("machines/", [("hostname", "large")])) == ["ccccc3"])
            #expect(ids(try await sim.admin.get("machines/", [("zone", "zone-a"), ("not_id", "aaaaa1")])) == ["bbbbb2"])
            #expect(ids(try await sim.admin.get("machines/", [("pool", "gpu-pool")])) == ["ccccc3"])
            #expect(ids(try await sim.admin.get("machines/", [("owner", "user")])) == ["bbbbb2"])
            #expect(ids(try await sim.user.get("machines/")) == ["bbbbb2", "ccccc3", "ddddd4", "eeeee5"])
            #expect(ids(try await sim.admin.get("machines/", [("op", "list_allocated")])) == ["aaaaa1"])
            #expect(try await sim.user.get("machines/aaaaa1/").status == 403)
            let bogus = try await sim.admin.get("machines/", [("status", "bogus")])
            #expect(bogus.status == 400)
            #expect(bogus.body == #"{"status": ["Select a valid choice. bogus is not one of the available choices."]}"#)
            let foo = try await sim.admin.get("machines/", [("foo", "1")])
            #expect(foo.status == 400 && foo.body == #"{"foo": ["No such constraint."]}"#)
        }
    }

    @Test func bulkRelease() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            for id in ["aaaaa1", "bbbbb2"] { _ = try await sim.admin.post("machines/", [("op", "allocate"), ("system_id", id)]) }
            let unknown = try await sim.admin.post("machines/", [("op", "release"), ("machines", "aaaaa1"), ("machines", "nosuch")])
            #expect(unknown.status == 400 && unknown.body == "Unknown machine(s): nosuch.")
            let r = try await sim.admin.post("machines/", [("op", "release"), ("machines", "aaaaa1"), ("machines", "bbbbb2")])
            #expect(r.status == 200)
            #expect(r.json as? [String] == ["aaaaa1", "bbbbb2"])
            #expect(try await sim.introspection().machines.allSatisfy { $0.owner == nil })
        }
    }

    @Test func userReleaseIsIdempotent() async throws {
        try await MaasSimulator.withRunning(try TestInventory.configuration()) { sim in
            _ = try await sim.user.post("machines/", [("op", "allocate"), ("system_id", "aaaaa1")])
            #expect(try await sim.user.post("machines/aaaaa1/", [("op", "release")]).status == 200)
            let again = try await sim.user.post("machines/aaaaa1/", [("op", "release")])
            #expect(again.status == 200)
            #expect(again.object["status"] as? Int == 4)
            #expect(try await sim.user.post("machines/bbbbb2/", [("op", "abort")]).status == 403)
        }
    }
}
