import Foundation
import KubeCore
@testable import KubeSandbox
import Testing

/// Bodies captured from kubectl v1.32.4 (`kubectl create … ` against a recording HTTP server).
enum KubectlCapturedBodies {
    /// `kubectl create namespace x`
    static let namespace = ProtobufBytes.hex(
        "6b3873000a0f0a02763112094e616d65737061636512190a110a017812001a0022002a0032003800420012001a020a001a002200")
    /// `kubectl create secret generic s --from-literal=k=v -n gen`
    static let secretGeneric = ProtobufBytes.hex(
        "6b3873000a0c0a027631120653656372657412200a140a017312001a0367656e22002a0032003800420012060a016b1201761a001a002200")
    /// `kubectl create secret docker-registry d --docker-server=r.example --docker-username=u --docker-password=p`
    static let secretDockerRegistry = ProtobufBytes.hex(
        "6b3873000a0c0a02763112065365637265741296010a180a016412001a0764656661756c7422002a00320038004200125a0a112e646f636b65"
        + "72636f6e6669676a736f6e12457b226175746873223a7b22722e6578616d706c65223a7b22757365726e616d65223a2275222c227061737377"
        + "6f7264223a2270222c2261757468223a2264547077227d7d7d1a1e6b756265726e657465732e696f2f646f636b6572636f6e6669676a736f6e1a002200")
    /// `kubectl create configmap c --from-literal=k=v --from-literal=a=b`
    static let configMap = ProtobufBytes.hex(
        "6b3873000a0f0a0276311209436f6e6669674d6170122a0a180a016312001a0764656661756c7422002a003200380042001206"
        + "0a016112016212060a016b1201761a002200")
    /// `kubectl create serviceaccount sa`
    static let serviceAccount = ProtobufBytes.hex(
        "6b3873000a140a027631120e536572766963654163636f756e74121b0a190a02736112001a0764656661756c7422002a003200380042001a002200")
}

@Suite("Protobuf request bodies")
struct ProtobufBodyTests {
    static func info(_ kind: String) throws -> ResourceInfo {
        try #require(ResourceRegistry.builtinResources.first { $0.kind == kind && $0.group.isEmpty })
    }

