import MaasClient
import MaasProvider
import MaasSimulator
import Testing

/// MAAS's node status table exists three times on purpose: the client's open `MaasNodeStatus`, the provider's
/// closed `MaasMachineState` (pure decisions do not import the client) and the simulator's `NodeStatus` (the
/// client's independent test double). This keeps the three in agreement.
@Suite struct NodeStatusAgreementTests {
    @Test func sameCodesNamesAndFilterNames() throws {
        #expect(MaasMachineState.allCases.count == MaasNodeStatus.allKnown.count)
        #expect(NodeStatus.allCases.count == MaasNodeStatus.allKnown.count)
        for client in MaasNodeStatus.allKnown {
            let provider = try #require(MaasMachineState(rawValue: client.code))
            let simulator = try #require(NodeStatus(rawValue: client.code))
            #expect(provider.statusName == client.displayName)
            #expect(simulator.displayName == client.displayName)
            #expect(simulator.filterName == client.filterName)
            #expect(MaasMachineState(statusCode: nil, statusName: client.displayName) == provider)
        }
    }
}
