/// Why a Kubernetes client configuration could not be loaded.
///
/// Every message names the file (or source) and, where there is one, the field at fault,
/// e.g. `kubeconfig /x/config: context "foo" not found`.
public enum KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kubeconfig file does not exist or cannot be read.
    case fileNotReadable(path: String)
    /// The file is not a YAML mapping.
    case invalidYAML(source: String, detail: String)
    /// No context was requested and `current-context` is empty.
    case noCurrentContext(source: String)
    /// The requested context is not in `contexts`.
    case contextNotFound(source: String, context: String)
    /// The context names a cluster that is not in `clusters`.
    case clusterNotFound(source: String, cluster: String)
    /// The context names a user that is not in `users`.
    case userNotFound(source: String, user: String)
    /// A required field is absent.
    case missingField(source: String, field: String)
    /// A field has an unusable value.
    case invalidField(source: String, field: String, problem: String)
    /// A file named by a field cannot be read.
    case referencedFileNotReadable(source: String, field: String, path: String)
    /// In-cluster configuration was requested but a piece of it is missing.
    case inClusterUnavailable(detail: String)
    /// No source of configuration exists at all.
    case noConfigurationFound(detail: String)

    public var description: String {
        switch self {
        case .fileNotReadable(let path): return "kubeconfig \(path): file not found or not readable"
        case .invalidYAML(let source, let detail): return "kubeconfig \(source): not a valid kubeconfig YAML document: \(detail)"
        case .noCurrentContext(let source): return "kubeconfig \(source): current-context: not set and no context was given"
        case .contextNotFound(let source, let context): return "kubeconfig \(source): context \"\(context)\" not found"
        case .clusterNotFound(let source, let cluster): return "kubeconfig \(source): cluster \"\(cluster)\" not found"
        case .userNotFound(let source, let user): return "kubeconfig \(source): user \"\(user)\" not found"
        case .missingField(let source, let field): return "kubeconfig \(source): \(field): required field is missing"
        case .invalidField(let source, let field, let problem): return "kubeconfig \(source): \(field): \(problem)"
        case .referencedFileNotReadable(let source, let field, let path):
            return "kubeconfig \(source): \(field): cannot read file \(path)"
        case .inClusterUnavailable(let detail): return "in-cluster configuration: \(detail)"
        case .noConfigurationFound(let detail): return "no Kubernetes configuration found: \(detail)"
        }
    }
}
