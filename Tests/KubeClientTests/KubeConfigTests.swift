import Foundation
import KubeClient
import Testing

@Suite struct KubeConfigTests {
    static let caPEM = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n"
    static let certPEM = "-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n"
    static let keyPEM = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n"
    static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func kubeconfig(cluster: String = "", user: String = "", current: String = "ctx", extraContexts: String = "") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(current)
        clusters:
        - name: c1
          cluster:
            server: https://10.0.0.1:6443
        \(cluster)
        contexts:
        - name: ctx
          context:
            cluster: c1
            user: u1
            namespace: team-a
        - name: other
          context:
            cluster: c1
            user: u2
        \(extraContexts)
        users:
        - name: u1
          user:
        \(user)
        - name: u2
          user:
            token: other-token
        """
    }

    /// Builds a temporary directory holding `files`, returns its path.
    static func directory(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, content) in files { try content.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    struct AuthCase: Sendable, CustomTestStringConvertible {
        var name: String
        var cluster: String
        var user: String
        var context: String?
        var expectedAuth: KubeConfig.Authentication
        var expectCA: Bool
        var expectClientCert: Bool
        var expectInsecure: Bool
        var testDescription: String { name }
    }

    static let authCases: [AuthCase] = [
        AuthCase(name: "inline token", cluster: "", user: "    token: abc", expectedAuth: .bearerToken("abc"),
                 expectCA: false, expectClientCert: false, expectInsecure: false),
        AuthCase(name: "inline CA data", cluster: "    certificate-authority-data: \(b64(caPEM))", user: "    token: t",
                 expectedAuth: .bearerToken("t"), expectCA: true, expectClientCert: false, expectInsecure: false),
        AuthCase(name: "CA from file", cluster: "    certificate-authority: ca.crt", user: "    token: t",
                 expectedAuth: .bearerToken("t"), expectCA: true, expectClientCert: false, expectInsecure: false),
        AuthCase(name: "client cert data", cluster: "",
                 user: "    client-certificate-data: \(b64(certPEM))\n    client-key-data: \(b64(keyPEM))",
                 expectedAuth: .none, expectCA: false, expectClientCert: true, expectInsecure: false),
        AuthCase(name: "client cert files", cluster: "", user: "    client-certificate: tls.crt\n    client-key: tls.key",
                 expectedAuth: .none, expectCA: false, expectClientCert: true, expectInsecure: false),
        AuthCase(name: "token file", cluster: "", user: "    tokenFile: token", expectedAuth: .bearerTokenFile(path: "DIR/token"),
                 expectCA: false, expectClientCert: false, expectInsecure: false),
        AuthCase(name: "basic", cluster: "", user: "    username: admin\n    password: pw",
                 expectedAuth: .basic(username: "admin", password: "pw"), expectCA: false, expectClientCert: false, expectInsecure: false),
        AuthCase(name: "insecure set", cluster: "    insecure-skip-tls-verify: true", user: "    token: t",
                 expectedAuth: .bearerToken("t"), expectCA: false, expectClientCert: false, expectInsecure: true),
        AuthCase(name: "named context", cluster: "", user: "    token: t", context: "other",
                 expectedAuth: .bearerToken("other-token"), expectCA: false, expectClientCert: false, expectInsecure: false),
    ]

    @Test(arguments: authCases)
    func authVariants(_ testCase: AuthCase) throws {
        let dir = try Self.directory(["ca.crt": Self.caPEM, "tls.crt": Self.certPEM, "tls.key": Self.keyPEM, "token": "file-token\n"])
        let path = dir + "/config"
        try Self.kubeconfig(cluster: testCase.cluster, user: testCase.user).write(toFile: path, atomically: true, encoding: .utf8)
        let config = try KubeConfig.fromKubeconfig(path: path, context: testCase.context)
        #expect(config.server == "https://10.0.0.1:6443")
        var expected = testCase.expectedAuth
        if case .bearerTokenFile(let p) = expected { expected = .bearerTokenFile(path: p.replacingOccurrences(of: "DIR", with: dir)) }
        #expect(config.authentication == expected)
        #expect((config.certificateAuthorityPEM == Self.caPEM) == testCase.expectCA)
        #expect((config.clientCertificatePEM == Self.certPEM && config.clientKeyPEM == Self.keyPEM) == testCase.expectClientCert)
        #expect(config.insecureSkipTLSVerify == testCase.expectInsecure)
        #expect(config.namespace == (testCase.context == nil ? "team-a" : nil))
        #expect(!config.description.contains("abc") && !config.description.contains("pw"))
    }

    struct MalformedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var context: String?
        var message: String
        var testDescription: String { name }
    }

    static let malformedCases: [MalformedCase] = [
        MalformedCase(name: "unknown context", yaml: kubeconfig(user: "    token: t"), context: "foo",
                      message: "kubeconfig SRC: context \"foo\" not found"),
        MalformedCase(name: "no current context", yaml: kubeconfig(user: "    token: t", current: "\"\""),
                      message: "kubeconfig SRC: current-context: not set and no context was given"),
        MalformedCase(name: "bad base64 cert", yaml: kubeconfig(user: "    client-certificate-data: '%%%'\n    client-key-data: \(b64(keyPEM))"),
                      message: "kubeconfig SRC: users[0].user.client-certificate-data: not valid base64"),
        MalformedCase(name: "base64 but not PEM", yaml: kubeconfig(cluster: "    certificate-authority-data: \(b64("hello"))", user: "    token: t"),
                      message: "kubeconfig SRC: clusters[0].cluster.certificate-authority-data: not PEM data"),
        MalformedCase(name: "missing CA file", yaml: kubeconfig(cluster: "    certificate-authority: /nonexistent/ca.crt", user: "    token: t"),
                      message: "kubeconfig SRC: clusters[0].cluster.certificate-authority: cannot read file /nonexistent/ca.crt"),
        MalformedCase(name: "cert without key", yaml: kubeconfig(user: "    client-certificate-data: \(b64(certPEM))"),
                      message: "kubeconfig SRC: users[0].user.client-key: required field is missing"),
        MalformedCase(name: "bad insecure flag", yaml: kubeconfig(cluster: "    insecure-skip-tls-verify: maybe", user: "    token: t"),
                      message: "kubeconfig SRC: clusters[0].cluster.insecure-skip-tls-verify: expected true or false"),
        MalformedCase(name: "exec plugin", yaml: kubeconfig(user: "    exec:\n      command: aws"),
                      message: "kubeconfig SRC: users[0].user.exec: exec credential plugins are not supported"),
        MalformedCase(name: "server missing", yaml: "current-context: a\ncontexts:\n- name: a\n  context:\n    cluster: c\nclusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: false\n",
                      message: "kubeconfig SRC: clusters[0].cluster.server: required field is missing"),
        MalformedCase(name: "server not a URL", yaml: "current-context: a\ncontexts:\n- name: a\n  context:\n    cluster: c\nclusters:\n- name: c\n  cluster:\n    server: ftp://x\n",
                      message: "kubeconfig SRC: clusters[0].cluster.server: not an http(s) URL: ftp://x"),
        MalformedCase(name: "unknown cluster", yaml: "current-context: a\ncontexts:\n- name: a\n  context:\n    cluster: nope\nclusters: []\n",
                      message: "kubeconfig SRC: cluster \"nope\" not found"),
        MalformedCase(name: "unknown user", yaml: "current-context: a\ncontexts:\n- name: a\n  context:\n    cluster: c\n    user: ghost\nclusters:\n- name: c\n  cluster:\n    server: https://h\nusers: []\n",
                      message: "kubeconfig SRC: user \"ghost\" not found"),
        MalformedCase(name: "context without cluster", yaml: "current-context: a\ncontexts:\n- name: a\n  context:\n    user: u\n",
                      message: "kubeconfig SRC: contexts[0].context.cluster: required field is missing"),
        MalformedCase(name: "not a mapping", yaml: "- just\n- a list\n",
                      message: "kubeconfig SRC: not a valid kubeconfig YAML document: the document is not a mapping"),
    ]

    @Test(arguments: malformedCases)
    func malformed(_ testCase: MalformedCase) throws {
        let dir = try Self.directory(["config": testCase.yaml])
        let path = dir + "/config"
        let error = #expect(throws: KubeConfigError.self) { try KubeConfig.fromKubeconfig(path: path, context: testCase.context) }
        #expect(error?.description == testCase.message.replacingOccurrences(of: "SRC", with: path))
    }

    @Test func missingFileNamesThePath() {
        let error = #expect(throws: KubeConfigError.self) { try KubeConfig.fromKubeconfig(path: "/x/config") }
        #expect(error?.description == "kubeconfig /x/config: file not found or not readable")
    }

    @Test func inlineYAMLFromSecretBytes() throws {
        let config = try KubeConfig.fromKubeconfig(yaml: Self.kubeconfig(user: "    token: t"), source: "secret ns/c-kubeconfig")
        #expect(config.authentication == .bearerToken("t"))
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfig.fromKubeconfig(yaml: Self.kubeconfig(user: "    token: t"), source: "secret ns/c-kubeconfig", context: "zzz")
        }
        #expect(error?.description == "kubeconfig secret ns/c-kubeconfig: context \"zzz\" not found")
    }

    @Test(arguments: [("10.96.0.1", "https://10.96.0.1:443"), ("fd00::1", "https://[fd00::1]:443")])
    func inCluster(host: String, expectedServer: String) throws {
        let dir = try Self.directory(["token": "sa-token\n", "ca.crt": Self.caPEM, "namespace": "capmaas-system\n"])
        let config = try KubeConfig.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": "443"], serviceAccountDirectory: dir)
        #expect(config.server == expectedServer)
        #expect(config.authentication == .bearerTokenFile(path: dir + "/token"))
        #expect(config.certificateAuthorityPEM == Self.caPEM)
        #expect(config.namespace == "capmaas-system")
    }

    @Test func inClusterWithoutTokenFails() throws {
        let dir = try Self.directory(["ca.crt": Self.caPEM])
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfig.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"], serviceAccountDirectory: dir)
        }
        #expect(error?.description == "in-cluster configuration: cannot read service account token \(dir)/token")
    }

    @Test func precedence() throws {
        let sa = try Self.directory(["token": "sa", "ca.crt": Self.caPEM])
        let explicitDir = try Self.directory(["config": Self.kubeconfig(user: "    token: explicit")])
        let envDir = try Self.directory(["config": Self.kubeconfig(user: "    token: env")])
        let homeDir = try Self.directory([:])
        try FileManager.default.createDirectory(atPath: homeDir + "/.kube", withIntermediateDirectories: true)
        try Self.kubeconfig(user: "    token: home").write(toFile: homeDir + "/.kube/config", atomically: true, encoding: .utf8)
        let inClusterEnv = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": homeDir]
        var env = inClusterEnv
        env["KUBECONFIG"] = envDir + "/config"

        #expect(try KubeConfig.load(explicitPath: explicitDir + "/config", environment: env, serviceAccountDirectory: sa).authentication == .bearerToken("explicit"))
        #expect(try KubeConfig.load(environment: env, serviceAccountDirectory: sa).authentication == .bearerToken("env"))
        #expect(try KubeConfig.load(environment: inClusterEnv, serviceAccountDirectory: sa).authentication == .bearerTokenFile(path: sa + "/token"))
        #expect(try KubeConfig.load(environment: ["HOME": homeDir], serviceAccountDirectory: sa).authentication == .bearerToken("home"))
        #expect(throws: KubeConfigError.self) { try KubeConfig.load(environment: ["HOME": "/nonexistent"], serviceAccountDirectory: sa) }
    }

    @Test func tokenFileKeepsLastGoodTokenAndRefreshes() throws {
        let dir = try Self.directory(["token": "one\n"])
        let source = TokenFileSource(path: dir + "/token", refreshInterval: .seconds(60))
        let start = ContinuousClock.now
        #expect(source.token(now: start) == "one")
        try "two".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        #expect(source.token(now: start + .seconds(30)) == "one")  // cached within the interval
        #expect(source.token(now: start + .seconds(61)) == "two")
        try FileManager.default.removeItem(atPath: dir + "/token")
        #expect(source.token(now: start + .seconds(200)) == "two")  // unreadable: keep the last good one
    }
}
