import KubeCore

/// Secret reads (or their absence) remembered for a TTL, keyed by Secret; concurrent misses for one key share a
/// single read, and a failed read is not remembered.
public actor SecretReadCache {
    private struct Entry {
        var secret: MaasCredentialSecret?
        var readAt: Duration
    }

    private let ttl: Duration
    private let uptime: @Sendable () -> Duration
    private var entries: [ObjectKey: Entry] = [:]
    private var inFlight: [ObjectKey: Task<Result<MaasCredentialSecret?, MaasConnectionError>, Never>] = [:]

    /// Monotonic time since the first call in this process.
    public static let processUptime: @Sendable () -> Duration = {
        let start = ContinuousClock.now
        return { start.duration(to: .now) }
    }()

    public init(ttl: Duration, uptime: @escaping @Sendable () -> Duration) {
        self.ttl = ttl
        self.uptime = uptime
    }

    /// The cached value of `key` when younger than the TTL, else the result of `read` (remembered on success).
    public func value(
        for key: ObjectKey, read: @escaping @Sendable () async throws(MaasConnectionError) -> MaasCredentialSecret?
    ) async throws(MaasConnectionError) -> MaasCredentialSecret? {
        if ttl > .zero, let entry = entries[key], uptime() - entry.readAt < ttl { return entry.secret }
        let task: Task<Result<MaasCredentialSecret?, MaasConnectionError>, Never>
        if let running = inFlight[key] {
            task = running
        } else {
            task = Task {
                do throws(MaasConnectionError) { return .success(try await read()) } catch { return .failure(error) }
            }
            inFlight[key] = task
        }
        let result = await task.value
        if inFlight[key] == task {
            inFlight[key] = nil
            if case .success(let secret) = result { entries[key] = Entry(secret: secret, readAt: uptime()) }
        }
        return try result.get()
    }

    /// Forgets the remembered read of `key`.
    public func remove(_ key: ObjectKey) { entries[key] = nil }
}
