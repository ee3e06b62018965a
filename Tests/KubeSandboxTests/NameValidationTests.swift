import KubeCore
@testable import KubeSandbox
import Testing

/// Object names are validated as kube-apiserver does: subdomain, label for Namespaces, path segment for RBAC.
@Suite struct NameValidationTests {

    @Test(arguments: [
        ("configmaps", "a.b-c", true), ("configmaps", "Bad_Name!", false), ("configmaps", "-x", false), ("configmaps", "a..b", false),
        ("namespaces", "capmaas-it-1", true), ("namespaces", "a.b", false),
        ("clusterroles", "system:controller:x", true), ("clusterroles", "a/b", false),
    ])
    func validity(plural: String, name: String, valid: Bool) throws {
        let info = try #require(ResourceRegistry.builtinResources.first { $0.plural == plural })
        let cause = NameValidation.invalidNameCause(name, info: info)
        #expect((cause == nil) == valid)
        if let cause { #expect(cause.field == "metadata.name" && cause.reason == "FieldValueInvalid") }
    }
}
