import ArgumentParser

/// The `capmaas` command, as shipped in the image: the Cluster API provider for MAAS and its preflight.
/// The playground and the MAAS simulator are a separate executable, `capmaas-sandbox`.
@main
struct Capmaas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capmaas",
        abstract: "Cluster API infrastructure provider for Canonical MAAS.",
        discussion: "The playground (sandbox API server, MAAS simulator, Cluster API stand-in) is `capmaas-sandbox`.",
        subcommands: [ManagerCommand.self, CheckCommand.self]
    )
}
