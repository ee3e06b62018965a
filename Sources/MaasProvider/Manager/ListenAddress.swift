import Foundation

/// A `host:port` listen address as the Go managers accept it: `:9440` (all interfaces), `127.0.0.1:8080`,
/// `[::1]:8080`; `0` means disabled where a flag allows it.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `text`; `nil` for `0` (disabled). The error names the flag and shows the accepted forms.
    public static func parse(_ text: String, flag: String) throws(ManagerConfigurationError) -> ListenAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return nil }
        guard let colon = trimmed.lastIndex(of: ":") else {
            throw ManagerConfigurationError(flag: flag, value: text, problem: "missing port", fix: "use :PORT or HOST:PORT, e.g. :8080")
        }
        var host = String(trimmed[..<colon])
        let portText = trimmed[trimmed.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ManagerConfigurationError(flag: flag, value: text, problem: "port \"\(portText)\" is not 0-65535", fix: "use :PORT or HOST:PORT, e.g. :8080")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return ListenAddress(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }
}
