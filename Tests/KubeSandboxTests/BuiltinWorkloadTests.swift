import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

func deployment(_ name: String, _ namespace: String, selector: JSONValue? = ["matchLabels": ["app": "web"]],
                labels: JSONValue = ["app": "web"], containers: JSONValue = [["name": "web", "image": "nginx:1.27"]]) -> JSONValue {
    var spec: JSONValue = ["template": ["metadata": ["labels": labels], "spec": ["containers": containers]]]
    if let selector { spec["selector"] = selector }
    return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec]
}

func service(_ name: String, _ namespace: String, ports: JSONValue? = [["name": "metrics", "port": 8443, "targetPort": 8443]]) -> JSONValue {
    var spec: JSONValue = ["selector": ["app": "web"]]
    if let ports { spec["ports"] = ports }
    return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec]
}

@Suite("Built-in Deployment and Service (storage only, no controllers)")
struct BuiltinWorkloadTests {
    @Test func deploymentIsStoredWithKubeDefaults() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let created = try await cluster.request(.POST, "/apis/apps/v1/namespaces/\(ns)/deployments", json: deployment("web", ns))
                #expect(created.status == 201)
                let object = created.json
                #expect(object[path: ["spec", "replicas"]] == 1)
                #expect(object[path: ["spec", "strategy", "type"]] == "RollingUpdate")
                #expect(object[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] == "25%")
                #expect(object[path: ["spec", "revisionHistoryLimit"]] == 10)
                #expect(object[path: ["spec", "progressDeadlineSeconds"]] == 600)
                #expect(object[path: ["spec", "template", "spec", "restartPolicy"]] == "Always")
                let container = try #require(object[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
                #expect(container["imagePullPolicy"] == "IfNotPresent")
                #expect(container["terminationMessagePolicy"] == "File")
                #expect(object[path: ["metadata", "generation"]] == 1)
                let fetched = try await cluster.request(.GET, "/apis/apps/v1/namespaces/\(ns)/deployments/web")
                #expect(fetched.json[path: ["metadata", "uid"]] == object[path: ["metadata", "uid"]])
            }
        }
    }

    @Test func deploymentValidationUsesKubeTexts() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/apis/apps/v1/namespaces/\(ns)/deployments"
                let noSelector = try await cluster.request(.POST, path, json: deployment("a", ns, selector: nil))
                #expect(noSelector.status == 422)
                #expect(noSelector.json["message"] == .string(
                    "Deployment.apps \"a\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: "
                        + "map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`]"))
                #expect(noSelector.json[path: ["details", "kind"]] == "Deployment")
                #expect(noSelector.json[path: ["details", "group"]] == "apps")

                let mismatch = try await cluster.request(.POST, path, json: deployment("b", ns, labels: ["app": "other"]))
                #expect(mismatch.json["message"] == .string(
                    "Deployment.apps \"b\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: "
                        + "`selector` does not match template `labels`"))
                #expect(mismatch.json[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec.template.metadata.labels")

                let noContainers = try await cluster.request(.POST, path, json: deployment("c", ns, containers: []))
                #expect(noContainers.json["message"] == "Deployment.apps \"c\" is invalid: spec.template.spec.containers: Required value")
                let noImage = try await cluster.request(.POST, path, json: deployment("d", ns, containers: [["name": "x"]]))
                #expect(noImage.json["message"] == "Deployment.apps \"d\" is invalid: spec.template.spec.containers[0].image: Required value")
            }
        }
    }

    @Test func strictFieldValidationAndDryRunOnDeployments() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/apis/apps/v1/namespaces/\(ns)/deployments"
                var typo = deployment("t", ns)
                typo[path: ["spec", "replica"]] = 2
                let strict = try await cluster.request(.POST, path + "?fieldValidation=Strict", json: typo)
                #expect(strict.status == 400)
                #expect(strict.json["message"] == .string(
                    "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\""))
                let dryRun = try await cluster.request(.POST, path + "?dryRun=All&fieldValidation=Strict", json: deployment("dry", ns))
                #expect(dryRun.status == 201)
                #expect(dryRun.json[path: ["spec", "replicas"]] == 1)
                let notStored = try await cluster.request(.GET, path + "/dry")
                #expect(notStored.status == 404)
                let invalidDryRun = try await cluster.request(.POST, path + "?dryRun=All", json: deployment("bad", ns, selector: nil))
                #expect(invalidDryRun.status == 422)
            }
        }
    }

    @Test func serviceNeedsPortsAndGetsAClusterIP() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/api/v1/namespaces/\(ns)/services"
                let noPorts = try await cluster.request(.POST, path, json: service("none", ns, ports: nil))
                #expect(noPorts.status == 422)
                #expect(noPorts.json["message"] == "Service \"none\" is invalid: spec.ports: Required value")
                let badPort = try await cluster.request(.POST, path, json: service("bad", ns, ports: [["port": 70000, "targetPort": 8080]]))
                #expect(badPort.json["message"] == "Service \"bad\" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive")
                let unnamed = try await cluster.request(.POST, path, json: service("two", ns, ports: [["port": 80], ["port": 81]]))
                #expect(unnamed.json["message"] == "Service \"two\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]")

                let created = try await cluster.request(.POST, path, json: service("metrics", ns))
                #expect(created.status == 201)
                let ip = try #require(created.json[path: ["spec", "clusterIP"]]?.stringValue)
                #expect(ip.split(separator: ".").count == 4)
                #expect(created.json[path: ["spec", "clusterIPs"]] == [.string(ip)])
                #expect(created.json[path: ["spec", "type"]] == "ClusterIP")
                #expect(created.json[path: ["spec", "ports"]]?.arrayValue?.first?["protocol"] == "TCP")
                // A merge patch leaves the allocated address alone.
                let patched = try await cluster.request(.PATCH, path + "/metrics", json: ["metadata": ["labels": ["a": "b"]]],
                                                        contentType: "application/merge-patch+json")
                #expect(patched.json[path: ["spec", "clusterIP"]] == .string(ip))
                let other = try await cluster.request(.POST, path, json: service("other", ns))
                #expect(other.json[path: ["spec", "clusterIP"]] != .string(ip))
            }
        }
    }

    @Test func tablesUseKubeDefaultColumns() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                _ = try await cluster.request(.POST, "/apis/apps/v1/namespaces/\(ns)/deployments", json: deployment("web", ns))
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/services", json: service("web", ns))
                let accept = "application/json;as=Table;v=v1;g=meta.k8s.io"
                let deployments = try await cluster.request(.GET, "/apis/apps/v1/namespaces/\(ns)/deployments", accept: accept)
                let names = deployments.json["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                #expect(names == ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
                let cells = deployments.json["rows"]?.arrayValue?.first?["cells"]?.arrayValue
                #expect(cells?[1] == "0/1")
                #expect(cells?[6] == "nginx:1.27")
                #expect(cells?[7] == "app=web")
                let services = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/services", accept: accept)
                let serviceColumns = services.json["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                #expect(serviceColumns == ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"])
                let serviceCells = services.json["rows"]?.arrayValue?.first?["cells"]?.arrayValue
                #expect(serviceCells?[3] == "<none>")
                #expect(serviceCells?[4] == "8443/TCP")
            }
        }
    }

    @Test func discoveryAndOpenAPIListTheKinds() async throws {
        try await TestCluster.with { cluster in
            let apps = try await cluster.request(.GET, "/apis/apps/v1")
            let deployments = apps.json["resources"]?.arrayValue?.first { $0["name"] == "deployments" }
            #expect(deployments?["shortNames"] == ["deploy"])
            let core = try await cluster.request(.GET, "/api/v1")
            #expect(core.json["resources"]?.arrayValue?.contains { $0["name"] == "services" && $0["kind"] == "Service" } == true)
            let index = try await cluster.request(.GET, "/openapi/v3")
            let url = try #require(index.json[path: ["paths", "apis/apps/v1", "serverRelativeURL"]]?.stringValue)
            let document = try await cluster.request(.GET, url)
            let schema = try #require(document.json[path: ["components", "schemas", "io.k8s.api.apps.v1.Deployment"]])
            #expect(schema["x-kubernetes-group-version-kind"]?.arrayValue?.first?["kind"] == "Deployment")
        }
    }

    /// What `kubectl apply` sends when only the image changed: the container list merges by name, ports stay.
    @Test func strategicMergeMergesContainersByName() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/apis/apps/v1/namespaces/\(ns)/deployments"
                let containers: JSONValue = [["name": "web", "image": "nginx:1.27", "ports": [["containerPort": 80, "name": "http"]]],
                                             ["name": "sidecar", "image": "busybox:1.36"]]
                #expect(try await cluster.request(.POST, path, json: deployment("s", ns, containers: containers)).status == 201)
                let patch: JSONValue = ["spec": ["template": ["spec": [
                    "$setElementOrder/containers": [["name": "sidecar"], ["name": "web"]],
                    "containers": [["name": "web", "image": "nginx:1.28"], ["name": "gone", "$patch": "delete"]],
                ]]]]
                let patched = try await cluster.request(.PATCH, path + "/s", json: patch, contentType: "application/strategic-merge-patch+json")
                #expect(patched.status == 200)
                let merged = patched.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
                #expect(merged.compactMap { $0["name"]?.stringValue } == ["sidecar", "web"])
                #expect(merged.last?["image"] == "nginx:1.28")
                #expect(merged.last?["ports"] == [["containerPort": 80, "name": "http", "protocol": "TCP"]])
                let deleted = try await cluster.request(.PATCH, path + "/s", json: ["spec": ["template": ["spec": [
                    "containers": [["name": "sidecar", "$patch": "delete"]]]]]], contentType: "application/strategic-merge-patch+json")
                #expect(deleted.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 1)
                #expect(deleted.json[path: ["metadata", "generation"]] == 3)
            }
        }
    }

    @Test func watchSeesDeploymentChanges() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/apis/apps/v1/namespaces/\(ns)/deployments"
                let created = try await cluster.request(.POST, path, json: deployment("w", ns))
                let rv = created.json[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
                _ = try await cluster.request(.PATCH, path + "/w", json: ["spec": ["replicas": 3]], contentType: "application/merge-patch+json")
                let events = try await cluster.watch(path + "?watch=true&resourceVersion=\(rv)") { $0.count >= 1 }
                #expect(events.first?["type"] == "MODIFIED")
                #expect(events.first?[path: ["object", "spec", "replicas"]] == 3)
                #expect(events.first?[path: ["object", "metadata", "generation"]] == 2)
            }
        }
    }
}
