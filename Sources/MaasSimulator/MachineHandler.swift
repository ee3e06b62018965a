import KubeCore

/// `machines/{system_id}/`: read, update, delete and the lifecycle ops.
enum MachineHandler {
    static func handle(_ call: APICall, systemID: String, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        guard var machine = state.machines[systemID] else { throw .text(404, MaasText.notFound("Machine")) }
        let caller = call.caller
        let owner = machine.lifecycle.owner
        guard MachinesHandler.visible(machine, to: caller) else { throw .init(status: 403, body: .empty) }
        /// Edit permission: admin, or the owner.
        func requireEdit() throws(SimulatorAPIError) {
            guard caller.isAdmin || owner == caller.username else { throw .init(status: 403, body: .empty) }
        }
        var actions: [MachineLifecycle.Action] = []
        switch (call.method, call.op) {
        case ("GET", nil):
            return .json(state.render(machine))
        case ("GET", "query_power_state"):
            if machine.lifecycle.hasManualPower {
                throw .text(503, "No rack controllers can access the BMC of node \(machine.hostname)")
            }
            return .json(.object(["state": .string(machine.lifecycle.powerState)]))
        case ("PUT", nil):
            try requireEdit()
            let form = try call.form()
            if let hostname = form.value("hostname"), !hostname.isEmpty { machine.hostname = hostname }
            if let description = form.value("description") { machine.description = description }
            if let swap = form.value("swap_size") {
                if swap.isEmpty { machine.swapSize = nil } else if let value = Int(swap), value >= 0 { machine.swapSize = value } else {
                    throw .field("swap_size", "Enter a whole number.")
                }
            }
        case ("DELETE", nil):
            try call.requireAdmin()
            state.apply([.releaseAddresses], to: systemID)
            state.machines[systemID] = nil
            return SimResponse(status: 204)
        case ("POST", "deploy"):
            if owner != nil { try requireEdit() }
            let request = try DeployValidator.validate(try call.form(), machine: machine, caller: caller, state: state)
            if state.usedAddresses.count >= state.addressCapacity, machine.ipAddresses.isEmpty {
                throw .text(503, "\(systemID): Unable to allocate static IP due to address exhaustion.")
            }
            actions = try machine.lifecycle.deploy(by: caller.username, request, now: call.now, timings: state.timings)
        case ("POST", "release"):
            // Releasing a READY/RELEASING machine is an idempotent no-op, also after the owner was cleared.
            if machine.status != .ready, machine.status != .releasing { try requireEdit() }
            let form = try call.form()
            let erase = form.bool("erase") == true || form.bool("secure_erase") == true
            actions = try machine.lifecycle.release(erase: erase, now: call.now, timings: state.timings)
        case ("POST", "abort"):
            try requireEdit()
            actions = try machine.lifecycle.abort()
        case ("POST", "mark_broken"):
            try requireEdit()
            let form = try call.form()
            let comment = form.value("comment") ?? form.value("error_description")
            actions = try machine.lifecycle.markBroken(by: owner ?? caller.username, comment: comment)
        case ("POST", "mark_fixed"):
            try call.requireAdmin()
            try machine.lifecycle.markFixed()
        case ("POST", "power_on"):
            if owner != nil { try requireEdit() }
            try machine.lifecycle.powerOn(by: owner == nil ? caller.username : (caller.isAdmin ? owner ?? "" : caller.username))
        case ("POST", "power_off"):
            try requireEdit()
            if !machine.lifecycle.powerOff() { return .json(.null) }
        case ("POST", "set_workload_annotations"), ("POST", "set_owner_data"):
            let form = try call.form()
            let values = form.pairs.filter { $0.key != "op" }.map { ($0.key, $0.value) }
            try machine.lifecycle.setWorkloadAnnotations(by: caller.username, values)
        default:
            throw call.unrecognised
        }
        state.machines[systemID] = machine
        state.apply(actions, to: systemID)
        return .json(state.render(state.machines[systemID] ?? machine))
    }
}
