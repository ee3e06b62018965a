import KubeCore

/// `machines/`: list, `list_allocated`, `allocate`, bulk `release`.
enum MachinesHandler {
    static func handle(_ call: APICall, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        switch (call.method, call.op) {
        case ("GET", nil): return try list(call, state: state)
        case ("GET", "list_allocated"): return try listAllocated(call, state: state)
        case ("POST", "allocate"): return try allocate(call, state: &state)
        case ("POST", "release"): return try bulkRelease(call, state: &state)
        case ("PUT", nil), ("DELETE", nil): throw call.methodNotAllowed
        default: throw call.unrecognised
        }
    }

    /// Machines the caller may see: admins everything, users unowned ones and their own.
    static func visible(_ m: SimMachine, to caller: SimulatorAPIKey) -> Bool {
        caller.isAdmin || m.lifecycle.owner == nil || m.lifecycle.owner == caller.username
    }

    static func list(_ call: APICall, state: SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        let filter = try MachineConstraints(
            form: call.params, allowed: MachineConstraints.listFields, ignored: [], state: state)
        let domain = state.defaultDomain.name
        let machines = state.orderedMachines.filter { visible($0, to: call.caller) && filter.matches($0, domain: domain) }
        return .json(.array(machines.map { state.render($0) }))
    }

    static func listAllocated(_ call: APICall, state: SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        let ids = call.params.values("id")
        let machines = state.orderedMachines.filter {
            $0.status == .allocated && $0.lifecycle.owner == call.caller.username && (ids.isEmpty || ids.contains($0.systemID))
        }
        return .json(.array(machines.map { state.render($0) }))
    }

    static func allocate(_ call: APICall, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        let form = try call.form()
        let constraints = try MachineConstraints(
            form: form, allowed: MachineConstraints.allocateFields, ignored: MachineConstraints.ignoredForAllocate,
            state: state)
        let domain = state.defaultDomain.name
        let candidates = state.orderedMachines.filter {
            $0.status == .ready && $0.lifecycle.owner == nil && constraints.matches($0, domain: domain)
        }
        guard let chosen = candidates.min(by: { ($0.cost, $0.id) < ($1.cost, $1.id) }) else {
            if let systemID = form.value("system_id") {
                throw .text(409, "No machine with system ID \(systemID) available.")
            }
            let described = constraints.description
            if described.isEmpty { throw .text(409, "No machine available.") }
            let given = MachineConstraints.pythonRepr(of: form, ignoring: MachineConstraints.ignoredForAllocate)
            throw .text(409, "No available machine matches constraints: \(given) (resolved to \"\(described)\")")
        }
        var machine = chosen
        if form.bool("dry_run") != true {
            try machine.lifecycle.allocate(
                owner: call.caller.username, agentName: form.value("agent_name") ?? "", comment: form.value("comment"))
            state.machines[machine.systemID] = machine
        }
        return .json(state.render(machine, constraintsByType: constraints.constraintsByType(for: machine)))
    }

    static func bulkRelease(_ call: APICall, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        let form = try call.form()
        let ids = form.values("machines")
        let unknown = ids.filter { state.machines[$0] == nil }
        if !unknown.isEmpty { throw .text(400, MaasText.unknownMachines(unknown)) }
        for id in ids {
            guard let m = state.machines[id] else { continue }
            if !call.caller.isAdmin, m.lifecycle.owner != nil, m.lifecycle.owner != call.caller.username {
                throw .init(status: 403, body: .empty)
            }
        }
        var scratch = state
        var released: [String] = []
        for id in ids {
            guard var m = scratch.machines[id] else { continue }
            let actions = try m.lifecycle.release(erase: form.bool("erase") == true, now: call.now, timings: scratch.timings)
            scratch.machines[id] = m
            scratch.apply(actions, to: id)
            released.append(id)
        }
        state = scratch
        return .json(.strings(released))
    }
}
