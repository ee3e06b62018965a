import Logging
import KubeRuntime
import ClusterAPI
import KubeClient
import KubeCore
import MaasClient

extension MaasClusterReconciler {
    /// The endpoint once known, and a requeue when a MAAS call failed.
    struct EndpointOutcome {
        var endpoint: APIEndpoint?
        var requeue: Duration?
    }

    /// Resolves the API server endpoint per `ClusterEndpointPlan`. A custom endpoint makes no MAAS call at all;
    /// otherwise the generated name is stored first, then its MAAS DNS resource is found or created (its ID
    /// stored), then the record is kept equal to the running control-plane IPs. Sets `LoadBalancerReady`.
    func reconcileEndpoint(_ scope: inout MaasClusterScope) async throws -> EndpointOutcome {
        guard let cluster = scope.cluster else { return EndpointOutcome() }
        let dnsName: String
        let port: Int32
        switch ClusterEndpointPlan.plan(cluster: cluster, maasCluster: scope.current) {
        case .custom(let endpoint):
            scope.setCondition(
                MaasConditions.loadBalancerReady,
                ConditionUpdate(
                    status: .true, reason: MaasConditionReasons.customEndpoint,
                    message: "Using the endpoint set in Cluster.spec.controlPlaneEndpoint; no MAAS DNS record is managed"))
            return EndpointOutcome(endpoint: endpoint)
        case .managed(let name, let managedPort):
            dnsName = name
            port = managedPort
        case .generate(let generatedPort):
            do {
                dnsName = try APIEndpointName.make(clusterName: cluster.metadata.name ?? "", dnsDomain: scope.current.spec.dnsDomain)
            } catch {
                scope.setCondition(
                    MaasConditions.loadBalancerReady,
                    ConditionUpdate(status: .false, reason: MaasConditionReasons.loadBalancerFailed, message: error.description))
                return EndpointOutcome()
            }
            port = generatedPort
            // Stored before any MAAS call, so a crash cannot leave a resource under a name we forgot.
            scope.network.dnsName = dnsName
            try await scope.flushStatus()
        }
        do {
            let maas = try await context.connections.connection(forNamespace: scope.key.namespace ?? "default")
            let resource = try await ensureDNSResource(&scope, maas: maas, fqdn: dnsName)
            try await reconcileDNSRecord(&scope, maas: maas, resource: resource)
        } catch let error where !(error is KubeError) && !MaasCancellation.isCancellation(error) {
            dnsRecords.forget(scope.key)
            if MaasErrorKind.classify(error).mayBeCredentials {
                await context.connections.recheckCredentials(forNamespace: scope.key.namespace ?? "default")
            }
            let policy = ClusterDNSFailure.policy(for: error, fqdn: dnsName, attempt: failures.recordFailure(scope.key))
            scope.setCondition(MaasConditions.loadBalancerReady, policy.condition)
            await context.recorder.record(scope.current, type: .warning, reason: policy.eventReason, message: policy.condition.message)
            logger.warning("MAAS DNS call failed", metadata: ["maascluster": "\(scope.key)", "error": "\(error)"])
            // The endpoint is usable once the resource ID is stored, even while the record cannot be updated.
            let known = scope.network.dnsResourceID != nil ? APIEndpoint(host: dnsName, port: port) : nil
            return EndpointOutcome(endpoint: known, requeue: ClusterDNSFailure.delay(of: policy, jitter: failures.jitter))
        }
        scope.setCondition(
            MaasConditions.loadBalancerReady,
            ConditionUpdate(status: .true, reason: MaasConditionReasons.loadBalancerReady, message: ""))
        return EndpointOutcome(endpoint: APIEndpoint(host: dnsName, port: port))
    }

    /// Finds the MAAS DNS resource by FQDN or creates it (TTL 10 s, no addresses), and stores its ID. A record read
    /// or written recently (``KnownDNSRecords``) stands in for the read.
    func ensureDNSResource(_ scope: inout MaasClusterScope, maas: any MaasAPI, fqdn: String) async throws -> MaasDNSResource {
        if let known = dnsRecords.recent(scope.key, fqdn: fqdn, now: now()), known.id == scope.network.dnsResourceID {
            return known
        }
        let found = try await maas.dnsResources(fqdn: fqdn)
        let recorded = scope.network.dnsResourceID
        let resource: MaasDNSResource
        if let match = found.first(where: { $0.id == recorded }) ?? (found.count == 1 ? found.first : nil) {
            resource = match
        } else if found.isEmpty {
            resource = try await maas.createDNSResource(fqdn: fqdn, ipAddresses: [], addressTTL: 10)
            await context.recorder.record(
                scope.current, type: .normal, reason: "DNSResourceCreated",
                message: "Created MAAS DNS resource \(fqdn) (id \(resource.id)) for the API server")
        } else {
            throw MaasError.stateConflict(
                message: "\(found.count) MAAS DNS resources are named \(fqdn) (ids \(found.map { String($0.id) }.joined(separator: ", "))); delete the extra ones")
        }
        if scope.network.dnsResourceID != resource.id {
            scope.network.dnsResourceID = resource.id
            try await scope.flushStatus()
        }
        dnsRecords.remember(scope.key, resource, now: now())
        return resource
    }

    /// Keeps the record equal to the running control-plane IPs (`DNSRecordPlan`): never emptied because machines
    /// are briefly unavailable, written only on change, and `status.network.attachedIPs` kept for the machines.
    func reconcileDNSRecord(_ scope: inout MaasClusterScope, maas: any MaasAPI, resource: MaasDNSResource) async throws {
        guard let clusterName = scope.clusterName else { return }
        let machines = maasMachines.list(
            namespace: scope.key.namespace, labelSelector: LabelSelector(matchLabels: [ClusterAPILabels.clusterName: clusterName]))
        let members = ControlPlaneMembers.members(of: machines, clusterName: clusterName)
        var record = resource.ips.sorted()
        if case .update(let ips) = DNSRecordPlan.plan(current: resource.ips, members: members) {
            let updated = try await maas.updateDNSResource(id: resource.id, ipAddresses: ips, addressTTL: nil)
            record = updated.ips.isEmpty ? ips : updated.ips.sorted()
            var known = resource
            known.ipAddresses = record.map { MaasIPAddress(ip: $0) }
            dnsRecords.remember(scope.key, known, now: now())
            await context.recorder.record(
                scope.current, type: .normal, reason: "DNSRecordUpdated",
                message: "API server DNS record \(resource.fqdn) now points at \(ips.isEmpty ? "no address" : ips.joined(separator: ", "))")
        }
        scope.network.attachedIPs = record.isEmpty ? nil : record
    }
}
