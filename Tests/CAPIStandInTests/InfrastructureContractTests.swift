import CAPIStandIn
import ClusterAPI
import KubeCore
import Testing

@Suite("Infrastructure contract fields")
struct InfrastructureContractTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var object: JSONValue
        var expected: InfrastructureContract
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "empty object", object: .emptyObject, expected: InfrastructureContract()),
        Case(
            name: "v1beta2 provisioned", object: ["status": ["initialization": ["provisioned": true]]],
            expected: InfrastructureContract(provisioned: true)),
        Case(name: "legacy ready", object: ["status": ["ready": true]], expected: InfrastructureContract(provisioned: true)),
        Case(
            name: "initialization wins over ready",
            object: ["status": ["initialization": ["provisioned": false], "ready": true]],
            expected: InfrastructureContract(provisioned: false)),
        Case(name: "malformed flag reads as absent", object: ["status": ["ready": "yes"]], expected: InfrastructureContract()),
        Case(
            name: "endpoint with port", object: ["spec": ["controlPlaneEndpoint": ["host": "demo.maas", "port": 6443]]],
            expected: InfrastructureContract(controlPlaneEndpoint: APIEndpoint(host: "demo.maas", port: 6443))),
        Case(
            name: "empty endpoint host is no endpoint", object: ["spec": ["controlPlaneEndpoint": ["host": "", "port": 6443]]],
            expected: InfrastructureContract()),
        Case(
            name: "provider ID, addresses, hostname",
            object: [
                "spec": ["providerID": "maas:///z/abc"],
                "status": [
                    "hostname": "Host1",
                    "addresses": [
                        ["type": "InternalIP", "address": "10.0.0.1"], ["type": "Bogus", "address": "x"],
                        ["type": "ExternalDNS", "address": ""], ["type": "Hostname", "address": "other"],
                    ],
                ],
            ],
            expected: InfrastructureContract(
                providerID: "maas:///z/abc",
                addresses: [MachineAddress(type: .internalIP, address: "10.0.0.1"), MachineAddress(type: .hostname, address: "other")],
                hostname: "Host1")),
        Case(
            name: "hostname falls back to a Hostname address; empty provider ID is none",
            object: ["spec": ["providerID": ""], "status": ["addresses": [["type": "Hostname", "address": "h2"]]]],
            expected: InfrastructureContract(addresses: [MachineAddress(type: .hostname, address: "h2")], hostname: "h2")),
    ])
    func reads(_ c: Case) {
        #expect(InfrastructureContract(c.object) == c.expected)
    }

    @Test func infrastructureObjectRoundTrips() throws {
        let json: JSONValue = [
            "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasMachine",
            "metadata": ["name": "cp-0", "namespace": "demo", "uid": "u1", "labels": ["a": "b"]],
            "spec": ["image": "ubuntu/jammy", "minCPU": 2, "minMemory": 4096],
            "status": ["ready": true],
        ]
        let object = try json.decode(as: InfrastructureObject.self)
        #expect(object.metadata.name == "cp-0")
        #expect(object.metadata.labels == ["a": "b"])
        #expect(object.contract.provisioned)
        #expect(try JSONValue(encoding: object) == json)
    }

    @Test(arguments: [
        ("infrastructure.cluster.x-k8s.io", "MaasCluster", "x", true),
        ("infrastructure.cluster.x-k8s.io", "DockerCluster", "x", false),
        ("other.io", "MaasCluster", "x", false),
        ("infrastructure.cluster.x-k8s.io", "MaasCluster", "", false),
    ])
    func referencesNeedGroupKindAndName(_ group: String, _ kind: String, _ name: String, _ expected: Bool) {
        let reference = ContractVersionedObjectReference(apiGroup: group, kind: kind, name: name)
        let matches = InfrastructureKinds.references(reference, InfrastructureKinds.maas.cluster)
        #expect(matches == expected)
    }

    @Test func absentReferenceMatchesNothing() {
        let matches = InfrastructureKinds.references(nil, InfrastructureKinds.maas.cluster)
        #expect(!matches)
    }
}
