import Foundation
import KubeCore

/// `metav1.ObjectMeta` (apimachinery `pkg/apis/meta/v1/generated.proto`) to its JSON form.
///
/// Decodes what a client may send on create/update; `managedFields` (17) and `selfLink` (4) are skipped,
/// as the server sets the first and ignores the second.
enum ObjectMetaDecoder {
    static func decode(_ field: ProtobufField, depth: Int) throws(ProtobufError) -> JSONValue {
        var reader = try field.message("metadata", depth: depth)
        var meta: [String: JSONValue] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: ProtobufFields.setNonEmpty(try field.string("metadata.name"), "name", in: &meta)
            case 2: ProtobufFields.setNonEmpty(try field.string("metadata.generateName"), "generateName", in: &meta)
            case 3: ProtobufFields.setNonEmpty(try field.string("metadata.namespace"), "namespace", in: &meta)
            case 5: ProtobufFields.setNonEmpty(try field.string("metadata.uid"), "uid", in: &meta)
            case 6: ProtobufFields.setNonEmpty(try field.string("metadata.resourceVersion"), "resourceVersion", in: &meta)
            case 7:
                let generation = try field.int64("metadata.generation")
                if generation != 0 { meta["generation"] = .int(generation) }
            case 8: meta["creationTimestamp"] = try time(field, name: "metadata.creationTimestamp", depth: reader.depth)  // null when unset, as kubectl's JSON
            case 9:
                let deletion = try time(field, name: "metadata.deletionTimestamp", depth: reader.depth)
                if deletion != .null { meta["deletionTimestamp"] = deletion }
            case 10: meta["deletionGracePeriodSeconds"] = .int(try field.int64("metadata.deletionGracePeriodSeconds"))
            case 11: try ProtobufFields.addMapEntry(field, to: &meta, name: "labels", depth: reader.depth)
            case 12: try ProtobufFields.addMapEntry(field, to: &meta, name: "annotations", depth: reader.depth)
            case 13: ProtobufFields.append(try ownerReference(field, depth: reader.depth), to: &meta, name: "ownerReferences")
            case 14: ProtobufFields.append(.string(try field.string("metadata.finalizers")), to: &meta, name: "finalizers")
            default: continue
            }
        }
        return .object(meta)
    }

    /// `metav1.Time{seconds=1, nanos=2}`; the zero time (what Go sends for an unset timestamp) is JSON null.
    static func time(_ field: ProtobufField, name: String, depth: Int) throws(ProtobufError) -> JSONValue {
        var reader = try field.message(name, depth: depth)
        var seconds: Int64 = 0
        while let field = try reader.next() {
            if field.number == 1 { seconds = try field.int64("\(name).seconds") }
        }
        // Whole seconds, as metav1.Time serializes; Go's zero time (year 1) and the Unix epoch both mean "unset".
        let zeroGoTime: Int64 = -62_135_596_800
        if seconds == 0 || seconds == zeroGoTime { return .null }
        guard seconds > zeroGoTime, seconds <= 253_402_300_799 else { throw .invalidTime(field: name) }
        return .string(Timestamp(Date(timeIntervalSince1970: TimeInterval(seconds))).description)
    }

    /// `metav1.OwnerReference{kind=1, name=3, uid=4, apiVersion=5, controller=6, blockOwnerDeletion=7}`.
    private static func ownerReference(_ field: ProtobufField, depth: Int) throws(ProtobufError) -> JSONValue {
        var reader = try field.message("metadata.ownerReferences", depth: depth)
        var owner: [String: JSONValue] = [:]
        while let field = try reader.next() {
            switch field.number {
            case 1: owner["kind"] = .string(try field.string("ownerReferences.kind"))
            case 3: owner["name"] = .string(try field.string("ownerReferences.name"))
            case 4: owner["uid"] = .string(try field.string("ownerReferences.uid"))
            case 5: owner["apiVersion"] = .string(try field.string("ownerReferences.apiVersion"))
            case 6: owner["controller"] = .bool(try field.bool("ownerReferences.controller"))
            case 7: owner["blockOwnerDeletion"] = .bool(try field.bool("ownerReferences.blockOwnerDeletion"))
            default: continue
            }
        }
        return .object(owner)
    }
}
