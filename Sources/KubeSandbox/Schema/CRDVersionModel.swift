import Foundation
import KubeCore

/// One served version of a CRD: its schema behaviour (defaulting, pruning, validation), printer columns
/// and OpenAPI schema.
public struct CRDVersionModel: Sendable {
    public var name: String
    public var served: Bool
    public var storage: Bool
    public var hasStatusSubresource: Bool
    /// Group and kind of the owning CRD (for messages and `x-kubernetes-group-version-kind`).
    public var group: String
    public var kind: String
    let schema: SchemaNode?
    let printerColumns: [PrinterColumn]
    /// The schema shown in the OpenAPI document when it differs from the one validated (built-in kinds).
    let openAPIRaw: JSONValue?

    init(
        name: String, served: Bool, storage: Bool, hasStatusSubresource: Bool, group: String, kind: String,
        schema: SchemaNode?, printerColumns: [PrinterColumn], openAPIRaw: JSONValue? = nil
    ) {
        self.name = name
        self.served = served
        self.storage = storage
        self.hasStatusSubresource = hasStatusSubresource
        self.group = group
        self.kind = kind
        self.schema = schema
        self.printerColumns = printerColumns
        self.openAPIRaw = openAPIRaw
    }

    /// The object with schema `default`s applied (structural defaulting, as kube-apiserver does on decode).
    public func applyingDefaults(to object: JSONValue) -> JSONValue {
        guard let schema else { return object }
        return SchemaDefaulter.apply(schema, to: object, isRoot: true)
    }

    /// The object without fields the schema does not know, and the dotted paths of the dropped fields
    /// (e.g. `"spec.foo"`), in the order kube reports them. `apiVersion`, `kind` and `metadata` are kept.
    public func pruning(_ object: JSONValue) -> (pruned: JSONValue, unknownFields: [String]) {
        guard let schema else { return (object, []) }
        var unknown: [String] = []
        let pruned = SchemaPruner.prune(object, schema: schema, path: "", isRoot: true, unknown: &unknown)
        return (pruned, unknown)
    }

    /// Schema and CEL validation causes for `object` (`old` is the stored object on update, for transition
    /// rules). Each cause: `reason` (`FieldValueInvalid`, `FieldValueRequired`, ...), `field`
    /// (`spec.minCPU`) and `message` without the field (`Invalid value: -1: spec.minCPU in body should be
    /// greater than or equal to 0`). Empty when valid. On update, values equal to their old value are not
    /// re-validated (kube's validation ratcheting); transition rules still run.
    public func validate(_ object: JSONValue, old: JSONValue?) -> [StatusCause] {
        validationErrors(object, old: old).map(\.cause)
    }

    func validationErrors(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        guard let schema else { return [] }
        var errors = SchemaValidator.validate(object, old: old, schema: schema)
        guard schema.hasValidationRules else { return errors }
        // kube skips CEL when the object has type errors, and says so.
        if errors.contains(where: \.isTypeError) {
            errors.append(
                .invalid(
                    "<nil>", .null,
                    "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"
                ))
            return errors
        }
        errors += CELRuleValidator.validate(object, old: old, schema: schema)
        return errors
    }

    /// Table `columnDefinitions`: `Name` first, then the printer columns (`Age` when the CRD declares none).
    public func tableColumnDefinitions() -> [JSONValue] {
        var columns: [JSONValue] = [
            [
                "name": "Name", "type": "string", "format": "name",
                "description": .string(OpenAPIDescriptions.objectMetaName), "priority": 0,
            ]
        ]
        for column in effectivePrinterColumns {
            let description =
                column.description.isEmpty
                ? "Custom resource definition column (in JSONPath format): \(column.jsonPath)" : column.description
            columns.append([
                "name": .string(column.name), "type": .string(column.type), "format": .string(column.format),
                "description": .string(description), "priority": .int(column.priority),
            ])
        }
        return columns
    }

    /// Table `cells` for one object, matching `tableColumnDefinitions()`; `null` where a path has no match.
    public func tableCells(for object: JSONValue, now: Date) -> [JSONValue] {
        var cells: [JSONValue] = [object[path: ["metadata", "name"]] ?? .null]
        for column in effectivePrinterColumns {
            cells.append(PrinterCells.cell(for: column, in: object, now: now))
        }
        return cells
    }

    var effectivePrinterColumns: [PrinterColumn] {
        printerColumns.isEmpty ? [PrinterColumn.defaultAge] : printerColumns
    }

    /// The `components.schemas` entry for this kind (kubectl explain): the CRD schema with the standard
    /// `apiVersion`/`kind`/`metadata` fields and `x-kubernetes-group-version-kind`.
    public func openAPISchema() -> JSONValue {
        OpenAPISchemaBuilder.objectSchema(openAPIRaw ?? schema?.raw, group: group, version: name, kind: kind)
    }
}
