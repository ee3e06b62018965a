import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps errors thrown by AsyncHTTPClient/NIO (no HTTP response) to `MaasError`.
enum TransportErrorMapping {
    /// Cancellation as AsyncHTTPClient reports it: `CancellationError`, or `HTTPClientError.cancelled` (the request's
    /// task was cancelled, or the client was shut down under an in-flight request). Thrown as `CancellationError`,
    /// never mapped to a `MaasError` (callers would report it as MAAS being unreachable).
    static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || (error as? HTTPClientError) == .cancelled
    }

    /// - Parameter endpoint: `host:port` dialled, named when the connection was refused.
    static func map(_ error: any Error, endpoint: String) -> MaasError {
        if let maas = error as? MaasError { return maas }
        if isConnectionRefused(error) { return .connectionRefused(endpoint: endpoint) }
        if let http = error as? HTTPClientError {
            let retryable: [HTTPClientError] = [
                .connectTimeout, .readTimeout, .writeTimeout, .remoteConnectionClosed, .deadlineExceeded,
                .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
            ]
            if retryable.contains(http) { return .retryable(status: nil, retryAfter: nil, message: text(http, endpoint: endpoint)) }
            return .transport(description: "\(http)")
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .transport(description: "TLS error: \(error)")
        }
        if let io = error as? IOError, io.errnoCode == ECONNRESET || io.errnoCode == EPIPE {
            return .retryable(status: nil, retryAfter: nil, message: "\(endpoint) reset the connection")
        }
        // Other socket errors: nothing was processed reliably; transient.
        return .retryable(status: nil, retryAfter: nil, message: String(describing: error).prefix(200).description)
    }

    /// True when every connection attempt was refused (ECONNREFUSED): nothing listens there. NIO reports it as an
    /// `IOError` (one address) or a `NIOConnectionError` listing one failure per resolved address.
    static func isConnectionRefused(_ error: any Error) -> Bool {
        if let io = error as? IOError { return io.errnoCode == ECONNREFUSED }
        if let connection = error as? NIOConnectionError {
            return !connection.connectionErrors.isEmpty && connection.connectionErrors.allSatisfy { isConnectionRefused($0.error) }
        }
        return false
    }

    /// What a transient AsyncHTTPClient error means, in words, naming the endpoint.
    static func text(_ error: HTTPClientError, endpoint: String) -> String {
        switch error {
        case .connectTimeout: "no connection to \(endpoint) within the connect timeout"
        case .tlsHandshakeTimeout: "no TLS handshake with \(endpoint) within the connect timeout"
        case .readTimeout, .deadlineExceeded: "\(endpoint) did not answer in time"
        case .writeTimeout: "sending the request to \(endpoint) timed out"
        case .remoteConnectionClosed: "\(endpoint) closed the connection without answering"
        case .getConnectionFromPoolTimeout: "no free connection to \(endpoint) in time (too many requests in flight)"
        default: "\(error)"
        }
    }
}
