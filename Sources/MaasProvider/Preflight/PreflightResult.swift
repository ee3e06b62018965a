/// The outcome of one preflight check.
public enum PreflightStatus: String, Sendable, Codable, CaseIterable {
    case pass, warn, fail
    /// Not run because an earlier check failed (e.g. MAAS unreachable). Never affects the exit code.
    case skip
}

/// What a preflight result is about. The raw value is the stable id used in JSON output.
public enum PreflightCheck: String, Sendable, Codable, CaseIterable {
    case endpoint
    case reachability
    case version
    case apiKey = "api-key"
    case credentials
    case adminRights = "admin-rights"
    case manifest
    case dnsDomain = "dns-domain"
    case failureDomains = "failure-domains"
    case zone
    case resourcePool = "resource-pool"
    case tags
    case image
    case capacity

    /// Short human title for the text report.
    public var title: String {
        switch self {
        case .endpoint: "endpoint"
        case .reachability: "reachability"
        case .version: "MAAS version"
        case .apiKey: "API key format"
        case .credentials: "API key valid"
        case .adminRights: "admin rights"
        case .manifest: "manifest"
        case .dnsDomain: "DNS domain"
        case .failureDomains: "failure domains"
        case .zone: "zone"
        case .resourcePool: "resource pool"
        case .tags: "tags"
        case .image: "image"
        case .capacity: "capacity"
        }
    }
}

/// One line of the preflight report: a check, what it looked at, the verdict, and how to fix a problem.
public struct PreflightResult: Sendable, Equatable, Codable {
    public var check: PreflightCheck
    /// The object checked, e.g. `MaasCluster default/demo`; nil for MAAS-wide checks.
    public var subject: String?
    public var status: PreflightStatus
    /// One line saying what was found.
    public var detail: String
    /// What to do about a warning or failure.
    public var fix: String?

    public init(_ check: PreflightCheck, _ status: PreflightStatus, _ detail: String, subject: String? = nil,
                fix: String? = nil) {
        self.check = check
        self.subject = subject
        self.status = status
        self.detail = detail
        self.fix = fix
    }
}

/// Totals and the exit decision for a list of results.
public struct PreflightSummary: Sendable, Equatable, Codable {
    public var passed: Int
    public var warnings: Int
    public var failed: Int
    public var skipped: Int

    public init(_ results: [PreflightResult]) {
        passed = results.count { $0.status == .pass }
        warnings = results.count { $0.status == .warn }
        failed = results.count { $0.status == .fail }
        skipped = results.count { $0.status == .skip }
    }

    /// 0 when nothing failed (and, with `strict`, nothing warned); 1 otherwise.
    public func exitCode(strict: Bool) -> Int32 {
        failed > 0 || (strict && warnings > 0) ? 1 : 0
    }
}
