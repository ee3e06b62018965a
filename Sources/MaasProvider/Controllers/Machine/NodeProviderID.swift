import Logging
import ClusterAPI
import KubeClient
import KubeCore

/// Sets `spec.providerID` on the workload cluster's Node of a deployed machine (found by lower(hostname), then
/// the short hostname, then any Node named `hostname.*`).
///
/// With a ``NodeProviderIDSync`` in the context (the manager), a pass only hands the machine over to it and goes
/// on: workload API calls (rate limited, possibly unreachable) never hold a reconcile worker, so they cannot
/// slow other machines' Ready. Without one (tests), the step runs inline.
struct NodeProviderID {
    let pass: MaasMachinePass

    /// Nil when done, handed over, or nothing to do; otherwise when to try again.
    func reconcile(hostname: String) async -> Duration? {
        guard let providerID = pass.working.spec.providerID, !providerID.isEmpty, !hostname.isEmpty else { return nil }
        let clusterKey = ObjectKey(namespace: pass.namespace, name: pass.clusterName)
        let request = NodeProviderIDRequest(cluster: clusterKey, hostname: hostname, providerID: providerID)
        if let sync = pass.context.nodeProviderIDs {
            await sync.enqueue(pass.working.key, request)
            return nil
        }
        let outcome = await NodeProviderIDStep(workloads: pass.context.workloads).run(request)
        if let event = outcome.event { await pass.event(event.type, event.reason, event.message) }
        return outcome.retry
    }
}

/// What setting one Node's providerID needs.
public struct NodeProviderIDRequest: Sendable, Hashable {
    public var cluster: ObjectKey
    public var hostname: String
    public var providerID: String
}

/// One attempt at setting a Node's providerID against the workload cluster.
struct NodeProviderIDStep {
    struct Event {
        var type: EventRecorder.EventType
        var reason: String
        var message: String
    }

    struct Outcome {
        /// True once the Node carries the providerID (or cannot ever: immutable and set to another value).
        var finished: Bool
        var retry: Duration?
        var event: Event?
    }

    let workloads: any WorkloadClusterProviding
    /// The workload cluster's Nodes as name → `spec.providerID` from one list call (callers cache it). With it, a
    /// Node already listed costs no GET: one PATCH when its providerID is missing, nothing when it is set.
    var nodeIndex: (@Sendable (ObjectKey, Api<JSONValue>) async throws -> [String: String]?)?

    func run(_ request: NodeProviderIDRequest) async -> Outcome {
        do {
            guard let workload = try await workloads.client(for: request.cluster) else {
                return Outcome(finished: false, retry: MaasRequeue.workloadNotReachable)
            }
            let nodes = workload.dynamic(.node)
            let index = try await nodeIndex?(request.cluster, nodes) ?? nil
            if let index, let name = Self.listedName(hostname: request.hostname, in: index) {
                do {
                    return try await ensure(request, name: name, current: index[name] ?? "", nodes: nodes)
                } catch let error as KubeError where error.isNotFound {
                    return Outcome(finished: false, retry: MaasRequeue.workloadNotReachable)  // deleted since the list
                }
            }
            // Not listed yet (or no list): look the Node up directly, it may have registered since.
            let names = nodeIndex == nil ? nil : Array((index ?? [:]).keys)  // a list under way: no second one
            guard let node = try await find(hostname: request.hostname, in: nodes, names: names) else {
                return Outcome(finished: false, retry: MaasRequeue.workloadNotReachable)
            }
            let name = node["metadata"]?["name"]?.stringValue ?? ""
            return try await ensure(request, name: name, current: node["spec"]?["providerID"]?.stringValue ?? "", nodes: nodes)
        } catch {
            await workloads.invalidate(request.cluster)
            return Outcome(finished: false, retry: MaasRequeue.nodeProviderIDRetry, event: Event(
                type: .warning, reason: "NodeProviderUpdateFailed", message: "Setting the Node providerID: \(error)"))
        }
    }

    /// Sets the providerID of Node `name` whose current value is `current` (empty when unset).
    private func ensure(_ request: NodeProviderIDRequest, name: String, current: String, nodes: Api<JSONValue>) async throws -> Outcome {
        if current == request.providerID { return Outcome(finished: true) }
        if !current.isEmpty {
            // Immutable once set: nothing we can do.
            return Outcome(finished: true, event: Event(
                type: .warning, reason: "NodeProviderUpdateFailed",
                message: "Node \(name) already has providerID \(current), expected \(request.providerID)"))
        }
        _ = try await nodes.patch(name, .merge(["spec": ["providerID": .string(request.providerID)]]))
        return Outcome(finished: true, event: Event(
            type: .normal, reason: "NodeProviderIDSet", message: "Set providerID \(request.providerID) on Node \(name)"))
    }

    /// The Node name for `hostname` among listed names: lower(hostname), the short host name, then `hostname.*`.
    static func listedName(hostname: String, in index: [String: String]) -> String? {
        let lower = hostname.lowercased()
        if index[lower] != nil { return lower }
        if let short = lower.split(separator: ".").first.map(String.init), index[short] != nil { return short }
        let prefix = lower + "."
        return index.keys.filter { $0.hasPrefix(prefix) }.min()
    }

    private func find(hostname: String, in nodes: Api<JSONValue>, names listed: [String]?) async throws -> JSONValue? {
        let lower = hostname.lowercased()
        var candidates = [lower]
        if let short = lower.split(separator: ".").first.map(String.init), short != lower { candidates.append(short) }
        for name in candidates {
            do {
                return try await nodes.get(name)
            } catch let error as KubeError where error.isNotFound {
                continue
            }
        }
        let prefix = lower + "."
        var names = listed ?? []
        if listed == nil { names = try await nodes.list().items.compactMap { $0["metadata"]?["name"]?.stringValue } }
        guard let name = names.filter({ $0.hasPrefix(prefix) }).min() else { return nil }
        do {
            return try await nodes.get(name)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }
}
