import ArgumentParser

/// `capmaas manager` (being built).
struct ManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "manager", abstract: "Not available yet in this build.")

    func run() async throws {
        throw ValidationError("capmaas manager is not available in this build yet")
    }
}
