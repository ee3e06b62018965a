import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

/// Protobuf POSTs over HTTP, as kubectl's imperative `create` commands send them.
@Suite("Protobuf create over HTTP")
struct ProtobufCreateTests {
    static let protobuf = "application/vnd.kubernetes.protobuf"
    /// kubectl asks for protobuf first; a real server would answer protobuf, the sandbox answers JSON (which kubectl reads).
    static var accept: String { TestCluster.isSandbox ? "application/vnd.kubernetes.protobuf,application/json" : "application/json" }

    private func meta(_ name: String, _ namespace: String? = nil) -> [UInt8] {
        ProtobufBytes.bytes(1, ProtobufBytes.string(1, name) + (namespace.map { ProtobufBytes.string(3, $0) } ?? [])
            + ProtobufBytes.entry(11, "made-by", "protobuf") + ProtobufBytes.bytes(8, []))
    }

    @Test func secretConfigMapAndServiceAccountAreCreatedAndReadBack() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { namespace in
                let secret = ProtobufBytes.envelope(kind: "Secret", raw: meta("s", namespace) + ProtobufBytes.entry(2, "k", "v"))
                let created = try await cluster.request(.POST, "/api/v1/namespaces/\(namespace)/secrets?fieldManager=kubectl-create&fieldValidation=Strict",
                                                        body: Data(secret), contentType: Self.protobuf, accept: Self.accept)
                #expect(created.status == 201, "\(created.text)")
                #expect(created.headers.first(name: "Content-Type") == "application/json")
                let secretRead = try await cluster.request(.GET, "/api/v1/namespaces/\(namespace)/secrets/s")
                #expect(secretRead.json["data"] == ["k": "dg=="])
                #expect(secretRead.json["type"] == "Opaque")
                #expect(secretRead.json[path: ["metadata", "labels"]] == ["made-by": "protobuf"])

                let configMap = ProtobufBytes.envelope(kind: "ConfigMap", raw: meta("c") + ProtobufBytes.entry(2, "a", "b"))
                let madeMap = try await cluster.request(.POST, "/api/v1/namespaces/\(namespace)/configmaps", body: Data(configMap),
                                                        contentType: Self.protobuf, accept: Self.accept)
                #expect(madeMap.status == 201, "\(madeMap.text)")
                #expect(try await cluster.request(.GET, "/api/v1/namespaces/\(namespace)/configmaps/c").json["data"] == ["a": "b"])

                let account = ProtobufBytes.envelope(kind: "ServiceAccount", raw: meta("sa") + ProtobufBytes.number(4, 0))
                let madeAccount = try await cluster.request(.POST, "/api/v1/namespaces/\(namespace)/serviceaccounts", body: Data(account),
                                                            contentType: Self.protobuf, accept: Self.accept)
                #expect(madeAccount.status == 201, "\(madeAccount.text)")
                #expect(madeAccount.json["automountServiceAccountToken"] == false)
            }
        }
    }

    @Test func namespaceIsCreatedFromKubectlsBody() async throws {
        try await TestCluster.with { cluster in
            let name = "pb-" + UUID().uuidString.lowercased().prefix(8)
            let body = ProtobufBytes.envelope(kind: "Namespace", raw: meta(String(name)) + ProtobufBytes.bytes(2, []) + ProtobufBytes.bytes(3, []))
            let created = try await cluster.request(.POST, "/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict",
                                                    body: Data(body), contentType: Self.protobuf, accept: Self.accept)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json[path: ["metadata", "name"]] == .string(String(name)))
            #expect(created.json[path: ["status", "phase"]] == "Active")
            _ = try await cluster.request(.DELETE, "/api/v1/namespaces/\(name)")
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func malformedBodyIsBadRequestAndNothingIsStored() async throws {
        try await TestCluster.with { cluster in
            let truncated = Data(ProtobufBytes.envelope(kind: "ConfigMap", raw: meta("broken", "default")).dropLast(3))
            let reply = try await cluster.request(.POST, "/api/v1/namespaces/default/configmaps", body: truncated, contentType: Self.protobuf)
            #expect(reply.status == 400)
            #expect(reply.json["reason"] == "BadRequest")
            #expect(reply.json["message"]?.stringValue?.hasPrefix("the protobuf body of the request could not be decoded: protobuf body ended") == true)
            #expect(try await cluster.request(.GET, "/api/v1/namespaces/default/configmaps/broken").status == 404)
        }
    }

    /// kube-apiserver has protobuf for every built-in kind; the sandbox decodes only the four kubectl's `create` sends.
    @Test(.enabled(if: TestCluster.isSandbox)) func kindsWithoutADecoderRefuseProtobuf() async throws {
        try await TestCluster.with { cluster in
            let body = ProtobufBytes.envelope(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", raw: meta("r"))
            let reply = try await cluster.request(.POST, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", body: Data(body),
                                                  contentType: Self.protobuf)
            #expect(reply.status == 415)
            #expect(reply.json["reason"] == "UnsupportedMediaType")
            #expect(try await cluster.request(.GET, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/r").status == 404)
        }
    }
}
