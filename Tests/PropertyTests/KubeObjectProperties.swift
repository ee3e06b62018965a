import Foundation
import KubeCore
import MaasProvider
import PropertyBased
import Testing

/// Random JSON shaped like MaasMachine / MaasCluster: each field valid, absent, null, of the wrong type, plus
/// extra fields. `valid` restricts to well-typed values (whole-second times, as the API server writes them).
enum ShapedObjects {
    enum Field: Sendable { case string, int, bool, time, strings, stringMap, object([(String, Field)]), list([(String, Field)]), oneOf([String]) }

    static let condition: [(String, Field)] = [
        ("type!", .oneOf(["Ready", "MachineDeployed", "DNSAttached"])), ("status!", .oneOf(["True", "False", "Unknown"])),
        ("observedGeneration", .int), ("lastTransitionTime!", .time), ("reason!", .string), ("message!", .string),
    ]
    static let metadata: [(String, Field)] = [
        ("name", .string), ("generateName", .string), ("namespace", .string), ("uid", .string),
        ("resourceVersion", .string), ("generation", .int), ("creationTimestamp", .time), ("deletionTimestamp", .time),
        ("deletionGracePeriodSeconds", .int), ("labels", .stringMap), ("annotations", .stringMap), ("finalizers", .strings),
        ("ownerReferences", .list([("apiVersion!", .string), ("kind!", .string), ("name!", .string), ("uid!", .string),
                                   ("controller", .bool), ("blockOwnerDeletion", .bool)])),
    ]
    static let machine: [(String, Field)] = [
        ("apiVersion", .oneOf(["infrastructure.cluster.x-k8s.io/v1beta1"])), ("kind", .oneOf(["MaasMachine"])),
        ("metadata", .object(metadata)),
        ("spec!", .object([
            ("image!", .string), ("minCPU!", .int), ("minMemory!", .int), ("minDiskSize", .int), ("tags", .strings),
            ("resourcePool", .string), ("failureDomain", .string), ("systemID", .string), ("providerID", .string),
            ("deployInMemory", .bool),
            ("lxd", .object([("enabled", .bool), ("vmConfig", .object([("diskSize", .int), ("storagePool", .string),
                                                                       ("network", .string), ("autoStart", .bool),
                                                                       ("interfaceLinkModes", .stringMap)]))])),
        ])),
        ("status", .object([
            ("ready", .bool), ("initialization", .object([("provisioned", .bool)])), ("machineState", .string),
            ("machinePowered", .bool), ("hostname", .string), ("failureDomain", .string), ("dnsAttached", .bool),
            ("addresses", .list([("type!", .oneOf(["Hostname", "ExternalIP", "InternalIP", "ExternalDNS", "InternalDNS"])),
                                 ("address!", .string)])),
            ("failedAttempts", .int), ("retryAfter", .time), ("conditions", .list(condition)),
            ("failureReason", .string), ("failureMessage", .string),
        ])),
    ]
    static let cluster: [(String, Field)] = [
        ("apiVersion", .oneOf(["infrastructure.cluster.x-k8s.io/v1beta1"])), ("kind", .oneOf(["MaasCluster"])),
        ("metadata", .object(metadata)),
        ("spec!", .object([
            ("dnsDomain!", .string), ("controlPlaneEndpoint", .object([("host", .string), ("port", .int)])),
            ("failureDomains", .strings),
            ("lxdConfig", .object([("enabled", .bool), ("resourcePool", .string), ("zone", .string),
                                   ("storageBackend", .string), ("storageSize", .string), ("nicType", .string),
                                   ("nicParent", .string), ("networkBridge", .string), ("skipNetworkUpdate", .bool)])),
        ])),
        ("status", .object([
            ("ready", .bool), ("initialization", .object([("provisioned", .bool)])),
            ("network", .object([("dnsName", .string), ("dnsResourceID", .int), ("attachedIPs", .strings)])),
            ("failureDomains", .list([("name!", .string), ("controlPlane", .bool), ("attributes", .stringMap)])),
            ("conditions", .list(condition)), ("failureReason", .string), ("failureMessage", .string),
        ])),
    ]

