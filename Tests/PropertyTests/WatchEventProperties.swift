import Foundation
import KubeCore
import MaasProvider
import PropertyBased
import Testing

extension PropertySuites {
@Suite("Watch event decoding properties")
struct WatchEventProperties {
    static let lines = Fixtures.watchFiles.flatMap(Fixtures.lines)

    @Test("the recorded watch lines decode")
    func recordedLinesDecode() throws {
        #expect(Self.lines.count >= 10)
        for line in Self.lines {
            _ = try WatchEvent<JSONValue>.decode(line: Data(line))
        }
        let machineLines = Fixtures.lines("watch-maasmachines.jsonl")
        for line in machineLines {
            _ = try WatchEvent<MaasMachine>.decode(line: Data(line))
        }
    }

    @Test("byte-mutated watch lines decode or throw, as MaasMachine and as JSONValue")
    func byteMutations() async {
        let input = generator { r in ByteMutator.mutate(r.pick(Self.lines), &r) }
        await propertyCheck(count: 3_000, input: input) { bytes in
            _ = try? WatchEvent<MaasMachine>.decode(line: Data(bytes))
            _ = try? WatchEvent<JSONValue>.decode(line: Data(bytes))
        }
    }

    @Test("structurally mutated watch lines decode or throw; a decoded JSONValue event carries the object")
    func treeMutations() async throws {
        let events = try Self.lines.map { try JSONValue.parse(bytes: $0) }
        let input = generator { r -> JSONValue in
            var event = RandomJSON.mutateTree(r.pick(events), &r, rate: 0.12)
            if r.chance(0.2) { event = event.settingType(r.pick(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR", "added", ""])) }
            return event
        }
        await propertyCheck(count: 3_000, input: input) { event in
            let line = event.serialized()
            _ = try? WatchEvent<MaasMachine>.decode(line: line)
            if case .added(let object)? = try? WatchEvent<JSONValue>.decode(line: line) {
                #expect(event["type"] == "ADDED")
                // JSONValue's Codable path reads integral numbers such as 1e+15 as .int; compare numerically.
                #expect(RandomJSON.numeric(event["object"] ?? .null) == RandomJSON.numeric(object))
            }
        }
    }
}
}

extension JSONValue {
    func settingType(_ type: String) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members["type"] = .string(type)
        return .object(members)
    }
}
