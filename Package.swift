// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Kiln",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kiln", targets: ["Kiln"]),
        .library(name: "KilnIO", targets: ["KilnIO"]),
        .library(name: "KilnData", targets: ["KilnData"]),
        .executable(name: "kiln", targets: ["kiln"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "Kiln",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        // The system zlib (Debian: zlib1g-dev) for gzip, zlib and raw DEFLATE streams.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "KilnIO",
            dependencies: ["Kiln", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            // The .proto sources of the committed generated code (Proto/README.md says how to regenerate).
            exclude: [
                "Proto/event.proto", "Proto/example.proto", "Proto/feature.proto", "Proto/summary.proto",
                "Proto/tensor.proto", "Proto/README.md",
            ]
        ),
        .target(name: "KilnData", dependencies: ["Kiln", "KilnIO"], resources: [.copy("Resources")]),
        .executableTarget(
            name: "kiln",
            dependencies: [
                "Kiln", "KilnIO", "KilnData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "KilnTests", dependencies: ["Kiln"]),
        .testTarget(name: "KilnIOTests", dependencies: ["KilnIO", "Kiln"]),
        .testTarget(name: "KilnDataTests", dependencies: ["KilnData", "KilnIO", "Kiln"]),
        // Depends on the executable so `swift test` builds `kiln`, which the end-to-end tests run.
        .testTarget(name: "KilnCLITests", dependencies: ["kiln", "KilnIO", "Kiln"]),
    ],
    swiftLanguageModes: [.v6]
)
