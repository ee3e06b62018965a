import ClusterAPI
import KubeCore

/// Decides a Cluster's next step from its facts (pure; see ``ClusterStep``).
public enum ClusterPlanner {
    public static func nextStep(_ facts: ClusterFacts) -> ClusterStep {
        let cluster = facts.cluster
        if isPaused(cluster: cluster, object: cluster.metadata) { return .paused }
        if cluster.metadata.isDeleting { return deletionStep(facts) }

        if let patch = MetadataPatch.addingFinalizer(StandInNames.clusterFinalizer, to: cluster.metadata) {
            return .addFinalizer(patch)
        }
        if let infrastructure = facts.infrastructure, !infrastructure.isDeleting,
            let patch = MetadataPatch.claiming(
                infrastructure.metadata, owner: cluster.ownerReference(controller: true), clusterName: cluster.metadata.name ?? "")
        {
            return .claimInfrastructure(name: infrastructure.name, patch: patch)
        }
        if !(cluster.spec?.controlPlaneEndpoint?.hasHost ?? false),
            let endpoint = facts.infrastructure?.contract.controlPlaneEndpoint
        {
            return .setControlPlaneEndpoint(endpoint)
        }
        let status = desiredStatus(facts)
        if needsUpdate(cluster.status, to: status) { return .updateStatus(status) }
        if status.controlPlaneInitialized, facts.workloadConfigured, facts.kubeconfigSecret == .absent {
            return .createKubeconfigSecret
        }
        if facts.infrastructureReferenced, facts.infrastructure == nil,
            let name = cluster.spec?.infrastructureRef?.name
        {
            return .waitForInfrastructure(name: name)
        }
        return .done
    }

    /// The status fields as they should be; initialization flags never go back to false.
    public static func desiredStatus(_ facts: ClusterFacts) -> ClusterStatusUpdate {
        let cluster = facts.cluster
        let infrastructureProvisioned =
            cluster.infrastructureProvisioned || (facts.infrastructure?.contract.provisioned ?? false)
        let controlPlaneInitialized = cluster.controlPlaneInitialized || facts.controlPlaneNodeReady
        let hasReferences = cluster.spec?.infrastructureRef?.name != nil || cluster.spec?.controlPlaneRef?.name != nil
        let phase = ClusterPhase.of(
            deleting: cluster.metadata.isDeleting, infrastructureProvisioned: infrastructureProvisioned,
            controlPlaneEndpoint: cluster.spec?.controlPlaneEndpoint, hasReferences: hasReferences)
        return ClusterStatusUpdate(
            infrastructureProvisioned: infrastructureProvisioned, controlPlaneInitialized: controlPlaneInitialized, phase: phase)
    }

    static func needsUpdate(_ current: ClusterStatus?, to desired: ClusterStatusUpdate) -> Bool {
        if current?.phase != desired.phase.rawValue { return true }
        if desired.infrastructureProvisioned && current?.initialization?.infrastructureProvisioned != true { return true }
        if desired.controlPlaneInitialized && current?.initialization?.controlPlaneInitialized != true { return true }
        return false
    }

    /// Cluster API's order: Machines first, then the infrastructure cluster, then the finalizer.
    static func deletionStep(_ facts: ClusterFacts) -> ClusterStep {
        let cluster = facts.cluster
        guard cluster.metadata.hasFinalizer(StandInNames.clusterFinalizer) else { return .done }
        let status = desiredStatus(facts)
        if needsUpdate(cluster.status, to: status) { return .updateStatus(status) }
        let notDeleting = facts.machines.filter { !$0.isDeleting }.map(\.name)
        if !notDeleting.isEmpty { return .deleteMachines(notDeleting) }
        if !facts.machines.isEmpty { return .waitForMachines(facts.machines.map(\.name)) }
        if let infrastructure = facts.infrastructure {
            return infrastructure.isDeleting
                ? .waitForInfrastructureDeletion(name: infrastructure.name) : .deleteInfrastructure(name: infrastructure.name)
        }
        if facts.kubeconfigSecret == .createdByStandIn { return .deleteKubeconfigSecret }
        if let patch = MetadataPatch.removingFinalizer(StandInNames.clusterFinalizer, from: cluster.metadata) {
            return .removeFinalizer(patch)
        }
        return .done
    }
}
