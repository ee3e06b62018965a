/// The name kubelet registers a Node under: the lower-cased host name.
public enum NodeName {
    /// `hostname` lower-cased, or nil when the result is not a valid Node name (an RFC 1123 DNS subdomain:
    /// at most 253 characters, dot-separated labels of `a-z`, `0-9` and `-` that start and end alphanumeric).
    public static func forHostname(_ hostname: String?) -> String? {
        guard let hostname else { return nil }
        let name = hostname.lowercased()
        guard !name.isEmpty, name.utf8.count <= 253 else { return nil }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard let first = label.first, let last = label.last, label.count <= 63,
                isAlphanumeric(first), isAlphanumeric(last),
                label.allSatisfy({ isAlphanumeric($0) || $0 == "-" })
            else { return nil }
        }
        return name
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }
}
