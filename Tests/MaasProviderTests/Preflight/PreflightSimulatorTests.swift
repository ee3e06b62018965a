import MaasClient
import MaasSimulator
import Testing
@testable import MaasProvider

/// The whole preflight against the MAAS simulator over real HTTP on 127.0.0.1.
@Suite struct PreflightSimulatorTests {
    static let inventory = SimulatorInventory(
        machines: [
            MachineSpec(hostname: "big-1", cpuCount: 8, memory: 16384, tags: ["ssd"], zone: "zone-a", pool: "pool-x"),
            MachineSpec(hostname: "small-1", cpuCount: 2, memory: 4096, tags: [], zone: "default", pool: "default"),
        ],
        zones: [NamedSpec(name: "zone-a")], pools: [NamedSpec(name: "pool-x")], tags: ["gpu"],
        domains: ["example.com"])

    static func manifests(dnsDomain: String = "example.com", zone: String = "zone-a", pool: String = "pool-x",
                          tags: String = "[ssd]", image: String = "ubuntu/jammy", host: String? = nil) -> PreflightManifests {
        ManifestParser.parse(yaml: """
            apiVersion: cluster.x-k8s.io/v1beta2
            kind: Cluster
            metadata: {name: demo}
            spec: {\(host.map { "controlPlaneEndpoint: {host: \($0), port: 6443}" } ?? "")}
            ---
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: MaasCluster
            metadata: {name: demo}
            spec: {dnsDomain: \(dnsDomain), failureDomains: [\(zone)]}
            ---
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: MaasMachineTemplate
            metadata: {name: cp}
            spec:
              template:
                spec: {image: \(image), minCPU: 4, minMemory: 8192, tags: \(tags), failureDomain: \(zone), resourcePool: \(pool)}
            """, file: "cluster.yaml")
    }

    static func run(_ manifests: PreflightManifests, userKey: Bool = false, key: ((SimulatorHandle) -> String)? = nil)
        async throws -> [PreflightResult]
    {
        try await MaasSimulator.withRunning(SimulatorConfiguration(inventory: inventory, version: "3.6.5")) { sim in
            let apiKey = key?(sim) ?? (userKey ? sim.userKey : sim.adminKey)
            return await Preflight.run(PreflightOptions(
                endpoint: sim.baseURL, apiKey: apiKey, timeout: .seconds(5), manifests: manifests))
        }
    }

    static func result(_ results: [PreflightResult], _ check: PreflightCheck) throws -> PreflightResult {
        try #require(results.first { $0.check == check }, "no \(check) result in \(results)")
    }

