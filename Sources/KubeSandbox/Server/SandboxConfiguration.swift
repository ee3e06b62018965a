import Foundation

/// How a sandbox API server is started.
public struct SandboxConfiguration: Sendable {
    /// Address to bind; always loopback.
    public var host: String
    /// TCP port; 0 picks a free port.
    public var port: Int
    /// Serve HTTPS with a CA generated at start (default). Plain HTTP only when false.
    public var useTLS: Bool
    /// The admin bearer token (bypasses RBAC).
    public var token: String
    /// Fault injection knobs (also changeable at runtime through the handle or `POST /sandbox/v1/faults`).
    public var faults: SandboxFaults
    /// Tokens whose requests are authorized against stored RBAC objects: token → `system:serviceaccount:<ns>:<name>`.
    public var rbacServiceAccountTokens: [String: String]
    /// Number of watch events kept for watches from an older resourceVersion.
    public var watchHistoryLimit: Int
    /// Interval of periodic BOOKMARK events on watches with `allowWatchBookmarks=true`.
    public var bookmarkInterval: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 0, useTLS: Bool = true, token: String = SandboxConfiguration.randomToken(),
        faults: SandboxFaults = .init(), rbacServiceAccountTokens: [String: String] = [:],
        watchHistoryLimit: Int = 10_000, bookmarkInterval: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.useTLS = useTLS
        self.token = token
        self.faults = faults
        self.rbacServiceAccountTokens = rbacServiceAccountTokens
        self.watchHistoryLimit = watchHistoryLimit
        self.bookmarkInterval = bookmarkInterval
    }

    /// A random 32-hex-character token.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Fault injection for tests. All fields are optional; the default injects nothing.
public struct SandboxFaults: Sendable, Codable, Equatable {
    /// Close every watch stream after this many seconds.
    public var cutWatchesEverySeconds: Double?
    /// Answer the next N watch requests with a 410 Expired ERROR event.
    public var expireNextWatches: Int
    /// Fraction (0...1) of writes failed with 409 Conflict.
    public var conflictWriteFraction: Double
    /// Fraction (0...1) of writes failed with 500 InternalError.
    public var serverErrorWriteFraction: Double
    /// Latency added to every API request, in milliseconds.
    public var addedLatencyMilliseconds: Int

    public init(
        cutWatchesEverySeconds: Double? = nil, expireNextWatches: Int = 0, conflictWriteFraction: Double = 0,
        serverErrorWriteFraction: Double = 0, addedLatencyMilliseconds: Int = 0
    ) {
        self.cutWatchesEverySeconds = cutWatchesEverySeconds
        self.expireNextWatches = expireNextWatches
        self.conflictWriteFraction = conflictWriteFraction
        self.serverErrorWriteFraction = serverErrorWriteFraction
        self.addedLatencyMilliseconds = addedLatencyMilliseconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cutWatchesEverySeconds = try c.decodeIfPresent(Double.self, forKey: .cutWatchesEverySeconds)
        expireNextWatches = try c.decodeIfPresent(Int.self, forKey: .expireNextWatches) ?? 0
        conflictWriteFraction = try c.decodeIfPresent(Double.self, forKey: .conflictWriteFraction) ?? 0
        serverErrorWriteFraction = try c.decodeIfPresent(Double.self, forKey: .serverErrorWriteFraction) ?? 0
        addedLatencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .addedLatencyMilliseconds) ?? 0
    }
}
