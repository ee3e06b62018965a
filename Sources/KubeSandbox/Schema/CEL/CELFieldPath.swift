/// A rule's `fieldPath` (`.spec.a`, `.a['b.c']`, `.list[0]`), turned into kube field-path text.
enum CELFieldPath {
    /// The kube field-path suffix for `fieldPath` (e.g. `.a['b']` → `.a[b]`), or nil when malformed.
    static func parse(_ fieldPath: String) -> String? {
        var result = ""
        var scalars = Substring(fieldPath)
        guard scalars.first == "." || scalars.first == "[" else { return nil }
        while let first = scalars.first {
            if first == "." {
                scalars = scalars.dropFirst()
                let name = scalars.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                guard !name.isEmpty else { return nil }
                result += "." + name
                scalars = scalars.dropFirst(name.count)
            } else if first == "[" {
                scalars = scalars.dropFirst()
                if let quote = scalars.first, quote == "'" || quote == "\"" {
                    scalars = scalars.dropFirst()
                    guard let end = scalars.firstIndex(of: quote) else { return nil }
                    result += "[" + scalars[..<end] + "]"
                    scalars = scalars[scalars.index(after: end)...]
                } else {
                    let digits = scalars.prefix { $0.isNumber }
                    guard !digits.isEmpty else { return nil }
                    result += "[" + digits + "]"
                    scalars = scalars.dropFirst(digits.count)
                }
                guard scalars.first == "]" else { return nil }
                scalars = scalars.dropFirst()
            } else {
                return nil
            }
        }
        return result
    }
}
