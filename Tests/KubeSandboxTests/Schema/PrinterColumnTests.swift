import Foundation
import KubeCore
import KubeSandbox
import Testing

@Suite struct PrinterColumnTests {
    @Test func columnDefinitionsMatchRecordedTable() throws {
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        let table = try SchemaFixtures.json(SchemaFixtures.tableMaasMachines)
        #expect(JSONValue.array(version.tableColumnDefinitions()) == table["columnDefinitions"])
    }

    @Test func cellsMatchRecordedTable() throws {
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        let created = try #require(Timestamp.parse("2026-11-25T10:36:25Z"))
        let mm1: JSONValue = [
            "metadata": ["name": "mm1", "creationTimestamp": "2026-11-25T10:36:25Z"],
            "spec": ["providerID": "maas:///zone1/abc123"],
            "status": [
                "machineState": "Deployed",
                "conditions": [
                    ["type": "Other", "status": "False"],
                    ["type": "Ready", "status": "True", "lastTransitionTime": "2026-11-25T10:00:00Z"],
                ],
            ],
        ]
        let mm2: JSONValue = [
            "metadata": ["name": "mm2", "creationTimestamp": "2026-11-25T10:36:26Z"],
            "spec": ["providerID": "maas:///zone1/def456"],
        ]
        let now = created.addingTimeInterval(1)
        #expect(version.tableCells(for: mm1, now: now) == ["mm1", "Deployed", "maas:///zone1/abc123", "True", "1s"])
        #expect(version.tableCells(for: mm2, now: now) == ["mm2", .null, "maas:///zone1/def456", .null, "0s"])
    }

    /// Cluster API providers' "Cluster" column: a label key with its dots escaped.
    @Test func escapedDotsNameOneMember() throws {
        let columns: JSONValue = [
            ["name": "Cluster", "type": "string", "jsonPath": #".metadata.labels.cluster\.x-k8s\.io/cluster-name"#],
        ]
        let version = try SchemaTestSupport.version(spec: ["type": "object", "x-kubernetes-preserve-unknown-fields": true], printerColumns: columns)
        let object: JSONValue = ["metadata": ["name": "w", "labels": ["cluster.x-k8s.io/cluster-name": "demo"]]]
        #expect(version.tableCells(for: object, now: Date()) == ["w", "demo"])
    }

    @Test func typedColumnsAndDefaultAge() throws {
        let columns: JSONValue = [
            ["name": "Count", "type": "integer", "jsonPath": ".spec.count"],
            ["name": "Ratio", "type": "number", "jsonPath": ".spec.count"],
            ["name": "On", "type": "boolean", "jsonPath": ".spec.on", "priority": 1],
            ["name": "First", "type": "string", "jsonPath": ".spec.tags[0]"],
            ["name": "Any", "type": "string", "jsonPath": "{.spec.tags[*]}"],
            ["name": "Quoted", "type": "string", "jsonPath": ".metadata.labels['app.kubernetes.io/name']"],
            ["name": "AsText", "type": "string", "jsonPath": ".spec.count"],
            ["name": "Wrong", "type": "integer", "jsonPath": ".spec.tags[0]"],
            ["name": "When", "type": "date", "jsonPath": ".spec.when"],
        ]
        let version = try SchemaTestSupport.version(spec: ["type": "object", "x-kubernetes-preserve-unknown-fields": true], printerColumns: columns)
        let object: JSONValue = [
            "metadata": ["name": "w", "labels": ["app.kubernetes.io/name": "demo"]],
            "spec": ["count": 4, "on": false, "tags": ["a", "b"], "when": "not a date"],
        ]
        let cells = version.tableCells(for: object, now: Date())
        #expect(cells == ["w", 4, 4.0, false, "a", "a", "demo", "4", .null, "<invalid>"])
        let definitions = version.tableColumnDefinitions()
        #expect(definitions[3]["priority"] == 1)
        #expect(definitions[1]["description"] == "Custom resource definition column (in JSONPath format): .spec.count")

        let plain = try SchemaTestSupport.version(spec: ["type": "object"])
        #expect(plain.tableColumnDefinitions().map { $0["name"] } == ["Name", "Age"])
        let created = Date(timeIntervalSince1970: 1_000_000)
        let cell = plain.tableCells(for: ["metadata": ["name": "x", "creationTimestamp": .string(Timestamp(created).description)]], now: created.addingTimeInterval(313))
        #expect(cell == ["x", "5m13s"])
    }

    static let ages: [(seconds: Double, text: String)] = [
        (-5, "<invalid>"), (-1.5, "0s"), (0, "0s"), (18, "18s"), (119, "119s"), (120, "2m"), (313, "5m13s"),
        (600, "10m"), (10_799, "179m"), (10_800, "3h"), (11_040, "3h4m"), (8 * 3600, "8h"), (47 * 3600, "47h"),
        (48 * 3600, "2d"), (51 * 3600, "2d3h"), (8 * 86400, "8d"), (45 * 86400, "45d"), (729 * 86400, "729d"),
        (730 * 86400, "2y"), (775 * 86400, "2y45d"), (9 * 365 * 86400, "9y"),
    ]

    @Test(arguments: ages)
    func tableAge(_ testCase: (seconds: Double, text: String)) {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(TableAge.format(from: start, to: start.addingTimeInterval(testCase.seconds)) == testCase.text)
    }
}
