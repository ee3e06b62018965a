import Foundation
import KubeClient
import KubeCore
import KubeYAML

/// Installs the provider and stand-in CRDs on an external cluster once per test process, safely under parallel
/// suites and other test processes sharing the server: each CRD is created, or replaced when it exists with
/// another spec (Cluster API's own `Cluster`/`Machine` from a real installation are left alone), then each is
/// waited for until its `Established` condition is true.
///
/// Concurrent callers share one installation task (an actor method alone would interleave at every `await`
/// and race itself into `409 AlreadyExists`).
actor ExternalCRDs {
    static let shared = ExternalCRDs()
    private var installation: Task<Void, any Error>?

    enum InstallError: Error, CustomStringConvertible {
        case notEstablished(String, waited: Duration)
        var description: String {
            switch self {
            case .notEstablished(let name, let waited): "CRD \(name) is not Established after \(waited)"
            }
        }
    }

    func ensureInstalled(client: KubeClient, directories: [String]) async throws {
        if let installation { return try await installation.value }
        let task = Task { try await Self.install(client: client, directories: directories) }
        installation = task
        do {
            try await task.value
        } catch {
            installation = nil  // the next suite tries again and reports its own failure
            throw error
        }
    }

    private static func install(client: KubeClient, directories: [String]) async throws {
        let crds = client.dynamic(.customResourceDefinition)
        var names: [String] = []
        for document in try documents(in: directories) {
            guard let name = document["metadata"]?["name"]?.stringValue else { continue }
            try await createOrReplace(document, name: name, crds: crds)
            names.append(name)
        }
        for name in names { try await waitUntilEstablished(name, crds: crds) }
    }

    /// The CRD documents of `directories`, in file order.
    static func documents(in directories: [String]) throws -> [JSONValue] {
        var result: [JSONValue] = []
        for directory in directories {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            for file in files {
                result += try YAMLDocuments.load(path: directory + "/" + file)
                    .filter { $0["kind"]?.stringValue == "CustomResourceDefinition" }
            }
        }
        return result
    }

    /// Creates the CRD; when another process created it first, or an older copy exists, replaces its spec unless
    /// it belongs to a real Cluster API installation (its `cluster.x-k8s.io/provider` label is not ours).
    private static func createOrReplace(_ document: JSONValue, name: String, crds: Api<JSONValue>) async throws {
        for _ in 0..<5 {
            do {
                _ = try await crds.create(document)
                return
            } catch let error as KubeError where error.isAlreadyExists {}
            let existing = try await crds.get(name)
            if isForeignInstallation(existing, comparedWith: document) { return }
            if existing["spec"] == document["spec"] { return }
            var replacement = document
            replacement[path: ["metadata", "resourceVersion"]] = existing[path: ["metadata", "resourceVersion"]]
            do {
                _ = try await crds.update(replacement)
                return
            } catch let error as KubeError where error.isConflict || error.isNotFound {
                continue  // another process replaced or deleted it meanwhile: look again
            }
        }
    }

    /// A CRD installed by a real Cluster API core (`cluster.x-k8s.io/provider: cluster-api`) is never touched.
    static func isForeignInstallation(_ existing: JSONValue, comparedWith document: JSONValue) -> Bool {
        let provider = existing[path: ["metadata", "labels", "cluster.x-k8s.io/provider"]]?.stringValue
        let ours = document[path: ["metadata", "labels", "cluster.x-k8s.io/provider"]]?.stringValue
        return provider != nil && provider != ours
    }

    private static func waitUntilEstablished(_ name: String, crds: Api<JSONValue>) async throws {
        let limit = Duration.seconds(60)
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < limit {
            let crd = try await crds.get(name)
            let conditions = crd[path: ["status", "conditions"]]?.arrayValue ?? []
            if conditions.contains(where: { $0["type"] == "Established" && $0["status"] == "True" }) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw InstallError.notEstablished(name, waited: limit)
    }
}
