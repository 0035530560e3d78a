// swift-tools-version: 6.0
// Adjoint: reverse-mode automatic differentiation for Swift. No package dependencies.
import PackageDescription

let package = Package(
  name: "Adjoint",
  products: [
    .library(name: "Adjoint", targets: ["Adjoint", "AdjointNN"]),
    .executable(name: "adjoint", targets: ["AdjointCLI"]),
  ],
  targets: [
    // Matrix-product micro-kernels in C, compiled for several instruction sets and chosen at run time
    // (AVX-512 / AVX2+FMA / portable), so that a package depending on Adjoint gets the fast path without
    // build flags. See Docs/Performance.md.
    .target(name: "CAdjointKernels"),
    // The engine: Tensor, Tape, Variable, the differentiable primitives, gradient checking.
    .target(name: "Adjoint", dependencies: ["CAdjointKernels"]),
    // Neural networks built only from Adjoint's public operations: layers, losses, optimizers, data.
    .target(name: "AdjointNN", dependencies: ["Adjoint"], resources: [.copy("Resources/digits.csv"), .copy("Resources/DIGITS-LICENSE.md")]),
    // The `adjoint` command's subcommands (train, gradcheck, bench), as a library so that tests can reach them.
    .target(name: "AdjointCommandLine", dependencies: ["Adjoint", "AdjointNN"]),
    .executableTarget(name: "AdjointCLI", dependencies: ["AdjointCommandLine"]),
    .testTarget(name: "AdjointTests", dependencies: ["Adjoint"]),
    .testTarget(name: "AdjointNNTests", dependencies: ["Adjoint", "AdjointNN"]),
    .testTarget(name: "AdjointCommandLineTests", dependencies: ["AdjointCommandLine", "Adjoint", "AdjointNN"]),
  ]
)
