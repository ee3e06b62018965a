import KubeCore

/// Structural schemas for the built-in workload kinds the sandbox stores without controllers (apps/v1 Deployment,
/// v1 Service). They serve kubectl (OpenAPI v3, `explain`) and the server: unknown fields are dropped, or refused
/// with `fieldValidation=Strict`, exactly as kube decodes built-ins; field types are checked.
///
/// The field lists follow the Kubernetes 1.32 API. Deep parts that the sandbox does not interpret (probes,
/// volumes, affinity, ...) keep whatever they contain; the fields around them are closed, so a typo such as
/// `spec.replica` or `spec.template.spec.containers[0].imagePullPolicyy` is reported like kube-apiserver does.
enum BuiltinSchemas {
    static func deploymentModel() -> CRDVersionModel? {
        model(group: "apps", kind: "Deployment", schema: deployment)
    }

    static func serviceModel() -> CRDVersionModel? {
        model(group: "", kind: "Service", schema: service)
    }

    /// The model validates types and prunes; `required` is left to the kind's own validation (kube's texts and order),
    /// but stays in the OpenAPI document for `kubectl explain`.
    private static func model(group: String, kind: String, schema: JSONValue) -> CRDVersionModel? {
        var errors: [FieldError] = []
        let node = SchemaNode(parsing: withoutRequired(schema), path: "schema", correlatable: true, errors: &errors)
        guard errors.isEmpty else { return nil }
        return CRDVersionModel(name: "v1", served: true, storage: true, hasStatusSubresource: true, group: group, kind: kind,
                               schema: node, printerColumns: [], openAPIRaw: schema)
    }

