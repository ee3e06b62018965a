import Logging
import ClusterAPI
import KubeClient
import KubeCore

/// Sets `spec.providerID` on the workload cluster's Node of a deployed machine (found by lower(hostname), then
/// the short hostname, then any Node named `hostname.*`).
struct NodeProviderID {
    let pass: MaasMachinePass

    /// Nil when done (or nothing to do); otherwise when to try again.
    func reconcile(hostname: String) async -> Duration? {
        guard let providerID = pass.working.spec.providerID, !providerID.isEmpty, !hostname.isEmpty else { return nil }
        let clusterKey = ObjectKey(namespace: pass.namespace, name: pass.clusterName)
        do {
            guard let workload = try await pass.context.workloads.client(for: clusterKey) else {
                return MaasRequeue.workloadNotReachable
            }
            let nodes = workload.dynamic(.node)
            guard let node = try await find(hostname: hostname, in: nodes) else { return MaasRequeue.workloadNotReachable }
            let name = node["metadata"]?["name"]?.stringValue ?? ""
            let current = node["spec"]?["providerID"]?.stringValue ?? ""
            if current == providerID { return nil }
            if !current.isEmpty {
                await pass.event(.warning, "NodeProviderUpdateFailed", "Node \(name) already has providerID \(current), expected \(providerID)")
                return nil  // immutable once set: nothing we can do
            }
            _ = try await nodes.patch(name, .merge(["spec": ["providerID": .string(providerID)]]))
            await pass.event(.normal, "NodeProviderIDSet", "Set providerID \(providerID) on Node \(name)")
            return nil
        } catch {
            await pass.context.workloads.invalidate(clusterKey)
            await pass.event(.warning, "NodeProviderUpdateFailed", "Setting the Node providerID: \(error)")
            return MaasRequeue.nodeProviderIDRetry
        }
    }

    private func find(hostname: String, in nodes: Api<JSONValue>) async throws -> JSONValue? {
        let lower = hostname.lowercased()
        var candidates = [lower]
        if let short = lower.split(separator: ".").first.map(String.init), short != lower { candidates.append(short) }
        for name in candidates {
            do {
                return try await nodes.get(name)
            } catch let error as KubeError where error.isNotFound {
                continue
            }
        }
        let prefix = lower + "."
        return try await nodes.list().items.first { ($0["metadata"]?["name"]?.stringValue ?? "").hasPrefix(prefix) }
    }
}
