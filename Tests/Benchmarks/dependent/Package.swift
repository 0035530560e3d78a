// swift-tools-version: 6.0
// A package that depends on Adjoint the way a user's package does (by path here; by URL for a user), built
// with SwiftPM's default release settings and no flags, to measure what a dependent gets.
// Run from the repository root: swift run -c release --package-path Tests/Benchmarks/dependent
import PackageDescription

let package = Package(
  name: "DependentBenchmark",
  dependencies: [.package(path: "Adjoint")],  // a link to the repository root, so that the package is named Adjoint,
  targets: [
    .executableTarget(
      name: "DependentBenchmark", dependencies: [.product(name: "Adjoint", package: "Adjoint")])
  ]
)
