import KubeCore

/// `GET tags/`: every tag the region knows, shaped like MAAS's TagsHandler output.
enum TagsHandler {
    static func handle(_ call: APICall, state: inout SimulatorState) throws(SimulatorAPIError) -> SimResponse {
        guard call.method == "GET", call.op == nil else { throw call.unrecognised }
        return .json(.array(state.tags.sorted().map(render)))
    }

    static func render(_ name: String) -> SimJSON {
        .object([
            "name": .string(name), "definition": .string(""), "comment": .string(""), "kernel_opts": .string(""),
            "resource_uri": .string("/MAAS/api/2.0/tags/\(name)/"),
        ])
    }
}
