import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The MAAS region API simulator as a long-running `Service` (used by `capmaas-sandbox`).
public struct MaasSimulatorServer: Service {
    public let configuration: SimulatorConfiguration
    let store: SimulatorStore
    let logger: Logger
    let onRunning: @Sendable (Int) async -> Void

    /// - Parameter onRunning: called with the bound port once the server listens.
    public init(
        configuration: SimulatorConfiguration, logger: Logger = Logger(label: "maas-sim"),
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.store = SimulatorStore(configuration: configuration)
        self.logger = logger
        self.onRunning = onRunning
    }

    /// The keys this server accepts.
    public var keys: SimulatorKeys { configuration.keys }

    /// A handle for a server listening on `port`.
    public func handle(port: Int) -> SimulatorHandle {
        SimulatorHandle(
            baseURL: "http://\(configuration.host):\(port)/MAAS", adminKey: configuration.keys.admin.description,
            userKey: configuration.keys.user.description, store: store)
    }

    public func run() async throws {
        let app = Application(
            responder: SimulatorResponder(store: store),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { [onRunning] channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await app.run()
            } onGracefulShutdown: { [store] in
                store.markStopping()
            }
        } onCancel: { [store] in
            store.markStopping()
        }
    }
}
