import Foundation
import KubeCore
import Testing
@testable import MaasProvider

@Suite struct ReportRendererTests {
    static let results = [
        PreflightResult(.reachability, .pass, "http://m/MAAS/api/2.0/version/ answered"),
        PreflightResult(.adminRights, .warn, "user is not a MAAS admin", fix: "use an admin key"),
        PreflightResult(.dnsDomain, .fail, "domain \"x\" not in MAAS (domains: maas)", subject: "MaasCluster default/demo",
                        fix: "set spec.dnsDomain"),
        PreflightResult(.credentials, .skip, "not checked"),
    ]

    @Test func textIsAlignedWithFixLines() {
        let text = TextReportRenderer().render(Self.results)
        let pad = String(repeating: " ", count: 8)
        #expect(text == """
            ✓ PASS  reachability   -                         http://m/MAAS/api/2.0/version/ answered
            ! WARN  admin rights   -                         user is not a MAAS admin
            \(pad)fix: use an admin key
            ✗ FAIL  DNS domain     MaasCluster default/demo  domain "x" not in MAAS (domains: maas)
            \(pad)fix: set spec.dnsDomain
            - SKIP  API key valid  -                         not checked

            FAILED: 1 passed, 1 warning, 1 failed, 1 skipped

            """)
    }

    @Test func plainLabelsAndStrictVerdict() {
        let text = TextReportRenderer(useSymbols: false).render(Array(Self.results.prefix(2)), strict: true)
        #expect(text.hasPrefix("PASS  reachability"))
        #expect(text.hasSuffix("FAILED: 1 passed, 1 warning, 0 failed (--strict: warnings fail)\n"))
        #expect(TextReportRenderer().render(Array(Self.results.prefix(2))).hasSuffix("OK: 1 passed, 1 warning, 0 failed\n"))
    }

    @Test func jsonCarriesEveryField() throws {
        let json = try JSONValue.parse(JSONReportRenderer().render(Self.results))
        #expect(json["ok"] == .bool(false))
        #expect(json[path: ["summary", "failed"]] == .int(1))
        #expect(json[path: ["summary", "skipped"]] == .int(1))
        guard case .array(let items) = json["results"] else { Issue.record("no results"); return }
        #expect(items.count == 4)
        #expect(items[2] == .object([
            "check": .string("dns-domain"), "status": .string("fail"), "subject": .string("MaasCluster default/demo"),
            "detail": .string("domain \"x\" not in MAAS (domains: maas)"), "fix": .string("set spec.dnsDomain"),
        ]))
        #expect(items[0]["fix"] == nil)
    }
}
