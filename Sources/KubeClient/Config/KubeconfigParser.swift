import Foundation
import Yams

/// Walks a kubeconfig document, recording the field path of every value so errors can name it.
struct KubeconfigParser {
    let source: String
    let baseDirectory: String?

    private typealias Mapping = [String: Any]

    mutating func parse(yaml: String, context requestedContext: String?) throws(KubeConfigError) -> KubeConfig {
        let root: Mapping
        do {
            guard let loaded = try Yams.load(yaml: yaml) as? Mapping else {
                throw KubeConfigError.invalidYAML(source: source, detail: "the document is not a mapping")
            }
            root = loaded
        } catch let error as KubeConfigError {
            throw error
        } catch {
            throw .invalidYAML(source: source, detail: "\(error)")
        }

        let contextName: String
        if let requestedContext, !requestedContext.isEmpty {
            contextName = requestedContext
        } else if let current = root["current-context"] as? String, !current.isEmpty {
            contextName = current
        } else {
            throw .noCurrentContext(source: source)
        }
        let (_, context) = try namedEntry(root, list: "contexts", entry: "context", name: contextName) {
            .contextNotFound(source: source, context: contextName)
        }
        guard let context else { throw .contextNotFound(source: source, context: contextName) }
        let contextIndex = context.index
        guard let clusterName = context.body["cluster"] as? String, !clusterName.isEmpty else {
            throw .missingField(source: source, field: "contexts[\(contextIndex)].context.cluster")
        }
        let userName = context.body["user"] as? String
        let namespace = context.body["namespace"] as? String

        let (_, clusterEntry) = try namedEntry(root, list: "clusters", entry: "cluster", name: clusterName) {
            .clusterNotFound(source: source, cluster: clusterName)
        }
        guard let cluster = clusterEntry else { throw .clusterNotFound(source: source, cluster: clusterName) }
        let clusterPath = "clusters[\(cluster.index)].cluster"
        guard let server = cluster.body["server"] as? String, !server.isEmpty else {
            throw .missingField(source: source, field: "\(clusterPath).server")
        }
        guard let url = URL(string: server), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw .invalidField(source: source, field: "\(clusterPath).server", problem: "not an http(s) URL: \(server)")
        }
        let insecure = try boolean(cluster.body["insecure-skip-tls-verify"], field: "\(clusterPath).insecure-skip-tls-verify")
        let ca = try pem(
            cluster.body, dataKey: "certificate-authority-data", fileKey: "certificate-authority", path: clusterPath)

        var config = KubeConfig(
            server: server, certificateAuthorityPEM: ca, insecureSkipTLSVerify: insecure,
            tlsServerName: cluster.body["tls-server-name"] as? String,
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 })

        guard let userName, !userName.isEmpty else { return config }
        let (_, userEntry) = try namedEntry(root, list: "users", entry: "user", name: userName) {
            .userNotFound(source: source, user: userName)
        }
        guard let user = userEntry else { throw .userNotFound(source: source, user: userName) }
        let userPath = "users[\(user.index)].user"
        config.clientCertificatePEM = try pem(
            user.body, dataKey: "client-certificate-data", fileKey: "client-certificate", path: userPath)
        config.clientKeyPEM = try pem(user.body, dataKey: "client-key-data", fileKey: "client-key", path: userPath)
        if (config.clientCertificatePEM == nil) != (config.clientKeyPEM == nil) {
            let missing = config.clientKeyPEM == nil ? "client-key" : "client-certificate"
            throw .missingField(source: source, field: "\(userPath).\(missing)")
        }
        if user.body["exec"] != nil {
            throw .invalidField(source: source, field: "\(userPath).exec", problem: "exec credential plugins are not supported")
        }
        if user.body["auth-provider"] != nil {
            throw .invalidField(source: source, field: "\(userPath).auth-provider", problem: "auth providers are not supported")
        }
        if let token = user.body["token"] as? String, !token.isEmpty {
            config.authentication = .bearerToken(token)
        } else if let tokenFile = user.body["tokenFile"] as? String, !tokenFile.isEmpty {
            let resolved = resolve(tokenFile)
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                throw .referencedFileNotReadable(source: source, field: "\(userPath).tokenFile", path: resolved)
            }
            config.authentication = .bearerTokenFile(path: resolved)
        } else if let username = user.body["username"] as? String, !username.isEmpty {
            guard let password = user.body["password"] as? String else {
                throw .missingField(source: source, field: "\(userPath).password")
            }
            config.authentication = .basic(username: username, password: password)
        }
        return config
    }

    private struct Entry {
        var index: Int
        var body: Mapping
    }

    /// Finds `list[i]` whose `name` matches and returns its `entry` mapping.
    private func namedEntry(
        _ root: Mapping, list: String, entry: String, name: String, notFound: () -> KubeConfigError
    ) throws(KubeConfigError) -> (Int, Entry?) {
        guard let raw = root[list] else { throw notFound() }
        guard let items = raw as? [Any] else {
            throw .invalidField(source: source, field: list, problem: "expected a list")
        }
        for (index, item) in items.enumerated() {
            guard let mapping = item as? Mapping else {
                throw .invalidField(source: source, field: "\(list)[\(index)]", problem: "expected a mapping")
            }
            guard (mapping["name"] as? String) == name else { continue }
            guard let body = mapping[entry] as? Mapping else {
                throw .missingField(source: source, field: "\(list)[\(index)].\(entry)")
            }
            return (index, Entry(index: index, body: body))
        }
        throw notFound()
    }

    private func boolean(_ value: Any?, field: String) throws(KubeConfigError) -> Bool {
        switch value {
        case nil: return false
        case let bool as Bool: return bool
        case let text as String where text == "true": return true
        case let text as String where text == "false": return false
        default: throw .invalidField(source: source, field: field, problem: "expected true or false")
        }
    }

    /// A PEM value from inline base64 `*-data` (preferred, as in client-go) or from a file.
    private func pem(_ body: Mapping, dataKey: String, fileKey: String, path: String) throws(KubeConfigError) -> String? {
        if let encoded = body[dataKey] {
            let field = "\(path).\(dataKey)"
            guard let text = encoded as? String,
                let data = Data(base64Encoded: text.filter { !$0.isWhitespace })
            else {
                throw .invalidField(source: source, field: field, problem: "not valid base64")
            }
            let decoded = String(decoding: data, as: UTF8.self)
            guard decoded.contains("-----BEGIN") else {
                throw .invalidField(source: source, field: field, problem: "not PEM data")
            }
            return decoded
        }
        guard let file = body[fileKey] as? String, !file.isEmpty else { return nil }
        let resolved = resolve(file)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw .referencedFileNotReadable(source: source, field: "\(path).\(fileKey)", path: resolved)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("-----BEGIN") else {
            throw .invalidField(source: source, field: "\(path).\(fileKey)", problem: "\(resolved) is not PEM data")
        }
        return text
    }

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + path.dropFirst()
        }
        guard let baseDirectory else { return path }
        return baseDirectory + "/" + path
    }
}
