import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KubeCore
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The sandbox kube-apiserver as a long-running `Service` (used by `capmaas-sandbox`).
/// `handle()` waits until it listens and returns how to reach it.
public final class SandboxAPIServer: Service, Sendable {
    private let configuration: SandboxConfiguration
    private let logger: Logger
    private let certificates: SandboxCertificates?
    let store: ObjectStore
    let controls: SandboxControls
    private let ready = Mutex<(port: Int?, waiters: [CheckedContinuation<Int, any Error>])>((nil, []))

    public init(configuration: SandboxConfiguration = .init(), logger: Logger = Logger(label: "capmaas.sandbox")) throws {
        self.configuration = configuration
        self.logger = logger
        self.certificates = configuration.useTLS ? try SandboxCertificates.generate() : nil
        self.store = ObjectStore(historyLimit: configuration.watchHistoryLimit)
        self.controls = SandboxControls(faults: configuration.faults)
    }

    public func run() async throws {
        let responder = APIResponder(store: store, controls: controls, adminToken: configuration.token,
                                     rbacTokens: configuration.rbacServiceAccountTokens, bookmarkInterval: configuration.bookmarkInterval)
        let server: HTTPServerBuilder
        if let certificates {
            var tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificates.serverCertificatePEM.utf8), format: .pem))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(certificates.serverKeyPEM.utf8), format: .pem)))
            // Closing a connection otherwise waits up to 5 s for the client's close_notify, which delays shutdown.
            tls.shutdownTimeout = .milliseconds(100)
            server = try .tls(.http1(), tlsConfiguration: tls)
        } else {
            server = .http1()
        }
        var quiet = logger
        quiet.logLevel = min(logger.logLevel, .warning) == .warning ? .warning : logger.logLevel
        let app = Application(
            responder: responder, server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "capmaas-sandbox"),
            onServerRunning: { [weak self] channel in self?.markReady(port: channel.localAddress?.port ?? 0) },
            logger: quiet)
        let store = self.store
        do {
            // Hummingbird's graceful shutdown waits for open connections; watch streams must end for that to happen.
            try await withGracefulShutdownHandler {
                try await app.run()
            } onGracefulShutdown: {
                store.endAllWatches()
            }
        } catch {
            failWaiters(error)
            throw error
        }
        failWaiters(CancellationError())
    }

    private func markReady(port: Int) {
        let waiters = ready.withLock { state in
            state.port = port
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    private func failWaiters(_ error: any Error) {
        let waiters = ready.withLock { state in
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// Waits until the server listens, then returns its handle.
    public func handle() async throws -> SandboxHandle {
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            let known = ready.withLock { state -> Int? in
                if let port = state.port { return port }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
        let scheme = configuration.useTLS ? "https" : "http"
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return SandboxHandle(baseURL: "\(scheme)://\(host):\(port)", token: configuration.token,
                             caCertificatePEM: certificates?.caCertificatePEM, server: self)
    }
}
