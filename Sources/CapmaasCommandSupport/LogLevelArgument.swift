import ArgumentParser
import Logging

/// A `--log-level` value: one of swift-log's levels, case-insensitive.
public struct LogLevelArgument: ExpressibleByArgument, Sendable {
    /// The level the argument names.
    public var level: Logger.Level

    /// The argument for `level`.
    public init(_ level: Logger.Level) { self.level = level }

    /// Parses `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`; nil for anything else.
    public init?(argument: String) {
        guard let level = Logger.Level(rawValue: argument.lowercased()) else { return nil }
        self.level = level
    }

    public var defaultValueDescription: String { level.rawValue }
    public static var allValueStrings: [String] { Logger.Level.allCases.map(\.rawValue) }
}
