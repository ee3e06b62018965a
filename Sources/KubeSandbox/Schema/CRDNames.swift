import KubeCore

/// Name rules for CRD names and versions (kube's `IsDNS1035Label`).
enum CRDNames {
    static let dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    static func isDNS1035Label(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func lowerAlpha(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        func digit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        guard let first = bytes.first, let last = bytes.last, lowerAlpha(first), lowerAlpha(last) || digit(last)
        else { return false }
        return bytes.allSatisfy { lowerAlpha($0) || digit($0) || $0 == 45 }
    }

    /// The bad value shown for a storage-version error: each version's name, served and storage flags.
    static func versionSummary(_ versions: [JSONValue]) -> JSONValue {
        .array(
            versions.map { version in
                [
                    "name": version["name"] ?? .null, "served": version["served"] ?? false,
                    "storage": version["storage"] ?? false,
                ]
            })
    }
}
