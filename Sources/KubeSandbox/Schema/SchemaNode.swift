import KubeCore

/// One node of a CRD's structural OpenAPI v3 schema, parsed once so validation, defaulting and pruning are cheap.
///
/// A final class with only `let`s: the schema is a tree shared read-only between requests.
final class SchemaNode: Sendable {
    let type: String?
    let description: String?
    let format: String?
    let properties: [String: SchemaNode]
    /// `additionalProperties` given as a schema (a map's value schema).
    let additionalProperties: SchemaNode?
    /// `additionalProperties: true` (any value) or `false`.
    let additionalPropertiesAllowed: Bool?
    let items: SchemaNode?
    let required: [String]
    let enumValues: [JSONValue]?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Bool
    let exclusiveMaximum: Bool
    let multipleOf: Double?
    let minLength: Int?
    let maxLength: Int?
    let minItems: Int?
    let maxItems: Int?
    let minProperties: Int?
    let maxProperties: Int?
    let uniqueItems: Bool
    let pattern: String?
    let nullable: Bool
    let intOrString: Bool
    let preserveUnknownFields: Bool
    let embeddedResource: Bool
    let defaultValue: JSONValue?
    /// `x-kubernetes-list-type` (`atomic`, `set`, `map`) and `x-kubernetes-list-map-keys`.
    let listType: String?
    let listMapKeys: [String]
    let validations: [ValidationRule]
    /// Whether this node or any node below carries `x-kubernetes-validations`.
    let hasValidationRules: Bool
    /// The schema as written in the CRD (used for the OpenAPI document).
    let raw: JSONValue

