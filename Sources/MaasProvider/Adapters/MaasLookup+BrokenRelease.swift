/// MAAS clears the owner when it marks a machine broken (maas-api.md §3.5 `mark_broken`), so releasing it
/// afterwards is refused with 403 for a non-admin key. Such a machine is no longer ours: nothing to release.
extension MaasLookup {
    /// Whether MAAS reported the machine as Broken.
    var isBroken: Bool {
        if case .found(let machine) = self { return machine.state == .broken }
        return false
    }

    /// Whether `error`, from releasing this machine, means "not ours any more" rather than a failure.
    func releaseRefusalMeansNotOurs(_ kind: MaasErrorKind) -> Bool {
        if case .forbidden = kind { return isBroken }
        return false
    }
}
