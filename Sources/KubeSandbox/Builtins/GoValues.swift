import KubeCore

/// Values rendered as kube-apiserver's Go code prints them inside field errors (`%#v`, or a type's `String()`).
enum GoValues {
    /// `%#v` of a `map[string]string`: `map[string]string{"a":"b", "c":"d"}`, `map[string]string(nil)` when absent.
    static func stringMap(_ value: JSONValue?) -> String {
        guard let members = value?.objectValue else { return "map[string]string(nil)" }
        let pairs = members.keys.sorted().map { "\(FieldError.quote($0)):\(FieldError.quote(members[$0]?.stringValue ?? ""))" }
        return "map[string]string{" + pairs.joined(separator: ", ") + "}"
    }

    /// `%#v` of a `[]string`: `[]string{"10.96.0.2"}`, `[]string(nil)` when absent.
    static func stringSlice(_ value: JSONValue?) -> String {
        guard let items = value?.arrayValue else { return "[]string(nil)" }
        return "[]string{" + items.map { FieldError.quote($0.stringValue ?? "") }.joined(separator: ", ") + "}"
    }

    /// `metav1.LabelSelector.String()` (the generated protobuf Stringer), e.g.
    /// `&LabelSelector{MatchLabels:map[string]string{app: x,},MatchExpressions:[]LabelSelectorRequirement{},}`.
    static func labelSelector(_ selector: JSONValue?) -> String {
        let labels = selector?["matchLabels"]?.objectValue ?? [:]
        let labelText = labels.keys.sorted().map { "\($0): \(labels[$0]?.stringValue ?? ""),"}.joined()
        let expressions = (selector?["matchExpressions"]?.arrayValue ?? []).map { requirement in
            let values = (requirement["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
            return "LabelSelectorRequirement{Key:\(requirement["key"]?.stringValue ?? ""),"
                + "Operator:\(requirement["operator"]?.stringValue ?? ""),Values:[\(values)],},"
        }.joined()
        return "&LabelSelector{MatchLabels:map[string]string{\(labelText)},MatchExpressions:[]LabelSelectorRequirement{\(expressions)},}"
    }
}
