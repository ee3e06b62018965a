import KubeCore
/// Which of the MAAS machines carrying a MaasMachine's `agent_name` to adopt, and which are leaks to release.
public struct AdoptionChoice: Hashable, Sendable {
    public var adopt: ObservedMaasMachine?
    public var release: [ObservedMaasMachine]

    public init(adopt: ObservedMaasMachine?, release: [ObservedMaasMachine]) {
        self.adopt = adopt
        self.release = release
    }

    /// Prefers the most advanced healthy machine (Deployed > Deploying > Allocated, then the lowest system ID for
    /// determinism); the other healthy ones are extra allocations to release. A Failed deployment carrying our
    /// agent name but no providerID is one a replacement released only in intent (a crash between clearing the
    /// providerID and the release): it is released, never adopted. Machines in other states are ignored (already
    /// released, or not ours to touch).
    public static func choose(among machines: [ObservedMaasMachine]) -> AdoptionChoice {
        func rank(_ machine: ObservedMaasMachine) -> Int {
            switch machine.state {
            case .deployed: 0
            case .deploying: 1
            default: 2
            }
        }
        let candidates = machines
            .filter { $0.state.map(MaasMachineState.adoptable.contains) ?? false }
            .sorted { (rank($0), $0.systemID) < (rank($1), $1.systemID) }
        let failed = machines.filter { $0.state == .failedDeployment }.sorted { $0.systemID < $1.systemID }
        return AdoptionChoice(adopt: candidates.first, release: Array(candidates.dropFirst()) + failed)
    }
}
