import Foundation
import KubeClient
import KubeCore
import Yams

/// Helpers of the integration test: manifests from YAML, and polling until a condition holds.
enum SandboxSupport {
    /// The package root (three levels above this file).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct NotJSON: Error, CustomStringConvertible {
        var description: String
    }

    /// Every document of a multi-document YAML file, as JSON objects.
    static func manifests(_ relativePath: String) throws -> [JSONValue] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
        return try Yams.load_all(yaml: text).map { document in try json(document) }
    }

    static func json(_ value: Any) throws -> JSONValue {
        switch value {
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(Int64(value))
        case let value as Double: return .double(value)
        case let value as String: return .string(value)
        case let value as [Any]: return .array(try value.map(json))
        case let value as [AnyHashable: Any]:
            var members: [String: JSONValue] = [:]
            for (key, child) in value { members["\(key)"] = try json(child) }
            return .object(members)
        case is NSNull: return .null
        default: throw NotJSON(description: "unsupported YAML value \(type(of: value))")
        }
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
