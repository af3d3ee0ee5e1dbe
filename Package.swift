// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Kiln",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kiln", targets: ["Kiln"]),
        .library(name: "KilnIO", targets: ["KilnIO"]),
        .executable(name: "kiln", targets: ["kiln"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "Kiln",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(name: "KilnIO", dependencies: ["Kiln"]),
        .executableTarget(
            name: "kiln",
            dependencies: [
                "Kiln",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KilnTests", dependencies: ["Kiln"]),
        .testTarget(name: "KilnIOTests", dependencies: ["KilnIO", "Kiln"]),
    ],
    swiftLanguageModes: [.v6]
)
