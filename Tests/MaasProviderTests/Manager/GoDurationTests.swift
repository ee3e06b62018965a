import KubeClient
import KubeRuntime
import ClusterAPI
import KubeCore
import MaasSimulator
import KubeSandbox
import MaasProvider
import Testing

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("90s", Duration.seconds(90)), ("10m", .seconds(600)), ("2h", .seconds(7200)), ("1h30m", .seconds(5400)),
        ("1.5s", .milliseconds(1500)), ("500ms", .milliseconds(500)), ("0", .zero), ("2m30s", .seconds(150)),
        ("250us", .microseconds(250)), ("+5s", .seconds(5)),
    ])
    func parsesGoDurations(text: String, expected: Duration) throws {
        #expect(try GoDuration.parse(text) == expected)
    }

    @Test(arguments: [
        ("", "empty"), ("10", "missing unit"), ("10x", "unknown unit \"x\""), ("-5s", "negative"), ("abc", "expected a number"),
        ("5s3", "missing unit"),
    ])
    func rejectsMalformedDurations(text: String, problem: String) {
        #expect {
            try GoDuration.parse(text)
        } throws: { error in
            guard let error = error as? GoDuration.ParseError else { return false }
            return error.problem.contains(problem) && error.description.contains("10m")
        }
    }

    @Test(arguments: [
        (Duration.seconds(600), "10m0s"), (.seconds(90), "1m30s"), (.seconds(5), "5s"), (.milliseconds(500), "500ms"),
        (.seconds(7200), "2h0m0s"), (.milliseconds(1500), "1.5s"),
    ])
    func formatsLikeGo(duration: Duration, expected: String) {
        #expect(GoDuration.format(duration) == expected)
    }
}
