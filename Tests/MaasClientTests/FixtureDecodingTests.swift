import Foundation
import Testing
@testable import MaasClient

@Suite struct FixtureDecodingTests {
    @Test func decodesReadyMachineRead() throws {
        let node = try JSONDecoder().decode(MaasNode.self, from: Fixtures.body("machine-read-ready-200"))
        #expect(node.systemID == "twgrer")
        #expect(node.hostname == "node-00001")
        #expect(node.fqdn == "node-00001.maas")
        #expect(node.status == .ready)
        #expect(node.statusName == "Ready")
        #expect(node.statusMessage == "Released")
        #expect(node.powerState == .unknown)
        #expect(node.powerType == "manual")
        #expect(node.zone == MaasZone(id: 1, name: "default"))
        #expect(node.pool == MaasResourcePool(id: 0, name: "default", description: "Default pool"))
        #expect(node.domain?.name == "maas")
        #expect(node.domain?.isDefault == true)
        #expect(node.domain?.ttl == nil)
        #expect(node.ipAddresses.isEmpty)
        #expect(node.cpuCount == 4)
        #expect(node.memory == 8192)
        #expect(node.storage == 6_250_000)
        #expect(node.tagNames.count == 10 && node.tagNames.contains("tag-054"))
        #expect(node.owner == nil)
        #expect(node.hweKernel == nil)
        #expect(node.osystem.isEmpty && node.distroSeries.isEmpty)
        #expect(node.workloadAnnotations.isEmpty)
        #expect(node.ephemeralDeploy == false)
        #expect(node.architecture == "amd64/generic")
        #expect(node.bootInterface?.macAddress == "52:54:00:aa:00:01")
        #expect(node.bootInterface?.type == "physical")
    }

    @Test func decodesAllocateResponse() throws {
        let node = try JSONDecoder().decode(MaasNode.self, from: Fixtures.body("machines-allocate-200"))
        #expect(node.systemID == "ae6q3r")
        #expect(node.status == .allocated)
        #expect(node.status.isOperational && !node.status.isRunning)
        #expect(node.owner == "admin")
        #expect(node.memory == 2048)
        #expect(node.bootInterface == nil)
    }

    @Test func allocate409FixtureIsNoMatchingMachine() throws {
        let (status, contentType, body) = try Fixtures.load("machines-allocate-409-no-match")
        let error = MaasErrorClassifier.classify(status: status, retryAfter: nil, contentType: contentType,
                                                 body: Array(body.utf8), isAllocate: true)
        guard case .noMatchingMachine(let message) = error else {
            Issue.record("expected noMatchingMachine, got \(error)")
            return
        }
        #expect(message.hasPrefix("No available machine matches constraints"))
        #expect(message.contains("tag-054"))
    }

    @Test func decodesDNSResourceCreate() throws {
        let dns = try JSONDecoder().decode(MaasDNSResource.self, from: Fixtures.body("dnsresources-create-200"))
        #expect(dns.id == 2)
        #expect(dns.fqdn == "capture.maas")
        #expect(dns.addressTTL == 120)
        #expect(dns.ips == ["192.0.2.30"])
        #expect(dns.ipAddresses.first?.allocTypeName == "User reserved")
    }

    @Test func decodesVersion() throws {
        let json = #"{"capabilities":["networks-management","static-ipaddresses","ipv6-deployment-ubuntu","devices-management","storage-deployment-ubuntu","network-deployment-ubuntu","bridging-interface-ubuntu","bridging-automatic-ubuntu","authenticate-api"],"version":"3.4.10","subversion":""}"#
        let version = try JSONDecoder().decode(MaasVersion.self, from: Data(json.utf8))
        #expect(version.version == "3.4.10")
        #expect(version.capabilities.contains("authenticate-api"))
        #expect(version.capabilities.count == 9)
    }

    @Test func toleratesNullsUnknownFieldsAndFutureStatus() throws {
        let json = #"""
        {"system_id":"abc123","status":99,"power_state":"weird","zone":null,"pool":{"id":"3","name":"p"},
         "memory":"4096","cpu_count":null,"ip_addresses":["10.0.0.1",null],"owner_data":{"a":"b","n":1},
         "brand_new_field":{"x":[1,2]},"tag_names":null,"storage":"12.5"}
        """#
        let node = try JSONDecoder().decode(MaasNode.self, from: Data(json.utf8))
        #expect(node.status == .unknown(99))
        #expect(node.statusName == "Unknown (99)")
        #expect(node.powerState == .other("weird"))
        #expect(node.zone == nil)
        #expect(node.pool == MaasResourcePool(id: 3, name: "p"))
        #expect(node.memory == 4096)
        #expect(node.cpuCount == 0)
        #expect(node.ipAddresses == ["10.0.0.1"])
        #expect(node.workloadAnnotations == ["a": "b", "n": "1"])
        #expect(node.tagNames.isEmpty)
        #expect(node.storage == 12.5)
    }

    @Test func machineWithoutSystemIDIsRejected() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MaasNode.self, from: Data(#"{"hostname":"x"}"#.utf8))
        }
    }

    @Test func statusTableMatchesMaas() {
        #expect(MaasNodeStatus.allKnown.count == 23)
        for (code, status) in MaasNodeStatus.allKnown.enumerated() {
            #expect(status.code == code)
            #expect(MaasNodeStatus(code: code) == status)
            #expect(MaasNodeStatus(name: status.filterName ?? "") == status)
            #expect(MaasNodeStatus(name: status.displayName) == status)
        }
        #expect(MaasNodeStatus.failedReleasing.displayName == "Releasing failed")
        #expect(MaasNodeStatus.failedDeployment.filterName == "failed_deployment")
        #expect(MaasNodeStatus(code: 23) == .unknown(23))
        #expect(MaasNodeStatus.running == [.deploying, .deployed])
        #expect(MaasNodeStatus.operational == [.deploying, .deployed, .allocated])
        #expect(MaasNodeStatus.known == [.deploying, .deployed, .allocated, .diskErasing, .releasing, .ready, .new])
    }
}
