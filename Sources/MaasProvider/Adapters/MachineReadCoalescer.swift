import MaasClient

/// Coalesces concurrent single-machine reads on one MAAS connection into one `GET machines/?id=…&id=…` list: a
/// read that arrives while a list is in flight waits for the next list, which asks for every machine requested in
/// the meantime. One read alone costs one call (as `GET machines/{id}/`); many passes reading at once (a wave of
/// deletions, or of machines the poller found Deployed) share calls, so MAAS load stays bounded at scale.
actor MachineReadCoalescer {
    typealias Batch = Task<[String: MaasNode], any Error>

    private let list: @Sendable ([String]) async throws -> [MaasNode]
    /// The list call in flight (or finished last).
    private var inFlight: Batch?
    /// The next list, the IDs it will ask for and how many reads wait for it; it starts once `inFlight` is done.
    private var queued: (ids: Set<String>, reads: Int, batch: Batch)?

    /// - Parameter list: one `GET machines/?id=…` call for the given system IDs.
    init(list: @escaping @Sendable ([String]) async throws -> [MaasNode]) {
        self.list = list
    }

    /// The machine `systemID`; `MaasError.notFound` when MAAS does not list it (as `GET machines/{id}/` answers 404).
    func machine(systemID: String) async throws -> MaasNode {
        let nodes = try await enqueue(systemID).value
        guard let node = nodes[systemID] else {
            throw MaasError.notFound(message: "No Machine matches the given query.")
        }
        return node
    }

    private func enqueue(_ systemID: String) -> Batch {
        if var waiting = queued {
            waiting.ids.insert(systemID)
            waiting.reads += 1
            queued = waiting
            return waiting.batch
        }
        let previous = inFlight
        let list = self.list
        // Unstructured on purpose: the list serves several callers, so no single caller's cancellation may end it.
        let batch = Batch {
            _ = await previous?.result
            let ids = await self.startQueued()
            return Dictionary(try await list(ids.sorted()).map { ($0.systemID, $0) }, uniquingKeysWith: { first, _ in first })
        }
        queued = ([systemID], 1, batch)
        return batch
    }

    /// How many reads wait for the next list (for tests).
    var queuedReads: Int { queued?.reads ?? 0 }

    /// The queued list starts now: its IDs are final, later reads queue for the one after.
    private func startQueued() -> Set<String> {
        let ids = queued?.ids ?? []
        inFlight = queued?.batch
        queued = nil
        return ids
    }
}
