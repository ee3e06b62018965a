import ClusterAPI

/// `Cluster.status.phase`, computed as Cluster API core's `reconcilePhase` does.
public enum ClusterPhase: String, Sendable, Hashable, CaseIterable {
    case pending = "Pending"
    case provisioning = "Provisioning"
    case provisioned = "Provisioned"
    case deleting = "Deleting"

    /// The phase of a cluster: Deleting once deletion is requested; Provisioned once the infrastructure is
    /// provisioned and the control plane endpoint has a host and port; Provisioning once an infrastructure or
    /// control plane reference is set; Pending otherwise.
    public static func of(
        deleting: Bool, infrastructureProvisioned: Bool, controlPlaneEndpoint: APIEndpoint?, hasReferences: Bool
    ) -> ClusterPhase {
        if deleting { return .deleting }
        let endpointValid = (controlPlaneEndpoint?.hasHost ?? false) && (controlPlaneEndpoint?.port ?? 0) != 0
        if infrastructureProvisioned && endpointValid { return .provisioned }
        if hasReferences { return .provisioning }
        return .pending
    }
}
