import Foundation
import KubeSandbox
import Logging
import MaasSimulator
import ServiceLifecycle

/// The long-running parts of `capmaas-sandbox`, in start order: the management API server, the workload
/// cluster's API server, the MAAS simulator, and (last, so it stops first) the controllers.
struct SandboxServices {
    let management: SandboxAPIServer
    let workload: SandboxAPIServer
    let maas: MaasSimulatorServer
    let maasPort: AsyncPort
    let controllers: SandboxControllers

    init(options: SandboxOptions, logger: Logger) throws {
        management = try SandboxAPIServer(
            configuration: SandboxConfiguration(
                port: options.port, useTLS: !options.insecureHTTP,
                rbacServiceAccountTokens: Dictionary(
                    options.rbacServiceAccounts.map { ($0.token, $0.userName) }, uniquingKeysWith: { first, _ in first })),
            logger: logger)
        workload = try SandboxAPIServer(
            configuration: SandboxConfiguration(port: 0, useTLS: !options.insecureHTTP),
            logger: Logger(label: "capmaas.sandbox.workload"))
        let maasPort = AsyncPort()
        self.maasPort = maasPort
        maas = MaasSimulatorServer(
            configuration: SimulatorConfiguration(
                port: options.maasPort, inventory: options.inventory, timings: options.timings),
            logger: Logger(label: "capmaas.sandbox.maas")
        ) { port in maasPort.set(port) }
        controllers = SandboxControllers(
            options: options, management: management, workload: workload, maas: maas, maasPort: maasPort, logger: logger)
    }

    var services: [any Service] { [management, workload, maas, controllers] }
}

/// A port learnt once a server is listening, awaited by whoever needs it.
final class AsyncPort: Sendable {
    private let stream: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1)) }

    func set(_ port: Int) { continuation.yield(port) }

    /// The port, once known; throws `CancellationError` if the task is cancelled first.
    func value() async throws -> Int {
        for await port in stream { return port }
        throw CancellationError()
    }
}
