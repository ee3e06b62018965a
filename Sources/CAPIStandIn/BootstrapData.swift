import ClusterAPI
import Foundation
import KubeCore

/// The bootstrap data Secret a bootstrap provider would write for a Machine (sandbox stand-in content).
public enum BootstrapData {
    /// `format` of the data.
    public static let format = "cloud-config"

    /// A small cloud-config naming the machine and its cluster. It installs nothing: the sandbox has no
    /// real hosts, and the provider only passes the data to MAAS.
    public static func cloudConfig(machine: String, namespace: String, cluster: String) -> String {
        """
        #cloud-config
        # Bootstrap data from the Cluster API stand-in (capmaas-sandbox and tests only).
        write_files:
          - path: /etc/capmaas-standin/machine
            permissions: "0644"
            content: |
              machine: \(namespace)/\(machine)
              cluster: \(cluster)

        """
    }

    /// The Secret `<machine>-bootstrap`: type `cluster.x-k8s.io/secret`, the cluster-name label, owned by
    /// the Machine, data `value` (the cloud-config) and `format`.
    public static func secret(for machine: Machine) -> JSONValue {
        let name = machine.metadata.name ?? ""
        let namespace = machine.metadata.namespace ?? ""
        let text = cloudConfig(machine: name, namespace: namespace, cluster: machine.spec.clusterName)
        return SecretObject.make(
            name: StandInNames.bootstrapSecretName(machine: name), namespace: namespace,
            clusterName: machine.spec.clusterName, owner: machine.ownerReference(controller: true),
            data: [StandInNames.secretValueKey: text, StandInNames.secretFormatKey: format])
    }
}

/// Builds the Secrets the stand-in publishes.
enum SecretObject {
    static func make(
        name: String, namespace: String, clusterName: String, owner: OwnerReference, data: [String: String]
    ) -> JSONValue {
        .object([
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": .object([
                "name": .string(name),
                "namespace": .string(namespace),
                "labels": .object([
                    ClusterAPILabels.clusterName: .string(clusterName),
                    StandInNames.managedByLabel: .string(StandInNames.managedByValue),
                ]),
                "ownerReferences": (try? JSONValue(encoding: [owner])) ?? .array([]),
            ]),
            "type": .string(StandInNames.secretType),
            "data": .object(data.mapValues { .string(Data($0.utf8).base64EncodedString()) }),
        ])
    }
}
