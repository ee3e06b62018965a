import Foundation
import KubeCore

/// The string `format`s the sandbox checks (the cheap ones); other formats are accepted as-is.
enum SchemaFormats {
    static func isValid(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time": return Timestamp.parse(text) != nil
        case "date":
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
                && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
        case "int-or-string", "int32", "int64", "double", "float", "byte", "password", "": return true
        default: return true
        }
    }
}
