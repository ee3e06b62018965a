import KubeClient
import KubeCore
import Logging
import MaasClient
import ServiceLifecycle

extension ProviderManager {
    /// The MAAS connection resolver: a Secret named like `--maas-credentials-secret` in the object's namespace,
    /// else that Secret in its own namespace, else `MAAS_ENDPOINT` (or `--maas-endpoint`) and `MAAS_API_KEY`.
    static func defaultConnections(_ configuration: ManagerConfiguration, client: KubeClient, logger: Logger) throws
        -> any MaasConnectionProviding
    {
        var environment = configuration.environment
        if let endpoint = configuration.resolvedMaasEndpoint { environment[MaasCredentialSettings.endpointKey] = endpoint }
        let secret = configuration.credentialsSecretKey
        let settings = MaasCredentialSettings(
            secretName: secret?.name ?? MaasCredentialSettings.defaultSecretName,
            managerNamespace: secret?.namespace ?? "capmaas-system",
            caFilePath: configuration.maasCAFile.flatMap { $0.isEmpty ? nil : $0 },
            insecureSkipTLSVerify: configuration.maasInsecureSkipTLSVerify, environment: environment)
        return SecretMaasConnections(client: client, settings: settings, logger: logger)
    }

    /// The MaasMachine controller and MAAS poller, and whether their caches are synced.
    static func machineControllers(
        _ context: ProviderContext, waitForLeadership: (@Sendable () async throws -> Void)?, shared: ProviderReflectors?
    ) -> (services: [any Service], hasSynced: @Sendable () -> Bool) {
        let made = MaasMachineControllerSetup.make(context, waitForLeadership: waitForLeadership, shared: shared)
        return (made.services, made.hasSynced)
    }
}

/// A resolver for tests that never reaches MAAS: every namespace reports missing credentials.
struct UnwiredMaasConnections: MaasConnectionProviding {
    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI {
        throw .missingCredentials("no MAAS connection is configured")
    }
}
