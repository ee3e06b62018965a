import Foundation
import KubeCore

/// One `x-kubernetes-validations` entry, compiled to a CEL program at CRD creation.
struct ValidationRule: Sendable {
    let rule: String
    let message: String?
    let messageExpression: String?
    let fieldPath: String?
    let reason: String?
    let program: CELExpression
    let messageProgram: CELExpression?
    /// A transition rule (mentions `oldSelf`): evaluated only on update when an old value exists.
    let isTransitionRule: Bool

    static let supportedReasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"]

    /// Parses and compiles a rule; a rule the sandbox cannot evaluate becomes an error (the CRD is refused).
    init?(parsing json: JSONValue, path: String, correlatable: Bool, errors: inout [FieldError]) {
        guard let rule = json["rule"]?.stringValue, !rule.trimmingCharacters(in: .whitespaces).isEmpty else {
            errors.append(.required("\(path).rule", ""))
            return nil
        }
        self.rule = rule
        message = json["message"]?.stringValue
        messageExpression = json["messageExpression"]?.stringValue
        fieldPath = json["fieldPath"]?.stringValue
        reason = json["reason"]?.stringValue
        if let reason, !Self.supportedReasons.contains(reason) {
            errors.append(.notSupported("\(path).reason", .string(reason), Self.supportedReasons))
        }
        if let fieldPath, CELFieldPath.parse(fieldPath) == nil {
            errors.append(.invalid("\(path).fieldPath", .string(fieldPath), "fieldPath must be a valid path"))
        }
        let compiled: CELExpression
        do throws(CELError) {
            compiled = try CELParser.parse(rule)
        } catch {
            errors.append(.invalid("\(path).rule", .string(rule), CELError.refusalDetail(error)))
            return nil
        }
        program = compiled
        isTransitionRule = compiled.references("oldSelf")
        if isTransitionRule, !correlatable {
            errors.append(
                .invalid(
                    "\(path).rule", .string(rule),
                    "oldSelf cannot be used on the uncorrelatable portion of the schema (inside list items)"))
        }
        if let messageExpression {
            do throws(CELError) {
                messageProgram = try CELParser.parse(messageExpression)
            } catch {
                errors.append(
                    .invalid("\(path).messageExpression", .string(messageExpression), CELError.refusalDetail(error)))
                return nil
            }
        } else {
            messageProgram = nil
        }
    }
}
