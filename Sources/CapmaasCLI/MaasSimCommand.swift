import ArgumentParser

/// `capmaas maas-sim` (being built).
struct MaasSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "maas-sim", abstract: "Not available yet in this build.")

    func run() async throws {
        throw ValidationError("capmaas maas-sim is not available in this build yet")
    }
}
