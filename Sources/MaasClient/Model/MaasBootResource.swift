/// A boot resource (image), e.g. `ubuntu/jammy` on `amd64/ga-22.04`.
public struct MaasBootResource: Sendable, Equatable, Decodable {
    public var id: Int
    public var type: String
    public var name: String
    public var architecture: String

    public init(id: Int, type: String = "Synced", name: String, architecture: String) {
        self.id = id
        self.type = type
        self.name = name
        self.architecture = architecture
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(id: c.lenientInt(AnyKey("id")) ?? 0, type: c.lenient(String.self, AnyKey("type")) ?? "",
                  name: c.lenient(String.self, AnyKey("name")) ?? "",
                  architecture: c.lenient(String.self, AnyKey("architecture")) ?? "")
    }
}
