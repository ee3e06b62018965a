import Foundation

extension MaasHTTPClient {
    /// One `GET machines/` decoded into summaries, straight from the response bytes (no copy of the body).
    public func machineSummaries(_ filter: MachineFilter) async throws -> [MaasMachineSummary] {
        let request = MaasRequest.get("machines.list", "machines/", query: filter.parameters)
        let response = try await send(request)
        do {
            return try response.body.withUnsafeBytes { bytes -> [MaasMachineSummary] in
                guard let base = bytes.baseAddress else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "empty body")) }
                // The Data only borrows the body for the synchronous decode.
                let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
                return try JSONDecoder().decode([MaasMachineSummary].self, from: data)
            }
        } catch {
            throw MaasError.invalidResponse(
                description: "\(request.operation): cannot decode \([MaasMachineSummary].self): \(Self.short(error))")
        }
    }
}
