import Foundation
import KubeClient
import KubeCore
import KubeYAML

/// Installs the provider and stand-in CRDs on an external cluster once per test process: each CRD that does not
/// exist yet is created (existing ones, e.g. Cluster API's own `Cluster`/`Machine`, are left alone), then every
/// kind is waited for until the API server serves it.
actor ExternalCRDs {
    static let shared = ExternalCRDs()
    private var installed = false

    enum InstallError: Error, CustomStringConvertible {
        case notServed(String)
        var description: String {
            switch self {
            case .notServed(let name): "CRD \(name) was created but is not served after 30 s"
            }
        }
    }

    func ensureInstalled(client: KubeClient, directories: [String]) async throws {
        guard !installed else { return }
        let crds = client.dynamic(.customResourceDefinition)
        var kinds: [ResourceType] = []
        for directory in directories {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            for file in files {
                for document in try YAMLDocuments.load(path: directory + "/" + file)
                where document["kind"]?.stringValue == "CustomResourceDefinition" {
                    guard let name = document["metadata"]?["name"]?.stringValue else { continue }
                    do {
                        _ = try await crds.get(name)
                    } catch let error as KubeError where error.isNotFound {
                        _ = try await crds.create(document)
                    }
                    if let type = Self.storageType(document) { kinds.append(type) }
                }
            }
        }
        for type in kinds {
            var served = false
            for _ in 0..<300 where !served {
                served = (try? await client.dynamic(type).list(ListOptions(limit: 1))) != nil
                if !served { try await Task.sleep(for: .milliseconds(100)) }
            }
            guard served else { throw InstallError.notServed(type.plural) }
        }
        installed = true
    }

    /// The served storage version of a CRD document as a `ResourceType`.
    static func storageType(_ crd: JSONValue) -> ResourceType? {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue,
              let kind = spec["names"]?["kind"]?.stringValue, let plural = spec["names"]?["plural"]?.stringValue,
              let version = spec["versions"]?.arrayValue?.first(where: { $0["storage"]?.boolValue == true })?["name"]?.stringValue
        else { return nil }
        return ResourceType(group: group, version: version, kind: kind, plural: plural,
                            namespaced: spec["scope"]?.stringValue != "Cluster")
    }
}
