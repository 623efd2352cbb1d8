// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "byline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "byline", targets: ["byline"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Already built for PostgresNIO's SCRAM authentication; snapshots' SHA-256 checksums.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Staff passwords: bcrypt (HummingbirdBcrypt).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        .target(name: "BylineCore"),
        // cmark-gfm from the system (libcmark-gfm-dev, libcmark-gfm-extensions-dev): Markdown bodies.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "BylineMarkdown", dependencies: ["BylineCore", "CCmarkGFM"]),
        // libvips from the system (libvips-dev): uploaded images checked, resized and re-encoded
        // without their metadata.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(name: "BylineImages", dependencies: ["BylineCore", "CVips"]),
        .target(
            name: "BylineStore",
            dependencies: [
                "BylineCore",
                // Post bodies are rendered from Markdown when they are saved.
                "BylineMarkdown",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Only for ConnectionPoolError, which PostgresNIO throws but does not re-export.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                // TLS to the database: certificates and verification for PostgresNIO's TLS modes.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BylineImport",
            dependencies: ["BylineCore", "BylineStore", "BylineImages"]
        ),
        .target(
            name: "BylineWeb",
            dependencies: [
                "BylineCore",
                "BylineStore",
                // The editor's live preview renders Markdown as a save would.
                "BylineMarkdown",
                // Signup and sign-in links are emailed.
                "BylineMail",
                // Uploads become variants here.
                "BylineImages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "byline",
            dependencies: [
                "BylineCore",
                "BylineStore",
                "BylineImport",
                "BylineWeb",
                "BylineMail",
                "BylineImages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Email: an SMTP client on SwiftNIO (no SMTP package resolves here) and message composition.
        .target(
            name: "BylineMail",
            dependencies: [
                "BylineCore", "BylineStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BylineTestSupport",
            dependencies: ["BylineCore", "BylineStore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/BylineTestSupport"
        ),
        .testTarget(
            name: "BylineCoreTests", dependencies: ["BylineCore", "BylineTestSupport"],
            // BylineTestSupport brings in the store and its NIO and GRDB extensions; without this
            // their extra `Array` initialisers leak into these tests and slow type-checking to a stop.
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(name: "BylineMarkdownTests", dependencies: ["BylineCore", "BylineMarkdown"]),
        .testTarget(name: "BylineImagesTests", dependencies: ["BylineImages"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "BylineStoreTests",
            dependencies: [
                "BylineCore", "BylineStore", "BylineTestSupport",
                // The job worker tests run workers in a ServiceGroup and quieten their logs.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Migration tests step SQLite's migrator to a given version.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "BylineWebTests",
            dependencies: [
                "BylineCore", "BylineStore", "BylineImport", "BylineWeb", "BylineTestSupport", "BylineImages",
                // Member signup mails through a real aiosmtpd (Support/ links BylineMailTests' helper).
                "BylineMail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        // Runs a real SMTP server (aiosmtpd via scripts/smtp-test-server; scripts/test installs it).
        .testTarget(
            name: "BylineMailTests",
            dependencies: [
                "BylineMail",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
    ]
)
