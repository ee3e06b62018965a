import Foundation
import KubeCore

/// An HTTP request as the simulator core sees it (transport-independent).
public struct SimRequest: Sendable {
    public var method: String
    /// Full path, e.g. `/MAAS/api/2.0/machines/`.
    public var path: String
    public var query: FormData
    public var headers: [String: String]
    public var body: Data

    public init(method: String, path: String, query: FormData = .init(), headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
    }

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var isFormBody: Bool {
        let type = header("content-type")?.lowercased() ?? ""
        return type.hasPrefix("application/x-www-form-urlencoded") || (type.isEmpty && !body.isEmpty && !looksLikeJSON)
    }

    var looksLikeJSON: Bool {
        if header("content-type")?.lowercased().hasPrefix("application/json") == true { return true }
        return body.first == UInt8(ascii: "{") || body.first == UInt8(ascii: "[")
    }

    /// The form body (empty when the body is not form-encoded).
    var form: FormData {
        guard isFormBody, let text = String(data: body, encoding: .utf8) else { return FormData() }
        return FormData(encoded: text)
    }
}

/// An HTTP response from the simulator core.
public struct SimResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static let jsonType = "application/json; charset=utf-8"
    static let textType = "text/plain; charset=utf-8"

    static func json(_ value: SimJSON, status: Int = 200) -> SimResponse {
        SimResponse(status: status, headers: ["Content-Type": jsonType], body: value.maasData)
    }

    static func text(_ message: String, status: Int, headers: [String: String] = [:]) -> SimResponse {
        var all = headers
        all["Content-Type"] = textType
        return SimResponse(status: status, headers: all, body: Data(message.utf8))
    }

    init(error: SimulatorAPIError) {
        switch error.body {
        case .text(let message): self = .text(message, status: error.status)
        case .fieldErrors(let fields):
            self = .json(.object(fields.mapValues { SimJSON.strings($0) }), status: error.status)
        case .empty: self = SimResponse(status: error.status, headers: ["Content-Type": SimResponse.textType])
        }
        for (k, v) in error.headers { headers[k] = v }
    }
}
