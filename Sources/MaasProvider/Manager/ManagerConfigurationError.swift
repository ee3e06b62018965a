/// An unusable manager setting: which flag, what is wrong, and how to fix it.
public struct ManagerConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var flag: String
    public var value: String
    public var problem: String
    public var fix: String

    public init(flag: String, value: String, problem: String, fix: String) {
        self.flag = flag
        self.value = value
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "invalid \(flag) \"\(value)\": \(problem); \(fix)" }
}
