import KubeCore
import MaasProvider
import Synchronization
import Testing

/// The credentials Secret read cache: one read per TTL, absence cached too, failures not cached.
struct SecretReadCacheTests {
    final class Reads: Sendable {
        let count = Mutex(0)
        let clock = Mutex(Duration.zero)
        func read(_ value: MaasCredentialSecret?) -> @Sendable () async throws(MaasConnectionError) -> MaasCredentialSecret? {
            { () async throws(MaasConnectionError) in
                self.count.withLock { $0 += 1 }
                return value
            }
        }
    }

    static let key = ObjectKey(namespace: "capmaas-system", name: "creds")
    static let secret = MaasCredentialSecret(key: key, data: ["MAAS_ENDPOINT": "eA==", "MAAS_API_KEY": "eTp6Onc="])

    @Test func readsOncePerTTLAndAgainAfterIt() async throws {
        let reads = Reads()
        let cache = SecretReadCache(ttl: .seconds(10), uptime: { reads.clock.withLock { $0 } })
        for _ in 0..<5 { #expect(try await cache.value(for: Self.key, read: reads.read(Self.secret)) == Self.secret) }
        #expect(reads.count.withLock { $0 } == 1)
        reads.clock.withLock { $0 = .seconds(9) }
        _ = try await cache.value(for: Self.key, read: reads.read(Self.secret))
        #expect(reads.count.withLock { $0 } == 1)
        reads.clock.withLock { $0 = .seconds(10) }
        #expect(try await cache.value(for: Self.key, read: reads.read(nil)) == nil)
        #expect(reads.count.withLock { $0 } == 2)
        // Absence is cached as well.
        #expect(try await cache.value(for: Self.key, read: reads.read(Self.secret)) == nil)
        #expect(reads.count.withLock { $0 } == 2)
        await cache.remove(Self.key)
        #expect(try await cache.value(for: Self.key, read: reads.read(Self.secret)) == Self.secret)
        #expect(reads.count.withLock { $0 } == 3)
    }

    @Test func failuresAreNotCachedAndZeroTTLAlwaysReads() async throws {
        let reads = Reads()
        let cache = SecretReadCache(ttl: .seconds(10), uptime: { .zero })
        await #expect(throws: MaasConnectionError.missingCredentials("boom")) {
            try await cache.value(for: Self.key) { () async throws(MaasConnectionError) -> MaasCredentialSecret? in
                throw .missingCredentials("boom")
            }
        }
        #expect(try await cache.value(for: Self.key, read: reads.read(Self.secret)) == Self.secret)
        #expect(reads.count.withLock { $0 } == 1)

        let uncached = SecretReadCache(ttl: .zero, uptime: { .zero })
        for _ in 0..<3 { _ = try await uncached.value(for: Self.key, read: reads.read(Self.secret)) }
        #expect(reads.count.withLock { $0 } == 4)
    }
}
