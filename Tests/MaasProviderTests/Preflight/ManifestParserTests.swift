import Testing
@testable import MaasProvider

@Suite struct ManifestParserTests {
    static let template = """
        apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
        kind: MaasMachineTemplate
        metadata:
          name: workers
          namespace: prod
        spec:
          template:
            spec:
              image: ubuntu/jammy
              minCPU: 4
              minMemory: 8192
              tags: [ssd]
              failureDomain: zone-a
              resourcePool: pool-x
        """

    @Test func readsKnownKindsAndIgnoresOthers() throws {
        let yaml = """
            apiVersion: cluster.x-k8s.io/v1beta2
            kind: Cluster
            metadata: {name: demo}
            spec:
              controlPlaneEndpoint: {host: api.example.com, port: 6443}
            ---
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: MaasCluster
            metadata: {name: demo}
            spec: {dnsDomain: example.com, failureDomains: [zone-a, zone-b]}
            ---
            apiVersion: controlplane.cluster.x-k8s.io/v1beta2
            kind: KubeadmControlPlane
            metadata: {name: demo-cp}
            spec: {replicas: 3}
            ---
            \(Self.template)
            ---
            """
        let parsed = ManifestParser.parse(yaml: yaml, file: "c.yaml")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.clusters.count == 1)
        #expect(parsed.maasClusters.first?.object.spec.failureDomains == ["zone-a", "zone-b"])
        let template = try #require(parsed.maasMachineTemplates.first)
        #expect(template.source == ManifestSource(file: "c.yaml", document: 4, kind: "MaasMachineTemplate",
                                                  namespace: "prod", name: "workers"))
        #expect(template.object.spec.template.spec.minMemory == 8192)
        #expect(parsed.hasExplicitControlPlaneHost)
        let requirement = try #require(MachineRequirement.all(in: parsed).first)
        #expect(requirement.subject == "MaasMachineTemplate prod/workers")
        #expect(requirement.tags == ["ssd"] && requirement.zone == "zone-a" && requirement.resourcePool == "pool-x")
    }

    struct ProblemCase: Sendable, CustomStringConvertible {
        var name: String
        var yaml: String
        var problems: [String]
        var description: String { name }
    }

    static let problemCases: [ProblemCase] = [
        ProblemCase(name: "unresolved variables", yaml: """
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: MaasCluster
            metadata: {name: "${CLUSTER_NAME}"}
            spec:
              dnsDomain: ${DNS_DOMAIN:=maas}
            """, problems: [
                "m.yaml: document 1 (MaasCluster default/${CLUSTER_NAME}): metadata.name: unresolved clusterctl variable ${CLUSTER_NAME}",
                "m.yaml: document 1 (MaasCluster default/${CLUSTER_NAME}): spec.dnsDomain: unresolved clusterctl variable ${DNS_DOMAIN}",
            ]),
        ProblemCase(name: "unresolved variable in an ignored kind", yaml: """
            kind: KubeadmControlPlane
            apiVersion: controlplane.cluster.x-k8s.io/v1beta2
            metadata: {name: cp}
            spec: {version: "${KUBERNETES_VERSION}"}
            """, problems: [
                "m.yaml: document 1 (KubeadmControlPlane default/cp): spec.version: unresolved clusterctl variable ${KUBERNETES_VERSION}",
            ]),
        ProblemCase(name: "bad YAML in the second document", yaml: """
            kind: ConfigMap
            apiVersion: v1
            metadata: {name: ok}
            ---
            kind: MaasCluster
              bad: indentation
            """, problems: [
                "m.yaml: document 2: invalid YAML at line 6, column 6: mapping values are not allowed in this context",
            ]),
        ProblemCase(name: "wrong field type", yaml: """
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: MaasMachine
            metadata: {name: m0, namespace: ns}
            spec: {image: ubuntu/jammy, minCPU: four, minMemory: 4096}
            """, problems: ["m.yaml: document 1 (MaasMachine ns/m0): spec.minCPU: expected an integer"]),
        ProblemCase(name: "missing required field", yaml: """
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: MaasMachineTemplate
            metadata: {name: t}
            spec: {template: {spec: {minCPU: 2, minMemory: 4096}}}
            """, problems: [
                "m.yaml: document 1 (MaasMachineTemplate default/t): spec.template.spec.image: required field is missing",
            ]),
        ProblemCase(name: "not a mapping", yaml: "- a\n- b\n", problems: ["m.yaml: document 1: document is not a mapping"]),
        ProblemCase(name: "no kind", yaml: "metadata: {name: x}\n", problems: ["m.yaml: document 1: kind: missing"]),
    ]

    @Test(arguments: problemCases) func reportsProblems(_ testCase: ProblemCase) {
        let parsed = ManifestParser.parse(yaml: testCase.yaml, file: "m.yaml")
        #expect(parsed.problems.map(\.description) == testCase.problems)
        #expect(parsed.isEmpty)
    }

    @Test func emptyAndCommentOnlyDocumentsAreSkipped() {
        let parsed = ManifestParser.parse(yaml: "---\n# nothing\n---\n", file: "e.yaml")
        #expect(parsed.problems.isEmpty && parsed.isEmpty)
        #expect(Preflight.manifestResults(parsed).isEmpty)
    }

    @Test func unreadableFileIsAProblem() {
        let parsed = ManifestParser.parse(file: "/nonexistent/cluster.yaml")
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems.first?.description.hasPrefix("/nonexistent/cluster.yaml: document 0: cannot read file") == true)
    }

    @Test(arguments: [
        ("${A}", ["A"]), ("x-${ B }-${C:-d}", ["B", "C"]), ("$A {B}", []), ("${", []), ("${}", []),
    ])
    func variableNames(_ text: String, _ names: [String]) {
        #expect(UnresolvedVariables.names(in: text) == names)
    }

    static let imageCases: [(String, Set<String>)] = [
        ("ubuntu/jammy", ["ubuntu/jammy"]),
        ("custom/u-2204", ["u-2204", "custom/u-2204"]),
        ("u-2204", ["u-2204", "custom/u-2204"]),
    ]

    @Test(arguments: imageCases)
    func bootResourceNames(_ image: String, _ names: Set<String>) {
        #expect(MachineRequirement.bootResourceNames(for: image) == names)
    }
}
