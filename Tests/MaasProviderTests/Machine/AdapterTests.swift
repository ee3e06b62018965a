import KubeCore
import MaasClient
import MaasProvider
import Testing

@Suite struct AdapterTests {
    @Test func maasNodeBecomesObservedMachine() {
        let node = MaasNode(
            systemID: "abc123", hostname: "node-1", fqdn: "node-1.maas", status: .deployed, statusMessage: "Deployed",
            powerState: PowerState(rawValue: "on"), zone: MaasZone(id: 1, name: "az1"), ipAddresses: ["10.0.0.5"],
            swapSize: 0, workloadAnnotations: ["cluster": "c1"])
        let observed = ObservedMaasMachine(node)
        #expect(observed.systemID == "abc123")
        #expect(observed.hostname == "node-1")
        #expect(observed.fqdn == "node-1.maas")
        #expect(observed.state == .deployed)
        #expect(observed.statusName == "Deployed")
        #expect(observed.statusMessage == "Deployed")
        #expect(observed.isPoweredOn)
        #expect(observed.zone == "az1")
        #expect(observed.ipAddresses == ["10.0.0.5"])
        #expect(observed.workloadAnnotations == ["cluster": "c1"])
        #expect(observed.swapSize == 0)
    }

    @Test func emptyFieldsBecomeNil() {
        let observed = ObservedMaasMachine(MaasNode(systemID: "x", status: .allocated, statusMessage: ""))
        #expect(observed.fqdn == nil)
        #expect(observed.statusMessage == nil)
        #expect(observed.zone == nil)
        #expect(observed.state == .allocated)
        #expect(!observed.isPoweredOn && !observed.isPoweredOff)
    }

    static let errorTable: [(MaasError, MaasErrorKind)] = [
        (.noMatchingMachine(message: "No machine available."), .noCapacity(message: "No machine available.")),
        (.stateConflict(message: "wrong state"), .conflict(message: "wrong state")),
        (.badRequest(fieldErrors: ["tags": ["No such tag(s): 'x'."]], message: ""),
         .badRequest(message: "MAAS rejected the request: tags: No such tag(s): 'x'.")),
        (.unauthorized(reason: .invalidKey, message: "bad"), .unauthorized(message: "MAAS rejected the API key: bad")),
        (.unauthorized(reason: .nonceReused, message: "n"), .transient(message: "MAAS rejected a reused OAuth nonce: n", retryAfter: nil)),
        (.forbidden(message: ""), .forbidden(message: "MAAS refused the operation (forbidden)")),
        (.notFound(message: "No Machine matches the given query."), .notFound(message: "MAAS object not found: No Machine matches the given query.")),
        (.serverError(status: 503, message: "BMC"), .transient(message: "MAAS server error (HTTP 503): BMC", retryAfter: nil)),
        (.serverError(status: 405, message: "no"), .badRequest(message: "MAAS server error (HTTP 405): no")),
        // The policy prefixes "MAAS is not reachable: " once; the client's "cannot reach MAAS: " would repeat it.
        (.transport(description: "TLS error: bad certificate"), .unreachable(message: "TLS error: bad certificate")),
        (.connectionRefused(endpoint: "10.0.0.5:5240"),
         .unreachable(message: "connection refused by 10.0.0.5:5240: is MAAS running and the endpoint right?")),
        (.invalidResponse(description: "junk"), .transient(message: "unexpected MAAS response: junk", retryAfter: nil)),
    ]

    @Test(arguments: errorTable) func maasErrorIsClassified(_ error: MaasError, _ expected: MaasErrorKind) {
        #expect(MaasErrorKind(error) == expected)
        #expect(MaasErrorKind.classify(error) == expected)
    }

    @Test func retryableKeepsRetryAfter() {
        let kind = MaasErrorKind(.retryable(status: 409, retryAfter: .seconds(5), message: "busy"))
        guard case .transient(_, let retryAfter) = kind else {
            Issue.record("expected transient, got \(kind)")
            return
        }
        #expect(retryAfter == .seconds(5))
    }

    @Test func otherErrorsAreUnreachable() {
        struct Boom: Error {}
        guard case .unreachable = MaasErrorKind.classify(Boom()) else {
            Issue.record("expected unreachable")
            return
        }
    }

    @Test func connectionErrorBecomesCredentialsCondition() {
        let condition = MaasConnectionError.missingCredentials("no Secret").conditionUpdate
        #expect(condition.status == .false)
        #expect(condition.reason == "MaasCredentialsInvalid")
        #expect(condition.message == "no MAAS credentials: no Secret")
    }
}
