import KubeCore
import ClusterAPI
import MaasProvider
import Testing

@Suite struct AllocationRequestTests {
    @Test(arguments: [
        (String?.none, String?.none, String?.none),
        ("z-mm", nil, "z-mm"),
        (nil, "z-m", "z-m"),
        ("z-mm", "z-m", "z-mm"),
        ("", "z-m", "z-m"),
    ])
    func zonePrecedence(maasMachineZone: String?, machineZone: String?, expected: String?) throws {
        let request = try AllocationRequest.make(
            for: Fixtures.maasMachine(failureDomain: maasMachineZone), machine: Fixtures.machine(failureDomain: machineZone),
            clusterName: "c1")
        #expect(request.zone == expected)
    }

    @Test func carriesConstraintsAndIdentity() throws {
        let request = try AllocationRequest.make(for: Fixtures.maasMachine(minDiskSize: 100), machine: nil, clusterName: "c1")
        #expect(request.cpuCount == 4)
        #expect(request.memory == 8192)
        #expect(request.tags == ["gpu", "fast"])
        #expect(request.pool == "prod")
        #expect(request.storage == "root:100")
        #expect(request.agentName == "uid-1")
        #expect(request.comment.contains("ns/mm-0"))
        #expect(request.constraintsSummary == "cpu>=4 memory>=8192MiB tags=gpu,fast pool=prod storage=root:100")
    }

    @Test func omitsEmptyOptionals() throws {
        let request = try AllocationRequest.make(for: Fixtures.maasMachine(tags: ["", "a"], pool: ""), machine: nil, clusterName: "c1")
        #expect(request.tags == ["a"])
        #expect(request.pool == nil)
        #expect(request.storage == nil)
    }

    @Test func rejectsMissingUIDAndLXD() {
        #expect(throws: AllocationRequestError.missingUID) {
            try AllocationRequest.make(for: Fixtures.maasMachine(uid: nil), machine: nil, clusterName: "c1")
        }
        #expect(throws: AllocationRequestError.lxdNotSupported) {
            try AllocationRequest.make(for: Fixtures.maasMachine(lxd: true), machine: nil, clusterName: "c1")
        }
    }
}
