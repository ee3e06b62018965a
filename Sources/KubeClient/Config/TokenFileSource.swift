import Foundation
import Synchronization

/// A bearer token read from a file, re-read at most every `refreshInterval` so rotated
/// (projected service-account) tokens are used; a failed re-read keeps the last good token.
public final class TokenFileSource: Sendable {
    public let path: String
    public let refreshInterval: Duration
    private struct Cached {
        var token: String?
        var readAt: ContinuousClock.Instant?
    }
    private let cached = Mutex(Cached())

    public init(path: String, refreshInterval: Duration = .seconds(60)) {
        self.path = path
        self.refreshInterval = refreshInterval
    }

    /// The current token, or nil when the file has never been readable.
    public func token(now: ContinuousClock.Instant = .now) -> String? {
        cached.withLock { cached in
            if let readAt = cached.readAt, readAt.duration(to: now) < refreshInterval, cached.token != nil {
                return cached.token
            }
            cached.readAt = now
            if let data = FileManager.default.contents(atPath: path) {
                let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !token.isEmpty { cached.token = token }
            }
            return cached.token
        }
    }
}
