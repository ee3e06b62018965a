import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore
import NIOFoundationCompat

/// The events of one watch connection, decoded line by line from the chunked response body.
/// Ends when the server closes the stream (its `timeoutSeconds` elapsed); the caller re-watches.
public struct WatchStream<Object: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>
    let body: HTTPClientResponse.Body
    let maximumLineLength: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(body: body.makeAsyncIterator(), framer: LineFramer(maximumLineLength: maximumLineLength))
    }

    public struct Iterator: AsyncIteratorProtocol {
        var body: HTTPClientResponse.Body.AsyncIterator
        var framer: LineFramer
        var pending: [ByteBuffer] = []
        var pendingIndex = 0
        var finished = false

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if pendingIndex < pending.count {
                    let line = pending[pendingIndex]
                    pendingIndex += 1
                    return try Self.decode(line)
                }
                if finished { return nil }
                pending = []
                pendingIndex = 0
                if let chunk = try await body.next() {
                    pending = try framer.append(chunk)
                } else {
                    finished = true
                    if let last = framer.finish() { pending = [last] }
                }
            }
        }

        static func decode(_ line: ByteBuffer) throws -> WatchEvent<Object> {
            do {
                return try WatchEvent<Object>.decode(line: Data(buffer: line))
            } catch {
                throw KubeError.decoding(description: "watch event: \(error)")
            }
        }
    }
}
