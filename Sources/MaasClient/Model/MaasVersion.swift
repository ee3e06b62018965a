/// `GET version/`.
public struct MaasVersion: Sendable, Equatable, Decodable {
    public var version: String
    public var subversion: String
    public var capabilities: [String]

    public init(version: String, subversion: String = "", capabilities: [String] = []) {
        self.version = version
        self.subversion = subversion
        self.capabilities = capabilities
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(version: c.lenient(String.self, AnyKey("version")) ?? "",
                  subversion: c.lenient(String.self, AnyKey("subversion")) ?? "",
                  capabilities: c.lenient([String].self, AnyKey("capabilities")) ?? [])
    }
}
