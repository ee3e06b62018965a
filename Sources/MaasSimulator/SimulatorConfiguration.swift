/// Everything a simulator run needs: where to listen, what it holds, how fast it moves, who may call it.
public struct SimulatorConfiguration: Sendable {
    /// Listen address; loopback only by default.
    public var host: String
    /// 0 picks an ephemeral port.
    public var port: Int
    public var inventory: SimulatorInventory
    public var timings: SimulatorTimings
    public var keys: SimulatorKeys
    public var faults: SimulatorFaults
    /// Reported by `version/`.
    public var version: String
    /// Drives timed transitions (deploy, release, erase).
    public var clock: any Clock<Duration>
    /// Seed for the fault-rate dice, so fault runs are reproducible.
    public var faultSeed: UInt64

    public init(
        host: String = "127.0.0.1", port: Int = 0, inventory: SimulatorInventory = .generated(machines: 10),
        timings: SimulatorTimings = .instant, keys: SimulatorKeys = .generate(), faults: SimulatorFaults = .none,
        version: String = "3.4.10", clock: any Clock<Duration> = ContinuousClock(), faultSeed: UInt64 = 42
    ) {
        self.host = host
        self.port = port
        self.inventory = inventory
        self.timings = timings
        self.keys = keys
        self.faults = faults
        self.version = version
        self.clock = clock
        self.faultSeed = faultSeed
    }
}

/// Elapsed simulated time since start, from any clock.
struct SimulatorTimeSource: Sendable {
    let elapsed: @Sendable () -> Duration

    init(clock: any Clock<Duration>) {
        self.elapsed = SimulatorTimeSource.make(clock)
    }

    private static func make<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
