import Foundation
import MaasClient
import Testing

/// End-to-end flow over real HTTP. Runs unchanged against the simulator or a real MAAS (see `IntegrationTarget`).
/// It only touches machines it allocated under its own unique `agent_name`, and always releases them.
@Suite(.serialized) struct IntegrationTests {
    static func uniqueAgentName() -> String { "capmaas-it-\(UInt64.random(in: 0..<UInt64.max) % 1_000_000_000)" }

    @Test func inventoryEndpoints() async throws {
        try await IntegrationTarget.withTarget { target in
            try await MaasHTTPClient.withClient(try target.configuration()) { client in
                let version = try await client.version()
                #expect(!version.version.isEmpty)
                let zones = try await client.zones()
                #expect(zones.contains { $0.name == "default" })
                let pools = try await client.resourcePools()
                #expect(pools.contains { $0.name == "default" })
                let domains = try await client.domains()
                #expect(domains.contains { $0.isDefault })
                let images = try await client.bootResources()
                #expect(!images.isEmpty)
            }
        }
    }

    @Test func machineLifecycle() async throws {
        try await IntegrationTarget.withTarget { target in
            try await MaasHTTPClient.withClient(try target.configuration()) { client in
                let agent = Self.uniqueAgentName()
                let images = try await client.bootResources()
                let series = images.compactMap { $0.name.hasPrefix("ubuntu/") ? String($0.name.dropFirst(7)) : nil }.first
                let allocated = try await client.allocate(AllocateRequest(
                    cpuCount: 1, memory: 1024, agentName: agent, comment: "capmaas client integration test"))
                do {
                    try await Self.exercise(client, target, allocated, agent: agent, series: series)
                } catch {
                    _ = try? await client.release(systemID: allocated.systemID, ReleaseRequest(comment: "test cleanup"))
                    throw error
                }
            }
        }
    }

    static func exercise(_ client: MaasHTTPClient, _ target: IntegrationTarget, _ allocated: MaasNode, agent: String,
                         series: String?) async throws {
        let id = allocated.systemID
        #expect(allocated.status == .allocated)
        #expect(allocated.owner != nil)

        let mine = try await client.machines(agentName: agent)
        #expect(mine.map(\.systemID) == [id])

        let annotated = try await client.setWorkloadAnnotations(systemID: id, ["cluster": "it", "machine": agent])
        #expect(annotated.workloadAnnotations["machine"] == agent)

        let deploying = try await client.deploy(systemID: id, DeployRequest(
            distroSeries: series, userDataText: "#cloud-config\nruncmd: [echo capmaas]\n", comment: "integration test"))
        #expect([.deploying, .deployed].contains(deploying.status))

        let deployed = try await waitFor(client, target, id) { $0.status != .deploying }
        #expect(deployed.status == .deployed)

        if deployed.status == .deployed {
            let off = try await client.powerOff(systemID: id, stopMode: nil, comment: "integration test")
            #expect(off == nil || off?.systemID == id)
            let on = try await client.powerOn(systemID: id, comment: "integration test")
            #expect(on.systemID == id)
        }

        let releasing = try await client.release(systemID: id, ReleaseRequest(comment: "integration test"))
        #expect([.releasing, .diskErasing, .ready, .new].contains(releasing.status))
        let released = try await waitFor(client, target, id) { [.ready, .new].contains($0.status) }
        #expect(released.owner == nil)
        #expect(released.workloadAnnotations.isEmpty)
        let leftovers = try await client.machines(agentName: agent)
                #expect(leftovers.isEmpty)
        // Release is idempotent on a Ready machine.
        _ = try await client.release(systemID: id, ReleaseRequest())
    }

