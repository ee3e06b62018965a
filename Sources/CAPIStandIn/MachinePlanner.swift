import ClusterAPI
import KubeCore

/// Decides a Machine's next step from its facts (pure; see ``MachineStep``).
public enum MachinePlanner {
    public static func nextStep(_ facts: MachineFacts) -> MachineStep {
        let machine = facts.machine
        if isPaused(cluster: facts.cluster, object: machine.metadata) { return .paused }
        if machine.metadata.isDeleting { return deletionStep(facts) }
        guard let cluster = facts.cluster else { return .waitForCluster(name: machine.spec.clusterName) }
        if let patch = MachineMetadata.patch(machine: machine, cluster: cluster) { return .ensureMetadata(patch) }

        if let infrastructure = facts.infrastructure, !infrastructure.isDeleting,
            let patch = MetadataPatch.claiming(
                infrastructure.metadata, owner: machine.ownerReference(controller: true), clusterName: machine.spec.clusterName)
        {
            return .claimInfrastructure(name: infrastructure.name, patch: patch)
        }
        // A bootstrap provider produces data only once the cluster's infrastructure is provisioned.
        if machine.bootstrapDataSecretName == nil, cluster.infrastructureProvisioned {
            if facts.bootstrapSecret == .absent { return .createBootstrapSecret }
            return .setBootstrapDataSecretName(StandInNames.bootstrapSecretName(machine: machine.metadata.name ?? ""))
        }
        if let providerID = facts.infrastructure?.contract.providerID, machine.spec.providerID != providerID {
            return .setProviderID(providerID)
        }
        let status = desiredStatus(facts)
        if !status.isReflected(in: machine.status) { return .updateStatus(status) }
        if let contract = facts.infrastructure?.contract, contract.provisioned, facts.workloadConfigured,
            facts.existingNode == nil
        {
            guard let name = NodeName.forHostname(contract.hostname) else { return .unusableHostname(contract.hostname) }
            return .registerNode(name: name)
        }
        if facts.infrastructureReferenced, facts.infrastructure == nil,
            let name = machine.spec.infrastructureRef?.name
        {
            return .waitForInfrastructure(name: name)
        }
        return .done
    }

    /// The status fields as they should be; flags, addresses and the Node reference are never cleared.
    public static func desiredStatus(_ facts: MachineFacts) -> MachineStatusUpdate {
        let machine = facts.machine
        let current = machine.status
        let infrastructureProvisioned =
            (current?.initialization?.infrastructureProvisioned ?? false) || (facts.infrastructure?.contract.provisioned ?? false)
        let bootstrapDataSecretCreated =
            (current?.initialization?.bootstrapDataSecretCreated ?? false) || machine.bootstrapDataSecretName != nil
        let observedAddresses = facts.infrastructure?.contract.addresses ?? []
        let addresses = observedAddresses.isEmpty ? (current?.addresses ?? []) : observedAddresses
        let nodeName = facts.existingNode ?? current?.nodeRef?.name
        let phase = MachinePhase.of(
            deleting: machine.metadata.isDeleting, bootstrapDataSecretNamed: machine.bootstrapDataSecretName != nil,
            infrastructureProvisioned: infrastructureProvisioned, hasNodeRef: nodeName != nil)
        return MachineStatusUpdate(
            infrastructureProvisioned: infrastructureProvisioned, bootstrapDataSecretCreated: bootstrapDataSecretCreated,
            addresses: addresses, nodeName: nodeName, phase: phase)
    }

    /// Cluster API's order: the infrastructure machine first, then the Node, then the finalizer.
    static func deletionStep(_ facts: MachineFacts) -> MachineStep {
        let machine = facts.machine
        guard machine.metadata.hasFinalizer(StandInNames.machineFinalizer) else { return .done }
        let status = desiredStatus(facts)
        if !status.isReflected(in: machine.status) { return .updateStatus(status) }
        if let infrastructure = facts.infrastructure {
            return infrastructure.isDeleting
                ? .waitForInfrastructureDeletion(name: infrastructure.name) : .deleteInfrastructure(name: infrastructure.name)
        }
        if let node = facts.existingNode { return .deleteNode(name: node) }
        if facts.bootstrapSecret == .createdByStandIn { return .deleteBootstrapSecret }
        if let patch = MetadataPatch.removingFinalizer(StandInNames.machineFinalizer, from: machine.metadata) {
            return .removeFinalizer(patch)
        }
        return .done
    }
}