    @Test func allPassApartFromPlainHTTP() async throws {
        let results = try await Self.run(Self.manifests())
        #expect(results.map(\.check) == [
            .endpoint, .apiKey, .manifest, .reachability, .version, .credentials, .adminRights, .dnsDomain,
            .failureDomains, .zone, .resourcePool, .tags, .image, .capacity,
        ])
        #expect(results.filter { $0.status != .pass }.map(\.check) == [.endpoint])
        #expect(try Self.result(results, .endpoint).detail.contains("credentials sent in clear"))
        #expect(try Self.result(results, .version).detail == "MAAS 3.6.5")
        #expect(try Self.result(results, .credentials).detail == "authenticated as admin")
        #expect(try Self.result(results, .capacity).detail
            == "1 Ready machine match cpu≥4 mem≥8192MiB tags=ssd zone=zone-a pool=pool-x")
        #expect(PreflightSummary(results).exitCode(strict: false) == 0)
        #expect(PreflightSummary(results).exitCode(strict: true) == 1)
    }

    @Test func unknownDomainListsDomains() async throws {
        let dns = try Self.result(try await Self.run(Self.manifests(dnsDomain: "nope.example")), .dnsDomain)
        #expect(dns.status == .fail)
        #expect(dns.subject == "MaasCluster default/demo")
        #expect(dns.detail == "domain \"nope.example\" not in MAAS (domains: maas, example.com)")
    }

    @Test func unknownZonePoolAndTag() async throws {
        let results = try await Self.run(Self.manifests(zone: "zone-z", pool: "deep", tags: "[ssd, fast]"))
        #expect(try Self.result(results, .failureDomains).detail == "unknown zone \"zone-z\" (zones: default, zone-a)")
        #expect(try Self.result(results, .zone).detail == "zone \"zone-z\" not in MAAS (zones: default, zone-a)")
        #expect(try Self.result(results, .resourcePool).detail == "resource pool \"deep\" not in MAAS (pools: default, pool-x)")
        #expect(try Self.result(results, .tags).detail == "unknown tag \"fast\" (tags: gpu, ssd)")
        let capacity = try Self.result(results, .capacity)
        #expect(capacity.status == .warn && capacity.detail.hasPrefix("0 Ready machines match"))
        #expect(results.filter { $0.status == .fail }.count == 4)
    }

    @Test func missingImageListsAvailableImages() async throws {
        let image = try Self.result(try await Self.run(Self.manifests(image: "ubuntu/focal")), .image)
        #expect(image.status == .fail)
        #expect(image.detail == "no boot resource for image \"ubuntu/focal\" (available: custom/u-2204-0-k-1329-0, ubuntu/jammy, ubuntu/noble)")
        let custom = try Self.result(try await Self.run(Self.manifests(image: "u-2204-0-k-1329-0")), .image)
        #expect(custom.status == .pass)
    }

    @Test func nonAdminKeyWarnsUnlessTheEndpointIsGiven() async throws {
        let admin = try Self.result(try await Self.run(Self.manifests(), userKey: true), .adminRights)
        #expect(admin.status == .warn)
        #expect(admin.detail == "user is not a MAAS admin: DNS records cannot be managed")
        #expect(admin.fix == "set Cluster.spec.controlPlaneEndpoint.host to use your own endpoint, or use an admin key")
        let withHost = try Self.result(try await Self.run(Self.manifests(host: "api.example.com"), userKey: true), .adminRights)
        #expect(withHost.status == .pass)
    }

    @Test func wrongKeyFailsWithReasonAndSkipsTheRest() async throws {
        let results = try await Self.run(Self.manifests(), key: { _ in "AAAAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBB:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC" })
        let credentials = try Self.result(results, .credentials)
        #expect(credentials.status == .fail)
        #expect(credentials.detail.hasPrefix("MAAS rejected the API key (invalid key)"))
        #expect(!credentials.detail.contains("CCCCCCCC"))
        #expect(results.last?.status == .skip)
        #expect(!results.contains { $0.check == .dnsDomain })
    }

    @Test func malformedKeyStillChecksReachability() async throws {
        let results = try await Self.run(PreflightManifests(), key: { _ in "only:two" })
        #expect(try Self.result(results, .apiKey).detail
            == "MAAS API key must have the form consumer_key:token_key:token_secret (found 2 parts)")
        #expect(try Self.result(results, .reachability).status == .pass)
        #expect(try Self.result(results, .credentials).status == .skip)
    }

    @Test func closedPortIsExplained() async throws {
        let port = try await Self.closedPort()
        let results = await Preflight.run(PreflightOptions(
            endpoint: "http://127.0.0.1:\(port)/MAAS", apiKey: "a:b:c", timeout: .seconds(2)))
        let reach = try Self.result(results, .reachability)
        #expect(reach.status == .fail)
        #expect(reach.detail.hasPrefix("connection refused by 127.0.0.1:\(port)"), "\(reach.detail)")
        #expect(reach.fix?.contains("5240") == true)
        #expect(PreflightSummary(results).exitCode(strict: false) == 1)
    }

    /// A loopback port nothing listens on any more: a simulator's, after it stopped.
    static func closedPort() async throws -> Int {
        let url = try await MaasSimulator.withRunning(SimulatorConfiguration(inventory: SimulatorInventory())) { $0.baseURL }
        return try #require(Int(url.split(separator: ":").last?.split(separator: "/").first ?? ""))
    }
}
