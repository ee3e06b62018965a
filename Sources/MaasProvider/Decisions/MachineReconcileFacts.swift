import KubeCore
import ClusterAPI

/// What a MaasMachine reconcile knows so far; the reconciler fills it in as it executes steps.
public struct MachineReconcileFacts: Hashable, Sendable {
    /// `Cluster.status.initialization.infrastructureProvisioned`.
    public var clusterInfrastructureProvisioned: Bool
    /// `Machine.spec.bootstrap.dataSecretName` (nil until the bootstrap provider wrote it).
    public var bootstrapDataSecretName: String?
    /// The persisted `spec.providerID`.
    public var providerID: ProviderID?
    /// With a provider ID: the machine by system ID. Without: the machine chosen by ``AdoptionChoice`` from the
    /// `agent_name` search, or the one just allocated (not yet persisted).
    public var machine: MaasLookup
    /// Whether `machine` is known to carry this MaasMachine's `agent_name`: true once allocated or adopted by
    /// agent name in this pass, or confirmed by ``MachineReconcileStep/confirmOwnership(systemID:agentName:)``;
    /// false when that search did not list it; nil when not asked.
    public var ownershipConfirmed: Bool?
    /// The allocation to make when nothing can be adopted.
    public var allocation: AllocationRequest
    /// What MAAS may hold beyond `spec.providerID` (from the object's annotation; updated as the pass writes it).
    public var ledger: AllocationLedger
    /// Set once this pass wrote ``AllocationLedger/unsettled`` itself (from a settled ledger): no allocate of an
    /// earlier pass is outstanding, so the allocation needs no agent-name search and, once recorded, settles it.
    public var ledgerMarkedThisPass: Bool
    /// The workload annotations the machine must carry.
    public var workloadAnnotations: [String: String]
    /// Set by the reconciler once it wrote the workload annotations in this pass (MAAS may not echo them).
    public var workloadAnnotationsApplied: Bool
    /// `--disable-swap`: set `swap_size=0` before deploy (upstream always did; issue #85 asks to skip it).
    public var disableSwap: Bool
    /// Set by the reconciler once it disabled swap in this pass.
    public var swapDisabled: Bool
    /// The image and in-memory flag to deploy with.
    public var image: MaasImage
    public var deployInMemory: Bool
    /// `status.initialization.provisioned`.
    public var previouslyProvisioned: Bool
    /// `status.failedAttempts`.
    public var failedAttempts: Int
    /// Time left until `status.retryAfter` (nil or zero: no backoff pending); gates allocation after failures.
    public var retryBackoffRemaining: Duration?

    public init(
        clusterInfrastructureProvisioned: Bool, bootstrapDataSecretName: String?, providerID: ProviderID?,
        machine: MaasLookup = .notLookedUp, ownershipConfirmed: Bool? = nil, allocation: AllocationRequest, ledger: AllocationLedger = .unsettled, ledgerMarkedThisPass: Bool = false,
        workloadAnnotations: [String: String],
        workloadAnnotationsApplied: Bool = false, disableSwap: Bool = false, swapDisabled: Bool = false,
        image: MaasImage, deployInMemory: Bool = false, previouslyProvisioned: Bool = false, failedAttempts: Int = 0,
        retryBackoffRemaining: Duration? = nil
    ) {
        self.clusterInfrastructureProvisioned = clusterInfrastructureProvisioned
        self.bootstrapDataSecretName = bootstrapDataSecretName
        self.providerID = providerID
        self.machine = machine
        self.ownershipConfirmed = ownershipConfirmed
        self.allocation = allocation
        self.ledger = ledger
        self.ledgerMarkedThisPass = ledgerMarkedThisPass
        self.workloadAnnotations = workloadAnnotations
        self.workloadAnnotationsApplied = workloadAnnotationsApplied
        self.disableSwap = disableSwap
        self.swapDisabled = swapDisabled
        self.image = image
        self.deployInMemory = deployInMemory
        self.previouslyProvisioned = previouslyProvisioned
        self.failedAttempts = failedAttempts
        self.retryBackoffRemaining = retryBackoffRemaining
    }
}
