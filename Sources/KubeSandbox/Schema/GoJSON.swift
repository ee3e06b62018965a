import Foundation
import KubeCore

/// JSON text exactly as Go's `encoding/json.Marshal` writes it for unstructured objects: compact, sorted
/// keys, and `<`, `>`, `&`, U+2028, U+2029 escaped as `\u003c` etc. Kube embeds such text in some messages
/// (e.g. the strict-decoding 422 on PATCH), so the sandbox needs the same bytes.
public enum GoJSON {
    /// Go's dialect of the shared `JSONValue` writer.
    public static let format = JSONTextFormat(escapesHTML: true, formatDouble: { FieldError.formatNumber($0) })

    public static func string(_ value: JSONValue) -> String {
        value.jsonString(format)
    }
}
