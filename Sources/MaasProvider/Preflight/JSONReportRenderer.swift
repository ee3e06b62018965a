import Foundation

/// Renders preflight results as one JSON document:
/// `{"ok": true, "summary": {"passed": …}, "results": [{"check": "dns-domain", "status": "fail", …}]}`.
public struct JSONReportRenderer: Sendable {
    public init() {}

    struct Report: Encodable {
        var ok: Bool
        var strict: Bool
        var summary: PreflightSummary
        var results: [PreflightResult]
    }

    public func render(_ results: [PreflightResult], strict: Bool = false) -> String {
        let summary = PreflightSummary(results)
        let report = Report(ok: summary.exitCode(strict: strict) == 0, strict: strict, summary: summary, results: results)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, ints and bools cannot fail; keep a valid document if it ever does.
        guard let data = try? encoder.encode(report) else { return "{\"ok\": false}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
