// swift-tools-version: 6.0
// A package that depends on Adjoint as a user's does, built in release (-O) by .ci/check-release-messages:
// each argument of its executable commits one programmer error, and the check asserts that the process exits
// non-zero with the operation's name and the shapes on standard error — messages that Swift's own
// `precondition` would drop in a release build.
import PackageDescription

let package = Package(
  name: "ReleaseMessages",
  dependencies: [.package(path: "Adjoint")],  // a link to the repository root, so that the package is named Adjoint
  targets: [
    .executableTarget(name: "Misuse", dependencies: [.product(name: "Adjoint", package: "Adjoint")])
  ]
)
