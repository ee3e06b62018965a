/// The few interface fields a provisioner needs (boot interface).
public struct MaasInterface: Sendable, Equatable, Decodable {
    public var id: Int
    public var name: String
    public var type: String
    public var macAddress: String?
    public var children: [String]

    public init(id: Int, name: String, type: String = "physical", macAddress: String? = nil, children: [String] = []) {
        self.id = id
        self.name = name
        self.type = type
        self.macAddress = macAddress
        self.children = children
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(
            id: c.lenientInt(AnyKey("id")) ?? 0,
            name: c.lenient(String.self, AnyKey("name")) ?? "",
            type: c.lenient(String.self, AnyKey("type")) ?? "",
            macAddress: c.lenient(String.self, AnyKey("mac_address")),
            children: c.lenient([LenientString].self, AnyKey("children"))?.compactMap(\.value) ?? [])
    }
}
