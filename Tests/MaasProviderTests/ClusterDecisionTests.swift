import ClusterAPI
import KubeCore
import MaasProvider
import Testing

@Suite struct ClusterDecisionTests {
    static func maasCluster(dnsName: String? = nil, resourceID: Int? = nil) -> MaasCluster {
        MaasCluster(
            metadata: ObjectMeta(name: "mc", namespace: "ns"), spec: MaasClusterSpec(dnsDomain: "maas"),
            status: MaasClusterStatus(network: MaasClusterNetworkStatus(dnsName: dnsName, dnsResourceID: resourceID)))
    }

    static func cluster(host: String? = nil, port: Int32? = nil, apiServerPort: Int32? = nil) -> Cluster {
        Cluster(metadata: ObjectMeta(name: "c1", namespace: "ns"), spec: ClusterSpec(
            controlPlaneEndpoint: host.map { APIEndpoint(host: $0, port: port) },
            clusterNetwork: ClusterNetwork(apiServerPort: apiServerPort)))
    }

    @Test func endpointPlans() {
        #expect(ClusterEndpointPlan.plan(cluster: Self.cluster(), maasCluster: Self.maasCluster()) == .generate(port: 6443))
        #expect(ClusterEndpointPlan.plan(cluster: Self.cluster(apiServerPort: 7443), maasCluster: Self.maasCluster(dnsName: "c1-abcdef.maas"))
            == .managed(dnsName: "c1-abcdef.maas", port: 7443))
        // Cluster API copied our endpoint into the Cluster: still ours.
        #expect(ClusterEndpointPlan.plan(
            cluster: Self.cluster(host: "c1-abcdef.maas", port: 6443), maasCluster: Self.maasCluster(dnsName: "c1-abcdef.maas", resourceID: 3))
            == .managed(dnsName: "c1-abcdef.maas", port: 6443))
        #expect(ClusterEndpointPlan.plan(cluster: Self.cluster(host: "vip.example.com", port: 8443), maasCluster: Self.maasCluster())
            == .custom(APIEndpoint(host: "vip.example.com", port: 8443)))
        // PCP-2585: a custom endpoint without a port gets the API server port.
        #expect(ClusterEndpointPlan.plan(cluster: Self.cluster(host: "vip.example.com", apiServerPort: 7443), maasCluster: Self.maasCluster())
            == .custom(APIEndpoint(host: "vip.example.com", port: 7443)))
    }

    static func cpMachine(state: String?, powered: Bool?, deleting: Bool = false) -> MaasMachine {
        var machine = MaasMachine(
            metadata: ObjectMeta(name: "cp-0", namespace: "ns"), spec: MaasMachineSpec(image: "i", minCPU: 1, minMemory: 1),
            status: MaasMachineStatus(
                machineState: state, machinePowered: powered,
                addresses: [
                    MachineAddress(type: .externalDNS, address: "node.maas"), MachineAddress(type: .externalIP, address: "10.0.0.1"),
                    MachineAddress(type: .internalIP, address: "10.0.0.1"),
                ]))
        if deleting { machine.metadata.deletionTimestamp = .now }
        return machine
    }

    @Test(arguments: [
        ("Deployed", true, false, ControlPlaneDNSMember.Phase.running),
        ("Deploying", true, false, .running),
        ("Deployed", false, false, .unavailable),
        (nil, nil, false, .unavailable),
        ("Deployed", true, true, .leaving),
        ("Releasing", false, false, .leaving),
        ("Failed deployment", false, false, .leaving),
        ("Rescue mode", true, false, .unavailable),
    ] as [(String?, Bool?, Bool, ControlPlaneDNSMember.Phase)])
    func memberPhase(state: String?, powered: Bool?, deleting: Bool, expected: ControlPlaneDNSMember.Phase) {
        let member = ControlPlaneDNSMember(maasMachine: Self.cpMachine(state: state, powered: powered, deleting: deleting))
        #expect(member.phase == expected)
        #expect(member.ips == ["10.0.0.1"])
    }
}

@Suite struct DecodingTests {
    @Test func decodesListItemsWithoutTypeMeta() throws {
        let json = try JSONValue.parse(#"{"metadata":{"name":"m"},"spec":{"image":"ubuntu/jammy","minCPU":1,"minMemory":2}}"#)
        let machine = try json.decode(as: MaasMachine.self)
        #expect(machine.apiVersion == "infrastructure.cluster.x-k8s.io/v1beta1")
        #expect(machine.kind == "MaasMachine")
        let encoded = try JSONValue(encoding: machine)
        #expect(encoded["status"] == nil)
        #expect(encoded[path: ["spec", "tags"]] == nil)
        #expect(throws: (any Error).self) { try JSONValue.parse(#"{"metadata":{"name":"m"},"spec":{"minCPU":1}}"#).decode(as: MaasMachine.self) }
        let cluster = try JSONValue.parse(#"{"metadata":{"name":"c"}}"#).decode(as: Cluster.self)
        #expect(cluster.kind == "Cluster")
    }
}

@Suite struct MachineAddressesTests {
    @Test func reportsHostnameFQDNAndBothIPTypes() {
        let observed = ObservedMaasMachine(
            systemID: "abc", hostname: "node-1", fqdn: "node-1.maas", statusName: "Deployed",
            ipAddresses: ["10.0.0.1", "10.0.0.1", "", "fd00::1"])
        #expect(MachineAddresses.from(observed) == [
            MachineAddress(type: .hostname, address: "node-1"),
            MachineAddress(type: .externalDNS, address: "node-1.maas"), MachineAddress(type: .internalDNS, address: "node-1.maas"),
            MachineAddress(type: .externalIP, address: "10.0.0.1"), MachineAddress(type: .internalIP, address: "10.0.0.1"),
            MachineAddress(type: .externalIP, address: "fd00::1"), MachineAddress(type: .internalIP, address: "fd00::1"),
        ])
        #expect(MachineAddresses.from(ObservedMaasMachine(systemID: "x", statusName: "Allocated")).isEmpty)
    }
}
