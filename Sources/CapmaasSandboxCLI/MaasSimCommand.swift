import ArgumentParser
import CapmaasCommandSupport
import Foundation
import Logging
import MaasSimulator
import ServiceLifecycle
import UnixSignals

/// `capmaas-sandbox maas-sim`: runs a MAAS 3.x region API simulator on loopback until Ctrl-C.
struct MaasSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maas-sim", abstract: "Run a MAAS region API simulator (for tests and demos).")

    @Option(help: "Port to listen on (0 = ephemeral).") var port: Int = 5240
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Inventory YAML file (machines, zones, pools, tags, domains, boot_resources).") var inventory: String?
    @Option(help: "Generate N machines when no inventory file is given.") var machines: Int = 10
    @Option(help: "Transition timings: instant or realistic.") var timings: String = "realistic"
    @Option(help: "Admin API key consumer:token:secret (generated if absent).") var adminKey: String?
    @Option(help: "User (non-admin) API key consumer:token:secret (generated if absent).") var userKey: String?
    @Option(help: "Fraction (0-1) of API requests that fail with 500/503/409 (with Retry-After).") var faultRate: Double = 0
    @Option(help: "Latency added to every API request, in milliseconds.") var latencyMs: Int = 0
    @Option(help: "MAAS version reported by version/.") var maasVersion: String = "3.4.10"
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard SimulatorTimings(named: timings) != nil else { throw ValidationError("--timings must be instant or realistic") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard machines >= 0 else { throw ValidationError("--machines must not be negative") }
    }

    func run() async throws {
        var keys = SimulatorKeys.generate()
        if let adminKey {
            guard let key = SimulatorAPIKey(adminKey, username: "admin", isAdmin: true) else {
                throw ValidationError("--admin-key must be consumer:token:secret")
            }
            keys.admin = key
        }
        if let userKey {
            guard let key = SimulatorAPIKey(userKey, username: "user", isAdmin: false) else {
                throw ValidationError("--user-key must be consumer:token:secret")
            }
            keys.user = key
        }
        let loaded: SimulatorInventory
        if let inventory {
            do { loaded = try SimulatorInventory.load(path: inventory) } catch {
                throw ValidationError("cannot load inventory \(inventory): \(error)")
            }
        } else {
            loaded = .generated(machines: machines)
        }
        let configuration = SimulatorConfiguration(
            host: host, port: port, inventory: loaded, timings: SimulatorTimings(named: timings) ?? .realistic, keys: keys,
            faults: SimulatorFaults(rate: faultRate, latencyMilliseconds: latencyMs), version: maasVersion)
        logging.bootstrap()
        let logger = Logger(label: "maas-sim")
        let machineCount = loaded.machines.count
        let printedKeys = keys
        let server = MaasSimulatorServer(configuration: configuration, logger: logger) { bound in
            let banner = """
                MAAS simulator listening: http://\(configuration.host):\(bound)/MAAS/api/2.0/
                  machines:   \(machineCount)
                  admin key:  \(printedKeys.admin)
                  user key:   \(printedKeys.user)
                  state:      http://\(configuration.host):\(bound)/_sim/state
                Press Ctrl-C to stop.
                """
            Console.say(banner)
        }
        let group = ServiceGroup(configuration: .init(
            services: [server], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        try await group.run()
    }
}
