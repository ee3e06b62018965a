import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

@Suite("Auth, RBAC and faults")
struct AuthAndFaultTests {
    @Test func missingOrWrongTokenIsUnauthorized() async throws {
        try await TestCluster.with { cluster in
            let reply = try await cluster.request(.GET, "/api/v1/namespaces", token: "wrong")
            #expect(reply.status == 401)
            #expect(reply.json["reason"] == "Unauthorized")
            #expect(reply.json["message"] == "Unauthorized")
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func rbacForbidsUntilARoleAllows() async throws {
        let saToken = "sa-token-123"
        let configuration = SandboxConfiguration(rbacServiceAccountTokens: [saToken: "system:serviceaccount:default:controller"])
        try await TestCluster.with(configuration) { cluster in
            let denied = try await cluster.request(.GET, "/api/v1/namespaces/default/secrets/s1", token: saToken)
            #expect(denied.status == 403)
            #expect(denied.json["reason"] == "Forbidden")
            #expect(denied.json["message"] == "secrets \"s1\" is forbidden: User \"system:serviceaccount:default:controller\" cannot get resource \"secrets\" in API group \"\" in the namespace \"default\"")

            let role: JSONValue = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "r", "namespace": "default"],
                                   "rules": [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "create"]]]]
            let binding: JSONValue = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": "rb", "namespace": "default"],
                                      "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"],
                                      "subjects": [["kind": "ServiceAccount", "name": "controller", "namespace": "default"]]]
            #expect(try await cluster.request(.POST, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", json: role).status == 201)
            #expect(try await cluster.request(.POST, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", json: binding).status == 201)
            let allowed = try await cluster.request(.POST, "/api/v1/namespaces/default/configmaps", json: configMap("rbac", "default"), token: saToken)
            #expect(allowed.status == 201)
            let stillDenied = try await cluster.request(.DELETE, "/api/v1/namespaces/default/configmaps/rbac", token: saToken)
            #expect(stillDenied.status == 403)
            let clusterWide = try await cluster.request(.GET, "/api/v1/nodes", token: saToken)
            #expect(clusterWide.json["message"] == "nodes is forbidden: User \"system:serviceaccount:default:controller\" cannot list resource \"nodes\" in API group \"\" at the cluster scope")

            let audit = try #require(cluster.sandbox).auditLog()
            #expect(audit.contains { $0.user == "system:serviceaccount:default:controller" && $0.verb == "create" && $0.code == 201 })
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func refusalsAreAudited() async throws {
        let saToken = "sa-token-audit"
        let user = "system:serviceaccount:default:auditee"
        try await TestCluster.with(SandboxConfiguration(rbacServiceAccountTokens: [saToken: user])) { cluster in
            let handle = try #require(cluster.sandbox)
            _ = try await cluster.request(.GET, "/api/v1/namespaces/kube-system/secrets", token: saToken, headers: [("User-Agent", "probe/1")])
            _ = try await cluster.request(.DELETE, "/api/v1/namespaces/default/configmaps/x", token: saToken)
            _ = try await cluster.request(.GET, "/api/v1/namespaces", token: "not-a-token")
            _ = try await cluster.request(.GET, "/sandbox/v1/audit", token: saToken)
            #expect(try await cluster.request(.POST, "/api/v1/namespaces/default/configmaps", json: configMap("dup", "default")).status == 201)
            #expect(try await cluster.request(.POST, "/api/v1/namespaces/default/configmaps", json: configMap("dup", "default")).status == 409)
            _ = try await cluster.request(.GET, "/api/v1/namespaces/default/configmaps")  // allowed reads are not audited

            let audit = handle.auditLog()
            let listRefused = audit.first { $0.user == user && $0.verb == "list" }
            #expect(listRefused == SandboxAuditEntry(user: user, verb: "list", resource: "secrets", namespace: "kube-system", code: 403,
                                                     userAgent: "probe/1", reason: "Forbidden"))
            #expect(audit.contains { $0.user == user && $0.verb == "delete" && $0.name == "x" && $0.code == 403 && $0.isRefusal })
            #expect(audit.contains { $0.user == "system:anonymous" && $0.code == 401 && $0.resource == "/api/v1/namespaces" && $0.reason == "Unauthorized" })
            #expect(audit.contains { $0.user == user && $0.resource == "/sandbox/v1/audit" && $0.code == 403 })
            #expect(audit.contains { $0.user == "system:admin" && $0.verb == "create" && $0.code == 409 && $0.reason == "AlreadyExists" })
            #expect(!audit.contains { $0.verb == "list" && $0.code == 200 })
            let served = try await cluster.request(.GET, "/sandbox/v1/audit")
            #expect(served.json["items"]?.arrayValue?.contains { $0["code"] == 403 && $0["reason"] == "Forbidden" } == true)
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func faultKnobs() async throws {
        try await TestCluster.with { cluster in
            let handle = try #require(cluster.sandbox)
            handle.setFaults(SandboxFaults(serverErrorWriteFraction: 1))
            let failed = try await cluster.request(.POST, "/api/v1/namespaces/default/configmaps", json: configMap("f", "default"))
            #expect(failed.status == 500)
            #expect(failed.json["reason"] == "InternalError")

            let posted = try await cluster.request(.POST, "/sandbox/v1/faults", json: ["conflictWriteFraction": 1])
            #expect(posted.status == 200)
            let conflict = try await cluster.request(.POST, "/api/v1/namespaces/default/configmaps", json: configMap("f", "default"))
            #expect(conflict.status == 409)

            handle.setFaults(SandboxFaults(expireNextWatches: 1))
            let expired = try await cluster.watch("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=5")
            #expect(expired.first?[path: ["object", "code"]] == 410)
            handle.setFaults(SandboxFaults(cutWatchesEverySeconds: 0.5))
            let start = ContinuousClock.now
            _ = try await cluster.watch("/api/v1/namespaces/default/configmaps?watch=true")
            #expect(ContinuousClock.now - start < .seconds(10))
            let audit = try await cluster.request(.GET, "/sandbox/v1/audit")
            #expect(audit.json["items"]?.arrayValue?.isEmpty == false)
        }
    }
}
