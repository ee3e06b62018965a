/// One MAAS API key, `consumer_key:token_key:token_secret`, and the user it belongs to.
public struct SimulatorAPIKey: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var consumerKey: String
    public var tokenKey: String
    public var tokenSecret: String
    public var isAdmin: Bool

    public init(username: String, consumerKey: String, tokenKey: String, tokenSecret: String, isAdmin: Bool) {
        self.username = username
        self.consumerKey = consumerKey
        self.tokenKey = tokenKey
        self.tokenSecret = tokenSecret
        self.isAdmin = isAdmin
    }

    /// Parses `consumer:token:secret`.
    public init?(_ key: String, username: String, isAdmin: Bool) {
        let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(username: username, consumerKey: parts[0], tokenKey: parts[1], tokenSecret: parts[2], isAdmin: isAdmin)
    }

    /// A random key with MAAS's lengths (18, 18, 32).
    public static func generate(username: String, isAdmin: Bool) -> SimulatorAPIKey {
        SimulatorAPIKey(
            username: username, consumerKey: randomToken(18), tokenKey: randomToken(18), tokenSecret: randomToken(32),
            isAdmin: isAdmin)
    }

    /// `consumer:token:secret`; this is a secret, never log it.
    public var description: String { "\(consumerKey):\(tokenKey):\(tokenSecret)" }

    static func randomToken(_ length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }
}

/// The admin key and the non-admin user key the simulator accepts.
public struct SimulatorKeys: Sendable, Equatable {
    public var admin: SimulatorAPIKey
    public var user: SimulatorAPIKey

    public init(admin: SimulatorAPIKey, user: SimulatorAPIKey) {
        self.admin = admin
        self.user = user
    }

    /// Fresh random keys for users `admin` and `user`.
    public static func generate() -> SimulatorKeys {
        SimulatorKeys(admin: .generate(username: "admin", isAdmin: true), user: .generate(username: "user", isAdmin: false))
    }

    var all: [SimulatorAPIKey] { [admin, user] }
}
