import ClusterAPI
import Foundation
import KubeCore
import MaasProvider
import Testing

/// Keeps the Swift types and the CRD schemas in agreement, both ways.
@Suite struct CRDAgreementTests {
    static let maasCluster = "crds/infrastructure.cluster.x-k8s.io_maasclusters.yaml"
    static let maasMachine = "crds/infrastructure.cluster.x-k8s.io_maasmachines.yaml"
    static let maasMachineTemplate = "crds/infrastructure.cluster.x-k8s.io_maasmachinetemplates.yaml"
    static let cluster = "crds/capi-standin/cluster.x-k8s.io_clusters.yaml"
    static let machine = "crds/capi-standin/cluster.x-k8s.io_machines.yaml"

    /// Swift → schema: a fully populated instance encodes only schema fields of the right JSON types.
    @Test func fullyPopulatedInstancesFitTheSchemas() throws {
        try expectFits(FullObjects.maasCluster, Self.maasCluster)
        try expectFits(FullObjects.maasMachine, Self.maasMachine)
        try expectFits(FullObjects.maasMachineTemplate, Self.maasMachineTemplate)
        try expectFits(FullObjects.cluster, Self.cluster)
        try expectFits(FullObjects.machine, Self.machine)
    }

    /// Schema → Swift: a sample with every schema field set survives decode and re-encode unchanged.
    @Test func everySchemaFieldIsRepresentable() throws {
        try expectRoundTrip(MaasCluster.self, Self.maasCluster)
        try expectRoundTrip(MaasMachine.self, Self.maasMachine)
        try expectRoundTrip(MaasMachineTemplate.self, Self.maasMachineTemplate)
    }

    /// The stand-in CAPI types need only what the provider reads, but each of their fields must be in the schema
    /// and every field they declare must round-trip.
    @Test func standInTypesRoundTripTheirFields() throws {
        for (file, decode) in [
            (Self.cluster, { (v: JSONValue) throws -> JSONValue in try JSONValue(encoding: try v.decode(as: Cluster.self)) }),
            (Self.machine, { (v: JSONValue) throws -> JSONValue in try JSONValue(encoding: try v.decode(as: Machine.self)) }),
        ] {
            let crd = try CRDSchema(file: file)
            let schema = try #require(crd.schema)
            let reencoded = try decode(CRDSchema.sample(for: schema))
            #expect(CRDSchema.violations(of: reencoded, against: schema).isEmpty)
        }
    }

    @Test(arguments: [maasCluster, maasMachine, maasMachineTemplate])
    func contractMetadata(file: String) throws {
        let crd = try CRDSchema(file: file).crd
        #expect(crd[path: ["metadata", "labels", "cluster.x-k8s.io/v1beta2"]] == "v1beta1")
        #expect(crd[path: ["spec", "group"]] == "infrastructure.cluster.x-k8s.io")
        #expect(crd[path: ["spec", "scope"]] == "Namespaced")
        #expect(crd[path: ["spec", "names", "categories"]] == ["cluster-api"])
        let version = try #require(crd[path: ["spec", "versions"]]?.arrayValue?.first)
        #expect(version["name"] == "v1beta1")
        #expect(version["served"] == true && version["storage"] == true)
        #expect(version[path: ["subresources", "status"]] != nil)
        let schema = try #require(version[path: ["schema", "openAPIV3Schema"]])
        #expect(Self.undocumented(schema).isEmpty, "fields without description: \(Self.undocumented(schema))")
    }

    @Test func resourceTypesMatchCRDNames() throws {
        for (type, file) in [
            (MaasCluster.resourceType, Self.maasCluster), (MaasMachine.resourceType, Self.maasMachine),
            (MaasMachineTemplate.resourceType, Self.maasMachineTemplate), (Cluster.resourceType, Self.cluster),
            (Machine.resourceType, Self.machine),
        ] {
            let crd = try CRDSchema(file: file).crd
            #expect(crd[path: ["metadata", "name"]]?.stringValue == type.qualifiedPlural)
            #expect(crd[path: ["spec", "names", "kind"]]?.stringValue == type.kind)
            #expect(crd[path: ["spec", "versions"]]?.arrayValue?.first?["name"]?.stringValue == type.version)
        }
    }

    private func expectFits(_ object: some Encodable, _ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try #require(try CRDSchema(file: file).schema)
        let encoded = try JSONValue(encoding: object)
        let problems = CRDSchema.violations(of: encoded, against: schema)
        #expect(problems.isEmpty, "\(file): \(problems)", sourceLocation: sourceLocation)
        // The full instance really is full: it sets every spec/status property of the schema.
        let schemaPaths = CRDSchema.propertyPaths(of: schema).filter { $0.hasPrefix(".spec") || $0.hasPrefix(".status") }
        let encodedPaths = CRDSchema.propertyPaths(of: Self.schemaShape(of: encoded))
        let unset = schemaPaths.subtracting(encodedPaths).sorted()
        #expect(unset.isEmpty, "\(file): fixture leaves unset \(unset)", sourceLocation: sourceLocation)
    }

    private func expectRoundTrip<T: Codable>(_ type: T.Type, _ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try #require(try CRDSchema(file: file).schema)
        var sample = CRDSchema.sample(for: schema)
        sample = Self.replacing(sample, key: "metadata", with: ["name": "sample", "namespace": "ns"])
        let decoded = try sample.decode(as: T.self)
        let reencoded = try JSONValue(encoding: decoded)
        let lost = CRDSchema.propertyPaths(of: Self.schemaShape(of: sample)).subtracting(CRDSchema.propertyPaths(of: Self.schemaShape(of: reencoded)))
        #expect(lost.isEmpty, "\(file): lost \(lost.sorted())", sourceLocation: sourceLocation)
        #expect(reencoded == sample, "\(file): values changed in round trip", sourceLocation: sourceLocation)
    }

    /// A pseudo schema with the shape of `value`, so `propertyPaths` lists the paths a value sets.
    /// Map-typed fields (`attributes`, `capacity`...) show their keys, which schemas do not list; filter them out.
    static func schemaShape(of value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            return .object(["properties": .object(fields.mapValues(schemaShape(of:)))])
        case .array(let items):
            return items.first.map { .object(["items": schemaShape(of: $0)]) } ?? .object([:])
        default:
            return .object([:])
        }
    }

    static func replacing(_ value: JSONValue, key: String, with replacement: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        fields[key] = replacement
        return .object(fields)
    }

    static func undocumented(_ schema: JSONValue, at path: String = "") -> [String] {
        var missing: [String] = []
        if let properties = schema["properties"]?.objectValue {
            for (key, child) in properties where key != "metadata" {
                if child["description"]?.stringValue?.isEmpty ?? true { missing.append("\(path).\(key)") }
                missing += undocumented(child, at: "\(path).\(key)")
            }
        }
        if let items = schema["items"] { missing += undocumented(items, at: "\(path)[]") }
        return missing
    }
}
