import NIOCore

/// Splits a chunked byte stream into newline-terminated lines (watch streams are one JSON object per line).
///
/// A line may span any number of chunks; a chunk may hold many lines; a final line without a newline
/// is returned by `finish()`. A line longer than `maximumLineLength` is an error, not unbounded memory.
public struct LineFramer: Sendable {
    /// The default limit, 16 MiB (well above the API server's 3 MiB object limit).
    public static let defaultMaximumLineLength = 16 * 1024 * 1024

    public struct LineTooLong: Error, Sendable, Equatable, CustomStringConvertible {
        public var limit: Int
        public init(limit: Int) { self.limit = limit }
        public var description: String { "watch line exceeds \(limit) bytes" }
    }

    public let maximumLineLength: Int
    private var buffer = ByteBuffer()

    public init(maximumLineLength: Int = LineFramer.defaultMaximumLineLength) {
        self.maximumLineLength = maximumLineLength
    }

    /// Appends a chunk and returns every line it completed (without the newline; blank lines skipped).
    public mutating func append(_ chunk: ByteBuffer) throws(LineTooLong) -> [ByteBuffer] {
        var chunk = chunk
        var lines: [ByteBuffer] = []
        while let newline = chunk.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - chunk.readerIndex
            guard buffer.readableBytes + length <= maximumLineLength else { throw LineTooLong(limit: maximumLineLength) }
            var line: ByteBuffer
            if buffer.readableBytes == 0 {
                line = chunk.readSlice(length: length) ?? ByteBuffer()
            } else {
                var slice = chunk.readSlice(length: length) ?? ByteBuffer()
                buffer.writeBuffer(&slice)
                line = buffer
                buffer = ByteBuffer()
            }
            chunk.moveReaderIndex(forwardBy: 1)
            if !Self.isBlank(line) { lines.append(line) }
        }
        guard buffer.readableBytes + chunk.readableBytes <= maximumLineLength else {
            throw LineTooLong(limit: maximumLineLength)
        }
        if chunk.readableBytes > 0 { buffer.writeBuffer(&chunk) }
        return lines
    }

    /// Ends the stream: the unterminated last line, if any.
    public mutating func finish() -> ByteBuffer? {
        defer { buffer = ByteBuffer() }
        return Self.isBlank(buffer) ? nil : buffer
    }

    private static func isBlank(_ line: ByteBuffer) -> Bool {
        line.readableBytesView.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
    }
}
