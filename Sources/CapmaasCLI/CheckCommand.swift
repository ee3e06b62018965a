import ArgumentParser
import CapmaasCommandSupport
import Foundation
import MaasProvider

/// `capmaas check`: preflight a MAAS region (and optionally the manifests you will apply) before installing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Preflight a MAAS region: reachability, version, API key, and what the given manifests reference.",
        discussion: """
            The API key is read from the MAAS_API_KEY environment variable or from --maas-api-key-file; it is never \
            accepted as a flag value and never printed.
            Exit status: 0 when every check passed (warnings allowed unless --strict), 1 otherwise.
            """)

    @Option(help: "MAAS endpoint, e.g. https://maas.example.com:5240/MAAS (default: $MAAS_ENDPOINT).")
    var maasEndpoint: String?

    @Option(help: "File holding the MAAS API key (default: $MAAS_API_KEY).")
    var maasApiKeyFile: String?

    @Option(help: "PEM file with the CA certificate(s) that signed the MAAS certificate.")
    var maasCaFile: String?

    @Flag(help: "Do not verify the MAAS TLS certificate (lab setups only).")
    var maasInsecureSkipTlsVerify = false

    @Option(name: [.short, .customLong("filename")],
            help: "Manifest file (multi-document YAML) whose MaasCluster/MaasMachine/MaasMachineTemplate references to check. Repeatable.")
    var filenames: [String] = []

    @Option(help: "Report format: text or json.")
    var output: OutputFormat = .text

    @Option(help: "Timeout for connecting and for each MAAS request, e.g. 10s, 500ms, 1m.")
    var timeout: String = "10s"

    @Flag(help: "Treat warnings as failures.")
    var strict = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        guard CheckTimeout.parse(timeout) != nil else {
            throw ValidationError("--timeout must be a positive duration such as 10s, 500ms or 1m (got \"\(timeout)\")")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let apiKey: String?
        if let path = maasApiKeyFile {
            do {
                apiKey = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read --maas-api-key-file \(path): \(error.localizedDescription)")
            }
        } else {
            apiKey = environment["MAAS_API_KEY"]
        }
        var manifests = PreflightManifests()
        for file in filenames { manifests.merge(ManifestParser.parse(file: file)) }
        let options = PreflightOptions(
            endpoint: maasEndpoint ?? environment["MAAS_ENDPOINT"], apiKey: apiKey, caFilePath: maasCaFile,
            insecureSkipTLSVerify: maasInsecureSkipTlsVerify, timeout: CheckTimeout.parse(timeout) ?? .seconds(10),
            manifests: manifests)
        let results = await Preflight.run(options)
        let report = switch output {
        case .text: TextReportRenderer().render(results, strict: strict)
        case .json: JSONReportRenderer().render(results, strict: strict)
        }
        Console.write(report)
        let code = PreflightSummary(results).exitCode(strict: strict)
        if code != 0 { throw ExitCode(code) }
    }
}

/// `10s`, `500ms`, `1m`, or a bare number of seconds.
enum CheckTimeout {
    static func parse(_ text: String) -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count)), n > 0, n.isFinite else { return nil }
            return .milliseconds(Int64(n * scale * 1000))
        }
        guard let n = Double(t), n > 0, n.isFinite else { return nil }
        return .milliseconds(Int64(n * 1000))
    }
}
