import Foundation
import MaasClient
import MaasProvider
import Testing

/// A MAAS error's condition message names the failure once (it used to read "MAAS rejected the request: MAAS
/// rejected the request: …" and "MAAS rejected the credentials: MAAS rejected the API key: …").
@Suite struct ConditionMessageTests {
    static let allocate = MaasOperation.allocate(AllocationRequest(cpuCount: 2, memory: 4096, agentName: "u", comment: ""))

    @Test func badRequestNamesTheRejectionOnce() {
        let error = MaasError.badRequest(fieldErrors: ["zone": ["No such zone(s): nozone."]], message: "")
        let message = MaasErrorPolicy.policy(for: MaasErrorKind(error), during: Self.allocate, attempt: 0).condition.message
        #expect(message.components(separatedBy: "MAAS rejected the request").count == 2, "\(message)")
        #expect(message.contains("No such zone(s): nozone."))
    }

    @Test func rejectedKeyNamesTheRejectionOnce() {
        let error = MaasError.unauthorized(reason: .invalidKey, message: "Authorization Error: Invalid API key.")
        let policy = MaasErrorPolicy.policy(for: MaasErrorKind(error), during: Self.allocate, attempt: 0)
        #expect(policy.condition.reason == MaasConditionReasons.maasCredentialsInvalid)
        #expect(policy.condition.message.components(separatedBy: "MAAS rejected").count == 2, "\(policy.condition.message)")
        #expect(policy.condition.message.contains("Invalid API key"))
        #expect(policy.condition.message.contains("credentials"), "says what to fix")
    }
}
