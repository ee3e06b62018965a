import Foundation
import KubeClient
import KubeCore
import Testing

/// CRUD, typed errors, paging and selectors of `Api` over real HTTPS.
@Suite struct ClientCRUDTests {
    @Test func createGetUpdateDeleteWithTypedErrors() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.configMaps
            let created = try await api.create(ConfigMap("crud", namespace: cluster.namespace, data: ["a": "1"]))
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.resourceVersion != nil)

            let fetched = try await api.get("crud")
            #expect(fetched.data == ["a": "1"])

            let duplicate = await kubeError { _ = try await api.create(ConfigMap("crud", namespace: cluster.namespace)) }
            #expect(duplicate?.isAlreadyExists == true)
            #expect(duplicate?.status?.code == 409)

            var changed = fetched
            changed.data = ["a": "2"]
            let updated = try await api.update(changed)
            #expect(updated.data == ["a": "2"])
            #expect(updated.metadata.resourceVersion != fetched.metadata.resourceVersion)

            // `fetched` still carries the old resourceVersion: optimistic concurrency refuses it.
            var stale = fetched
            stale.data = ["a": "3"]
            let conflict = await kubeError { _ = try await api.update(stale) }
            #expect(conflict?.isConflict == true)
            #expect(conflict?.status?.reason == "Conflict")

            let invalid = await kubeError { _ = try await api.create(ConfigMap("Bad_Name!", namespace: cluster.namespace)) }
            #expect(invalid?.isInvalid == true)
            #expect(invalid?.status?.code == 422)
            #expect(invalid?.status?.details?.causes?.first?.field == "metadata.name")

            let result = try await api.delete("crud")
            #expect(result.isGone)
            let missing = await kubeError { _ = try await api.get("crud") }
            #expect(missing?.isNotFound == true)
            #expect(missing?.status?.code == 404)
            let missingDelete = await kubeError { try await api.delete("crud") }
            #expect(missingDelete?.isNotFound == true)
        }
    }

    @Test func listAllFollowsContinueTokens() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.configMaps
            for i in 0..<23 { _ = try await api.create(ConfigMap("page-\(i)", namespace: cluster.namespace, labels: ["it": "paging"])) }
            let options = ListOptions(labelSelector: "it=paging")

            let first = try await api.list(ListOptions(labelSelector: "it=paging", limit: 5))
            #expect(first.items.count == 5)
            #expect(first.metadata.continue?.isEmpty == false)

            let all = try await api.listAll(options, pageSize: 5)
            #expect(all.items.count == 23)
            #expect(Set(all.items.compactMap(\.metadata.name)) == Set((0..<23).map { "page-\($0)" }))
            #expect(all.metadata.continue == nil)
            #expect(all.metadata.resourceVersion != nil)
        }
    }

    @Test func labelAndFieldSelectors() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.configMaps
            _ = try await api.create(ConfigMap("red-1", namespace: cluster.namespace, labels: ["color": "red", "size": "s"]))
            _ = try await api.create(ConfigMap("red-2", namespace: cluster.namespace, labels: ["color": "red", "size": "l"]))
            _ = try await api.create(ConfigMap("blue-1", namespace: cluster.namespace, labels: ["color": "blue"]))

            func names(_ options: ListOptions) async throws -> Set<String> {
                Set(try await api.list(options).items.compactMap(\.metadata.name))
            }
            #expect(try await names(ListOptions(labelSelector: "color=red")) == ["red-1", "red-2"])
            #expect(try await names(ListOptions(labelSelector: "color=red,size!=l")) == ["red-1"])
            #expect(try await names(ListOptions(labelSelector: "color in (blue)")) == ["blue-1"])
            #expect(try await names(ListOptions(labelSelector: "!size,color")) == ["blue-1"])
            #expect(try await names(ListOptions(fieldSelector: "metadata.name=red-2")) == ["red-2"])
            #expect(try await names(ListOptions(labelSelector: "color=red", fieldSelector: "metadata.name!=red-2")) == ["red-1"])
        }
    }

    @Test func deleteWithPreconditionsAndFinalizers() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.configMaps
            var object = ConfigMap("held", namespace: cluster.namespace)
            object.metadata.finalizers = ["capmaas.io/integration-test"]
            let created = try await api.create(object)

            let wrongUID = DeleteOptions(preconditions: .init(uid: "00000000-0000-0000-0000-000000000000"))
            let mismatch = await kubeError { try await api.delete("held", options: wrongUID) }
            #expect(mismatch?.isConflict == true)

            let result = try await api.delete("held", options: DeleteOptions(preconditions: .init(uid: created.metadata.uid)))
            guard case .pending(let pending) = result else {
                Issue.record("expected a pending delete while the finalizer holds the object")
                return
            }
            #expect(pending.metadata.deletionTimestamp != nil)
            #expect(try await api.get("held").metadata.isDeleting)

            _ = try await api.patch("held", .merge(["metadata": ["finalizers": .null]]))
            let gone = try await cluster.eventually {
                await kubeError { _ = try await api.get("held") }?.isNotFound == true
            }
            #expect(gone)
        }
    }
}
