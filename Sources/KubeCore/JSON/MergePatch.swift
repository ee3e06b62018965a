import Foundation

/// JSON merge patch (RFC 7386): applying a patch and computing one from two documents.
extension JSONValue {
    /// Applies a JSON merge patch to this document: `null` members delete, objects merge
    /// recursively, anything else replaces.
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = (result[key] ?? .null).applyingMergePatch(value)
            }
        }
        return .object(result)
    }

    /// The merge patch that turns `original` into `modified`, or `nil` when they are equal.
    /// Removed members become `null`; arrays are replaced whole.
    public static func mergePatch(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard case .object(let old) = original, case .object(let new) = modified else {
            return original == modified ? nil : modified
        }
        var patch: [String: JSONValue] = [:]
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        for (key, newValue) in new {
            if let oldValue = old[key] {
                if let child = mergePatch(from: oldValue, to: newValue) { patch[key] = child }
            } else {
                patch[key] = newValue
            }
        }
        return patch.isEmpty ? nil : .object(patch)
    }
}
