import ClusterAPI
import KubeCore

/// Addresses reported for a MAAS machine.
public enum MachineAddresses {
    /// Hostname, then the FQDN as ExternalDNS and InternalDNS, then every IP as ExternalIP and InternalIP
    /// (upstream reports both IP types with the same value); duplicates and empty values dropped.
    public static func from(_ machine: ObservedMaasMachine) -> [MachineAddress] {
        var addresses: [MachineAddress] = []
        if !machine.hostname.isEmpty { addresses.append(MachineAddress(type: .hostname, address: machine.hostname)) }
        if let fqdn = machine.fqdn, !fqdn.isEmpty {
            addresses.append(MachineAddress(type: .externalDNS, address: fqdn))
            addresses.append(MachineAddress(type: .internalDNS, address: fqdn))
        }
        var seen = Set<String>()
        for ip in machine.ipAddresses where !ip.isEmpty && seen.insert(ip).inserted {
            addresses.append(MachineAddress(type: .externalIP, address: ip))
            addresses.append(MachineAddress(type: .internalIP, address: ip))
        }
        return addresses
    }
}
