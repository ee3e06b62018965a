import MaasSimulator

/// What `capmaas-sandbox` was asked to run (from its flags).
struct SandboxOptions: Sendable {
    var kubeconfigPath: String
    var port: Int
    var insecureHTTP: Bool
    /// CRD directories installed at start (provider CRDs and the Cluster API stand-in's).
    var crdDirectories: [String]
    var maasPort: Int
    var inventory: SimulatorInventory
    var timings: SimulatorTimings
    /// Run the provider's controller in-process (off when a separately started `capmaas manager` is tested).
    var runController: Bool
    /// A manifest applied after start-up whose machines are followed until Ready.
    var exampleFile: String?
    var pollInterval: Duration
    /// Service accounts authorized by the RBAC stored in the sandbox, each with its own token and kubeconfig.
    var rbacServiceAccounts: [SandboxServiceAccount] = []
}
