import ClusterAPI
import Logging
import Foundation
import KubeClient
import KubeCore

/// Reads a Machine's bootstrap data (Secret `spec.bootstrap.dataSecretName`, key `value`). The bytes are never
/// logged; the MAAS client base64-encodes them for `user_data`.
enum BootstrapData {
    enum Problem: Error, CustomStringConvertible {
        case noSecretName
        case secretMissing(String)
        case keyMissing(String)
        case unreadable(String, String)
        case tooLarge(String, Int)

        var description: String {
            switch self {
            case .noSecretName: "the Machine has no spec.bootstrap.dataSecretName"
            case .secretMissing(let name): "bootstrap data Secret \(name) does not exist"
            case .keyMissing(let name): "bootstrap data Secret \(name) has no (base64) key value"
            case .unreadable(let name, let error): "cannot read bootstrap data Secret \(name): \(error)"
            case .tooLarge(let name, let bytes):
                "bootstrap data in Secret \(name) is \(bytes) bytes, over the \(BootstrapData.maximumBytes) byte (1 MiB) limit of a Kubernetes Secret; not sent to MAAS"
            }
        }
    }

    /// The largest user data passed to MAAS (a Kubernetes Secret holds at most 1 MiB).
    static let maximumBytes = 1 << 20

    static func read(client: KubeClient, namespace: String, secretName: String?) async -> Result<[UInt8], Problem> {
        guard let secretName, !secretName.isEmpty else { return .failure(.noSecretName) }
        let json: JSONValue
        do {
            json = try await client.dynamic(.secret, namespace: namespace).get(secretName)
        } catch let error as KubeError where error.isNotFound {
            return .failure(.secretMissing("\(namespace)/\(secretName)"))
        } catch {
            return .failure(.unreadable("\(namespace)/\(secretName)", "\(error)"))
        }
        guard let encoded = json["data"]?["value"]?.stringValue, let data = Data(base64Encoded: encoded), !data.isEmpty else {
            return .failure(.keyMissing("\(namespace)/\(secretName)"))
        }
        guard data.count <= maximumBytes else { return .failure(.tooLarge("\(namespace)/\(secretName)", data.count)) }
        return .success(Array(data))
    }
}
