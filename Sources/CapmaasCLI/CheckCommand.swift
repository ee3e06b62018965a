import ArgumentParser

/// `capmaas check` (being built).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not available yet in this build.")

    func run() async throws {
        throw ValidationError("capmaas check is not available in this build yet")
    }
}
