/// A resource pool (`resourcepools/`), also embedded in machines as `pool`.
public struct MaasResourcePool: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    public var description: String

    public init(id: Int, name: String, description: String = "") {
        self.id = id
        self.name = name
        self.description = description
    }

    public init(from decoder: any Decoder) throws {
        let zone = try MaasZone(from: decoder)
        self.init(id: zone.id, name: zone.name, description: zone.description)
    }
}
