import AsyncHTTPClient
import NIOCore
import NIOSSL

/// Maps errors thrown by AsyncHTTPClient/NIO (no HTTP response) to `MaasError`.
enum TransportErrorMapping {
    /// Cancellation as AsyncHTTPClient reports it: `CancellationError`, or `HTTPClientError.cancelled` (the request's
    /// task was cancelled, or the client was shut down under an in-flight request). Thrown as `CancellationError`,
    /// never mapped to a `MaasError` (callers would report it as MAAS being unreachable).
    static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || (error as? HTTPClientError) == .cancelled
    }

    static func map(_ error: any Error) -> MaasError {
        if let maas = error as? MaasError { return maas }
        if let http = error as? HTTPClientError {
            let retryable: [HTTPClientError] = [
                .connectTimeout, .readTimeout, .writeTimeout, .remoteConnectionClosed, .deadlineExceeded,
                .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
            ]
            if retryable.contains(http) { return .retryable(status: nil, retryAfter: nil, message: "\(http)") }
            return .transport(description: "\(http)")
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .transport(description: "TLS error: \(error)")
        }
        // Connection refused/reset and other socket errors: nothing was processed reliably; transient.
        return .retryable(status: nil, retryAfter: nil, message: String(describing: error).prefix(200).description)
    }
}
