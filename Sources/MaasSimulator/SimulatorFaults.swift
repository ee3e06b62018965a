/// A kind of injected failure.
public enum FaultKind: String, Sendable, Codable, CaseIterable {
    /// 500 `text/plain`.
    case serverError
    /// 503 with `Retry-After: 10`.
    case unavailable
    /// 409 with `Retry-After: 5` (MAAS's DB serialization failure).
    case conflictRetry
    /// Holds the request for `SimulatorFaults.timeoutHold` before answering 504.
    case timeout
    /// Closes the connection without a response.
    case reset
    /// 200 `application/json` with a truncated, unparseable body (a broken proxy or MAAS bug).
    case malformedJSON
}

/// Fault injection settings; also the JSON body of `POST /_sim/faults`.
public struct SimulatorFaults: Sendable, Codable, Equatable {
    /// Fraction (0…1) of API requests that fail with one of `kinds`.
    public var rate: Double
    /// Kinds picked at random for `rate`.
    public var kinds: [FaultKind]
    /// Failures applied, in order, to the next API requests (deterministic; for tests).
    public var next: [FaultKind]
    /// Latency added to every API request, in milliseconds.
    public var latencyMilliseconds: Int
    /// How long a `timeout` fault holds the request, in milliseconds.
    public var timeoutHoldMilliseconds: Int
    /// "MAAS down": every API request gets 503 (or a reset if `downResets`).
    public var down: Bool
    /// While down, close connections instead of answering 503.
    public var downResets: Bool

    public init(
        rate: Double = 0, kinds: [FaultKind] = [.serverError, .unavailable, .conflictRetry], next: [FaultKind] = [],
        latencyMilliseconds: Int = 0, timeoutHoldMilliseconds: Int = 30_000, down: Bool = false, downResets: Bool = false
    ) {
        self.rate = rate
        self.kinds = kinds
        self.next = next
        self.latencyMilliseconds = latencyMilliseconds
        self.timeoutHoldMilliseconds = timeoutHoldMilliseconds
        self.down = down
        self.downResets = downResets
    }

    /// No faults.
    public static let none = SimulatorFaults()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SimulatorFaults()
        rate = try c.decodeIfPresent(Double.self, forKey: .rate) ?? d.rate
        kinds = try c.decodeIfPresent([FaultKind].self, forKey: .kinds) ?? d.kinds
        next = try c.decodeIfPresent([FaultKind].self, forKey: .next) ?? d.next
        latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? d.latencyMilliseconds
        timeoutHoldMilliseconds = try c.decodeIfPresent(Int.self, forKey: .timeoutHoldMilliseconds) ?? d.timeoutHoldMilliseconds
        down = try c.decodeIfPresent(Bool.self, forKey: .down) ?? d.down
        downResets = try c.decodeIfPresent(Bool.self, forKey: .downResets) ?? d.downResets
    }
}
