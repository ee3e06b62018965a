import KubeClient
import Logging
import MaasClient
import ServiceLifecycle

extension ProviderManager {
    /// The MAAS connection resolver from the credentials Secret, flags and environment.
    static func defaultConnections(_ configuration: ManagerConfiguration, client: KubeClient, logger: Logger) throws
        -> any MaasConnectionProviding
    {
        UnwiredMaasConnections()
    }

    /// The MaasMachine controller and MAAS poller, and whether their caches are synced.
    static func machineControllers(
        _ context: ProviderContext, waitForLeadership: (@Sendable () async throws -> Void)?
    ) -> (services: [any Service], hasSynced: @Sendable () -> Bool) {
        ([], { true })
    }
}

/// Placeholder until the MaasMachine side lands: every namespace reports missing credentials.
struct UnwiredMaasConnections: MaasConnectionProviding {
    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI {
        throw .missingCredentials("the MAAS connection provider is not wired into this build")
    }
}
