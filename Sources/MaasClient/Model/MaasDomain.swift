/// A DNS domain (`domains/`); the default is `maas`, id 0.
public struct MaasDomain: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    public var ttl: Int?
    public var authoritative: Bool
    public var isDefault: Bool
    public var resourceRecordCount: Int

    public init(id: Int, name: String, ttl: Int? = nil, authoritative: Bool = true, isDefault: Bool = false,
                resourceRecordCount: Int = 0) {
        self.id = id
        self.name = name
        self.ttl = ttl
        self.authoritative = authoritative
        self.isDefault = isDefault
        self.resourceRecordCount = resourceRecordCount
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let name = c.lenient(String.self, AnyKey("name")) else {
            throw DecodingError.keyNotFound(AnyKey("name"), .init(codingPath: decoder.codingPath, debugDescription: "domain without name"))
        }
        self.init(id: c.lenientInt(AnyKey("id")) ?? 0, name: name, ttl: c.lenientInt(AnyKey("ttl")),
                  authoritative: c.lenient(Bool.self, AnyKey("authoritative")) ?? true,
                  isDefault: c.lenient(Bool.self, AnyKey("is_default")) ?? false,
                  resourceRecordCount: c.lenientInt(AnyKey("resource_record_count")) ?? 0)
    }
}
