import Foundation
import KubeCore
import Testing

/// The CEL rules the CRDs rely on: present where promised, and inside the subset the sandbox evaluates.
@Suite struct CRDValidationRuleTests {
    static let files = [
        CRDAgreementTests.maasCluster, CRDAgreementTests.maasMachine, CRDAgreementTests.maasMachineTemplate,
    ]
    static let allowedFunctions: Set<String> = ["has", "size", "startsWith", "endsWith", "contains", "matches"]

    /// Every `x-kubernetes-validations` rule with its schema path.
    static func rules(in schema: JSONValue, at path: String = "") -> [(path: String, rule: String, message: String)] {
        var found: [(String, String, String)] = []
        for entry in schema["x-kubernetes-validations"]?.arrayValue ?? [] {
            found.append((path, entry["rule"]?.stringValue ?? "", entry["message"]?.stringValue ?? ""))
        }
        for (key, child) in schema["properties"]?.objectValue ?? [:] { found += rules(in: child, at: "\(path).\(key)") }
        if let items = schema["items"] { found += rules(in: items, at: "\(path)[]") }
        return found
    }

    static func allRules(_ file: String) throws -> [(path: String, rule: String, message: String)] {
        try rules(in: try #require(try CRDSchema(file: file).schema))
    }

    @Test(arguments: files)
    func rulesStayInsideTheSandboxSubset(file: String) throws {
        let call = try NSRegularExpression(pattern: "([A-Za-z_][A-Za-z0-9_]*)\\s*\\(")
        for (path, rule, message) in try Self.allRules(file) {
            #expect(!message.isEmpty, "\(path): rule without message")
            let range = NSRange(rule.startIndex..., in: rule)
            for match in call.matches(in: rule, range: range) {
                let name = (rule as NSString).substring(with: match.range(at: 1))
                #expect(Self.allowedFunctions.contains(name), "\(file) \(path): \(name)() is outside the sandbox CEL subset")
            }
        }
    }

    @Test(arguments: [
        (CRDAgreementTests.maasCluster, ".spec.dnsDomain", "self == oldSelf"),
        (CRDAgreementTests.maasMachine, ".spec.image", "self == oldSelf"),
        (CRDAgreementTests.maasMachine, ".spec.minCPU", "self == oldSelf"),
        (CRDAgreementTests.maasMachine, ".spec.minMemory", "self == oldSelf"),
        (CRDAgreementTests.maasMachineTemplate, ".spec.template.spec.image", "self == oldSelf"),
        (CRDAgreementTests.maasMachineTemplate, ".spec.template.spec.minCPU", "self == oldSelf"),
        (CRDAgreementTests.maasMachineTemplate, ".spec.template.spec.minMemory", "self == oldSelf"),
        (CRDAgreementTests.maasMachineTemplate, ".spec.template.spec", "self == oldSelf"),
        (CRDAgreementTests.maasMachine, ".spec.lxd", "!has(self.enabled) || !self.enabled"),
        (CRDAgreementTests.maasMachineTemplate, ".spec.template.spec.lxd", "!has(self.enabled) || !self.enabled"),
        (CRDAgreementTests.maasCluster, ".spec.lxdConfig", "!has(self.enabled) || !self.enabled"),
    ])
    func promisedRulesExist(file: String, path: String, rule: String) throws {
        let matching = try Self.allRules(file).filter { $0.path == path && $0.rule == rule }
        #expect(matching.count == 1, "\(file): no rule \(rule) at \(path)")
        if path.hasSuffix("lxd") || path.hasSuffix("lxdConfig") {
            #expect(matching.first?.message.contains("not supported by this provider yet") == true)
        }
        if path.hasSuffix("image") {
            #expect(matching.first?.message.hasPrefix("image is immutable") == true)
        }
    }

    @Test func printerColumns() throws {
        let machine = try CRDSchema(file: CRDAgreementTests.maasMachine).crd
        let columns = machine[path: ["spec", "versions"]]?.arrayValue?.first?["additionalPrinterColumns"]?.arrayValue ?? []
        #expect(columns.compactMap { $0["name"]?.stringValue } == ["Cluster", "State", "SystemID", "Hostname", "ProviderID", "Ready", "Age"])
        #expect(columns.first { $0["name"] == "ProviderID" }?["priority"] == 1)
    }
}