    @Test(arguments: [
        ("Namespace", KubectlCapturedBodies.namespace,
         #"{"apiVersion":"v1","kind":"Namespace","metadata":{"creationTimestamp":null,"name":"x"},"spec":{},"status":{}}"#),
        ("Secret", KubectlCapturedBodies.secretGeneric,
         #"{"apiVersion":"v1","data":{"k":"dg=="},"kind":"Secret","metadata":{"creationTimestamp":null,"name":"s","namespace":"gen"}}"#),
        ("Secret", KubectlCapturedBodies.secretDockerRegistry,
         #"{"apiVersion":"v1","data":{".dockerconfigjson":"eyJhdXRocyI6eyJyLmV4YW1wbGUiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19"},"kind":"Secret","metadata":{"creationTimestamp":null,"name":"d","namespace":"default"},"type":"kubernetes.io/dockerconfigjson"}"#),
        ("ConfigMap", KubectlCapturedBodies.configMap,
         #"{"apiVersion":"v1","data":{"a":"b","k":"v"},"kind":"ConfigMap","metadata":{"creationTimestamp":null,"name":"c","namespace":"default"}}"#),
        ("ServiceAccount", KubectlCapturedBodies.serviceAccount,
         #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"creationTimestamp":null,"name":"sa","namespace":"default"}}"#),
    ])
    func kubectlBodiesDecodeToTheJSONKubectlWouldSend(kind: String, body: [UInt8], expected: String) throws {
        let decoded = try ProtobufBody.decode(body, for: try Self.info(kind))
        #expect(String(decoding: decoded.serialized(), as: UTF8.self) == expected)
    }

    @Test func objectMetaFieldsAllDecode() throws {
        let owner = ProtobufBytes.string(1, "Cluster") + ProtobufBytes.string(3, "c1") + ProtobufBytes.string(4, "u-1")
            + ProtobufBytes.string(5, "cluster.x-k8s.io/v1beta1") + ProtobufBytes.number(6, 1) + ProtobufBytes.number(7, 0)
        let time = ProtobufBytes.number(1, 1_764_064_800) + ProtobufBytes.number(2, 5)
        let meta = ProtobufBytes.string(2, "gen-") + ProtobufBytes.string(3, "ns") + ProtobufBytes.string(4, "/self")
            + ProtobufBytes.string(5, "uid-1") + ProtobufBytes.string(6, "42") + ProtobufBytes.number(7, 3)
            + ProtobufBytes.bytes(8, time) + ProtobufBytes.number(10, 30)
            + ProtobufBytes.entry(11, "app", "demo") + ProtobufBytes.entry(11, "tier", "")
            + ProtobufBytes.entry(12, "note", "hello") + ProtobufBytes.bytes(13, owner)
            + ProtobufBytes.string(14, "a/f") + ProtobufBytes.string(14, "b/f")
            + ProtobufBytes.bytes(17, ProtobufBytes.string(1, "kubectl"))  // managedFields: skipped
            + ProtobufBytes.bytes(99, [0x01, 0x02])                          // unknown field: skipped
        let body = ProtobufBytes.envelope(kind: "ConfigMap", raw: ProtobufBytes.bytes(1, meta) + ProtobufBytes.number(4, 1)
            + ProtobufBytes.entry(3, "bin", "\u{01}\u{02}") + [0x2D, 0, 0, 0, 0] + [0x31, 1, 2, 3, 4, 5, 6, 7, 8])
        let decoded = try ProtobufBody.decode(body, for: try Self.info("ConfigMap"))
        let metadata = try #require(decoded["metadata"])
        #expect(metadata["generateName"] == "gen-")
        #expect(metadata["namespace"] == "ns")
        #expect(metadata["selfLink"] == nil)
        #expect(metadata["uid"] == "uid-1")
        #expect(metadata["resourceVersion"] == "42")
        #expect(metadata["generation"] == .int(3))
        #expect(metadata["creationTimestamp"] == "2025-11-25T10:00:00Z")
        #expect(metadata["deletionGracePeriodSeconds"] == .int(30))
        #expect(metadata["labels"] == ["app": "demo", "tier": ""])
        #expect(metadata["annotations"] == ["note": "hello"])
        #expect(metadata["ownerReferences"] == [["kind": "Cluster", "name": "c1", "uid": "u-1", "apiVersion": "cluster.x-k8s.io/v1beta1",
                                                 "controller": true, "blockOwnerDeletion": false]])
        #expect(metadata["finalizers"] == ["a/f", "b/f"])
        #expect(metadata["managedFields"] == nil)
        #expect(decoded["immutable"] == true)
        #expect(decoded["binaryData"] == ["bin": "AQI="])
    }

    @Test func secretStringDataTypeAndImmutable() throws {
        let raw = ProtobufBytes.bytes(1, ProtobufBytes.string(1, "s")) + ProtobufBytes.entry(2, "bin", "\u{00}\u{FF}")
            + ProtobufBytes.string(3, "Opaque") + ProtobufBytes.entry(4, "plain", "text") + ProtobufBytes.number(5, 0)
        let decoded = try ProtobufBody.decode(ProtobufBytes.envelope(kind: "Secret", raw: raw), for: try Self.info("Secret"))
        #expect(decoded["data"] == ["bin": .string(Data("\u{00}\u{FF}".utf8).base64EncodedString())])
        #expect(decoded["stringData"] == ["plain": "text"])
        #expect(decoded["type"] == "Opaque")
        #expect(decoded["immutable"] == false)
    }

    @Test func serviceAccountReferences() throws {
        let secret = ProtobufBytes.string(1, "Secret") + ProtobufBytes.string(3, "token") + ProtobufBytes.string(7, "")
        let raw = ProtobufBytes.bytes(1, ProtobufBytes.string(1, "sa")) + ProtobufBytes.bytes(2, secret)
            + ProtobufBytes.bytes(3, ProtobufBytes.string(1, "pull")) + ProtobufBytes.bytes(3, ProtobufBytes.string(1, "pull2"))
            + ProtobufBytes.number(4, 0)
        let decoded = try ProtobufBody.decode(ProtobufBytes.envelope(kind: "ServiceAccount", raw: raw), for: try Self.info("ServiceAccount"))
        #expect(decoded["secrets"] == [["kind": "Secret", "name": "token"]])
        #expect(decoded["imagePullSecrets"] == [["name": "pull"], ["name": "pull2"]])
        #expect(decoded["automountServiceAccountToken"] == false)
    }

    @Test func namespaceSpecFinalizersAndPhase() throws {
        let raw = ProtobufBytes.bytes(1, ProtobufBytes.string(1, "n")) + ProtobufBytes.bytes(2, ProtobufBytes.string(1, "kubernetes"))
            + ProtobufBytes.bytes(3, ProtobufBytes.string(1, "Active") + ProtobufBytes.bytes(2, []))
        let decoded = try ProtobufBody.decode(ProtobufBytes.envelope(kind: "Namespace", raw: raw), for: try Self.info("Namespace"))
        #expect(decoded["spec"] == ["finalizers": ["kubernetes"]])
        #expect(decoded["status"] == ["phase": "Active"])
    }

    @Test(arguments: [
        ([0x6B, 0x38, 0x73], "protobuf body does not start with the k8s\\0 prefix"),
        (Array("{\"kind\":\"Secret\"}".utf8), "protobuf body does not start with the k8s\\0 prefix"),
        ([0x6B, 0x38, 0x73, 0x00, 0x12, 0x09, 0x0A], "protobuf body ended while reading a length-delimited field at byte 6"),
        (ProtobufBytes.envelope(kind: "Secret", raw: [0x0A, 0x05, 0x0A, 0x01]), "protobuf body ended while reading a length-delimited field at byte 22"),
        (ProtobufBytes.envelope(kind: "Secret", raw: ProtobufBytes.bytes(1, [0x0A, 0x02, 0xC3, 0x28])), "field metadata.name is not valid UTF-8"),
        (ProtobufBytes.envelope(kind: "Secret", raw: ProtobufBytes.number(1, 1)), "field metadata has the wrong wire type at byte 20"),
        (ProtobufBytes.envelope(kind: "Secret", raw: ProtobufBytes.bytes(1, ProtobufBytes.bytes(8, ProtobufBytes.number(1, 300_000_000_000)))),
         "field metadata.creationTimestamp is not a valid time"),
        ([0x6B, 0x38, 0x73, 0x00] + ProtobufBytes.string(3, "gzip"), "unsupported content encoding \"gzip\""),
    ] as [([UInt8], String)])
    func malformedBodiesAreBadRequest(body: [UInt8], reason: String) throws {
        let error = #expect(throws: Status.self) { try ProtobufBody.decode(body, for: try Self.info("Secret")) }
        #expect(error?.code == 400)
        #expect(error?.reason == "BadRequest")
        #expect(error?.message == "the protobuf body of the request could not be decoded: \(reason)")
    }

    /// Every truncation and every single-byte corruption of the captured bodies decodes or answers a 4xx Status; none traps.
    @Test(arguments: [
        ("Namespace", KubectlCapturedBodies.namespace), ("Secret", KubectlCapturedBodies.secretDockerRegistry),
        ("ConfigMap", KubectlCapturedBodies.configMap), ("ServiceAccount", KubectlCapturedBodies.serviceAccount),
    ])
    func damagedBodiesNeverTrap(kind: String, body: [UInt8]) throws {
        let info = try Self.info(kind)
        var damaged: [[UInt8]] = (0..<body.count).map { Array(body.prefix($0)) }
        for index in body.indices {
            for flip: UInt8 in [0xFF, 0x80, 0x01] {
                var copy = body
                copy[index] ^= flip
                damaged.append(copy)
            }
        }
        var refused = 0
        for bytes in damaged {
            do { _ = try ProtobufBody.decode(bytes, for: info) } catch {
                #expect((400..<500).contains(error.code ?? 0), "\(error.message ?? "")")
                refused += 1
            }
        }
        #expect(refused > body.count / 2)
    }

    @Test(arguments: [("v1", "ConfigMap"), ("apps/v1", "Secret")])
    func anEnvelopeForAnotherKindIsBadRequest(apiVersion: String, kind: String) throws {
        let body = ProtobufBytes.envelope(apiVersion: apiVersion, kind: kind, raw: ProtobufBytes.bytes(1, ProtobufBytes.string(1, "s")))
        let error = #expect(throws: Status.self) { try ProtobufBody.decode(body, for: try Self.info("Secret")) }
        #expect(error?.code == 400)
        #expect(error?.message == "the protobuf body is a \(apiVersion) \(kind), but secrets expects v1 Secret")
    }

    @Test func anEnvelopeWithoutTypeMetaTakesTheEndpointsKind() throws {
        let body: [UInt8] = [0x6B, 0x38, 0x73, 0x00] + ProtobufBytes.bytes(2, ProtobufBytes.bytes(1, ProtobufBytes.string(1, "s")))
        let decoded = try ProtobufBody.decode(body, for: try Self.info("Secret"))
        #expect(decoded == ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"]])
    }

    @Test func kindsWithoutAProtobufDecoderAreUnsupportedMediaType() throws {
        let body = ProtobufBytes.envelope(apiVersion: "v1", kind: "Event", raw: [])
        let error = #expect(throws: Status.self) { try ProtobufBody.decode(body, for: try Self.info("Event")) }
        #expect(error?.code == 415)
        #expect(error?.reason == "UnsupportedMediaType")
        #expect(error?.message == "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml")
    }
}
