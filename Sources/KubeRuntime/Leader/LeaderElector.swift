import Foundation
import KubeClient
import KubeCore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Thrown from `LeaderElector.run()` when leadership is lost, so the `ServiceGroup` cancels every
/// controller at once.
public struct LeaderElectionLost: Error, Sendable, CustomStringConvertible {
    public var identity: String
    public var description: String { "leader election lost by \(identity)" }
}

/// Lease leader election as a `Service`. Controllers wait on `waitUntilElected()`; losing the lease
/// throws `LeaderElectionLost` from `run()`; graceful shutdown releases the lease.
public final class LeaderElector<C: Clock>: Service, Sendable where C.Duration == Duration {
    public let leaseName: String
    public let namespace: String
    public let configuration: LeaderElectionStateMachine.Configuration
    private let api: Api<Lease>
    private let clock: C
    private let logger: Logger
    private let wallClock: @Sendable () -> Date
    private struct Shared {
        var machine: LeaderElectionStateMachine
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var nextID = 0
    }
    private let shared: Mutex<Shared>
    private let status: Gauge

    public init(
        client: KubeClient, leaseName: String, namespace: String,
        configuration: LeaderElectionStateMachine.Configuration = .init(identity: LeaderElectionStateMachine.Configuration.defaultIdentity()),
        clock: C, wallClock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "leader-election")
    ) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.configuration = configuration
        self.api = client.api(Lease.self, namespace: namespace)
        self.clock = clock
        self.wallClock = wallClock
        self.logger = logger
        self.shared = Mutex(Shared(machine: LeaderElectionStateMachine(configuration: configuration)))
        self.status = Gauge(label: "leader_election_master_status", dimensions: [("name", leaseName)])
    }

    /// Whether this process currently holds the lease.
    public var isLeader: Bool { shared.withLock { $0.machine.isLeader } }

    /// Returns once this process is leader; throws `CancellationError` if cancelled first.
    public func waitUntilElected() async throws {
        let id = shared.withLock { shared -> Int in
            shared.nextID += 1
            return shared.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Bool? = shared.withLock { shared in
                    if shared.machine.isLeader { return true }
                    if Task.isCancelled { return false }
                    shared.waiters[id] = continuation
                    return nil
                }
                switch outcome {
                case true?: continuation.resume()
                case false?: continuation.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            shared.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    public func run() async throws {
        status.record(0)
        let start = clock.now
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await self.attempt(now: start.duration(to: self.clock.now))
                    try await self.clock.sleep(for: self.configuration.retryPeriod)
                }
            }
        } catch let error as LeaderElectionLost {
            status.record(0)
            throw error
        } catch {
            // Graceful shutdown or cancellation: release the lease so a successor need not wait it out.
        }
        await release()
        status.record(0)
    }

    /// One acquire/renew round.
    func attempt(now: Duration) async throws {
        let wall = wallClock()
        var current: Lease?
        do {
            current = try await api.get(leaseName)
        } catch let error as KubeError where error.isNotFound {
            current = nil
        } catch {
            try failed(now: now, error: error)
            return
        }
        let (action, wasLeader) = shared.withLock { shared in
            let wasLeader = shared.machine.isLeader
            return (shared.machine.decide(current: current?.spec, exists: current != nil, now: now, wallClock: wall), wasLeader)
        }
        do {
            let written: Lease.Spec
            switch action {
            case .wait:
                if wasLeader {
                    logger.error("lease taken by \(current?.spec?.holderIdentity ?? "another holder")")
                    throw LeaderElectionLost(identity: configuration.identity)
                }
                return
            case .create(let spec):
                _ = try await api.create(Lease(metadata: ObjectMeta(name: leaseName, namespace: namespace), spec: spec))
                written = spec
            case .update(let spec):
                guard var lease = current else { return }
                lease.spec = spec
                _ = try await api.update(lease)
                written = spec
            }
            let waiters = shared.withLock { shared -> [CheckedContinuation<Void, any Error>] in
                guard shared.machine.writeSucceeded(written, now: now) else { return [] }
                defer { shared.waiters = [:] }
                return Array(shared.waiters.values)
            }
            if !waiters.isEmpty || !wasLeader {
                logger.info("acquired lease \(namespace)/\(leaseName)", metadata: ["identity": "\(configuration.identity)"])
                status.record(1)
            }
            for waiter in waiters { waiter.resume() }
        } catch let error as LeaderElectionLost {
            throw error
        } catch {
            try failed(now: now, error: error)
        }
    }

    private func failed(now: Duration, error: any Error) throws {
        if error is CancellationError { throw error }
        let lost = shared.withLock { $0.machine.attemptFailed(now: now) }
        logger.warning("lease round failed", metadata: ["error": "\(error)"])
        if lost { throw LeaderElectionLost(identity: configuration.identity) }
    }

    private func release() async {
        guard let spec = shared.withLock({ $0.machine.releaseSpec(wallClock: wallClock()) }) else { return }
        do {
            var lease = try await api.get(leaseName)
            guard lease.spec?.holderIdentity == configuration.identity else { return }
            lease.spec = spec
            _ = try await api.update(lease)
            logger.info("released lease \(namespace)/\(leaseName)")
        } catch {
            logger.warning("failed to release lease", metadata: ["error": "\(error)"])
        }
    }
}

extension LeaderElector where C == ContinuousClock {
    /// An elector on the continuous clock.
    public convenience init(
        client: KubeClient, leaseName: String, namespace: String,
        configuration: LeaderElectionStateMachine.Configuration = .init(identity: LeaderElectionStateMachine.Configuration.defaultIdentity()),
        logger: Logger = Logger(label: "leader-election")
    ) {
        self.init(client: client, leaseName: leaseName, namespace: namespace, configuration: configuration, clock: ContinuousClock(), logger: logger)
    }
}
