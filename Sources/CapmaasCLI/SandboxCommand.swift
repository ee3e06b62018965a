import ArgumentParser
import Foundation
import KubeSandbox
import Logging
import ServiceLifecycle
import UnixSignals

/// `capmaas sandbox`: runs the embedded Kubernetes API server (later phases add the MAAS simulator and controller).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Run a local sandbox: an embedded Kubernetes API server kubectl can use.")

    @Option(help: "Where to write the kubeconfig.") var kubeconfig = "./sandbox.kubeconfig"
    @Option(help: "Port to listen on (0 picks a free port).") var port = 0
    @Flag(help: "Serve plain HTTP instead of HTTPS.") var insecureHttp = false
    @Option(help: "Directory of CRD YAML files to install at start (default: ./crds if it exists).") var crds: String?

    func run() async throws {
        var logger = Logger(label: "capmaas.sandbox")
        logger.logLevel = .info
        let services = try SandboxServices(
            configuration: SandboxConfiguration(port: port, useTLS: !insecureHttp), logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: services.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let handle = try await services.apiServer.handle()
            try handle.writeKubeconfig(to: kubeconfig)
            let crdDirectory = crds ?? (FileManager.default.fileExists(atPath: "crds") ? "crds" : nil)
            if let crdDirectory {
                let names = try handle.installCustomResourceDefinitions(fromDirectory: crdDirectory)
                Self.say("Installed CRDs from \(crdDirectory): \(names.joined(separator: ", "))")
            }
            Self.say("""
            Sandbox API server listening on \(handle.baseURL)
            Kubeconfig written to \(kubeconfig)

            Try:
              export KUBECONFIG=\(kubeconfig)
              kubectl version
              kubectl api-resources
              kubectl get namespaces
              kubectl apply -f <your CRDs and objects>
            Press Ctrl-C to stop.
            """)
            try await tasks.waitForAll()
        }
    }
}

extension SandboxCommand {
    /// Prints unbuffered, so scripts reading a redirected stdout see it at once.
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// The services `capmaas sandbox` runs; later phases add the MAAS simulator and the controller here.
struct SandboxServices {
    let apiServer: SandboxAPIServer
    var services: [any Service] { [apiServer] }

    init(configuration: SandboxConfiguration, logger: Logger) throws {
        apiServer = try SandboxAPIServer(configuration: configuration, logger: logger)
    }
}
