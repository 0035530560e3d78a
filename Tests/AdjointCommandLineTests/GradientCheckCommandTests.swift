import Adjoint
import AdjointNN
import Testing

@testable import AdjointCommandLine

/// A tensor row whose pullback is twice the derivative of x², so every check of it fails.
private let wrongSquare = GradientCheckCase("wrong square", shapeSets: [[[3]]]) { v in
  Variable.record("wrongSquare", value: v[0].value * v[0].value, inputs: v) { v, inputs, _ in [4 * v * inputs[0]] }
}
/// A right row, for company.
private let rightSquare = GradientCheckCase("right square", shapeSets: [[[3]], [[2, 2]]]) { v in v[0] * v[0] }

/// Runs the command's entry point on `groups`, collecting what it writes.
private func run(
  _ groups: [GradientCheckGroup], filter: String? = nil, seeds: Int = 2
) -> (status: Int32, output: [String], errors: [String]) {
  var output: [String] = []
  var errors: [String] = []
  let status = GradientCheckCommand.run(
    groups: groups, filter: filter, seedCount: seeds, output: { output.append($0) }, errorOutput: { errors.append($0) })
  return (status, output.joined(separator: "\n").split(separator: "\n").map(String.init), errors)
}

@Suite struct GradientCheckCommandTests {
  @Test func planCoversTheWholeCatalog() {
    // every engine row and every layer row, each in exactly one group, so a new catalog file cannot be left out
    let planned = GradientCheckGroup.catalog.flatMap { $0.cases.map(\.name) }
    let expected = (GradientCheckCatalog.engine + GradientCheckCatalog.layersAndLosses).map(\.name)
    #expect(planned.sorted() == expected.sorted())
  }

  @Test func filterSelectsTheRowsWhoseNameContainsTheTextIgnoringCase() {
    let plan = GradientCheckPlan(groups: GradientCheckGroup.catalog, filter: "SOFTMAX", seedCount: 2)
    let names = Set(plan.instances.map(\.row.name))
    #expect(names.contains("softmax(alongAxis: -1)"))
    #expect(names.contains("Softmax layer"))
    #expect(names.contains("Dense, softmax"))
    #expect(names.contains("∇ softmax"))
    #expect(!names.contains("exp"))
    #expect(names.allSatisfy { $0.lowercased().contains("softmax") })
    let expected = GradientCheckGroup.catalog.flatMap(\.cases).filter { $0.name.lowercased().contains("softmax") }
      .reduce(0) { $0 + $1.shapeSets.count * 2 }
    #expect(plan.instances.count == expected)
    #expect(plan.groups.map(\.title) == ["tensor primitives", "second order", "batch-polymorphic rules", "layers and losses"])
  }

  @Test func withoutAFilterEveryRowRunsAtEveryShapeSetAndSeed() {
    let plan = GradientCheckPlan(groups: GradientCheckGroup.catalog, filter: nil, seedCount: 3)
    let rows = GradientCheckGroup.catalog.flatMap(\.cases)
    #expect(plan.instances.count == rows.reduce(0) { $0 + $1.shapeSets.count * 3 })
    #expect(Set(plan.instances.map(\.seed)) == [1, 2, 3])
  }

  @Test func aFailingCaseMakesTheExitStatusOneAndIsListedWithItsWorstElement() {
    let (status, output, _) = run([GradientCheckGroup(title: "injected", cases: [rightSquare, wrongSquare])])
    #expect(status == 1)
    #expect(output.contains("gradcheck: 6 checks, 4 passed, 2 failed"))
    let failures = output.drop { $0 != "failures:" }.dropFirst()
    #expect(failures.count == 2)
    #expect(failures.allSatisfy { $0.contains("wrong square [3] seed") && $0.contains("tape") && $0.contains("numerical") })
    #expect(output.filter { $0.hasSuffix("FAIL") }.count == 2)
  }

  @Test func passingCasesExitZeroWithOneAlignedRowPerCheck() {
    let (status, output, errors) = run([GradientCheckGroup(title: "injected", cases: [rightSquare])], seeds: 3)
    #expect(status == 0)
    #expect(errors.isEmpty)
    #expect(output.last == "gradcheck: 6 checks, 6 passed, 0 failed")
    #expect(!output.contains("failures:"))
    let header = output[0]
    #expect(header.hasPrefix("op") && header.hasSuffix("pass"))
    #expect(output[1] == "-- injected --")
    let rows = output.filter { $0.hasPrefix("right square") }
    #expect(rows.count == 6)
    for row in rows {
      #expect(row.hasSuffix("  ok"))
      #expect(row.count - "ok".count == header.count - "pass".count, "misaligned: \(row)")
    }
  }

  @Test func summaryCountsChecksPassesAndFailures() {
    let results = (rightSquare.instances(seeds: 1...2) + wrongSquare.instances(seeds: 1...3)).map {
      GradientCheckResult(instance: $0, report: $0.check())
    }
    #expect(GradientCheckTable.summary(results) == "gradcheck: 7 checks, 4 passed, 3 failed")
    #expect(GradientCheckTable.summary([]) == "gradcheck: 0 checks, 0 passed, 0 failed")
    #expect(GradientCheckTable.summary(Array(results.suffix(1))) == "gradcheck: 1 check, 0 passed, 1 failed")
    #expect(GradientCheckTable.failures(Array(results.prefix(4))).isEmpty)
  }

  @Test func aFilterThatSelectsNothingIsAnError() {
    let (status, output, errors) = run(GradientCheckGroup.catalog, filter: "no such op")
    #expect(status == 1)
    #expect(output.isEmpty)
    #expect(errors == ["adjoint gradcheck: no op name contains \"no such op\""])
  }

  @Test func seedsBelowOneAreRejectedByTheParser() {
    #expect(throws: ArgumentError.self) { try GradientCheckCommand.parser.parse(["--seeds", "0"]) }
  }

  @Test func theWholeCatalogPassesThroughTheCommand() {
    let (status, output, _) = run(GradientCheckGroup.catalog, seeds: 1)
    #expect(status == 0, "\(output.suffix(5))")
    #expect(output.last?.hasPrefix("gradcheck: ") == true)
  }
}
