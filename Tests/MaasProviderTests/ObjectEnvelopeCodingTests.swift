import ClusterAPI
import Foundation
import KubeCore
import MaasProvider
import Testing

/// The JSON shape of the `apiVersion`/`kind`/`metadata`/`spec`/`status` kinds (shared `SpecStatusResource` coding):
/// exact bytes written, defaults when reading, and errors for a missing required spec.
@Suite struct ObjectEnvelopeCodingTests {
    private static func text(_ value: some Encodable) throws -> String {
        String(decoding: try KubeJSON.encode(value), as: UTF8.self)
    }

    private static func decode<K: Decodable>(_ type: K.Type, _ json: String) throws -> K {
        try KubeJSON.decoder.decode(type, from: Data(json.utf8))
    }

    @Test func writesExactBytesAndLeavesOutNilSpecAndStatus() throws {
        let cluster = Cluster(metadata: ObjectMeta(name: "c", namespace: "ns"))
        #expect(try Self.text(cluster)
            == #"{"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster","metadata":{"name":"c","namespace":"ns"}}"#)

        let maasCluster = MaasCluster(metadata: ObjectMeta(name: "m"), spec: MaasClusterSpec(dnsDomain: "maas"))
        #expect(try Self.text(maasCluster)
            == #"{"apiVersion":"infrastructure.cluster.x-k8s.io/v1beta1","kind":"MaasCluster","metadata":{"name":"m"},"spec":{"dnsDomain":"maas"}}"#)

        let template = MaasMachineTemplate(
            metadata: ObjectMeta(name: "t"),
            spec: MaasMachineTemplateSpec(template: MaasMachineTemplateResource(spec: MaasMachineSpec(image: "u", minCPU: 1, minMemory: 2))),
            status: MaasMachineTemplateStatus(capacity: ["cpu": "2"]))
        #expect(try Self.text(template)
            == #"{"apiVersion":"infrastructure.cluster.x-k8s.io/v1beta1","kind":"MaasMachineTemplate","metadata":{"name":"t"},"spec":{"template":{"spec":{"image":"u","minCPU":1,"minMemory":2}}},"status":{"capacity":{"cpu":"2"}}}"#)
    }

    @Test func fullyPopulatedObjectsRoundTripExactly() throws {
        try expectRoundTrip(FullObjects.cluster)
        try expectRoundTrip(FullObjects.machine)
        try expectRoundTrip(FullObjects.maasCluster)
        try expectRoundTrip(FullObjects.maasMachine)
        try expectRoundTrip(FullObjects.maasMachineTemplate)
    }

    private func expectRoundTrip<K: Codable & Equatable>(_ object: K) throws {
        let bytes = try KubeJSON.encode(object)
        let decoded = try KubeJSON.decoder.decode(K.self, from: bytes)
        #expect(decoded == object)
        #expect(try KubeJSON.encode(decoded) == bytes)
        let members = try #require(JSONValue.parse(bytes).objectValue)
        #expect(Set(members.keys) == ["apiVersion", "kind", "metadata", "spec", "status"])
    }

    @Test func absentApiVersionKindAndMetadataTakeDefaults() throws {
        let machine = try Self.decode(MaasMachine.self, #"{"spec":{"image":"u","minCPU":1,"minMemory":2}}"#)
        #expect(machine.apiVersion == "infrastructure.cluster.x-k8s.io/v1beta1")
        #expect(machine.kind == "MaasMachine")
        #expect(machine.metadata == ObjectMeta())
        #expect(machine.status == nil)

        let cluster = try Self.decode(Cluster.self, "{}")
        #expect(cluster.apiVersion == "cluster.x-k8s.io/v1beta2" && cluster.kind == "Cluster")
        #expect(cluster.spec == nil && cluster.status == nil)
        #expect(try Self.decode(Cluster.self, #"{"spec":null,"status":null}"#) == cluster)
    }

    @Test func keepsTheApiVersionAndKindItRead() throws {
        let json = #"{"apiVersion":"infrastructure.cluster.x-k8s.io/v1beta2","kind":"Other","metadata":{"name":"m"},"spec":{"dnsDomain":"maas"}}"#
        let decoded = try Self.decode(MaasCluster.self, json)
        #expect(decoded.apiVersion == "infrastructure.cluster.x-k8s.io/v1beta2" && decoded.kind == "Other")
        #expect(try Self.text(decoded) == json)
    }

    @Test func missingOrNullRequiredSpecIsAKeyOrValueError() throws {
        do {
            _ = try Self.decode(MaasMachine.self, #"{"metadata":{"name":"m"}}"#)
            Issue.record("decoded a MaasMachine without spec")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "spec")
        }
        do {
            _ = try Self.decode(Machine.self, #"{"spec":null}"#)
            Issue.record("decoded a Machine with a null spec")
        } catch DecodingError.valueNotFound(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["spec"])
        }
    }
}
