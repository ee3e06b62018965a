import Foundation
import NIOCore

extension MaasHTTPClient {
    /// One `GET machines/` decoded into summaries straight from the response bytes (no copy of the body), one machine
    /// at a time: a poll of a thousand deploying machines is a body of several MB, and decoding it whole would hold
    /// the decoder's map of all of it at once (~2x the body) on top.
    public func machineSummaries(_ filter: MachineFilter) async throws -> [MaasMachineSummary] {
        let request = MaasRequest.get("machines.list", "machines/", query: filter.parameters)
        let response = try await send(request)
        do {
            return try response.body.withUnsafeReadableBytes { bytes -> [MaasMachineSummary] in
                guard let base = bytes.baseAddress else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "empty body")) }
                let decoder = JSONDecoder()
                return try JSONArrayElements.ranges(in: bytes).map { element in
                    // The Data only borrows the element's bytes for the synchronous decode.
                    let data = Data(
                        bytesNoCopy: UnsafeMutableRawPointer(mutating: base + element.lowerBound), count: element.count,
                        deallocator: .none)
                    return try decoder.decode(MaasMachineSummary.self, from: data)
                }
            }
        } catch {
            throw MaasError.invalidResponse(
                description: "\(request.operation): cannot decode \([MaasMachineSummary].self): \(Self.short(error))")
        }
    }
}
