import KubeCore

/// kube-apiserver's object name rules: RFC 1123 subdomains for most kinds, RFC 1123 labels for Namespaces,
/// path-segment names for RBAC kinds (which allow `system:` names).
enum NameValidation {
    /// The `metadata.name` cause of an invalid name, or nil when the name is valid for the kind.
    static func invalidNameCause(_ name: String, info: ResourceInfo) -> StatusCause? {
        let value = JSONValue.string(name).jsonString
        if info.group == "rbac.authorization.k8s.io" {
            if name == "." || name == ".." { return cause("Invalid value: \(value): may not be '\(name)'") }
            if name.contains("/") || name.contains("%") { return cause("Invalid value: \(value): may not contain '/' or '%'") }
            return nil
        }
        if info.group.isEmpty && info.plural == "namespaces" {
            guard name.count <= 63, isLabel(name) else {
                return cause("Invalid value: \(value): a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
            }
            return nil
        }
        guard name.count <= 253, name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isLabel(String($0)) }) else {
            return cause("Invalid value: \(value): a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
        }
        return nil
    }

    static func isLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        return alphanumeric(first) && alphanumeric(last) && bytes.allSatisfy { alphanumeric($0) || $0 == 0x2D }
    }

    private static func cause(_ message: String) -> StatusCause {
        APIError.cause("FieldValueInvalid", "metadata.name", message)
    }
}
