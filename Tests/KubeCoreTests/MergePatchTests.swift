import Foundation
import KubeCore
import Testing

@Suite("JSON merge patch (RFC 7386)")
struct MergePatchTests {
    // The RFC 7386 appendix examples.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"a":1,"e":null}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func appliesRFCExamples(original: String, patch: String, expected: String) throws {
        let result = try JSONValue.parse(original).applyingMergePatch(JSONValue.parse(patch))
        #expect(result == (try JSONValue.parse(expected)))
    }

    @Test func computedPatchRoundTrips() throws {
        let before = try JSONValue.parse(#"{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"x":1,"list":[1,2]}}"#)
        let after = try JSONValue.parse(#"{"metadata":{"labels":{"a":"1","c":"3"}},"spec":{"x":2,"list":[1]}}"#)
        let patch = try #require(JSONValue.mergePatch(from: before, to: after))
        #expect(patch == (try JSONValue.parse(#"{"metadata":{"labels":{"b":null,"c":"3"}},"spec":{"x":2,"list":[1]}}"#)))
        #expect(before.applyingMergePatch(patch) == after)
    }

    @Test func equalDocumentsNeedNoPatch() throws {
        let doc = try JSONValue.parse(#"{"a":{"b":[1,2,{"c":true}]}}"#)
        #expect(JSONValue.mergePatch(from: doc, to: doc) == nil)
    }
}

@Suite("JSON patch (RFC 6902)")
struct JSONPatchTests {
    let document: JSONValue = ["metadata": ["finalizers": ["a", "b"]], "spec": ["n": 1]]

    @Test func addReplaceRemove() throws {
        let result = try document.applyingJSONPatch([
            .add("/metadata/finalizers/-", "c"),
            .replace("/spec/n", 2),
            .remove("/metadata/finalizers/0"),
            .add("/spec/new~1key", "x"),
        ])
        #expect(result == ["metadata": ["finalizers": ["b", "c"]], "spec": ["n": 2, "new/key": "x"]])
    }

    @Test func failedTestRejectsWholePatch() {
        #expect(throws: JSONPatchError.testFailed(path: "/metadata/finalizers")) {
            try document.applyingJSONPatch([.test("/metadata/finalizers", ["a"]), .remove("/metadata/finalizers/0")])
        }
    }

    @Test func testAgainstNullPassesForMissingMember() throws {
        let result = try document.applyingJSONPatch([.test("/metadata/labels", .null), .add("/metadata/labels", ["x": "y"])])
        #expect(result[path: ["metadata", "labels", "x"]] == "y")
    }

    @Test(arguments: ["/spec/missing/deeper", "/metadata/finalizers/7"])
    func missingPathsFail(path: String) {
        #expect(throws: JSONPatchError.pathNotFound(path)) { try document.applyingJSONPatch([.remove(path)]) }
    }

    @Test func pointerMustStartWithSlash() {
        #expect(throws: JSONPatchError.invalidPointer("spec")) { try document.applyingJSONPatch([.remove("spec")]) }
    }
}
