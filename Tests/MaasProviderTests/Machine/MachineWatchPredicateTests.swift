import ClusterAPI
import Foundation
import KubeCore
import KubeRuntime
@testable import MaasProvider
import Testing

/// Which Machine updates re-run the MaasMachine pass: only fields the pass reads.
struct MachineWatchPredicateTests {
    static let base = Machine(
        metadata: ObjectMeta(name: "m", namespace: "ns", labels: [ClusterAPILabels.clusterName: "c"]),
        spec: MachineSpec(clusterName: "c"))

    static func changed(_ edit: (inout Machine) -> Void) -> Machine {
        var machine = base
        edit(&machine)
        return machine
    }

    @Test(arguments: [
        ("providerID copied by Cluster API", changed { $0.spec.providerID = "maas:///a/b" }, false),
        ("status written by Cluster API", changed { $0.status = MachineStatus(phase: "Running") }, false),
        ("finalizer added", changed { $0.metadata.finalizers = ["machine.cluster.x-k8s.io"] }, false),
        ("bootstrap data ready", changed { $0.spec.bootstrap = MachineBootstrap(dataSecretName: "m-bootstrap") }, true),
        ("failure domain", changed { $0.spec.failureDomain = "zone-a" }, true),
        ("version", changed { $0.spec.version = "v1.34.0" }, true),
        ("deletion", changed { $0.metadata.deletionTimestamp = Timestamp(Date()) }, true),
    ])
    func machineFieldsRead(change: String, new: Machine, triggers: Bool) {
        #expect(MaasMachineControllerSetup.machineFieldsRead.evaluate(Self.base, new) == triggers, "\(change)")
        #expect(MaasMachineControllerSetup.machineFieldsRead.evaluate(nil, new))
    }
}