    static func object(_ fields: [(String, Field)], _ r: inout SplitMix, valid: Bool) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (label, field) in fields {
            let required = label.hasSuffix("!")
            let name = required ? String(label.dropLast()) : label
            let roll = Double.random(in: 0..<1, using: &r)
            if roll < 0.15, !(valid && required) { continue }  // absent
            if !valid, roll < 0.22 { members[name] = .null; continue }
            if !valid, roll < 0.29 { members[name] = RandomJSON.value(&r, depth: 1); continue }  // likely wrong type
            members[name] = value(field, &r, valid: valid)
        }
        if !valid, r.chance(0.3) { members[RandomJSON.string(&r, maxLength: 6)] = RandomJSON.value(&r, depth: 2) }
        return .object(members)
    }

    static func value(_ field: Field, _ r: inout SplitMix, valid: Bool) -> JSONValue {
        switch field {
        case .string: return .string(RandomJSON.string(&r, maxLength: 10))
        case .int: return .int(r.chance(0.8) ? Int64(r.int(-5...100_000)) : Int64(Int32.random(in: .min ... .max, using: &r)))
        case .bool: return .bool(r.chance(0.5))
        case .time:
            let seconds = Double(r.int(0...4_000_000_000))
            let date = Date(timeIntervalSince1970: valid ? seconds : seconds + Double(r.int(0...999)) / 1000)
            if !valid, r.chance(0.2) { return .string(r.pick(["", "yesterday", "2026-13-40T99:00:00Z", "2026-11-25T10:00:00+02:00"])) }
            return .string(r.chance(0.5) || valid ? Timestamp(date).description : Timestamp(date).microString)
        case .strings: return .array((0..<r.int(0...3)).map { _ in .string(RandomJSON.string(&r, maxLength: 6)) })
        case .stringMap:
            var map: [String: JSONValue] = [:]
            for _ in 0..<r.int(0...3) { map[RandomJSON.string(&r, maxLength: 6)] = .string(RandomJSON.string(&r, maxLength: 6)) }
            return .object(map)
        case .object(let fields): return object(fields, &r, valid: valid)
        case .list(let fields): return .array((0..<r.int(0...3)).map { _ in object(fields, &r, valid: valid) })
        case .oneOf(let choices): return .string(r.pick(choices))
        }
    }
}

extension PropertySuites {
@Suite("Kubernetes object decoding properties")
struct KubeObjectProperties {
    @Test("random MaasMachine-shaped JSON decodes or throws; decoded objects are stable after one round trip")
    func machinesNeverCrash() async {
        await propertyCheck(count: 3_000, input: generator { ShapedObjects.object(ShapedObjects.machine, &$0, valid: false) }) { json in
            Self.checkStable(MaasMachine.self, json)
        }
    }

    @Test("random MaasCluster-shaped JSON decodes or throws; decoded objects are stable after one round trip")
    func clustersNeverCrash() async {
        await propertyCheck(count: 3_000, input: generator { ShapedObjects.object(ShapedObjects.cluster, &$0, valid: false) }) { json in
            Self.checkStable(MaasCluster.self, json)
        }
    }

    @Test("valid MaasMachine / MaasCluster JSON round-trips: decode → encode → decode is equal")
    func validRoundTrip() async throws {
        var decodedMachines = 0
        var decodedClusters = 0
        await propertyCheck(count: 2_000, input: generator { r in
            (ShapedObjects.object(ShapedObjects.machine, &r, valid: true), ShapedObjects.object(ShapedObjects.cluster, &r, valid: true))
        }) { pair in
            let (machineJSON, clusterJSON) = pair
            let machine = try KubeJSON.decode(MaasMachine.self, from: machineJSON.serialized())
            #expect(try KubeJSON.decode(MaasMachine.self, from: KubeJSON.encode(machine)) == machine)
            decodedMachines += 1
            let cluster = try KubeJSON.decode(MaasCluster.self, from: clusterJSON.serialized())
            #expect(try KubeJSON.decode(MaasCluster.self, from: KubeJSON.encode(cluster)) == cluster)
            decodedClusters += 1
        }
        #expect(decodedMachines == 2_000)
        #expect(decodedClusters == 2_000)
    }

    @Test("the recorded MaasMachine decodes and round-trips")
    func recordedMachine() throws {
        let machine = try KubeJSON.decode(MaasMachine.self, from: Fixtures.data("maasmachine-get.json"))
        #expect(machine.spec.image == "ubuntu-22.04")
        #expect(try KubeJSON.decode(MaasMachine.self, from: KubeJSON.encode(machine)) == machine)
    }

    static func checkStable<T: Codable & Equatable>(_ type: T.Type, _ json: JSONValue) {
        guard let first = try? KubeJSON.decoder.decode(T.self, from: json.serialized()) else { return }
        do {
            let second = try KubeJSON.decode(T.self, from: KubeJSON.encode(first))
            let third = try KubeJSON.decode(T.self, from: KubeJSON.encode(second))
            #expect(third == second, "\(json.jsonString)")
        } catch {
            Issue.record("a decoded \(T.self) did not re-decode after encoding: \(error) — input \(json.jsonString)")
        }
    }
}
}
