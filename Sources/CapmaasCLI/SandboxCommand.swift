import ArgumentParser

/// `capmaas sandbox` (being built).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Not available yet in this build.")

    func run() async throws {
        throw ValidationError("capmaas sandbox is not available in this build yet")
    }
}
