import ClusterAPI
import Foundation
import KubeCore
import KubeYAML
import Yams

/// Reads multi-document YAML manifests into the objects `capmaas check` verifies.
///
/// Pure: problems are collected (file, document, kind/name, field) rather than thrown, so one bad document does
/// not hide the others. Kinds other than Cluster, MaasCluster, MaasMachine and MaasMachineTemplate are ignored,
/// but a clusterctl `${VAR}` left in any document is reported: the file was not rendered.
public enum ManifestParser {
    /// Parses the manifest text of `file`.
    public static func parse(yaml: String, file: String) -> PreflightManifests {
        var result = PreflightManifests()
        let documents: YamlSequence<Node>
        do {
            documents = try Yams.compose_all(yaml: yaml)
        } catch {
            result.problems.append(yamlProblem(error, source: ManifestSource(file: file, document: 1)))
            return result
        }
        var iterator = documents.makeIterator()
        var index = 0
        while let node = iterator.next() {
            index += 1
            parseDocument(node, source: ManifestSource(file: file, document: index), into: &result)
        }
        if let error = iterator.error {
            result.problems.append(yamlProblem(error, source: ManifestSource(file: file, document: index + 1)))
        }
        return result
    }

    /// Reads and parses a file; an unreadable file is a problem, not a throw.
    public static func parse(file path: String) -> PreflightManifests {
        do {
            return parse(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
        } catch {
            var result = PreflightManifests()
            result.problems.append(ManifestProblem(
                source: ManifestSource(file: path, document: 0), message: "cannot read file: \(error.localizedDescription)"))
            return result
        }
    }

    static func parseDocument(_ node: Node, source: ManifestSource, into result: inout PreflightManifests) {
        let value: JSONValue
        do throws(YAMLDocumentError) {
            value = try YAMLDocuments.json(node)
        } catch {
            result.problems.append(ManifestProblem(source: source, field: error.path.isEmpty ? nil : error.path,
                                                   message: error.message))
            return
        }
        if value == .null { return }  // an empty document (e.g. a trailing `---`)
        guard case .object = value else {
            result.problems.append(ManifestProblem(source: source, message: "document is not a mapping"))
            return
        }
        var source = source
        source.kind = value["kind"]?.stringValue
        source.name = value[path: ["metadata", "name"]]?.stringValue
        source.namespace = value[path: ["metadata", "namespace"]]?.stringValue
        let unresolved = UnresolvedVariables.find(in: value)
        for occurrence in unresolved {
            result.problems.append(ManifestProblem(
                source: source, field: occurrence.field,
                message: "unresolved clusterctl variable ${\(occurrence.variable)}"))
        }
        guard unresolved.isEmpty else { return }
        guard let kind = source.kind, !kind.isEmpty else {
            result.problems.append(ManifestProblem(source: source, field: "kind", message: "missing"))
            return
        }
        let group = (value["apiVersion"]?.stringValue ?? "").split(separator: "/").dropLast().joined(separator: "/")
        switch (group, kind) {
        case (ClusterAPIGroup.core, Cluster.resourceType.kind):
            decode(Cluster.self, value, source, &result) { $0.clusters.append($1) }
        case (ClusterAPIGroup.infrastructure, MaasCluster.resourceType.kind):
            decode(MaasCluster.self, value, source, &result) { $0.maasClusters.append($1) }
        case (ClusterAPIGroup.infrastructure, MaasMachine.resourceType.kind):
            decode(MaasMachine.self, value, source, &result) { $0.maasMachines.append($1) }
        case (ClusterAPIGroup.infrastructure, MaasMachineTemplate.resourceType.kind):
            decode(MaasMachineTemplate.self, value, source, &result) { $0.maasMachineTemplates.append($1) }
        default:
            return
        }
    }

    static func decode<T: Decodable & Sendable & Hashable>(
        _ type: T.Type, _ value: JSONValue, _ source: ManifestSource, _ result: inout PreflightManifests,
        _ add: (inout PreflightManifests, ManifestObject<T>) -> Void
    ) {
        do {
            add(&result, ManifestObject(source: source, object: try value.decode(as: T.self)))
        } catch let error as DecodingError {
            let (field, message) = describe(error)
            result.problems.append(ManifestProblem(source: source, field: field, message: message))
        } catch {
            result.problems.append(ManifestProblem(source: source, message: "\(error)"))
        }
    }

    /// Field path and a short message for a decoding failure.
    static func describe(_ error: DecodingError) -> (field: String?, message: String) {
        func path(_ keys: [any CodingKey]) -> [String] {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (YAMLDocuments.fieldPath(path(context.codingPath) + [key.stringValue]), "required field is missing")
        case .typeMismatch(let type, let context):
            return (YAMLDocuments.fieldPath(path(context.codingPath)), "expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return (YAMLDocuments.fieldPath(path(context.codingPath)), "expected \(typeName(type)), found null")
        case .dataCorrupted(let context):
            return (YAMLDocuments.fieldPath(path(context.codingPath)), context.debugDescription)
        @unknown default:
            return (nil, "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Double.Type: "a number"
        case is [Any].Type: "a list"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    static func yamlProblem(_ error: any Error, source: ManifestSource) -> ManifestProblem {
        guard let yaml = error as? YamlError else {
            return ManifestProblem(source: source, message: "invalid YAML: \(error)")
        }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return ManifestProblem(
                source: source, message: "invalid YAML at line \(mark.line), column \(mark.column): \(problem)")
        default:
            return ManifestProblem(source: source, message: "invalid YAML: \(yaml)")
        }
    }
}
