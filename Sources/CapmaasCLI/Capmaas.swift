import ArgumentParser

/// The `capmaas` command: the Cluster API provider for MAAS and its playground tools.
@main
struct Capmaas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capmaas",
        abstract: "Cluster API infrastructure provider for Canonical MAAS.",
        subcommands: [SandboxCommand.self, ManagerCommand.self, MaasSimCommand.self, CheckCommand.self]
    )
}
