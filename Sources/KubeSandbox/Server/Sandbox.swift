import Foundation
import KubeCore
import Logging
import ServiceLifecycle
import KubeYAML

/// Runs an in-process sandbox API server for the duration of `body`.
public enum Sandbox {
    public static func withRunning<T: Sendable>(
        _ configuration: SandboxConfiguration = .init(), logger: Logger = Logger(label: "capmaas.sandbox"),
        _ body: (SandboxHandle) async throws -> T
    ) async throws -> T {
        let server = try SandboxAPIServer(configuration: configuration, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [server], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            do {
                let handle = try await server.handle()
                let result = try await body(handle)
                // Graceful first; open watch streams get one second before cancellation.
                await services.triggerGracefulShutdown()
                group.addTask { try? await Task.sleep(for: .seconds(1)) }
                _ = try? await group.next()
                group.cancelAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                group.cancelAll()
                throw error
            }
        }
    }
}

/// How to reach a running sandbox, plus runtime controls (faults, audit, CRD install).
public struct SandboxHandle: Sendable {
    /// `https://127.0.0.1:PORT` (or http with `useTLS = false`).
    public var baseURL: String
    /// The admin bearer token.
    public var token: String
    /// PEM of the CA that signed the server certificate (nil for plain HTTP).
    public var caCertificatePEM: String?
    let server: SandboxAPIServer

    /// A kubeconfig for kubectl and controllers (certificate-authority-data + token).
    public func kubeconfigYAML(context: String = "sandbox") -> String {
        var cluster = "    server: \(baseURL)\n"
        if let caCertificatePEM {
            cluster += "    certificate-authority-data: \(Data(caCertificatePEM.utf8).base64EncodedString())\n"
        }
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(context)
          cluster:
        \(cluster)contexts:
        - name: \(context)
          context:
            cluster: \(context)
            user: \(context)-admin
            namespace: default
        current-context: \(context)
        users:
        - name: \(context)-admin
          user:
            token: \(token)

        """
    }

    /// Writes the kubeconfig with mode 0600 (it holds the token).
    public func writeKubeconfig(to path: String, context: String = "sandbox") throws {
        let url = URL(fileURLWithPath: path)
        try Data(kubeconfigYAML(context: context).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Current fault knobs.
    public var faults: SandboxFaults { server.controls.faults }

    /// Replaces the fault knobs at runtime.
    public func setFaults(_ faults: SandboxFaults) { server.controls.faults = faults }

    /// Writes recorded so far (user, verb, resource, name, HTTP code).
    public func auditLog() -> [SandboxAuditEntry] { server.controls.audit }

    /// Number of open watch streams.
    public var openWatchCount: Int { server.store.watcherCount }

    /// Creates (or updates) every CustomResourceDefinition found in the `.yaml`/`.yml`/`.json` files of a directory.
    /// Returns the CRD names installed.
    @discardableResult
    public func installCustomResourceDefinitions(fromDirectory directory: String) throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
        var names: [String] = []
        for file in files {
            let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent(file), encoding: .utf8)
            for object in try YAMLDocuments.parse(text, source: file) {
                guard object["kind"]?.stringValue == "CustomResourceDefinition" else { continue }
                names.append(try installCustomResourceDefinition(object))
            }
        }
        return names
    }

    /// Creates or replaces one CRD given as JSON.
    @discardableResult
    public func installCustomResourceDefinition(_ crd: JSONValue) throws -> String {
        guard let info = server.store.registry.lookup(group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions") else {
            throw APIError.internalError("CRD resource missing")
        }
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        let context = WriteContext(user: "system:admin", fieldManager: "capmaas-sandbox")
        try server.store.write { (state: inout StoreState) throws(Status) in
            if var existing = state.stored(info, namespace: nil, name: name) {
                existing["spec"] = crd["spec"]
                _ = try state.update(info, namespace: nil, name: name, body: existing, subresource: nil, context: context,
                                     validation: .ignore, requireResourceVersion: false)
            } else {
                _ = try state.create(info, namespace: nil, body: crd, context: context, validation: .ignore)
            }
        }
        return name
    }
}
