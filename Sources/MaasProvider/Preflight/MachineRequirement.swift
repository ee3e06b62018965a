import MaasClient

/// What a MaasMachine or MaasMachineTemplate asks of MAAS: image, minimum size and placement.
public struct MachineRequirement: Sendable, Hashable {
    /// `MaasMachine default/cp-0` or `MaasMachineTemplate default/workers`.
    public var subject: String
    public var isTemplate: Bool
    public var image: String
    public var minCPU: Int
    /// MiB.
    public var minMemory: Int
    public var tags: [String]
    public var zone: String?
    public var resourcePool: String?

    public init(subject: String, isTemplate: Bool, spec: MaasMachineSpec) {
        self.subject = subject
        self.isTemplate = isTemplate
        image = spec.image
        minCPU = spec.minCPU
        minMemory = spec.minMemory
        tags = spec.tags ?? []
        zone = spec.failureDomain.flatMap { $0.isEmpty ? nil : $0 }
        resourcePool = spec.resourcePool.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The requirements of every MaasMachine and MaasMachineTemplate in `manifests`, in file order.
    public static func all(in manifests: PreflightManifests) -> [MachineRequirement] {
        manifests.maasMachines.map { MachineRequirement(subject: $0.source.objectName, isTemplate: false, spec: $0.object.spec) }
            + manifests.maasMachineTemplates.map {
                MachineRequirement(subject: $0.source.objectName, isTemplate: true, spec: $0.object.spec.template.spec)
            }
    }

    /// Whether a (Ready) machine satisfies the allocate constraints this requirement produces.
    public func isSatisfied(by node: MaasNode) -> Bool {
        node.cpuCount >= minCPU && node.memory >= minMemory
            && tags.allSatisfy(node.tagNames.contains)
            && (zone == nil || node.zone?.name == zone)
            && (resourcePool == nil || node.pool?.name == resourcePool)
    }

    /// Boot resource names that would serve `image`: `ubuntu/jammy` itself; for a custom image (`custom/<name>`
    /// or a bare `<name>`) both `<name>` and `custom/<name>`, since MAAS lists uploaded images either way.
    public static func bootResourceNames(for image: String) -> Set<String> {
        let split = MaasImage(splitting: image)
        if split.osystem == "custom" { return [split.distroSeries, "custom/\(split.distroSeries)"] }
        return ["\(split.osystem)/\(split.distroSeries)"]
    }
}
