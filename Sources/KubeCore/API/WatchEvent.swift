import Foundation

/// One event of a watch stream.
public enum WatchEvent<Object: Decodable & Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A bookmark only advances the resource version; it carries no object.
    case bookmark(resourceVersion: String, annotations: [String: String])
    /// An error in the stream; code 410 means the resource version expired.
    case error(Status)
}

/// Why a watch line could not be decoded.
public struct WatchDecodingError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension WatchEvent {
    private struct Envelope: Decodable {
        var type: String
    }

    private struct ObjectEnvelope<T: Decodable>: Decodable {
        var object: T
    }

    private struct BookmarkObject: Decodable {
        struct Meta: Decodable {
            var resourceVersion: String?
            var annotations: [String: String]?
        }
        var metadata: Meta?
    }

    /// Decodes one line of a watch stream (`{"type": ..., "object": ...}`).
    public static func decode(line: Data, decoder: JSONDecoder = KubeJSON.decoder) throws -> WatchEvent<Object> {
        let type: String
        do {
            type = try decoder.decode(Envelope.self, from: line).type
        } catch {
            throw WatchDecodingError(description: "watch line is not an event: \(error)")
        }
        switch type {
        case "ADDED": return .added(try decoder.decode(ObjectEnvelope<Object>.self, from: line).object)
        case "MODIFIED": return .modified(try decoder.decode(ObjectEnvelope<Object>.self, from: line).object)
        case "DELETED": return .deleted(try decoder.decode(ObjectEnvelope<Object>.self, from: line).object)
        case "BOOKMARK":
            let bookmark = try decoder.decode(ObjectEnvelope<BookmarkObject>.self, from: line).object
            return .bookmark(
                resourceVersion: bookmark.metadata?.resourceVersion ?? "",
                annotations: bookmark.metadata?.annotations ?? [:])
        case "ERROR": return .error(try decoder.decode(ObjectEnvelope<Status>.self, from: line).object)
        default: throw WatchDecodingError(description: "unknown watch event type \"\(type)\"")
        }
    }
}

/// The annotation on the bookmark that ends the initial events of a watch.
public let initialEventsEndAnnotation = "k8s.io/initial-events-end"
