import Foundation
import KubeCore

/// The JSON value MAAS-shaped responses are built from: KubeCore's `JSONValue`, written in MAAS's dialect.
public typealias SimJSON = JSONValue

extension SimJSON {
    /// MAAS's dialect (Django, Python's `json.dumps`): sorted keys here for deterministic output, `", "` and
    /// `": "` separators, integral doubles with `.0`.
    static let maasFormat = JSONTextFormat(spacedSeparators: true, formatDouble: { number in
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) + ".0" }
        return String(number)
    })

    /// Serialized in MAAS's dialect as UTF-8 bytes.
    var maasData: Data { serialized(Self.maasFormat) }

    /// An integer from the simulator's `Int` model values.
    static func int(_ value: Int) -> SimJSON { .int(Int64(value)) }
    /// `.string` or `.null`.
    static func optional(_ s: String?) -> SimJSON { s.map(SimJSON.string) ?? .null }
    /// Array of strings.
    static func strings(_ values: [String]) -> SimJSON { .array(values.map(SimJSON.string)) }
    /// Object of strings.
    static func stringMap(_ values: [String: String]) -> SimJSON { .object(values.mapValues(SimJSON.string)) }
}
