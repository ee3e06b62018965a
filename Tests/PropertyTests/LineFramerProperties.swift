import KubeClient
import NIOCore
import PropertyBased
import Testing

/// A byte stream, a limit and a way to cut the stream into chunks.
struct FramingCase: Sendable, CustomStringConvertible {
    var stream: [UInt8]
    var limit: Int
    var cuts: [Int]  // sorted chunk boundaries inside the stream

    var chunks: [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        for cut in cuts + [stream.count] {
            result.append(Array(stream[start..<cut]))
            start = cut
        }
        return result
    }

    var description: String { "limit \(limit), cuts \(cuts), stream \(stream)" }

    static func random(_ r: inout SplitMix) -> FramingCase {
        let alphabet: [UInt8] = Array("ab{}\" \r\t\n\n".utf8) + [0x00, 0xFF]
        var stream: [UInt8] = []
        for _ in 0..<r.int(0...12) {
            let length = r.chance(0.1) ? r.int(0...120) : r.int(0...30)
            for _ in 0..<length { stream.append(r.pick(alphabet)) }
            stream.append(UInt8(ascii: "\n"))
        }
        if r.chance(0.5) { stream.removeLast(min(stream.count, r.int(0...3))) }  // unterminated final line
        let limit = r.int(1...64)
        let cuts = Set((0..<r.int(0...10)).map { _ in r.int(0...stream.count) }).sorted()
        return FramingCase(stream: stream, limit: limit, cuts: cuts)
    }
}

/// The specification: split the whole stream at newlines; blank lines (spaces, tabs, CRs) are skipped; any
/// line (including the unterminated last one) longer than the limit is an error at the chunk that carries
/// its (limit+1)-th byte.
enum FramingModel {
    enum Outcome: Equatable { case lines([[UInt8]]), tooLong(chunkIndex: Int) }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
    }

    static func outcome(_ c: FramingCase) -> Outcome {
        let segments = c.stream.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var start = 0
        for segment in segments {
            if segment.count > c.limit {
                let offending = start + c.limit
                let chunkIndex = c.cuts.filter { $0 <= offending }.count
                return .tooLong(chunkIndex: chunkIndex)
            }
            start += segment.count + 1
        }
        return .lines(segments.filter { !isBlank($0) }.map(Array.init))
    }

    static func run(_ c: FramingCase) -> Outcome {
        var framer = LineFramer(maximumLineLength: c.limit)
        var lines: [[UInt8]] = []
        for (index, chunk) in c.chunks.enumerated() {
            do {
                lines += try framer.append(ByteBuffer(bytes: chunk)).map { Array($0.readableBytesView) }
            } catch {
                #expect(error == LineFramer.LineTooLong(limit: c.limit))
                return .tooLong(chunkIndex: index)
            }
        }
        if let last = framer.finish() { lines.append(Array(last.readableBytesView)) }
        return .lines(lines)
    }
}

extension PropertySuites {
@Suite("LineFramer properties")
struct LineFramerProperties {
    @Test("any chunking yields the lines of the whole stream, or the error at the offending chunk")
    func chunkingIsInvisible() async {
        await propertyCheck(count: 10_000, input: generator { FramingCase.random(&$0) }) { c in
            #expect(FramingModel.run(c) == FramingModel.outcome(c), "\(c)")
        }
    }

    @Test("one byte at a time equals one chunk for the whole stream")
    func byteAtATime() async {
        await propertyCheck(count: 5_000, input: generator { FramingCase.random(&$0) }) { c in
            var whole = c
            whole.cuts = []
            var bytewise = c
            bytewise.cuts = c.stream.isEmpty ? [] : Array(1..<c.stream.count)
            let wholeOutcome = FramingModel.run(whole)
            if case .lines = wholeOutcome {
                #expect(FramingModel.run(bytewise) == wholeOutcome)
            } else {
                #expect(FramingModel.outcome(bytewise) == FramingModel.run(bytewise))
            }
        }
    }

    @Test("a line of exactly the limit passes, one byte more fails")
    func limitBoundary() async {
        await propertyCheck(count: 2_000, input: generator { r in (r.int(1...4096), r.int(1...9)) }) { input in
            let (limit, pieces) = input
            let exact = [UInt8](repeating: UInt8(ascii: "x"), count: limit)
            #expect(FramingModel.run(FramingCase(stream: exact + [10], limit: limit, cuts: [])) == .lines([exact]))
            let over = exact + [UInt8(ascii: "y")]
            let cuts = (1..<pieces).map { $0 * over.count / pieces }.filter { $0 > 0 && $0 < over.count }
            let unterminated = FramingCase(stream: over, limit: limit, cuts: Array(Set(cuts)).sorted())
            #expect(FramingModel.run(unterminated) == FramingModel.outcome(unterminated))
            if case .lines = FramingModel.run(unterminated) { Issue.record("over-long line was accepted") }
        }
    }
}
}
