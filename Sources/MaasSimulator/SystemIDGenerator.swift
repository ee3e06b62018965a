/// Deterministic 6-character MAAS-like system ids (`twgrer`, `ae6q3r`).
enum SystemIDGenerator {
    static let alphabet = Array("abcdefghjkmnpqrstwxy346789")

    /// Id number `n` → 6 characters, stable across runs.
    static func systemID(for n: Int) -> String {
        var value = UInt64(truncatingIfNeeded: n) &* 2_654_435_761 &+ 0x9E37_79B9
        var out = ""
        for _ in 0..<6 {
            out.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
            value ^= 0x5DEE_CE66
        }
        return out
    }
}
