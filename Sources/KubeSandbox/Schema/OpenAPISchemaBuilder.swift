import KubeCore

/// Builds the `components.schemas` entries kube-apiserver publishes for a CRD version (what `kubectl explain`
/// renders): the CRD's schema with standard `apiVersion`/`kind`/`metadata` and `x-kubernetes-group-version-kind`.
public enum OpenAPISchemaBuilder {
    /// The `components.schemas` key kube uses: reversed group, version, kind
    /// (`io.x-k8s.cluster.infrastructure.v1beta1.MaasMachine`).
    public static func schemaName(group: String, version: String, kind: String) -> String {
        let reversedGroup = group.split(separator: ".").reversed().joined(separator: ".")
        return "\(reversedGroup).\(version).\(kind)"
    }

    /// The `$ref` to ObjectMeta; documents using `objectSchema` must also carry that component.
    public static let objectMetaRef = "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
    public static let listMetaRef = "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"

    /// The schema for one kind (`raw` is the CRD's `openAPIV3Schema`, or nil for an unspecified schema).
    public static func objectSchema(_ raw: JSONValue?, group: String, version: String, kind: String) -> JSONValue {
        var schema = raw ?? ["type": "object"]
        var properties = schema["properties"]?.objectValue ?? [:]
        properties["apiVersion"] = ["description": .string(OpenAPIDescriptions.apiVersion), "type": "string"]
        properties["kind"] = ["description": .string(OpenAPIDescriptions.kind), "type": "string"]
        properties["metadata"] = [
            "description": .string(OpenAPIDescriptions.objectMeta), "allOf": [["$ref": .string(objectMetaRef)]],
        ]
        schema["properties"] = .object(properties)
        schema["x-kubernetes-group-version-kind"] = [
            ["group": .string(group), "kind": .string(kind), "version": .string(version)]
        ]
        return schema
    }

    /// The `<Kind>List` schema.
    public static func listSchema(group: String, version: String, kind: String, listKind: String, plural: String)
        -> JSONValue
    {
        [
            "description": .string("\(listKind) is a list of \(kind)"),
            "type": "object",
            "required": ["items"],
            "properties": [
                "apiVersion": ["description": .string(OpenAPIDescriptions.apiVersion), "type": "string"],
                "items": [
                    "description": .string(
                        "List of \(plural). More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"
                    ),
                    "type": "array",
                    "items": ["$ref": .string("#/components/schemas/\(schemaName(group: group, version: version, kind: kind))")],
                ],
                "kind": ["description": .string(OpenAPIDescriptions.kind), "type": "string"],
                "metadata": [
                    "description": .string(OpenAPIDescriptions.listMeta), "allOf": [["$ref": .string(listMetaRef)]],
                ],
            ],
            "x-kubernetes-group-version-kind": [
                ["group": .string(group), "kind": .string(listKind), "version": .string(version)]
            ],
        ]
    }
}

/// Standard OpenAPI operation parameters for CR paths. kubectl looks for `fieldValidation` on the item
/// path's PATCH operation to decide that the server validates fields (then it sends `fieldValidation=Strict`).
public enum OpenAPIOperationParameters {
    static func query(_ name: String, _ description: String, type: String = "string") -> JSONValue {
        [
            "name": .string(name), "in": "query", "description": .string(description),
            "schema": ["type": .string(type), "uniqueItems": true],
        ]
    }

    /// PATCH on `.../{name}` (and `/status`): dryRun, fieldManager, fieldValidation, force.
    public static func patch() -> [JSONValue] {
        [
            query("dryRun", OpenAPIDescriptions.dryRun),
            query("fieldManager", OpenAPIDescriptions.fieldManagerPatch),
            query("fieldValidation", OpenAPIDescriptions.fieldValidation),
            query("force", OpenAPIDescriptions.force, type: "boolean"),
        ]
    }

    /// PUT on `.../{name}` and POST on the collection: dryRun, fieldManager, fieldValidation.
    public static func write() -> [JSONValue] {
        [
            query("dryRun", OpenAPIDescriptions.dryRun),
            query("fieldManager", OpenAPIDescriptions.fieldManager),
            query("fieldValidation", OpenAPIDescriptions.fieldValidation),
        ]
    }

    /// The path-level parameters of an item path: `name`, `namespace` (when namespaced), `pretty`.
    public static func itemPath(kind: String, namespaced: Bool) -> [JSONValue] {
        var parameters: [JSONValue] = [
            [
                "name": "name", "in": "path", "description": .string("name of the \(kind)"), "required": true,
                "schema": ["type": "string", "uniqueItems": true],
            ]
        ]
        if namespaced {
            parameters.append([
                "name": "namespace", "in": "path", "description": .string(OpenAPIDescriptions.namespaceParameter),
                "required": true, "schema": ["type": "string", "uniqueItems": true],
            ])
        }
        parameters.append(query("pretty", OpenAPIDescriptions.pretty))
        return parameters
    }

    /// A complete PATCH operation object for an item path, as in the recorded fixture.
    public static func patchOperation(group: String, version: String, kind: String, namespaced: Bool) -> JSONValue {
        let ref: JSONValue = ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]
        let objectRef: JSONValue = [
            "$ref": .string("#/components/schemas/\(OpenAPISchemaBuilder.schemaName(group: group, version: version, kind: kind))")
        ]
        let tag = operationTag(group: group, version: version)
        return [
            "tags": [.string(tag)],
            "description": .string("partially update the specified \(kind)"),
            "operationId": .string("patch\(operationIDStem(group: group, version: version))\(namespaced ? "Namespaced" : "")\(kind)"),
            "parameters": .array(patch()),
            "requestBody": [
                "content": [
                    "application/apply-patch+yaml": ["schema": ref], "application/json-patch+json": ["schema": ref],
                    "application/merge-patch+json": ["schema": ref],
                ],
                "required": true,
            ],
            "responses": [
                "200": [
                    "description": "OK",
                    "content": ["application/json": ["schema": objectRef], "application/yaml": ["schema": objectRef]],
                ],
                "401": ["description": "Unauthorized"],
            ],
            "x-kubernetes-action": "patch",
            "x-kubernetes-group-version-kind": ["group": .string(group), "version": .string(version), "kind": .string(kind)],
        ]
    }

    /// `infrastructureClusterXK8sIo_v1beta1`.
    public static func operationTag(group: String, version: String) -> String {
        "\(camelGroup(group, capitalizeFirst: false))_\(version)"
    }

    /// `InfrastructureClusterXK8sIoV1beta1`.
    public static func operationIDStem(group: String, version: String) -> String {
        camelGroup(group, capitalizeFirst: true) + version.prefix(1).uppercased() + version.dropFirst()
    }

    private static func camelGroup(_ group: String, capitalizeFirst: Bool) -> String {
        let words = group.split(whereSeparator: { $0 == "." || $0 == "-" })
        return words.enumerated().map { index, word in
            index == 0 && !capitalizeFirst ? String(word) : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }
}
