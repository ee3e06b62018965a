import ArgumentParser

/// The `capmaas-sandbox` command: the proving ground of the provider, never shipped in the image. Without a
/// subcommand it runs the playground (`capmaas-sandbox --example`); `maas-sim` runs the MAAS simulator alone.
@main
struct CapmaasSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capmaas-sandbox",
        abstract: "Playground and test bed of the capmaas provider: an embedded Kubernetes API server, a MAAS simulator, a Cluster API stand-in.",
        discussion: "The shipped controller is the separate `capmaas` executable (`capmaas manager`, `capmaas check`).",
        subcommands: [PlaygroundCommand.self, MaasSimCommand.self],
        defaultSubcommand: PlaygroundCommand.self
    )
}
