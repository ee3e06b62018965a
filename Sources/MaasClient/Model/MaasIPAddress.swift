/// A static IP address attached to a DNS resource.
public struct MaasIPAddress: Sendable, Equatable, Decodable {
    public var ip: String?
    public var allocType: Int?
    public var allocTypeName: String?

    public init(ip: String?, allocType: Int? = nil, allocTypeName: String? = nil) {
        self.ip = ip
        self.allocType = allocType
        self.allocTypeName = allocTypeName
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(ip: c.lenient(String.self, AnyKey("ip")), allocType: c.lenientInt(AnyKey("alloc_type")),
                  allocTypeName: c.lenient(String.self, AnyKey("alloc_type_name")))
    }
}
