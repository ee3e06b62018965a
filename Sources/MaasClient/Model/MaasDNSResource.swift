/// A DNS resource (`dnsresources/`): a name with A/AAAA addresses.
public struct MaasDNSResource: Sendable, Equatable, Decodable {
    public var id: Int
    public var fqdn: String
    /// nil = the domain's default TTL.
    public var addressTTL: Int?
    public var ipAddresses: [MaasIPAddress]

    /// The plain IP strings of `ipAddresses`.
    public var ips: [String] { ipAddresses.compactMap(\.ip) }

    public init(id: Int, fqdn: String, addressTTL: Int? = nil, ipAddresses: [MaasIPAddress] = []) {
        self.id = id
        self.fqdn = fqdn
        self.addressTTL = addressTTL
        self.ipAddresses = ipAddresses
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let id = c.lenientInt(AnyKey("id")) else {
            throw DecodingError.keyNotFound(AnyKey("id"), .init(codingPath: decoder.codingPath, debugDescription: "dnsresource without id"))
        }
        self.init(id: id, fqdn: c.lenient(String.self, AnyKey("fqdn")) ?? "",
                  addressTTL: c.lenientInt(AnyKey("address_ttl")),
                  ipAddresses: c.lenient([MaasIPAddress].self, AnyKey("ip_addresses")) ?? [])
    }
}