    static func waitFor(_ client: MaasHTTPClient, _ target: IntegrationTarget, _ id: String,
                        until done: (MaasNode) -> Bool) async throws -> MaasNode {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: target.transitionTimeout)
        while true {
            let node = try await client.machine(systemID: id)
            if done(node) || clock.now >= deadline { return node }
            try await clock.sleep(for: target.pollInterval)
        }
    }

    @Test func allocateErrors() async throws {
        try await IntegrationTarget.withTarget { target in
            try await MaasHTTPClient.withClient(try target.configuration()) { client in
                let agent = Self.uniqueAgentName()
                do {
                    let node = try await client.allocate(AllocateRequest(cpuCount: 100_000, agentName: agent))
                    _ = try? await client.release(systemID: node.systemID, ReleaseRequest())
                    Issue.record("allocated an impossible machine")
                } catch let error as MaasError {
                    guard case .noMatchingMachine = error else { Issue.record("got \(error)"); return }
                }
                do {
                    let node = try await client.allocate(AllocateRequest(tags: ["capmaas-no-such-tag-\(agent)"], agentName: agent))
                    _ = try? await client.release(systemID: node.systemID, ReleaseRequest())
                    Issue.record("allocated with an unknown tag")
                } catch let error as MaasError {
                    guard case .badRequest(let fields, _) = error else { Issue.record("got \(error)"); return }
                    #expect(fields["tags"]?.isEmpty == false)
                }
                let leftovers = try await client.machines(agentName: agent)
                #expect(leftovers.isEmpty)
            }
        }
    }

    @Test func dnsResourceLifecycle() async throws {
        try await IntegrationTarget.withTarget { target in
            try await MaasHTTPClient.withClient(try target.configuration()) { client in
                let domains = try await client.domains()
                let domain = try #require(domains.first { $0.isDefault })
                let fqdn = "\(Self.uniqueAgentName()).\(domain.name)"
                let before = try await client.dnsResources(fqdn: fqdn)
                #expect(before.isEmpty)
                let created = try await client.createDNSResource(fqdn: fqdn, ipAddresses: ["192.0.2.201"], addressTTL: 60)
                do {
                    #expect(created.fqdn == fqdn)
                    #expect(created.ips == ["192.0.2.201"])
                    let updated = try await client.updateDNSResource(
                        id: created.id, ipAddresses: ["192.0.2.201", "192.0.2.202"], addressTTL: nil)
                    #expect(Set(updated.ips) == ["192.0.2.201", "192.0.2.202"])
                    let listed = try await client.dnsResources(fqdn: fqdn)
                    #expect(listed.map(\.id) == [created.id])
                } catch {
                    try? await client.deleteDNSResource(id: created.id)
                    throw error
                }
                try await client.deleteDNSResource(id: created.id)
                let after = try await client.dnsResources(fqdn: fqdn)
                #expect(after.isEmpty)
                await #expect(throws: MaasError.self) { try await client.deleteDNSResource(id: created.id) }
            }
        }
    }

    @Test func rejectedCredentialsAreClassified() async throws {
        try await IntegrationTarget.withTarget { target in
            let good = try MaasCredentials(apiKey: target.adminKey)
            let wrongSecret = "\(good.consumerKey):\(good.tokenKey):wrong\(good.tokenSecret.prefix(8))"
            let unknownConsumer = "capmaasNoSuchKey00:\(good.tokenKey):\(good.tokenSecret)"
            for key in [wrongSecret, unknownConsumer] {
                var config = try target.configuration(apiKey: key)
                config.retryPolicy = .none
                try await MaasHTTPClient.withClient(config) { client in
                    do {
                        _ = try await client.zones()
                        Issue.record("accepted a bad key")
                    } catch let error as MaasError {
                        guard case .unauthorized(.invalidKey, _) = error else { Issue.record("got \(error)"); return }
                        #expect(!error.description.contains(good.tokenSecret))
                    }
                }
            }
            var stale = try target.configuration()
            stale.time = UnixTimeSource { Int64(Date().timeIntervalSince1970) - 3600 }
            try await MaasHTTPClient.withClient(stale) { client in
                do {
                    _ = try await client.zones()
                    Issue.record("accepted an hour-old timestamp")
                } catch let error as MaasError {
                    guard case .unauthorized(.expiredTimestamp, _) = error else { Issue.record("got \(error)"); return }
                }
            }
        }
    }
}
