import Foundation
import PropertyBased

/// A small, fast, seedable generator: each property input gets its own stream, seeded from PropertyBased's
/// RNG, so a failure report's seed reproduces the input.
struct SplitMix: RandomNumberGenerator, Sendable {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
}

/// A PropertyBased generator built from a plain function of a `SplitMix` stream (no shrinking).
func generator<T: Sendable>(_ make: @Sendable @escaping (inout SplitMix) -> T) -> Generator<T, Shrink.None<T>> {
    Generator(run: { rng in
        var stream = SplitMix(state: rng.next())
        return make(&stream)
    })
}

/// Test fixtures copied from the shared reference recordings.
enum Fixtures {
    static func data(_ name: String) -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url)
        else { return Data() }
        return data
    }

    static func lines(_ name: String) -> [[UInt8]] {
        Array(data(name)).split(separator: UInt8(ascii: "\n")).map(Array.init)
    }

    static let watchFiles = [
        "watch-maasmachines.jsonl", "watch-maasmachines-no-rv.jsonl", "watch-maasmachines-table.jsonl",
        "watch-410-expired.jsonl",
    ]
}

/// Byte-level mutations: flips, JSON-significant byte replacement, insertion, deletion, truncation, splicing.
enum ByteMutator {
    static let interesting: [UInt8] = Array("{}[]\",:\\0123456789-+.eEtrufalsn \n\t".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]

    static func mutate(_ input: [UInt8], _ r: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<r.int(1...4) {
            let position = bytes.isEmpty ? 0 : r.int(0..<bytes.count)
            switch r.int(0..<7) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1) << UInt8(r.int(0..<8))
            case 1 where !bytes.isEmpty: bytes[position] = r.pick(interesting)
            case 2: bytes.insert(r.pick(interesting), at: position)
            case 3 where !bytes.isEmpty: bytes.remove(at: position)
            case 4: bytes = Array(bytes.prefix(position))
            case 5 where bytes.count > 2:
                // Duplicate a short range somewhere else.
                let start = r.int(0..<bytes.count)
                let end = min(bytes.count, start + r.int(1...16))
                bytes.insert(contentsOf: bytes[start..<end], at: r.int(0...bytes.count))
            default: bytes.insert(UInt8.random(in: 0...255, using: &r), at: position)
            }
        }
        return bytes
    }
}
