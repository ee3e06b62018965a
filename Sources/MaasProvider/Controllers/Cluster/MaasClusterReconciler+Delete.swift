import Logging
import ClusterAPI
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient

extension MaasClusterReconciler {
    /// Deletion: wait for the cluster's MaasMachines to be gone, delete the MAAS DNS resource we created
    /// (upstream leaked it; already gone is fine), drop the workload client, then remove the finalizer.
    func reconcileDelete(_ scope: inout MaasClusterScope) async throws -> ReconcileResult {
        dnsRecords.forget(scope.key)
        guard scope.current.metadata.hasFinalizer(ClusterFinalizer.name) else { return .done }
        if let clusterName = scope.clusterName {
            let remaining = try await context.client.api(MaasMachine.self, namespace: scope.key.namespace)
                .list(ListOptions(labelSelector: "\(ClusterAPILabels.clusterName)=\(clusterName)")).items
            if !remaining.isEmpty {
                scope.setCondition(
                    MaasConditions.ready,
                    ConditionUpdate(
                        status: .false, reason: MaasConditionReasons.deleted,
                        message: "Deleting: waiting for \(remaining.count) MaasMachine(s) to be deleted"))
                try await scope.flushStatus()
                return .requeue(after: MaasRequeue.clusterDeleteWaitForMachines)
            }
        }
        let network = scope.network
        if let fqdn = network.dnsName, network.dnsResourceID != nil || !isCustomHost(fqdn, scope) {
            do {
                let maas = try await context.connections.connection(forNamespace: scope.key.namespace ?? "default")
                try await deleteDNSResource(scope, maas: maas, fqdn: fqdn, id: network.dnsResourceID)
            } catch let error where !(error is KubeError) && !MaasCancellation.isCancellation(error) {
                let policy = ClusterDNSFailure.policy(for: error, fqdn: fqdn, attempt: failures.recordFailure(scope.key))
                scope.setCondition(MaasConditions.loadBalancerReady, policy.condition)
                await context.recorder.record(scope.current, type: .warning, reason: policy.eventReason, message: policy.condition.message)
                try await scope.flushStatus()
                return .requeue(after: ClusterDNSFailure.delay(of: policy, jitter: failures.jitter))
            }
        }
        if let clusterName = scope.clusterName {
            await context.workloads.invalidate(ObjectKey(namespace: scope.key.namespace, name: clusterName))
        }
        if let patch = ClusterFinalizer.removePatch(scope.current.metadata) {
            _ = try await context.client.api(MaasCluster.self, namespace: scope.key.namespace).patch(scope.key.name, .json(patch))
        }
        failures.reset(scope.key)
        return .done
    }

    /// Whether `fqdn` is the user's own endpoint host (never ours to delete).
    private func isCustomHost(_ fqdn: String, _ scope: MaasClusterScope) -> Bool {
        scope.cluster?.spec?.controlPlaneEndpoint?.host == fqdn && scope.network.dnsResourceID == nil
    }

    /// Deletes the resource by its recorded ID, or every resource with the name when no ID was stored.
    private func deleteDNSResource(_ scope: MaasClusterScope, maas: any MaasAPI, fqdn: String, id: Int?) async throws {
        var ids: [Int] = []
        if let id {
            ids = [id]
        } else {
            do {
                ids = try await maas.dnsResources(fqdn: fqdn).map(\.id)
            } catch MaasError.notFound {
                return  // the domain itself is gone
            }
        }
        for id in ids {
            do {
                try await maas.deleteDNSResource(id: id)
            } catch MaasError.notFound {
                continue  // already gone
            }
            await context.recorder.record(
                scope.current, type: .normal, reason: "DNSResourceDeleted", message: "Deleted MAAS DNS resource \(fqdn) (id \(id))")
        }
    }
}
