import Foundation
import HTTPTypes
import Hummingbird
import KubeCore
import NIOCore

/// Response builders: JSON bodies, `Status` errors and the plain-text 404 of unknown paths.
enum HTTPReplies {
    static let vary = HTTPField.Name("Vary")!
    static let warning = HTTPField.Name("Warning")!

    static func json(_ value: JSONValue, status: Int = 200, contentType: String = "application/json", extra: HTTPFields = [:]) -> Response {
        data(value.serialized(), status: status, contentType: contentType, extra: extra)
    }

    static func data(_ data: Data, status: Int = 200, contentType: String = "application/json", extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func status(_ status: Status) -> Response {
        let body = (try? KubeJSON.encode(status)) ?? Data()
        return data(body, status: status.code ?? 500)
    }

    /// What kube-apiserver answers for a path it does not serve.
    static func pageNotFound() -> Response {
        data(Data("404 page not found\n".utf8), status: 404, contentType: "text/plain; charset=utf-8")
    }

    static func notModified(etag: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag])
    }
}

/// The parts of an HTTP request the API handlers use.
struct APIRequest: Sendable {
    var method: HTTPRequest.Method
    var path: String
    var query: [String: String]
    var accept: String
    var contentType: String
    var body: Data
    var ifNoneMatch: String?
    var user: String
    var userAgent: String? = nil

    func flag(_ name: String) -> Bool { query[name] == "true" || query[name] == "1" }
    var wantsTable: Bool { accept.contains("as=Table") }

    static func parseQuery(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for item in URLComponents(string: "http://sandbox/?" + query)?.queryItems ?? [] { result[item.name] = item.value ?? "" }
        return result
    }
}
