/// `Machine.status.phase`, computed as Cluster API core's machine `reconcilePhase` does.
public enum MachinePhase: String, Sendable, Hashable, CaseIterable {
    case pending = "Pending"
    case provisioning = "Provisioning"
    case provisioned = "Provisioned"
    case running = "Running"
    case deleting = "Deleting"

    /// Deleting once deletion is requested; Running once the Node is referenced; Provisioned once the bootstrap
    /// data exists and the infrastructure is provisioned; Provisioning once the bootstrap data Secret is named;
    /// Pending otherwise.
    public static func of(
        deleting: Bool, bootstrapDataSecretNamed: Bool, infrastructureProvisioned: Bool, hasNodeRef: Bool
    ) -> MachinePhase {
        if deleting { return .deleting }
        if hasNodeRef { return .running }
        if bootstrapDataSecretNamed && infrastructureProvisioned { return .provisioned }
        if bootstrapDataSecretNamed { return .provisioning }
        return .pending
    }
}
