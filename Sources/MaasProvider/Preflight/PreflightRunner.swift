import MaasClient

/// Runs the MAAS-side checks: reachability, version, credentials, admin rights, and every reference the
/// manifests make (DNS domain, zones, pools, tags, images) plus a capacity hint.
///
/// Each MAAS list is fetched at most once. When MAAS cannot be reached or the key is refused, the checks that
/// depend on it are reported as skipped rather than failing one by one.
public struct PreflightRunner: Sendable {
    public let api: any MaasAPI
    public let extras: any PreflightExtraAPI

    public init(api: any MaasAPI, extras: any PreflightExtraAPI) {
        self.api = api
        self.extras = extras
    }

    /// - Parameters:
    ///   - endpoint: the endpoint `api` talks to (used to explain connection errors).
    ///   - hasCredentials: false when the API key was missing or malformed; authenticated checks are skipped.
    public func run(endpoint: MaasEndpoint, hasCredentials: Bool, manifests: PreflightManifests) async -> [PreflightResult] {
        var results: [PreflightResult] = []
        do {
            let version = try await api.version()
            results.append(PreflightResult(.reachability, .pass, "\(endpoint.apiBaseURL)version/ answered"))
            results.append(ConnectionChecks.version(version.version))
        } catch {
            results.append(ConnectionChecks.reachability(error, endpoint: endpoint))
            results.append(PreflightResult(.credentials, .skip, "not checked: MAAS unreachable"))
            return results
        }
        guard hasCredentials else {
            results.append(PreflightResult(.credentials, .skip, "not checked: no usable API key"))
            return results
        }
        let user: MaasUser
        do {
            user = try await extras.whoami()
            results.append(ConnectionChecks.credentials(user: user, error: nil))
        } catch {
            results.append(ConnectionChecks.credentials(user: nil, error: error))
            if !manifests.isEmpty {
                results.append(PreflightResult(.manifest, .skip, "manifest references not checked: no valid credentials"))
            }
            return results
        }
        results.append(ConnectionChecks.adminRights(user, explicitControlPlaneHost: manifests.hasExplicitControlPlaneHost))
        results += await manifestResults(manifests)
        return results
    }

    func manifestResults(_ manifests: PreflightManifests) async -> [PreflightResult] {
        let requirements = MachineRequirement.all(in: manifests)
        let needZones = requirements.contains { $0.zone != nil }
            || manifests.maasClusters.contains { !($0.object.spec.failureDomains ?? []).isEmpty }
        let needPools = requirements.contains { $0.resourcePool != nil }
        let needTags = requirements.contains { !$0.tags.isEmpty }
        let domains: InventoryChecks.Fetched<MaasDomain> =
            manifests.maasClusters.isEmpty ? .success([]) : await fetch { try await api.domains() }
        let zones: InventoryChecks.Fetched<MaasZone> = needZones ? await fetch { try await api.zones() } : .success([])
        let pools: InventoryChecks.Fetched<MaasResourcePool> =
            needPools ? await fetch { try await api.resourcePools() } : .success([])
        let tags: InventoryChecks.Fetched<String> = needTags ? await fetch { try await extras.tagNames() } : .success([])
        let images: InventoryChecks.Fetched<MaasBootResource> =
            requirements.isEmpty ? .success([]) : await fetch { try await api.bootResources() }
        let ready: InventoryChecks.Fetched<MaasNode> =
            requirements.isEmpty ? .success([]) : await fetch { try await api.machines(MachineFilter(statuses: [.ready])) }

        var results: [PreflightResult] = []
        for cluster in manifests.maasClusters {
            let subject = cluster.source.objectName
            results.append(InventoryChecks.dnsDomain(cluster.object.spec.dnsDomain, subject: subject, domains: domains))
            if let wanted = cluster.object.spec.failureDomains, !wanted.isEmpty {
                results.append(InventoryChecks.failureDomains(wanted, subject: subject, zones: zones))
            }
        }
        let machineDemand = Dictionary(
            requirements.filter { !$0.isTemplate }.map { (Self.demandKey($0), 1) }, uniquingKeysWith: +)
        for requirement in requirements {
            results += [
                InventoryChecks.zone(requirement, zones: zones),
                InventoryChecks.resourcePool(requirement, pools: pools),
                InventoryChecks.tags(requirement, tags: tags),
                InventoryChecks.image(requirement, bootResources: images),
            ].compactMap { $0 }
            let demand = requirement.isTemplate ? 1 : machineDemand[Self.demandKey(requirement), default: 1]
            results.append(InventoryChecks.capacity(requirement, demand: demand, ready: ready))
        }
        return results
    }

    /// Requirements equal apart from the object they came from compete for the same machines.
    static func demandKey(_ requirement: MachineRequirement) -> MachineRequirement {
        var key = requirement
        key.subject = ""
        return key
    }

    private func fetch<T>(_ body: () async throws -> [T]) async -> InventoryChecks.Fetched<T> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
