import Foundation
import KubeSandbox

/// A service account whose requests `capmaas-sandbox --rbac-service-account NS/NAME` authorizes against the RBAC
/// objects stored in the sandbox (not as admin), with its own token and kubeconfig.
struct SandboxServiceAccount: Sendable, Equatable {
    var namespace: String
    var name: String
    /// A random bearer token, accepted only for this account.
    var token: String

    /// Parses `NS/NAME`; nil when either part is missing or not a DNS-1123 label.
    init?(parsing text: String, token: String = SandboxConfiguration.randomToken()) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy(Self.isDNSLabel) else { return nil }
        (namespace, name, self.token) = (parts[0], parts[1], token)
    }

    /// The user name kube gives a service-account token: `system:serviceaccount:<ns>:<name>`.
    var userName: String { "system:serviceaccount:\(namespace):\(name)" }

    /// Where its kubeconfig goes: next to the admin one, `<kubeconfig>.<ns>.<name>`.
    func kubeconfigPath(besides adminKubeconfig: String) -> String { "\(adminKubeconfig).\(namespace).\(name)" }

    /// A kubeconfig identical to the admin one except for the user (this account's token).
    func kubeconfigYAML(handle: SandboxHandle) -> String {
        var account = handle
        account.token = token
        let context = "sandbox-\(namespace)-\(name)"
        return account.kubeconfigYAML(context: context)
            .replacingOccurrences(of: "\(context)-admin", with: "\(namespace)-\(name)")
            .replacingOccurrences(of: "namespace: default", with: "namespace: \(namespace)")
    }

    /// Writes the kubeconfig with mode 0600 (it holds the token); returns the path.
    func writeKubeconfig(handle: SandboxHandle, besides adminKubeconfig: String) throws -> String {
        let path = kubeconfigPath(besides: adminKubeconfig)
        try Data(kubeconfigYAML(handle: handle).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    private static func isDNSLabel(_ text: String) -> Bool {
        guard (1...63).contains(text.count), let first = text.first, let last = text.last,
              first.isLetter || first.isNumber, last.isLetter || last.isNumber else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