    static func withoutRequired(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(var members):
            members["required"] = nil
            for (key, value) in members { members[key] = withoutRequired(value) }
            return .object(members)
        case .array(let items): return .array(items.map(withoutRequired))
        default: return schema
        }
    }

    // MARK: Building blocks

    static func string(_ description: String = "") -> JSONValue { typed("string", description) }
    static func integer(_ description: String = "") -> JSONValue { typed("integer", description) }
    static func boolean(_ description: String = "") -> JSONValue { typed("boolean", description) }
    static func intOrString(_ description: String = "") -> JSONValue {
        ["x-kubernetes-int-or-string": true, "description": .string(description)]
    }
    /// Any JSON value, kept as given (a part the sandbox does not interpret).
    static func opaque(_ description: String = "") -> JSONValue {
        ["x-kubernetes-preserve-unknown-fields": true, "description": .string(description)]
    }
    static func stringMap(_ description: String = "") -> JSONValue {
        ["type": "object", "additionalProperties": ["type": "string"], "description": .string(description)]
    }
    static func array(_ items: JSONValue, _ description: String = "") -> JSONValue {
        ["type": "array", "items": items, "description": .string(description)]
    }
    static func object(_ properties: [String: JSONValue], required: [String] = [], _ description: String = "") -> JSONValue {
        var schema: JSONValue = ["type": "object", "properties": .object(properties), "description": .string(description)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return schema
    }
    private static func typed(_ type: String, _ description: String) -> JSONValue {
        ["type": .string(type), "description": .string(description)]
    }

    // MARK: Shared parts

    static let labelSelector = object([
        "matchLabels": stringMap("matchLabels is a map of {key,value} pairs."),
        "matchExpressions": array(object([
            "key": string("key is the label key that the selector applies to."),
            "operator": string("operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."),
            "values": array(string()),
        ], required: ["key", "operator"]), "matchExpressions is a list of label selector requirements. The requirements are ANDed."),
    ], "A label selector is a label query over a set of resources.")

    static let templateMetadata: JSONValue = [
        "type": "object", "x-kubernetes-preserve-unknown-fields": true,
        "description": "Standard object's metadata.",
        "properties": ["labels": stringMap("Map of string keys and values that can be used to organize and categorize objects."),
                       "annotations": stringMap("Annotations is an unstructured key value map.")],
    ]

    static let containerPort = object([
        "containerPort": integer("Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536."),
        "hostIP": string(), "hostPort": integer(), "name": string("Name of the port; an IANA_SVC_NAME, unique within the pod."),
        "protocol": string("Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\"."),
    ], required: ["containerPort"], "ContainerPort represents a network port in a single container.")

    static let container = object([
        "name": string("Name of the container specified as a DNS_LABEL."),
        "image": string("Container image name."),
        "command": array(string(), "Entrypoint array."), "args": array(string(), "Arguments to the entrypoint."),
        "workingDir": string(), "ports": array(containerPort, "List of ports to expose from the container."),
        "env": array(opaque()), "envFrom": array(opaque()), "resources": opaque("Compute Resources required by this container."),
        "resizePolicy": array(opaque()), "restartPolicy": string(), "volumeMounts": array(opaque()), "volumeDevices": array(opaque()),
        "livenessProbe": opaque("Periodic probe of container liveness."), "readinessProbe": opaque("Periodic probe of container service readiness."),
        "startupProbe": opaque(), "lifecycle": opaque(), "terminationMessagePath": string(), "terminationMessagePolicy": string(),
        "imagePullPolicy": string("Image pull policy. One of Always, Never, IfNotPresent."),
        "securityContext": opaque("SecurityContext defines the security options the container should be run with."),
        "stdin": boolean(), "stdinOnce": boolean(), "tty": boolean(),
    ], required: ["name"], "A single application container that you want to run within a pod.")

    static let podSpec = object([
        "volumes": array(opaque()), "initContainers": array(container), "containers": array(container, "List of containers belonging to the pod."),
        "ephemeralContainers": array(opaque()), "restartPolicy": string("Restart policy for all containers within the pod."),
        "terminationGracePeriodSeconds": integer(), "activeDeadlineSeconds": integer(), "dnsPolicy": string(),
        "nodeSelector": stringMap("NodeSelector is a selector which must be true for the pod to fit on a node."),
        "serviceAccountName": string("ServiceAccountName is the name of the ServiceAccount to use to run this pod."),
        "serviceAccount": string(), "automountServiceAccountToken": boolean(), "nodeName": string(), "hostNetwork": boolean(),
        "hostPID": boolean(), "hostIPC": boolean(), "shareProcessNamespace": boolean(),
        "securityContext": opaque("SecurityContext holds pod-level security attributes and common container settings."),
        "imagePullSecrets": array(opaque()), "hostname": string(), "subdomain": string(), "affinity": opaque(),
        "schedulerName": string(), "tolerations": array(opaque()), "hostAliases": array(opaque()), "priorityClassName": string(),
        "priority": integer(), "dnsConfig": opaque(), "readinessGates": array(opaque()), "runtimeClassName": string(),
        "enableServiceLinks": boolean(), "preemptionPolicy": string(), "overhead": opaque(), "topologySpreadConstraints": array(opaque()),
        "setHostnameAsFQDN": boolean(), "os": opaque(), "hostUsers": boolean(), "schedulingGates": array(opaque()),
        "resourceClaims": array(opaque()), "resources": opaque(),
    ], required: ["containers"], "PodSpec is a description of a pod.")

    // MARK: Kinds

    static let deployment = object([
        "spec": object([
            "replicas": integer("Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1."),
            "selector": labelSelector,
            "template": object(["metadata": templateMetadata, "spec": podSpec],
                               "Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is \"Always\"."),
            "strategy": object([
                "type": string("Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate."),
                "rollingUpdate": object(["maxUnavailable": intOrString(), "maxSurge": intOrString()]),
            ], "The deployment strategy to use to replace existing pods with new ones."),
            "minReadySeconds": integer(), "revisionHistoryLimit": integer(), "paused": boolean(), "progressDeadlineSeconds": integer(),
        ], required: ["selector", "template"], "DeploymentSpec is the specification of the desired behavior of the Deployment."),
        "status": object([
            "observedGeneration": integer(), "replicas": integer(), "updatedReplicas": integer(), "readyReplicas": integer(),
            "availableReplicas": integer(), "unavailableReplicas": integer(), "terminatingReplicas": integer(),
            "conditions": array(opaque()), "collisionCount": integer(),
        ], "DeploymentStatus is the most recently observed status of the Deployment."),
    ], "Deployment enables declarative updates for Pods and ReplicaSets.")

    static let servicePort = object([
        "name": string("The name of this port within the service. This must be a DNS_LABEL."),
        "protocol": string("The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is TCP."),
        "appProtocol": string(), "port": integer("The port that will be exposed by this service."),
        "targetPort": intOrString("Number or name of the port to access on the pods targeted by the service."),
        "nodePort": integer(),
    ], required: ["port"], "ServicePort contains information on service's port.")

    static let service = object([
        "spec": object([
            "ports": array(servicePort, "The list of ports that are exposed by this service."),
            "selector": stringMap("Route service traffic to pods with label keys and values matching this selector."),
            "clusterIP": string(), "clusterIPs": array(string()), "type": string("type determines how the Service is exposed. Defaults to ClusterIP."),
            "externalIPs": array(string()), "sessionAffinity": string(), "loadBalancerIP": string(),
            "loadBalancerSourceRanges": array(string()), "externalName": string(), "externalTrafficPolicy": string(),
            "healthCheckNodePort": integer(), "publishNotReadyAddresses": boolean(), "sessionAffinityConfig": opaque(),
            "ipFamilies": array(string()), "ipFamilyPolicy": string(), "allocateLoadBalancerNodePorts": boolean(),
            "loadBalancerClass": string(), "internalTrafficPolicy": string(), "trafficDistribution": string(),
        ], "ServiceSpec describes the attributes that a user creates on a service."),
        "status": object(["loadBalancer": opaque(), "conditions": array(opaque())], "Most recently observed status of the service."),
    ], "Service is a named abstraction of software service (for example, mysql) consisting of local port that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.")
}
