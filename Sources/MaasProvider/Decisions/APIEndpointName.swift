import KubeCore
/// Why an API server DNS name could not be built.
public enum APIEndpointNameError: Error, Hashable, Sendable, CustomStringConvertible {
    case emptyDomain
    case invalidSuffix(String)
    case tooLong(fqdn: String)

    public var description: String {
        switch self {
        case .emptyDomain: "spec.dnsDomain is empty"
        case .invalidSuffix(let suffix): "suffix \"\(suffix)\" is not \(APIEndpointName.suffixLength) lowercase letters or digits"
        case .tooLong(let fqdn): "API server name \"\(fqdn)\" is longer than 253 characters; use a shorter dnsDomain"
        }
    }
}

/// Builds the API server FQDN `<cluster>-<6 lowercase alnum>.<dnsDomain>`.
public enum APIEndpointName {
    public static let suffixLength = 6
    public static let maximumLabelLength = 63
    public static let maximumNameLength = 253
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// The FQDN for `clusterName` in `dnsDomain` with the given suffix. The cluster name is lowercased, characters
    /// other than letters, digits and `-` (including `.`) become `-`, and it is shortened so the first label fits
    /// in 63 characters.
    public static func make(clusterName: String, dnsDomain: String, suffix: String) throws(APIEndpointNameError) -> String {
        let domain = dnsDomain.trimmingTrailingDots()
        guard !domain.isEmpty else { throw .emptyDomain }
        guard suffix.count == suffixLength, suffix.allSatisfy({ alphabet.contains($0) }) else { throw .invalidSuffix(suffix) }
        let allowed = maximumLabelLength - suffixLength - 1
        var prefix = String(clusterName.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" }.prefix(allowed))
        while prefix.hasPrefix("-") { prefix.removeFirst() }
        while prefix.hasSuffix("-") { prefix.removeLast() }
        let label = prefix.isEmpty ? suffix : "\(prefix)-\(suffix)"
        let fqdn = "\(label).\(domain.lowercased())"
        guard fqdn.count <= maximumNameLength else { throw .tooLong(fqdn: fqdn) }
        return fqdn
    }

    /// A random suffix of `suffixLength` lowercase letters and digits.
    public static func randomSuffix(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<suffixLength).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
    }

    /// The FQDN with a random suffix from the system generator.
    public static func make(clusterName: String, dnsDomain: String) throws(APIEndpointNameError) -> String {
        var generator = SystemRandomNumberGenerator()
        return try make(clusterName: clusterName, dnsDomain: dnsDomain, suffix: randomSuffix(using: &generator))
    }
}

extension String {
    fileprivate func trimmingTrailingDots() -> String {
        var text = self
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
