/// Validates `op=deploy` parameters against the boot resources, with MAAS's texts.
enum DeployValidator {
    /// Ubuntu release numbers MAAS accepts in place of code names.
    static let ubuntuReleases = ["20.04": "focal", "22.04": "jammy", "24.04": "noble", "24.10": "oracular", "25.04": "plucky"]

    static func validate(
        _ form: FormData, machine: SimMachine, caller: SimulatorAPIKey, state: SimulatorState
    ) throws(SimulatorAPIError) -> MachineLifecycle.DeployRequest {
        if form.bool("install_rackd") == true {
            throw .text(400, "Deploying a machine as a rackd has been disabled. Please use the snap or debian packages.")
        }
        let vmHost = form.bool("install_kvm") == true || form.bool("register_vmhost") == true
        if vmHost, !caller.isAdmin { throw .text(403, "Only administratros can deploy VM hosts") }
        let ephemeral = form.bool("ephemeral_deploy") == true
        if vmHost, ephemeral { throw .text(400, "A machine can not be a VM host if it is deployed to memory.") }

        var osystem = form.value("osystem").flatMap { $0.isEmpty ? nil : $0 } ?? "ubuntu"
        var series = form.value("distro_series").flatMap { $0.isEmpty ? nil : $0 } ?? "jammy"
        if let slash = series.firstIndex(of: "/") {
            osystem = String(series[..<slash])
            series = String(series[series.index(after: slash)...])
        }
        if osystem == "ubuntu", let name = ubuntuReleases[series] { series = name }
        let images = state.bootResources.map(\.name)
        let osystems = Set(images.compactMap { $0.split(separator: "/").first.map(String.init) })
        var errors: [String: [String]] = [:]
        if !osystems.contains(osystem) {
            let choices = osystems.sorted().map { "'\($0)'" }.joined(separator: ", ")
            errors["osystem"] = ["'\(osystem)' is not a valid osystem.  It should be one of: \(choices)."]
        } else if !images.contains("\(osystem)/\(series)") {
            let choices = images.sorted().map { "'\($0)'" }.joined(separator: ", ")
            errors["distro_series"] = ["'\(osystem)/\(series)' is not a valid distro_series.  It should be one of: '', \(choices)."]
        }
        let kernel = form.value("hwe_kernel").flatMap { $0.isEmpty ? nil : $0 }
        if let kernel, errors.isEmpty, osystem == "ubuntu" {
            let version = ubuntuReleases.first { $0.value == series }?.key ?? ""
            let valid = ["ga-\(version)", "hwe-\(version)", "hwe-\(version)-edge", "generic"]
            if !valid.contains(kernel) {
                errors["hwe_kernel"] = ["\(kernel) is not available for \(osystem)/\(series) on \(machine.spec.architecture)."]
            }
        }
        if !errors.isEmpty { throw .fields(errors) }
        let hwe: String? = kernel ?? (osystem == "ubuntu" ? ubuntuReleases.first { $0.value == series }.map { "ga-\($0.key)" } : nil)
        return MachineLifecycle.DeployRequest(
            osystem: osystem, distroSeries: series, hweKernel: hwe, userData: form.value("user_data"),
            ephemeralDeploy: ephemeral, agentName: form.value("agent_name"))
    }
}
