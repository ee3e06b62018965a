import Foundation
import KubeCore
import MaasClient
import NIOHTTP1

/// The caller as MAAS sees it (`GET users/?op=whoami`).
public struct MaasUser: Sendable, Equatable {
    public var username: String
    public var isSuperuser: Bool

    public init(username: String, isSuperuser: Bool) {
        self.username = username
        self.isSuperuser = isSuperuser
    }
}

/// MAAS reads the preflight needs beyond `MaasAPI`. Methods throw `MaasError`.
public protocol PreflightExtraAPI: Sendable {
    /// `GET users/?op=whoami`: an authenticated call that also tells whether the key is an admin's.
    func whoami() async throws -> MaasUser
    /// `GET tags/`: the names of all tags.
    func tagNames() async throws -> [String]
}

/// `PreflightExtraAPI` over `MaasHTTPClient.send`.
public struct MaasHTTPPreflightExtras: PreflightExtraAPI {
    public let client: MaasHTTPClient

    public init(client: MaasHTTPClient) { self.client = client }

    public func whoami() async throws -> MaasUser {
        let value = try await json(MaasRequest(
            operation: "users.whoami", method: .GET, path: "users/", query: ["op": "whoami"], retry: .safe))
        guard let name = value["username"]?.stringValue else {
            throw MaasError.invalidResponse(description: "users.whoami: no username")
        }
        return MaasUser(username: name, isSuperuser: value["is_superuser"]?.boolValue ?? false)
    }

    public func tagNames() async throws -> [String] {
        let value = try await json(MaasRequest(operation: "tags.list", method: .GET, path: "tags/", retry: .safe))
        guard case .array(let items) = value else {
            throw MaasError.invalidResponse(description: "tags.list: expected a list")
        }
        return items.compactMap { $0["name"]?.stringValue }
    }

    private func json(_ request: MaasRequest) async throws -> JSONValue {
        let response = try await client.send(request)
        do {
            return try JSONValue.parse(bytes: response.bodyBytes)
        } catch {
            throw MaasError.invalidResponse(description: "\(request.operation): \(error)")
        }
    }
}
