import KubeClient
import NIOCore
import Testing

@Suite struct LineFramerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var chunks: [String]
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one line in one chunk", chunks: ["{\"a\":1}\n"], expected: ["{\"a\":1}"]),
        Case(name: "line across three chunks", chunks: ["{\"a\"", ":12", "3}\n"], expected: ["{\"a\":123}"]),
        Case(name: "many lines in one chunk", chunks: ["a\nb\nc\n"], expected: ["a", "b", "c"]),
        Case(name: "split right after newline", chunks: ["a\n", "b\n"], expected: ["a", "b"]),
        Case(name: "newline alone in a chunk", chunks: ["abc", "\n", "def\n"], expected: ["abc", "def"]),
        Case(name: "no trailing newline at EOF", chunks: ["a\nlast"], expected: ["a", "last"]),
        Case(name: "blank lines skipped", chunks: ["\n\r\na\n\n"], expected: ["a"]),
        Case(name: "mixed split", chunks: ["x1\nx", "2\nx3"], expected: ["x1", "x2", "x3"]),
    ]

    @Test(arguments: cases)
    func framing(_ testCase: Case) throws {
        var framer = LineFramer()
        var lines: [String] = []
        for chunk in testCase.chunks {
            lines += try framer.append(ByteBuffer(string: chunk)).map { String(buffer: $0) }
        }
        if let last = framer.finish() { lines.append(String(buffer: last)) }
        #expect(lines == testCase.expected)
    }

    @Test func oversizedLineWithinOneChunkIsAnError() {
        var framer = LineFramer(maximumLineLength: 8)
        #expect(throws: LineFramer.LineTooLong(limit: 8)) { _ = try framer.append(ByteBuffer(string: "0123456789\n")) }
    }

    @Test func oversizedLineAcrossChunksIsAnError() throws {
        var framer = LineFramer(maximumLineLength: 8)
        #expect(try framer.append(ByteBuffer(string: "0123")).isEmpty)
        #expect(throws: LineFramer.LineTooLong(limit: 8)) { _ = try framer.append(ByteBuffer(string: "45678")) }
    }

    @Test func lineAtTheLimitIsAccepted() throws {
        var framer = LineFramer(maximumLineLength: 8)
        #expect(try framer.append(ByteBuffer(string: "0123")).isEmpty)
        #expect(try framer.append(ByteBuffer(string: "4567\n")).map { String(buffer: $0) } == ["01234567"])
    }
}
