import KubeClient
import KubeRuntime
import ClusterAPI
import KubeCore
import MaasSimulator
import KubeSandbox
import Foundation
import MaasProvider
import Testing

@Suite struct ManagerConfigurationTests {
    static func configuration(_ change: (inout ManagerConfiguration) -> Void = { _ in }) -> ManagerConfiguration {
        var configuration = ManagerConfiguration()
        configuration.environment = [:]
        change(&configuration)
        return configuration
    }

    @Test func defaultsAreValid() throws {
        let configuration = Self.configuration()
        try configuration.validate()
        #expect(configuration.syncPeriod == .seconds(600))
        #expect(configuration.maasClusterConcurrency == 10)
        #expect(configuration.kubeAPIQPS == 100 && configuration.kubeAPIBurst == 200)
        #expect(configuration.credentialsSecretKey?.namespace == "capmaas-system")
        #expect(configuration.credentialsSecretKey?.name == "capmaas-manager-bootstrap-credentials")
        #expect(configuration.disableSwap)
        #expect(!configuration.leaderElect)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var flag: String
        var change: @Sendable (inout ManagerConfiguration) -> Void
        var mentions: String
        var testDescription: String { flag }
    }

    @Test(arguments: [
        Invalid(flag: "--maascluster-concurrency", change: { $0.maasClusterConcurrency = 0 }, mentions: "at least 1"),
        Invalid(flag: "--maasmachine-concurrency", change: { $0.maasMachineConcurrency = -1 }, mentions: "at least 1"),
        Invalid(flag: "--sync-period", change: { $0.syncPeriod = .zero }, mentions: "10m"),
        Invalid(flag: "--maas-poll-interval", change: { $0.maasPollInterval = .milliseconds(10) }, mentions: "5s"),
        Invalid(flag: "--kube-api-qps", change: { $0.kubeAPIQPS = 0 }, mentions: "greater than 0"),
        Invalid(flag: "--kube-api-burst", change: { $0.kubeAPIBurst = 0 }, mentions: "at least 1"),
        Invalid(flag: "--leader-elect-lease-duration", change: { $0.leaderElect = true; $0.leaderElectLeaseDuration = .seconds(10) },
                mentions: "--leader-elect-renew-deadline"),
        Invalid(flag: "--leader-elect-renew-deadline", change: { $0.leaderElect = true; $0.leaderElectRenewDeadline = .seconds(2) },
                mentions: "retry period"),
        Invalid(flag: "--health-addr", change: { $0.healthAddress = "9440" }, mentions: ":PORT"),
        Invalid(flag: "--health-addr", change: { $0.healthAddress = "0" }, mentions: "cannot be disabled"),
        Invalid(flag: "--metrics-bind-addr", change: { $0.metricsBindAddress = ":99999" }, mentions: "0-65535"),
        Invalid(flag: "--maas-credentials-secret", change: { $0.maasCredentialsSecret = "just-a-name" }, mentions: "NAMESPACE/NAME"),
        Invalid(flag: "--maas-endpoint", change: { $0.maasEndpoint = "maas.example.com:5240" }, mentions: "http"),
        Invalid(flag: "MAAS_ENDPOINT", change: { $0.environment = ["MAAS_ENDPOINT": "ftp://x"] }, mentions: "http(s)"),
        Invalid(flag: "--maas-ca-file", change: { $0.maasCAFile = "/nonexistent/ca.pem" }, mentions: "not readable"),
        Invalid(flag: "--namespace", change: { $0.namespace = "Bad_NS" }, mentions: "namespace"),
    ])
    func invalidSettingsNameTheFlagAndTheFix(case invalid: Invalid) {
        let configuration = Self.configuration(invalid.change)
        #expect {
            try configuration.validate()
        } throws: { error in
            guard let error = error as? ManagerConfigurationError else { return false }
            return error.flag == invalid.flag && error.description.contains(invalid.mentions)
                && error.description.hasPrefix("invalid \(invalid.flag)")
        }
    }

    @Test func leaderElectionNamespacePrecedence() {
        #expect(Self.configuration().resolvedLeaderElectionNamespace == "capmaas-system")
        #expect(Self.configuration { $0.environment = ["POD_NAMESPACE": "pods"] }.resolvedLeaderElectionNamespace == "pods")
        let flagged = Self.configuration {
            $0.environment = ["POD_NAMESPACE": "pods"]
            $0.leaderElectionNamespace = "flag"
        }
        #expect(flagged.resolvedLeaderElectionNamespace == "flag")
    }

    @Test func maasEndpointFlagWinsOverEnvironment() {
        #expect(Self.configuration { $0.environment = ["MAAS_ENDPOINT": "http://env/MAAS"] }.resolvedMaasEndpoint == "http://env/MAAS")
        let both = Self.configuration {
            $0.environment = ["MAAS_ENDPOINT": "http://env/MAAS"]
            $0.maasEndpoint = "http://flag/MAAS"
        }
        #expect(both.resolvedMaasEndpoint == "http://flag/MAAS")
    }

    @Test func providerOptionsCarryTheFlags() {
        let options = Self.configuration {
            $0.namespace = "team-a"
            $0.watchFilter = ""
            $0.maasMachineConcurrency = 3
            $0.disableSwap = false
            $0.syncPeriod = .seconds(90)
        }.providerOptions
        #expect(options.namespace == "team-a")
        #expect(options.watchFilter == nil)
        #expect(options.maasMachineConcurrency == 3)
        #expect(!options.disableSwap)
        #expect(options.syncPeriod == .seconds(90))
    }

    @Test(arguments: [
        (":9440", "0.0.0.0", 9440), ("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:8080", "::1", 8080), (":0", "0.0.0.0", 0),
    ])
    func listenAddresses(text: String, host: String, port: Int) throws {
        let address = try #require(try ListenAddress.parse(text, flag: "--health-addr"))
        #expect(address.host == host && address.port == port)
    }

    @Test func zeroDisablesAListenAddress() throws {
        #expect(try ListenAddress.parse("0", flag: "--metrics-bind-addr") == nil)
    }
}
