import KubeCore
/// Condition reasons (CamelCase, machine readable). Upstream names are kept; the new ones give specific errors.
public enum MaasConditionReasons {
    // MARK: MachineDeployed (upstream)
    public static let waitingForClusterInfrastructure = "WaitingForClusterInfrastructure"
    public static let waitingForBootstrapData = "WaitingForBootstrapData"
    public static let machineDeployStarted = "MachineDeployStarted"
    public static let machineDeploying = "MachineDeploying"
    public static let machineDeployFailed = "MachineDeployFailed"
    public static let machineNotFound = "MachineNotFound"
    public static let machineTerminated = "MachineTerminated"
    public static let machinePoweredOff = "MachinePoweredOff"
    public static let machineStateUndefined = "MachineStateUndefined"
    public static let machineDeployed = "MachineDeployed"
    public static let deleted = "Deleted"

    // MARK: MachineDeployed (new)
    /// Waiting for Cluster API to set the owner Machine reference.
    public static let waitingForMachineOwner = "WaitingForMachineOwner"
    /// MAAS has no machine matching cpu/memory/tags/zone/pool right now (allocate 409).
    public static let insufficientCapacity = "InsufficientCapacity"
    /// MAAS rejected the request (400: unknown tag, zone or pool...); no retry until the spec changes.
    public static let invalidMachineSpec = "InvalidMachineSpec"
    /// MAAS could not be reached or answered 5xx; retried with backoff.
    public static let maasUnreachable = "MaasUnreachable"
    /// MAAS rejected the API key (401) or no credentials are configured.
    public static let maasCredentialsInvalid = "MaasCredentialsInvalid"
    /// The MAAS user lacks permission for the operation (403).
    public static let maasPermissionDenied = "MaasPermissionDenied"
    /// The machine is allocated; deployment comes next.
    public static let machineAllocated = "MachineAllocated"
    /// MAAS is powering the deployed machine on.
    public static let machinePoweringOn = "MachinePoweringOn"
    /// The machine is being released (deletion, or replacement after a failed deployment).
    public static let machineReleasing = "MachineReleasing"
    /// The machine was broken or failed to deploy; it is released and another is allocated after a backoff.
    public static let machineReplacing = "MachineReplacing"
    /// The provider ID in the spec cannot be parsed.
    public static let invalidProviderID = "InvalidProviderID"
    /// The bootstrap data Secret exists but has no usable `value`.
    public static let invalidBootstrapData = "InvalidBootstrapData"
    /// MAAS refused an operation because the machine is in the wrong state (409).
    public static let maasStateConflict = "MaasStateConflict"

    // MARK: DNSAttached
    public static let dnsAttachPending = "DNSAttachPending"
    public static let dnsDetachPending = "DNSDetachPending"
    public static let dnsAttached = "DNSAttached"
    /// The machine is not running and its IP is not in the record.
    public static let dnsDetached = "DNSDetached"

    // MARK: LoadBalancerReady
    public static let loadBalancerFailed = "LoadBalancerFailed"
    public static let waitForDNSName = "WaitForDNSName"
    public static let loadBalancerReady = "LoadBalancerReady"
    /// `Cluster.spec.controlPlaneEndpoint.host` is set: no MAAS DNS is managed.
    public static let customEndpoint = "CustomEndpoint"

    // MARK: APIServerAvailable
    public static let apiServerNotReady = "APIServerNotReady"
    public static let apiServerAvailable = "APIServerAvailable"

    // MARK: Paused
    public static let paused = "Paused"
    public static let notPaused = "NotPaused"
}
