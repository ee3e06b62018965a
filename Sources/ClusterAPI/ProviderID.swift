/// Why a provider ID string was rejected.
public enum ProviderIDError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case tooLong(length: Int)
    case wrongScheme(String)
    case missingSystemID(String)
    case invalidSystemID(String)
    case invalidZone(String)

    public var description: String {
        switch self {
        case .empty: "provider ID is empty"
        case .tooLong(let length): "provider ID is \(length) characters long (at most 512 allowed)"
        case .wrongScheme(let text): "provider ID \"\(text)\" does not start with \"maas://\""
        case .missingSystemID(let text): "provider ID \"\(text)\" has no MAAS system ID after the last \"/\""
        case .invalidSystemID(let id): "MAAS system ID \"\(id)\" contains characters other than letters, digits, '-' and '_'"
        case .invalidZone(let zone): "MAAS zone \"\(zone)\" is not valid in a provider ID"
        }
    }
}

/// A MAAS provider ID, `maas:///<zone>/<system_id>` (an empty zone gives `maas:////<system_id>`).
public struct ProviderID: Hashable, Sendable, CustomStringConvertible {
    public static let scheme = "maas://"
    public static let maximumLength = 512

    public var zone: String
    public var systemID: String

    /// A provider ID for `systemID` in `zone`; throws when either cannot appear in a provider ID.
    public init(zone: String, systemID: String) throws(ProviderIDError) {
        guard !systemID.isEmpty else { throw .missingSystemID(systemID) }
        guard systemID.allSatisfy(Self.isSystemIDCharacter) else { throw .invalidSystemID(systemID) }
        guard !zone.contains("/"), !zone.contains(where: \.isWhitespace) else { throw .invalidZone(zone) }
        self.zone = zone
        self.systemID = systemID
    }

    /// Parses `maas:///<zone>/<id>`, `maas:////<id>` (empty zone) and `maas:///<id>` (no zone segment).
    public init(parsing text: String) throws(ProviderIDError) {
        guard !text.isEmpty else { throw .empty }
        guard text.count <= Self.maximumLength else { throw .tooLong(length: text.count) }
        guard text.hasPrefix(Self.scheme) else { throw .wrongScheme(text) }
        let path = text.dropFirst(Self.scheme.count)
        // An empty authority: the path must start with "/".
        guard path.hasPrefix("/") else { throw .wrongScheme(text) }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let id = segments.last, !id.isEmpty else { throw .missingSystemID(text) }
        let zoneSegments = segments.dropLast()
        guard zoneSegments.count <= 1 else { throw .invalidZone(zoneSegments.joined(separator: "/")) }
        try self.init(zone: zoneSegments.first ?? "", systemID: id)
    }

    /// `maas:///<zone>/<system_id>`.
    public var description: String { "\(Self.scheme)/\(zone)/\(systemID)" }

    private static func isSystemIDCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }
}
