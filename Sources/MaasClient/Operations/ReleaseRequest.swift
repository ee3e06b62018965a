/// `POST machines/{id}/ op=release` (maas-api.md §3.6). Idempotent on Ready and Releasing machines.
public struct ReleaseRequest: Sendable, Equatable {
    public var comment: String?
    public var erase: Bool?
    public var quickErase: Bool?
    public var secureErase: Bool?
    /// Also delete VM-host VMs.
    public var force: Bool?

    public init(comment: String? = nil, erase: Bool? = nil, quickErase: Bool? = nil, secureErase: Bool? = nil,
                force: Bool? = nil) {
        self.comment = comment
        self.erase = erase
        self.quickErase = quickErase
        self.secureErase = secureErase
        self.force = force
    }

    public var parameters: MaasParameters {
        var p = MaasParameters()
        p.add("comment", comment)
        p.add("erase", erase)
        p.add("quick_erase", quickErase)
        p.add("secure_erase", secureErase)
        p.add("force", force)
        return p
    }
}
