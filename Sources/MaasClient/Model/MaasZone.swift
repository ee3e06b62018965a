/// An availability zone (`zones/`), also embedded in machines as `zone`.
public struct MaasZone: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    public var description: String

    public init(id: Int, name: String, description: String = "") {
        self.id = id
        self.name = name
        self.description = description
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let name = c.lenient(String.self, AnyKey("name")) else {
            throw DecodingError.keyNotFound(AnyKey("name"), .init(codingPath: decoder.codingPath, debugDescription: "zone without name"))
        }
        self.init(id: c.lenientInt(AnyKey("id")) ?? 0, name: name,
                  description: c.lenient(String.self, AnyKey("description")) ?? "")
    }
}
