import CapmaasCommandSupport
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeYAML
import MaasProvider
import MaasSimulator

/// `capmaas-sandbox --example`: applies a sample cluster and shows its machines' progress until all are Ready.
struct SandboxExample {
    let client: KubeClient
    let maas: SimulatorHandle
    let file: String

    /// The kinds a sample manifest may contain.
    static let kinds: [String: ResourceType] = [
        "Namespace": .namespace, "Secret": .secret, "ConfigMap": .configMap,
        "Cluster": Cluster.resourceType, "Machine": Machine.resourceType,
        "MaasCluster": MaasCluster.resourceType, "MaasMachine": MaasMachine.resourceType,
        "MaasMachineTemplate": MaasMachineTemplate.resourceType,
    ]

    func run() async throws {
        let objects = try YAMLDocuments.load(path: file)
        var machines: [ObjectKey] = []
        for object in objects {
            let kind = object["kind"]?.stringValue ?? ""
            guard let type = Self.kinds[kind] else {
                throw SandboxExampleError(message: "\(file): kind \(kind.isEmpty ? "(missing)" : kind) is not supported in a sandbox example")
            }
            let namespace = object[path: ["metadata", "namespace"]]?.stringValue
            do {
                _ = try await client.dynamic(type, namespace: type.namespaced ? namespace ?? "default" : nil).create(object)
            } catch let error as KubeError where error.isAlreadyExists {}
            if kind == "MaasMachine", let name = object[path: ["metadata", "name"]]?.stringValue {
                machines.append(ObjectKey(namespace: namespace ?? "default", name: name))
            }
        }
        Console.say("Applied \(objects.count) objects from \(file); following \(machines.count) MaasMachines:")
        try await follow(machines)
    }

    /// Prints a table whenever it changes, until every machine is Ready.
    func follow(_ keys: [ObjectKey]) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var lastTable = ""
        while true {
            var rows: [ProgressRow] = []
            for key in keys {
                let object = try? await client.api(MaasMachine.self, namespace: key.namespace).get(key.name)
                rows.append(ProgressRow(key: key, machine: object))
            }
            let table = ProgressRow.render(rows)
            if table != lastTable {
                Console.say(String(format: "[%5.1fs]\n", Self.seconds(clock.now - started)) + table)
                lastTable = table
            }
            if !rows.isEmpty, rows.allSatisfy(\.ready) {
                Console.say(String(format: "All %d machines Ready after %.1fs. Press Ctrl-C to stop.", rows.count, Self.seconds(clock.now - started)))
                return
            }
            try await Task.sleep(for: .seconds(1))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// One line of the `--example` progress table.
struct ProgressRow {
    var name: String
    var systemID: String
    var state: String
    var ready: Bool
    var reason: String

    init(key: ObjectKey, machine: MaasMachine?) {
        name = key.name
        systemID = machine?.spec.systemID ?? "-"
        state = machine?.status?.machineState ?? "-"
        let deployed = machine?.status?.conditions?[type: MaasConditions.machineDeployed]
        ready = machine?.status?.conditions?.isTrue(MaasConditions.ready) ?? false
        reason = deployed.map { "\($0.reason)\($0.message.isEmpty ? "" : ": \($0.message)")" } ?? "-"
    }

    static func render(_ rows: [ProgressRow]) -> String {
        let header = ["MAASMACHINE", "SYSTEM ID", "MAAS STATE", "READY", "MACHINEDEPLOYED"]
        let cells = rows.map { [$0.name, $0.systemID, $0.state, $0.ready ? "True" : "False", String($0.reason.prefix(70))] }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        return ([header] + cells).map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset] + 2, withPad: " ", startingAt: 0) }
                .joined().trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}

/// A sample manifest that cannot be applied.
struct SandboxExampleError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
