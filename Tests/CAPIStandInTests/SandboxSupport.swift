import Foundation
import KubeClient
import KubeCore
import KubeYAML

/// Helpers of the integration test: manifests from YAML, and polling until a condition holds.
enum SandboxSupport {
    /// The package root (three levels above this file).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every document of a multi-document YAML file, as JSON objects.
    static func manifests(_ relativePath: String) throws -> [JSONValue] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
        return try YAMLDocuments.parse(text, source: relativePath)
    }

    struct TimedOut: Error, CustomStringConvertible {
        var description: String
    }

    /// Polls `condition` every 100 ms until it returns a value, failing after `limit`.
    static func eventually<T>(
        _ what: String, limit: Duration = .seconds(30), _ condition: () async throws -> T?
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while true {
            if let value = try await condition() { return value }
            guard clock.now < deadline else { throw TimedOut(description: "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

extension Api {
    /// The object, or nil when it does not exist (test helper).
    func find(_ name: String) async throws -> Object? {
        do {
            return try await get(name)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }
}
