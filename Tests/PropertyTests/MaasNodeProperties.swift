import Foundation
import KubeCore
@testable import MaasClient
import PropertyBased
import Testing

extension PropertySuites {
@Suite("MAAS JSON decoding properties")
struct MaasNodeProperties {
    static let recorded = [Fixtures.data("machine-read-ready.json"), Fixtures.data("machines-allocate.json")]
    static let recordedJSON: [JSONValue] = recorded.compactMap { try? JSONValue.parse($0) }

    @Test("the recorded MAAS responses decode")
    func recordedDecode() throws {
        #expect(Self.recordedJSON.count == 2)
        for data in Self.recorded {
            let node = try JSONDecoder().decode(MaasNode.self, from: data)
            #expect(!node.systemID.isEmpty)
        }
    }

    @Test("byte-mutated MAAS responses decode or throw, as MaasNode and [MaasNode]")
    func byteMutations() async {
        let list = Array("[".utf8) + Array(Self.recorded[0]) + Array(",".utf8) + Array(Self.recorded[1]) + Array("]".utf8)
        let sources = Self.recorded.map(Array.init) + [list]
        let input = generator { r in ByteMutator.mutate(r.pick(sources), &r) }
        await propertyCheck(count: 2_000, input: input) { bytes in
            _ = try? JSONDecoder().decode(MaasNode.self, from: Data(bytes))
            _ = try? JSONDecoder().decode([MaasNode].self, from: Data(bytes))
            // The poll's splitter: any bytes split or throw, and every range stays inside the input.
            if let ranges = try? bytes.withUnsafeBytes({ try JSONArrayElements.ranges(in: $0) }) {
                #expect(ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= bytes.count && !$0.isEmpty })
            }
        }
    }

    @Test("tolerant decoding: any change to fields other than system_id still decodes")
    func tolerantDecoding() async throws {
        let input = generator { r -> JSONValue in
            let original = r.pick(Self.recordedJSON)
            guard case .object(var members) = RandomJSON.mutateTree(original, &r, rate: 0.2) else { return original }
            members["system_id"] = original["system_id"]
            return .object(members)
        }
        await propertyCheck(count: 2_000, input: input) { json in
            let node = try JSONDecoder().decode(MaasNode.self, from: json.serialized())
            #expect(node.systemID == json["system_id"]?.stringValue)
            let listBytes = JSONValue.array([json, json]).serialized()
            let list = try JSONDecoder().decode([MaasNode].self, from: listBytes)
            #expect(list == [node, node])
            #expect(try listBytes.withUnsafeBytes { try JSONArrayElements.ranges(in: $0) }.count == 2)
        }
    }

    @Test("unknown extra fields do not change the decoded node")
    func unknownFieldsIgnored() async throws {
        let input = generator { r -> (Int, JSONValue) in
            let index = r.int(0..<Self.recordedJSON.count)
            guard case .object(var members) = Self.recordedJSON[index] else { return (index, .null) }
            for _ in 0..<r.int(1...5) {
                let name = "x_" + RandomJSON.string(&r, maxLength: 8)
                members[name] = RandomJSON.value(&r, depth: 3)
            }
            return (index, .object(members))
        }
        let originals = try Self.recorded.map { try JSONDecoder().decode(MaasNode.self, from: $0) }
        await propertyCheck(count: 2_000, input: input) { item in
            let (index, json) = item
            let node = try JSONDecoder().decode(MaasNode.self, from: json.serialized())
            #expect(node == originals[index])
        }
    }

    @Test("a status code outside the enum maps to the unknown case; known codes keep their meaning")
    func statusCodes() async throws {
        let input = generator { r -> Int in
            if r.chance(0.3) { return r.int(0..<MaasNodeStatus.allKnown.count) }
            let wide = r.int(-1_000_000...1_000_000)
            return r.pick([-1, 23, 24, 99, Int(Int32.max), Int(Int32.min), wide])
        }
        await propertyCheck(count: 2_000, input: input) { code in
            guard case .object(var members) = Self.recordedJSON[0] else { return }
            members["status"] = .int(Int64(code))
            let node = try JSONDecoder().decode(MaasNode.self, from: JSONValue.object(members).serialized())
            if (0..<MaasNodeStatus.allKnown.count).contains(code) {
                #expect(node.status == MaasNodeStatus.allKnown[code])
            } else {
                #expect(node.status == .unknown(code))
                #expect(node.status.filterName == nil)
            }
            #expect(node.status.code == code)
            _ = node.status.displayName
        }
    }
}
}
