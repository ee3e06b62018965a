import ArgumentParser
import CapmaasCommandSupport
import Foundation
import Logging
import MaasProvider
import MaasSimulator
import ServiceLifecycle
import UnixSignals

/// `capmaas-sandbox [playground]`: a zero-install playground — an embedded Kubernetes API server, a workload-cluster API
/// server, a MAAS simulator, a stand-in for Cluster API core and the capmaas controller, in one process.
struct PlaygroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playground",
        abstract: "Run the provider against an embedded Kubernetes API server and a MAAS simulator.",
        discussion: """
            Writes a kubeconfig so kubectl can drive the sandbox. With --example, applies a sample cluster
            (1 control plane + 2 workers) and shows the machines' progress until all are Ready.
            """)

    @Option(help: "Where to write the kubeconfig.") var kubeconfig = "./sandbox.kubeconfig"
    @Option(help: "Kubernetes API port (0 picks a free port).") var port = 0
    @Flag(help: "Serve plain HTTP instead of HTTPS (not for kubectl; tests only).") var insecureHttp = false
    @Option(help: "Directory of CRD YAML files to install (repeatable; default: ./crds and ./crds/capi-standin).")
    var crds: [String] = []
    @Option(help: "MAAS simulator port (0 picks a free port).") var maasPort = 0
    @Option(help: "MAAS simulator inventory YAML file.") var maasInventory: String?
    @Option(help: "Machines to generate when no inventory is given.") var machines = 8
    @Option(help: "MAAS transition timings: realistic (deploy 20 s) or instant.") var timings = "realistic"
    @Option(help: "How often the controller checks deploying machines in MAAS (e.g. 2s).") var maasPollInterval = "2s"
    @Flag(inversion: .prefixedNo, help: "Run the capmaas controller in-process (--no-controller to run your own manager).")
    var controller = true
    @Flag(help: "Apply the sample cluster and follow it until all machines are Ready.") var example = false
    @Option(help: "The sample cluster manifest for --example.") var exampleFile = "hack/examples/sandbox-cluster.yaml"
    @Option(help: ArgumentHelp(
        "A service account (namespace/name) whose requests are authorized by the RBAC objects stored in the sandbox; gets its own token and a kubeconfig <kubeconfig>.<ns>.<name> (repeatable).",
        valueName: "ns/name"))
    var rbacServiceAccount: [String] = []
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard SimulatorTimings(named: timings) != nil else {
            throw ValidationError("--timings must be 'realistic' or 'instant', not '\(timings)'")
        }
        guard (try? GoDuration.parse(maasPollInterval)) != nil else {
            throw ValidationError("--maas-poll-interval must be a duration such as 2s or 500ms, not '\(maasPollInterval)'")
        }
        if example, !FileManager.default.fileExists(atPath: exampleFile) {
            throw ValidationError("the example manifest \(exampleFile) does not exist; run from the repository root or pass --example-file")
        }
        for account in rbacServiceAccount where SandboxServiceAccount(parsing: account) == nil {
            throw ValidationError("--rbac-service-account must be namespace/name (DNS labels), not '\(account)'")
        }
        for directory in crds where !FileManager.default.fileExists(atPath: directory) {
            throw ValidationError("the CRD directory \(directory) does not exist")
        }
        if controller || example, crdDirectories.isEmpty {
            throw ValidationError(
                "no CRDs to install: run from the repository root (./crds), pass --crds DIR, or use --no-controller")
        }
    }

    /// `--crds`, or the repository's `crds` and `crds/capi-standin` when run from its root.
    var crdDirectories: [String] {
        if !crds.isEmpty { return crds }
        return ["crds", "crds/capi-standin"].filter { FileManager.default.fileExists(atPath: $0) }
    }

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "capmaas.sandbox")
        let inventory: SimulatorInventory
        if let maasInventory {
            do { inventory = try SimulatorInventory.load(path: maasInventory) } catch {
                throw ValidationError("cannot load the MAAS inventory \(maasInventory): \(error)")
            }
        } else {
            inventory = .generated(machines: machines)
        }
        let options = SandboxOptions(
            kubeconfigPath: kubeconfig, port: port, insecureHTTP: insecureHttp, crdDirectories: crdDirectories,
            maasPort: maasPort, inventory: inventory, timings: SimulatorTimings(named: timings) ?? .realistic,
            runController: controller, exampleFile: example ? exampleFile : nil,
            pollInterval: (try? GoDuration.parse(maasPollInterval)) ?? .seconds(2),
            rbacServiceAccounts: rbacServiceAccount.compactMap { SandboxServiceAccount(parsing: $0) })
        let services = try SandboxServices(options: options, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: services.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
