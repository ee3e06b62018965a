import MaasClient

/// The MAAS client's own parse error texts, so tests don't copy them.
enum MaasClientCredentialsProbe {
    static func parse(_ key: String) throws -> MaasCredentials { try MaasCredentials(apiKey: key) }

    static func endpointError(_ endpoint: String) -> String {
        do {
            _ = try MaasEndpoint(endpoint)
            return ""
        } catch {
            return "\(error)"
        }
    }
}
