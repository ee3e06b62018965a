import ArgumentParser
import Logging

/// The `--log-level` option every long-running command shares, and the process-wide logging set-up it selects.
public struct LoggingOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("log-level"), help: "One of trace, debug, info, notice, warning, error, critical.")
    public var logLevel: LogLevelArgument = LogLevelArgument(.info)

    public init() {}

    /// The selected level.
    public var level: Logger.Level { logLevel.level }

    /// Sends every logger of the process to standard error at the selected level. Call once, at the start of `run()`.
    public func bootstrap() {
        let level = level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
