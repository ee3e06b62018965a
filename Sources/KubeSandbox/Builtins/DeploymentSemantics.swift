import KubeCore

/// apps/v1 Deployment as kube-apiserver stores it, without the deployment controller: the defaults of
/// `SetDefaults_Deployment` and the pod template, and the checks of `ValidateDeployment` that users meet
/// (selector, template labels, containers, ports, policies), with kube's texts.
enum DeploymentSemantics {
    static func applyingDefaults(_ object: JSONValue) -> JSONValue {
        var object = object
        if object[path: ["spec", "replicas"]] == nil { object[path: ["spec", "replicas"]] = 1 }
        if object[path: ["spec", "strategy", "type"]] == nil { object[path: ["spec", "strategy", "type"]] = "RollingUpdate" }
        if object[path: ["spec", "strategy", "type"]] == "RollingUpdate" {
            for key in ["maxUnavailable", "maxSurge"] where object[path: ["spec", "strategy", "rollingUpdate", key]] == nil {
                object[path: ["spec", "strategy", "rollingUpdate", key]] = "25%"
            }
        }
        if object[path: ["spec", "revisionHistoryLimit"]] == nil { object[path: ["spec", "revisionHistoryLimit"]] = 10 }
        if object[path: ["spec", "progressDeadlineSeconds"]] == nil { object[path: ["spec", "progressDeadlineSeconds"]] = 600 }
        if let template = object[path: ["spec", "template", "spec"]], template.objectValue != nil {
            object[path: ["spec", "template", "spec"]] = PodTemplateDefaults.apply(template)
        }
        if object["status"] == nil { object["status"] = .emptyObject }
        return object
    }

    /// Field errors in kube's order; `old` is the stored object on update (the selector is immutable).
    static func validate(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        var errors: [FieldError] = []
        let spec = object["spec"] ?? .emptyObject
        if let replicas = spec["replicas"]?.intValue, replicas < 0 {
            errors.append(.invalid("spec.replicas", .int(replicas), "must be greater than or equal to 0"))
        }
        let selector = spec["selector"]
        if selector == nil || selector == .null {
            errors.append(.required("spec.selector"))
        } else if (selector?["matchLabels"]?.objectValue?.count ?? 0) + (selector?["matchExpressions"]?.arrayValue?.count ?? 0) == 0 {
            errors.append(.invalid("spec.selector", rendered: GoValues.labelSelector(selector), "empty selector is invalid for deployment"))
        }
        let template = spec["template"] ?? .emptyObject
        let labels = template[path: ["metadata", "labels"]]
        // A missing selector selects nothing, so kube reports the mismatch too; an empty one is not compared.
        let selectsAll = selector.map { selector in
            selector != .null && (selector["matchLabels"]?.objectValue?.isEmpty ?? true) && (selector["matchExpressions"]?.arrayValue?.isEmpty ?? true)
        } ?? false
        if !selectsAll && !LabelSelectorMatching.matches(selector, labels: labels) {
            errors.append(.invalid("spec.template.metadata.labels", rendered: GoValues.stringMap(labels), "`selector` does not match template `labels`"))
        }
        errors += PodTemplateValidation.validate(template["spec"], path: "spec.template.spec")
        if let policy = template[path: ["spec", "restartPolicy"]]?.stringValue, policy != "Always" {
            errors.append(.notSupported("spec.template.spec.restartPolicy", .string(policy), ["Always"]))
        }
        if let deadline = template[path: ["spec", "activeDeadlineSeconds"]], deadline != .null {
            errors.append(.invalid("spec.template.spec.activeDeadlineSeconds", deadline, "activeDeadlineSeconds in ReplicaSet is not Supported"))
        }
        if let type = spec[path: ["strategy", "type"]]?.stringValue, !["Recreate", "RollingUpdate"].contains(type) {
            errors.append(.notSupported("spec.strategy.type", .string(type), ["Recreate", "RollingUpdate"]))
        }
        for field in ["minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"] {
            if let value = spec[field]?.intValue, value < 0 {
                errors.append(.invalid("spec.\(field)", .int(value), "must be greater than or equal to 0"))
            }
        }
        if let old, let oldSelector = old[path: ["spec", "selector"]], selector != nil, selector != oldSelector {
            errors.append(.invalid("spec.selector", rendered: GoValues.labelSelector(selector), "field is immutable"))
        }
        return errors
    }
}
