// swift-tools-version: 6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Release links of the `capmaas` executable on Linux (what the image ships; see hack/link-order/README.md):
/// - lld, with the functions a running manager executes (hack/link-order/capmaas.order, recorded by
///   hack/link-order/profile.sh) placed first in `.text`, so the code it touches fills few pages instead of being
///   spread over the whole 30 MB of code (the kernel maps file pages in 64 KB blocks around each touched page);
/// - no exported dynamic symbol table (static Swift runtime: nothing loads symbols from the executable at run time).
/// Missing or stale entries in the order file only cost memory, never correctness.
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/hack/link-order/capmaas.order",
        "-Xlinker", "--no-warn-symbol-ordering",
        "-Xlinker", "--no-export-dynamic",
    ], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "capmaas",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "capmaas", targets: ["CapmaasCLI"]),
        .executable(name: "capmaas-sandbox", targets: ["CapmaasSandboxCLI"]),
        .library(name: "KubeCore", targets: ["KubeCore"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "KubeRuntime", targets: ["KubeRuntime"]),
        .library(name: "KubeSandbox", targets: ["KubeSandbox"]),
        .library(name: "MaasClient", targets: ["MaasClient"]),
        .library(name: "MaasSimulator", targets: ["MaasSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // MARK: Kubernetes layer (usable by any Swift controller)
        .target(
            name: "KubeCore",
            swiftSettings: upcoming
        ),
        .target(
            name: "KubeYAML",
            dependencies: ["KubeCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeCore",
                "KubeClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
        // MARK: Sandbox: an embedded kube-apiserver
        .target(
            name: "KubeSandbox",
            dependencies: [
                "KubeCore", "KubeYAML",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // MARK: MAAS layer
        .target(
            name: "MaasClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "MaasSimulator",
            dependencies: [
                "KubeCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // MARK: Provider
        .target(
            name: "ClusterAPI",
            dependencies: ["KubeCore", "KubeClient", "KubeRuntime",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: upcoming
        ),
        .target(
            name: "MaasProvider",
            dependencies: [
                "KubeCore", "KubeClient", "KubeRuntime", "ClusterAPI", "MaasClient", "KubeYAML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "CAPIStandIn",
            dependencies: [
                "KubeCore", "KubeClient", "KubeRuntime", "ClusterAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // glibc's mallopt for the manager's allocator settings (CapmaasCLI/MallocTuning.swift).
        .target(name: "CGlibcMalloc"),
        // MARK: Executables
        // What both executables' commands share: the --log-level option and its logging set-up, console output.
        .target(
            name: "CapmaasCommandSupport",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // The shipped product (the image's only binary): `capmaas manager` and `capmaas check`. It must link no test
        // bed (KubeSandbox, MaasSimulator, CAPIStandIn): hack/check-release-binary.sh asserts it on the release link.
        .executableTarget(
            name: "CapmaasCLI",
            dependencies: [
                "KubeClient", "MaasProvider", "CapmaasCommandSupport", "CGlibcMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming,
            linkerSettings: releaseLinking
        ),
        // The proving ground, never shipped: the playground (`capmaas-sandbox [--example]`: sandbox API servers, MAAS
        // simulator, Cluster API stand-in and the controller in one process) and the simulator alone (`maas-sim`).
        .executableTarget(
            name: "CapmaasSandboxCLI",
            dependencies: [
                "KubeCore", "KubeClient", "KubeSandbox", "MaasSimulator", "ClusterAPI", "MaasProvider", "CAPIStandIn",
                "KubeYAML", "CapmaasCommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // MARK: Tests
        // Helpers shared by test targets only (a scripted loopback API server); not part of any product.
        .target(
            name: "KubeTestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KubeTestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(name: "KubeCoreTests", dependencies: ["KubeCore"], swiftSettings: upcoming),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeCore", "KubeSandbox", "KubeTestSupport", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log")], swiftSettings: upcoming),
        .testTarget(name: "KubeRuntimeTests", dependencies: ["KubeRuntime", "KubeClient", "KubeCore", "KubeSandbox", "KubeTestSupport", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"), .product(name: "Prometheus", package: "swift-prometheus")], swiftSettings: upcoming),
        .testTarget(name: "KubeIntegrationTests", dependencies: ["KubeClient", "KubeRuntime", "KubeCore", "KubeSandbox", .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")], swiftSettings: upcoming),
        .testTarget(name: "KubeSandboxTests", dependencies: ["KubeSandbox", "KubeClient", "KubeCore"], swiftSettings: upcoming),
        .testTarget(name: "MaasClientTests", dependencies: ["MaasClient", "MaasSimulator", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"), .product(name: "HummingbirdTLS", package: "hummingbird"), .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "X509", package: "swift-certificates"), .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Fixtures")], swiftSettings: upcoming),
        .testTarget(name: "MaasSimulatorTests", dependencies: ["MaasSimulator", "MaasClient"], swiftSettings: upcoming),
        .testTarget(name: "CAPIStandInTests", dependencies: ["CAPIStandIn", "ClusterAPI", "MaasProvider", "KubeClient", "KubeRuntime", "KubeCore", "KubeSandbox", "KubeYAML"], swiftSettings: upcoming),
        .testTarget(
            name: "MaasProviderTests",
            dependencies: ["MaasProvider", "ClusterAPI", "CAPIStandIn", "KubeSandbox", "MaasSimulator", "MaasClient",
                           "KubeClient", "KubeRuntime", "KubeCore", "ProviderTestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .testTarget(name: "ReliabilityTests", dependencies: ["MaasProvider", "ClusterAPI", "KubeSandbox", "MaasSimulator", "MaasClient", "KubeClient", "KubeRuntime", "KubeCore", "ProviderTestSupport", .product(name: "Logging", package: "swift-log")], swiftSettings: upcoming),
        // Shared by the provider integration suites: sandbox + simulator in-process, or the external cluster/MAAS of
        // CAPMAAS_TEST_KUBECONFIG and CAPMAAS_TEST_MAAS_URL/KEY.
        .target(
            name: "ProviderTestSupport",
            dependencies: ["MaasProvider", "ClusterAPI", "KubeSandbox", "MaasSimulator", "MaasClient", "KubeClient", "KubeCore",
                           "KubeYAML", .product(name: "Logging", package: "swift-log"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio")],
            path: "Tests/ProviderTestSupport",
            swiftSettings: upcoming),
        .testTarget(
            name: "PropertyTests",
            dependencies: ["KubeCore", "KubeClient", "MaasClient", "MaasProvider",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
    ]
)
