import Foundation

/// Loads the recorded MAAS 3.4.10 responses copied from shared/reference/maas-fixtures.
enum Fixtures {
    struct Missing: Error { let name: String }

    /// (status, content type, body) of `Fixtures/<name>.txt`.
    static func load(_ name: String) throws -> (Int, String, String) {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let newline = text.firstIndex(of: "\n") else { throw Missing(name: name) }
        let statusLine = text[..<newline].trimmingCharacters(in: .whitespaces)
        let parts = statusLine.split(separator: " ", maxSplits: 1)
        guard let status = parts.first.flatMap({ Int($0) }) else { throw Missing(name: name) }
        let contentType = parts.count > 1 ? String(parts[1]) : ""
        return (status, contentType, String(text[text.index(after: newline)...]))
    }

    static func body(_ name: String) throws -> Data {
        Data(try load(name).2.utf8)
    }
}
