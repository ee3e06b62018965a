import Foundation
import KubeCore

/// Label and field selectors of a list or watch.
struct ObjectFilter: Sendable {
    var namespace: String?
    var labels: LabelSelector?
    var fields: FieldSelector?

    func matches(_ object: JSONValue) -> Bool {
        if let namespace, object[path: ["metadata", "namespace"]]?.stringValue != namespace { return false }
        if let labels, !labels.matches(ObjectSemantics.labels(object)) { return false }
        if let fields, !fields.matches({ ObjectSemantics.fieldValue(object, $0) }) { return false }
        return true
    }

    /// Parses `labelSelector` / `fieldSelector` query values, rejecting unsupported fields like kube (400).
    init(info: ResourceInfo, namespace: String?, labelSelector: String?, fieldSelector: String?) throws(Status) {
        self.namespace = info.namespaced ? namespace : nil
        if let labelSelector, !labelSelector.isEmpty {
            do { labels = try LabelSelector(parsing: labelSelector) } catch {
                throw APIError.badRequest("unable to parse requirement: \(error.description)")
            }
        }
        if let fieldSelector, !fieldSelector.isEmpty {
            let parsed: FieldSelector
            do { parsed = try FieldSelector(parsing: fieldSelector) } catch {
                throw APIError.badRequest("invalid field selector: \(error.description)")
            }
            for requirement in parsed.requirements where !ObjectSemantics.supportsFieldSelector(info, field: requirement.field) {
                if info.isCustom {
                    throw APIError.badRequest("field label not supported: \(requirement.field)")
                }
                throw APIError.badRequest("field label not supported: \(requirement.field)")
            }
            fields = parsed
        }
    }
}

struct ListPage: Sendable {
    var items: [JSONValue]
    var resourceVersion: Int64
    var continueToken: String?
    var remainingItemCount: Int?
}

extension StoreState {
    func get(_ info: ResourceInfo, namespace: String?, name: String) throws(Status) -> JSONValue {
        guard let object = stored(info, namespace: namespace, name: name) else { throw APIError.notFound(info, name: name) }
        return Representation.fromStorage(info, object)
    }

    /// Lists objects sorted by namespace/name, with `limit` and `continue` paging.
    func list(_ info: ResourceInfo, filter: ObjectFilter, limit: Int?, continueToken: String?) throws(Status) -> ListPage {
        var start: String?
        if let continueToken, !continueToken.isEmpty {
            guard let data = Data(base64Encoded: continueToken), let text = String(data: data, encoding: .utf8),
                  let separator = text.firstIndex(of: "|") else {
                throw APIError.badRequest("continue key is not valid: illegal base64 data at input byte 0")
            }
            start = String(text[text.index(after: separator)...])
        }
        let all = (objects[info.storage] ?? [:])
            .filter { filter.matches($0.value) }
            .sorted { $0.key.description < $1.key.description }
        var remaining = all[...]
        if let start { remaining = remaining.drop { $0.key.description <= start } }
        guard let limit, limit > 0, remaining.count > limit else {
            return ListPage(items: remaining.map { Representation.fromStorage(info, $0.value) }, resourceVersion: resourceVersion)
        }
        let page = remaining.prefix(limit)
        let last = page.last?.key.description ?? ""
        let token = Data("\(resourceVersion)|\(last)".utf8).base64EncodedString()
        return ListPage(items: page.map { Representation.fromStorage(info, $0.value) }, resourceVersion: resourceVersion,
                        continueToken: token, remainingItemCount: remaining.count - limit)
    }
}
