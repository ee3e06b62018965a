import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import Testing
import X509
@testable import MaasClient

/// TLS is verified by default; a custom CA file or the explicit insecure switch are the only ways around it.
@Suite struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 (also its own CA) and the server TLS configuration using it.
    static func makeServerTLS() throws -> (caPEM: String, tls: TLSConfiguration) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("capmaas test MAAS") }
        let now = Date()
        let cert = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(3600),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(key))
        let pem = try cert.serializeAsPEM().pemString
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
        return (pem, tls)
    }

    static func zones(_ baseURL: String, caFile: String? = nil, insecure: Bool = false) async throws -> Result<[MaasZone], MaasError> {
        var config = try MaasClientConfiguration(endpoint: baseURL, apiKey: TestKeys.apiKey)
        config.caFilePath = caFile
        config.insecureSkipTLSVerify = insecure
        config.retryPolicy = .none
        config.connectTimeout = .seconds(2)
        return try await MaasHTTPClient.withClient(config) { client in
            do { return .success(try await client.zones()) } catch let error as MaasError { return .failure(error) }
        }
    }

    @Test func verifiesAgainstCustomCAAndRejectsUnknownCA() async throws {
        let (caPEM, tls) = try Self.makeServerTLS()
        let caFile = FileManager.default.temporaryDirectory.appendingPathComponent("capmaas-ca-\(UUID().uuidString).pem")
        try caPEM.write(to: caFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: caFile) }
        let zonesJSON = StubResponse.json(#"[{"id":1,"name":"default","description":""}]"#)
        try await StubMaasServer.withServer([zonesJSON, zonesJSON], tls: tls) { baseURL, script in
            #expect(baseURL.hasPrefix("https://127.0.0.1:"))
            // Default: system roots only, so the self-signed server is refused before any request is sent.
            let refused = try await Self.zones(baseURL)
            guard case .failure(.transport(let description)) = refused else {
                Issue.record("expected a TLS transport error, got \(refused)")
                return
            }
            #expect(description.contains("TLS") || description.lowercased().contains("certificate"))
            #expect(script.requests.isEmpty)
            let trusted = try await Self.zones(baseURL, caFile: caFile.path)
            #expect((try? trusted.get())?.map(\.name) == ["default"])
            let insecure = try await Self.zones(baseURL, insecure: true)
            #expect((try? insecure.get())?.map(\.name) == ["default"])
            #expect(script.requests.count == 2)
        }
    }

    @Test func unreadableCAFileIsAClearError() throws {
        var config = try MaasClientConfiguration(endpoint: "https://127.0.0.1:5443/MAAS", apiKey: TestKeys.apiKey)
        config.caFilePath = "/nonexistent/capmaas-ca.pem"
        #expect {
            _ = try MaasHTTPClient(configuration: config)
        } throws: { error in
            guard case .transport(let description)? = error as? MaasError else { return false }
            return description.contains("/nonexistent/capmaas-ca.pem")
        }
    }
}
