import Foundation

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// Parses JSON bytes.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Array(data))
    }

    /// Parses JSON bytes.
    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(bytes)
    }

    /// Parses a JSON string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    /// Compact JSON with sorted keys, so equal values always serialise identically.
    public func serialized() -> Data {
        Data(JSONWriter.write(self))
    }

    /// Compact JSON bytes with sorted keys.
    public var serializedBytes: [UInt8] { JSONWriter.write(self) }

    /// Compact JSON text with sorted keys.
    public var jsonString: String { String(decoding: serialized(), as: UTF8.self) }

    /// JSON with sorted keys written in `format` (e.g. another system's dialect).
    public func serialized(_ format: JSONTextFormat) -> Data {
        Data(JSONWriter.write(self, format: format))
    }

    /// JSON text with sorted keys written in `format`.
    public func jsonString(_ format: JSONTextFormat) -> String {
        String(decoding: JSONWriter.write(self, format: format), as: UTF8.self)
    }

    /// Converts any `Encodable` value to its JSON value.
    public init(encoding value: some Encodable) throws {
        self = try JSONParser.parse(Array(KubeJSON.encoder.encode(value)))
    }

    /// Decodes this JSON value into a `Decodable` type.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try KubeJSON.decoder.decode(T.self, from: serialized())
    }
}

/// The JSON coders used for Kubernetes payloads: sorted keys, no escaped slashes.
public enum KubeJSON {
    /// Encoder producing compact JSON with sorted keys.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Decoder for Kubernetes payloads.
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Encodes a value to compact JSON.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// Decodes a value from JSON.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }
}
