import ClusterAPI
import Foundation
import KubeCore

/// The Node kubelet would register in the workload cluster for a deployed machine.
public enum WorkloadNode {
    /// A Node named `name` with the usual kubelet labels (plus the control-plane role label for control-plane
    /// machines), the machine's addresses and a `Ready` condition. No `spec.providerID`: the provider sets it.
    public static func object(name: String, controlPlane: Bool, addresses: [MachineAddress], now: Date) -> JSONValue {
        var labels: [String: JSONValue] = [
            "kubernetes.io/hostname": .string(name),
            "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
        ]
        if controlPlane { labels["node-role.kubernetes.io/control-plane"] = "" }
        return .object([
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": .object([
                "name": .string(name),
                "labels": .object(labels),
            ]),
            "spec": .emptyObject,
            "status": status(addresses: addresses, now: now),
        ])
    }

    /// The Node status kubelet posts: a `Ready` condition and the addresses.
    public static func status(addresses: [MachineAddress], now: Date) -> JSONValue {
        let time = JSONValue.string(Timestamp(now).description)
        var status: [String: JSONValue] = [
            "conditions": .array([
                .object([
                    "type": "Ready",
                    "status": "True",
                    "reason": "KubeletReady",
                    "message": "kubelet is posting ready status (Cluster API stand-in)",
                    "lastHeartbeatTime": time,
                    "lastTransitionTime": time,
                ])
            ])
        ]
        if !addresses.isEmpty {
            status["addresses"] = .array(addresses.map { .object(["type": .string($0.type.rawValue), "address": .string($0.address)]) })
        }
        return .object(status)
    }
}