    /// Parses `json` (at CRD field path `path`), appending problems to `errors`.
    /// `correlatable` is false below list items, where `oldSelf` has no meaning.
    init(parsing json: JSONValue, path: String, correlatable: Bool, errors: inout [FieldError]) {
        raw = json
        let object = json.objectValue ?? [:]
        if json.objectValue == nil {
            errors.append(.invalid(path, json, "must be an object"))
        }
        type = object["type"]?.stringValue
        description = object["description"]?.stringValue
        format = object["format"]?.stringValue
        var properties: [String: SchemaNode] = [:]
        for (name, child) in (object["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            properties[name] = SchemaNode(
                parsing: child, path: "\(path).properties[\(name)]", correlatable: correlatable, errors: &errors)
        }
        self.properties = properties
        switch object["additionalProperties"] {
        case .bool(let allowed)?:
            additionalProperties = nil
            additionalPropertiesAllowed = allowed
        case .object(let schema)?:
            additionalProperties = SchemaNode(
                parsing: .object(schema), path: "\(path).additionalProperties", correlatable: correlatable,
                errors: &errors)
            additionalPropertiesAllowed = true
        default:
            additionalProperties = nil
            additionalPropertiesAllowed = nil
        }
        listType = object["x-kubernetes-list-type"]?.stringValue
        listMapKeys = (object["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
        if let itemSchema = object["items"] {
            // Items of map lists correlate with old items by key (kube allows oldSelf there); others do not.
            let itemsCorrelate = correlatable && listType == "map" && !listMapKeys.isEmpty
            items = SchemaNode(parsing: itemSchema, path: "\(path).items", correlatable: itemsCorrelate, errors: &errors)
        } else {
            items = nil
        }
        required = (object["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        enumValues = object["enum"]?.arrayValue
        minimum = object["minimum"]?.doubleValue
        maximum = object["maximum"]?.doubleValue
        exclusiveMinimum = object["exclusiveMinimum"]?.boolValue ?? false
        exclusiveMaximum = object["exclusiveMaximum"]?.boolValue ?? false
        multipleOf = object["multipleOf"]?.doubleValue
        minLength = object["minLength"]?.intValue.map { Int($0) }
        maxLength = object["maxLength"]?.intValue.map { Int($0) }
        minItems = object["minItems"]?.intValue.map { Int($0) }
        maxItems = object["maxItems"]?.intValue.map { Int($0) }
        minProperties = object["minProperties"]?.intValue.map { Int($0) }
        maxProperties = object["maxProperties"]?.intValue.map { Int($0) }
        uniqueItems = object["uniqueItems"]?.boolValue ?? false
        pattern = object["pattern"]?.stringValue
        nullable = object["nullable"]?.boolValue ?? false
        intOrString = object["x-kubernetes-int-or-string"]?.boolValue ?? false
        preserveUnknownFields = object["x-kubernetes-preserve-unknown-fields"]?.boolValue ?? false
        embeddedResource = object["x-kubernetes-embedded-resource"]?.boolValue ?? false
        defaultValue = object["default"]

        if let pattern, !SchemaPattern.isValid(pattern) {
            errors.append(.invalid("\(path).pattern", .string(pattern), "must be a valid regular expression"))
        }
        if type == nil, !intOrString, !preserveUnknownFields, path.hasSuffix("]") || path.hasSuffix(".items") {
            errors.append(.required("\(path).type", "must not be empty for specified object fields"))
        }
        if let type, !["object", "array", "string", "integer", "number", "boolean"].contains(type) {
            errors.append(
                .notSupported(
                    "\(path).type", .string(type), ["array", "boolean", "integer", "number", "object", "string"]))
        }
        if listType == "map", listMapKeys.isEmpty {
            errors.append(.required("\(path).x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"))
        }
        if type == "array", items == nil {
            errors.append(.required("\(path).items", "must be specified"))
        }
        var rules: [ValidationRule] = []
        for (index, ruleJSON) in (object["x-kubernetes-validations"]?.arrayValue ?? []).enumerated() {
            let rulePath = "\(path).x-kubernetes-validations[\(index)]"
            if let rule = ValidationRule(
                parsing: ruleJSON, path: rulePath, correlatable: correlatable, errors: &errors)
            {
                rules.append(rule)
            }
        }
        validations = rules
        hasValidationRules =
            !rules.isEmpty || properties.values.contains(where: \.hasValidationRules)
            || additionalProperties?.hasValidationRules == true || items?.hasValidationRules == true
    }

    /// The schema of the member `key` of an object value: a declared property, else the map value schema.
    func child(_ key: String) -> SchemaNode? {
        properties[key] ?? additionalProperties
    }

    /// For a `listType: map` list: the old element with the same key values as `element`.
    func correlatedOldItem(_ element: JSONValue, in old: JSONValue?) -> JSONValue? {
        guard listType == "map", !listMapKeys.isEmpty, let oldElements = old?.arrayValue else { return nil }
        return oldElements.first { candidate in listMapKeys.allSatisfy { candidate[$0] == element[$0] } }
    }

    /// Whether unknown members of an object value are kept (not pruned).
    var keepsUnknownMembers: Bool {
        preserveUnknownFields || additionalProperties != nil || additionalPropertiesAllowed == true
    }

    /// Checks, at and below this node, what needs the whole tree: CEL rules are type-checked against the
    /// schema they are attached to, and `default` values must be valid and fully specified (no pruning).
    /// `path` is the CRD field path, `objectPath` the path inside a custom object (for messages).
    func checkDefinition(path: String, objectPath: String, isRoot: Bool, errors: inout [FieldError]) {
        for (index, rule) in validations.enumerated() {
            let checker = CELSchemaChecker(rule: rule.rule, selfSchema: self, isRootSchema: isRoot)
            do throws(CELError) {
                try checker.check(rule.program)
            } catch {
                errors.append(
                    .invalid("\(path).x-kubernetes-validations[\(index)].rule", .string(rule.rule), CELError.refusalDetail(error)))
            }
        }
        if let defaultValue {
            var problems: [FieldError] = []
            SchemaValidator.validate(defaultValue, schema: self, path: objectPath, errors: &problems)
            var unknown: [String] = []
            _ = SchemaPruner.prune(defaultValue, schema: self, path: objectPath, isRoot: false, unknown: &unknown)
            for problem in problems {
                errors.append(.invalid("\(path).default", defaultValue, problem.description))
            }
            if !unknown.isEmpty {
                errors.append(
                    .invalid("\(path).default", defaultValue, "must not have unknown fields: " + unknown.joined(separator: ", ")))
            }
        }
        for (name, child) in properties.sorted(by: { $0.key < $1.key }) {
            let childObjectPath = objectPath.isEmpty ? name : "\(objectPath).\(name)"
            child.checkDefinition(
                path: "\(path).properties[\(name)]", objectPath: childObjectPath, isRoot: false, errors: &errors)
        }
        additionalProperties?.checkDefinition(
            path: "\(path).additionalProperties", objectPath: "\(objectPath)[*]", isRoot: false, errors: &errors)
        items?.checkDefinition(path: "\(path).items", objectPath: "\(objectPath)[*]", isRoot: false, errors: &errors)
    }
}
