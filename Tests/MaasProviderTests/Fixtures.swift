import ClusterAPI
import KubeCore
import MaasProvider

enum Fixtures {
    static func maasMachine(
        uid: String? = "uid-1", failureDomain: String? = nil, tags: [String]? = ["gpu", "fast"], pool: String? = "prod",
        minDiskSize: Int? = nil, lxd: Bool? = nil
    ) -> MaasMachine {
        MaasMachine(
            metadata: withUID(ObjectMeta(name: "mm-0", namespace: "ns"), uid),
            spec: MaasMachineSpec(
                image: "ubuntu/jammy", minCPU: 4, minMemory: 8192, minDiskSize: minDiskSize, tags: tags, resourcePool: pool,
                failureDomain: failureDomain, lxd: lxd.map { LXDMachineConfig(enabled: $0) }))
    }

    static func machine(failureDomain: String? = nil, controlPlane: Bool = false) -> Machine {
        Machine(
            metadata: ObjectMeta(
                name: "m-0", namespace: "ns",
                labels: controlPlane ? [ClusterAPILabels.controlPlane: "", ClusterAPILabels.clusterName: "c1"] : [ClusterAPILabels.clusterName: "c1"]),
            spec: MachineSpec(clusterName: "c1", bootstrap: MachineBootstrap(dataSecretName: "bootstrap"), failureDomain: failureDomain))
    }

    static func withUID(_ meta: ObjectMeta, _ uid: String?) -> ObjectMeta {
        var meta = meta
        meta.uid = uid
        return meta
    }

    static func observed(
        _ state: MaasMachineState, power: String = "on", id: String = "abc123", zone: String? = "zone1",
        annotations: [String: String]? = nil, swap: Int? = nil
    ) -> ObservedMaasMachine {
        ObservedMaasMachine(
            systemID: id, hostname: "node-1", statusCode: state.rawValue, statusName: state.statusName, powerState: power,
            zone: zone, ipAddresses: ["10.0.0.5"], workloadAnnotations: annotations, swapSize: swap)
    }
}
