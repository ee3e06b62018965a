import KubeCore

/// One `additionalPrinterColumns` entry of a CRD version.
struct PrinterColumn: Sendable, Hashable {
    var name: String
    var type: String
    var format: String
    var description: String
    var priority: Int64
    var jsonPath: String
    var path: SimpleJSONPath

    static let supportedTypes = ["boolean", "date", "integer", "number", "string"]
    static let supportedFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"]

    /// The column Kubernetes shows when a CRD declares no printer columns.
    static let defaultAge = PrinterColumn(
        name: "Age", type: "date", format: "", description: "", priority: 0, jsonPath: ".metadata.creationTimestamp",
        path: SimpleJSONPath.metadataCreationTimestamp)

    init(
        name: String, type: String, format: String, description: String, priority: Int64, jsonPath: String,
        path: SimpleJSONPath
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
        self.path = path
    }

    /// Parses `json` at CRD field path `fieldPath`, appending problems to `errors`.
    init?(parsing json: JSONValue, fieldPath: String, errors: inout [FieldError]) {
        let before = errors.count
        name = json["name"]?.stringValue ?? ""
        type = json["type"]?.stringValue ?? ""
        format = json["format"]?.stringValue ?? ""
        description = json["description"]?.stringValue ?? ""
        priority = json["priority"]?.intValue ?? 0
        jsonPath = json["jsonPath"]?.stringValue ?? ""
        if name.isEmpty { errors.append(.required("\(fieldPath).name", "")) }
        if type.isEmpty {
            errors.append(.required("\(fieldPath).type", ""))
        } else if !Self.supportedTypes.contains(type) {
            errors.append(.notSupported("\(fieldPath).type", .string(type), Self.supportedTypes))
        }
        if !format.isEmpty, !Self.supportedFormats.contains(format) {
            errors.append(.notSupported("\(fieldPath).format", .string(format), Self.supportedFormats))
        }
        if jsonPath.isEmpty {
            errors.append(.required("\(fieldPath).jsonPath", ""))
            path = SimpleJSONPath(steps: [])
        } else if let parsed = SimpleJSONPath(parsing: jsonPath) {
            path = parsed
        } else {
            errors.append(.invalid("\(fieldPath).jsonPath", .string(jsonPath), "must be a simple json path"))
            path = SimpleJSONPath(steps: [])
        }
        if errors.count > before { return nil }
    }
}
