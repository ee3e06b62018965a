/// Renders preflight results as an aligned table for a terminal:
///
///     ✓ PASS  reachability   -                    http://127.0.0.1:5240/MAAS/api/2.0/version/ answered
///     ✗ FAIL  DNS domain     MaasCluster d/demo   domain "nope" not in MAAS (domains: maas)
///             fix: set spec.dnsDomain to one of those, …
public struct TextReportRenderer: Sendable {
    /// ✓ ! ✗ - before the status word; off for terminals without Unicode.
    public var useSymbols: Bool

    public init(useSymbols: Bool = true) { self.useSymbols = useSymbols }

    public func render(_ results: [PreflightResult], strict: Bool = false) -> String {
        let rows = results.map { (status: label($0.status), check: $0.check.title, subject: $0.subject ?? "-", result: $0) }
        let statusWidth = rows.map(\.status.count).max() ?? 0
        let checkWidth = rows.map(\.check.count).max() ?? 0
        let subjectWidth = rows.map(\.subject.count).max() ?? 0
        let indent = String(repeating: " ", count: statusWidth + 2)
        var lines: [String] = []
        for row in rows {
            lines.append([pad(row.status, statusWidth), pad(row.check, checkWidth), pad(row.subject, subjectWidth),
                          row.result.detail].joined(separator: "  "))
            if let fix = row.result.fix, row.result.status == .fail || row.result.status == .warn {
                lines.append(indent + "fix: " + fix)
            }
        }
        let summary = PreflightSummary(results)
        let verdict = summary.exitCode(strict: strict) == 0 ? "OK" : "FAILED"
        var counts = "\(summary.passed) passed, \(summary.warnings) warning\(summary.warnings == 1 ? "" : "s"), \(summary.failed) failed"
        if summary.skipped > 0 { counts += ", \(summary.skipped) skipped" }
        lines.append("")
        lines.append("\(verdict): \(counts)" + (strict && summary.warnings > 0 ? " (--strict: warnings fail)" : ""))
        return lines.joined(separator: "\n") + "\n"
    }

    func label(_ status: PreflightStatus) -> String {
        let word = status.rawValue.uppercased()
        guard useSymbols else { return word }
        let symbol = switch status {
        case .pass: "✓"
        case .warn: "!"
        case .fail: "✗"
        case .skip: "-"
        }
        return "\(symbol) \(word)"
    }

    func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
