import KubeCore

/// Turns a CRD object into a `CustomResourceDefinitionModel`, collecting kube-style field errors.
enum CRDParser {
    static func parse(_ crd: JSONValue) -> (model: CustomResourceDefinitionModel?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let spec = crd["spec"] ?? .null
        let names = spec["names"] ?? .null
        let group = spec["group"]?.stringValue ?? ""
        let kind = names["kind"]?.stringValue ?? ""
        let plural = names["plural"]?.stringValue ?? ""
        let singular = names["singular"]?.stringValue ?? kind.lowercased()
        let listKind = names["listKind"]?.stringValue ?? (kind.isEmpty ? "" : kind + "List")
        let shortNames = (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue)
        let categories = (names["categories"]?.arrayValue ?? []).compactMap(\.stringValue)

        if group.isEmpty {
            errors.append(.required("spec.group", ""))
        } else if !group.contains(".") {
            errors.append(.invalid("spec.group", .string(group), "should be a domain with at least one dot"))
        }
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        if !plural.isEmpty, !group.isEmpty, name != "\(plural).\(group)" {
            errors.append(
                .invalid("metadata.name", .string(name), "must be spec.names.plural+\".\"+spec.group"))
        }
        if plural.isEmpty { errors.append(.required("spec.names.plural", "")) }
        if kind.isEmpty { errors.append(.required("spec.names.kind", "")) }
        for (field, value) in [("plural", plural), ("singular", singular)] where !value.isEmpty {
            if !CRDNames.isDNS1035Label(value) {
                errors.append(.invalid("spec.names.\(field)", .string(value), CRDNames.dns1035Message))
            }
        }
        for (index, shortName) in shortNames.enumerated() where !CRDNames.isDNS1035Label(shortName) {
            errors.append(.invalid("spec.names.shortNames[\(index)]", .string(shortName), CRDNames.dns1035Message))
        }
        let scope = spec["scope"]?.stringValue ?? ""
        if scope.isEmpty {
            errors.append(.required("spec.scope", ""))
        } else if scope != "Namespaced", scope != "Cluster" {
            errors.append(.notSupported("spec.scope", .string(scope), ["Cluster", "Namespaced"]))
        }

        let versionsJSON = spec["versions"]?.arrayValue ?? []
        var versions: [CRDVersionModel] = []
        var seen = Set<String>()
        for (index, versionJSON) in versionsJSON.enumerated() {
            let path = "spec.versions[\(index)]"
            let versionName = versionJSON["name"]?.stringValue ?? ""
            if versionName.isEmpty {
                errors.append(.required("\(path).name", ""))
            } else if !CRDNames.isDNS1035Label(versionName) {
                errors.append(.invalid("\(path).name", .string(versionName), CRDNames.dns1035Message))
            } else if !seen.insert(versionName).inserted {
                errors.append(.duplicate("\(path).name", .string(versionName)))
            }
            var schema: SchemaNode?
            if let schemaJSON = versionJSON[path: ["schema", "openAPIV3Schema"]] {
                let schemaPath = "\(path).schema.openAPIV3Schema"
                let node = SchemaNode(parsing: schemaJSON, path: schemaPath, correlatable: true, errors: &errors)
                if errors.isEmpty { node.checkDefinition(path: schemaPath, objectPath: "", isRoot: true, errors: &errors) }
                if node.type != "object" {
                    errors.append(.invalid("\(schemaPath).type", .string(node.type ?? ""), "must be object at the root"))
                }
                schema = node
            } else {
                errors.append(.required("\(path).schema.openAPIV3Schema", "schemas are required"))
            }
            var columns: [PrinterColumn] = []
            for (columnIndex, columnJSON) in (versionJSON["additionalPrinterColumns"]?.arrayValue ?? []).enumerated() {
                if let column = PrinterColumn(
                    parsing: columnJSON, fieldPath: "\(path).additionalPrinterColumns[\(columnIndex)]", errors: &errors)
                {
                    columns.append(column)
                }
            }
            versions.append(
                CRDVersionModel(
                    name: versionName, served: versionJSON["served"]?.boolValue ?? false,
                    storage: versionJSON["storage"]?.boolValue ?? false,
                    hasStatusSubresource: versionJSON[path: ["subresources", "status"]] != nil, group: group,
                    kind: kind, schema: schema, printerColumns: columns))
        }
        if versionsJSON.isEmpty {
            errors.append(.required("spec.versions", "must have exactly one version marked as storage version"))
        } else if versions.filter(\.storage).count != 1 {
            errors.append(
                .invalid(
                    "spec.versions", CRDNames.versionSummary(versionsJSON),
                    "must have exactly one version marked as storage version"))
        }
        guard errors.isEmpty else { return (nil, errors) }
        let model = CustomResourceDefinitionModel(
            group: group, kind: kind, listKind: listKind, plural: plural, singular: singular, shortNames: shortNames,
            categories: categories, namespaced: scope == "Namespaced", versions: versions)
        return (model, [])
    }
}
