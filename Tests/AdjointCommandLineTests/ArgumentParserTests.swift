import Testing

@testable import AdjointCommandLine

private enum OptimizerName: String, ArgumentChoice { case sgd, adam }

private let epochs = Option<Int>("epochs", default: 10, help: "Passes over the training data.") {
  $0 >= 1 ? nil : "must be at least 1"
}
private let learningRate = Option<Double>("learning-rate", default: 0.01, help: "The step size.")
private let optimizer = Option<OptimizerName>("optimizer", default: .adam, help: "The update rule.")
private let data = Option<String?>("data", placeholder: "PATH", default: nil, help: "A CSV file to train on.")
private let save = Option<String>("save", placeholder: "PATH", help: "Where to save the model.")
private let verbose = Flag("verbose", help: "Report every epoch.")

private let train = ArgumentParser(
  command: "adjoint train", summary: "Trains a classifier on the digits data.",
  arguments: [epochs, learningRate, optimizer, data, save, verbose])

private let workload = Positional<String>("workload", help: "The workload to run.")
private let repetitions = Positional<Int>("repetitions", default: 5, help: "How many times to run it.")
private let bench = ArgumentParser(
  command: "adjoint bench", summary: "Runs a benchmark workload.", arguments: [workload, repetitions])

/// The parsed arguments, or a recorded issue (pointing at the caller) if parsing asked for help.
private func parsed(
  _ parser: ArgumentParser, _ commandLine: [String], sourceLocation: SourceLocation = #_sourceLocation
) throws -> ParsedArguments? {
  switch try parser.parse(commandLine) {
  case .arguments(let arguments): return arguments
  case .help:
    Issue.record("expected arguments, got a help request", sourceLocation: sourceLocation)
    return nil
  }
}

/// Checks that parsing `commandLine` fails with exactly `message`.
private func expectError(
  _ parser: ArgumentParser, _ commandLine: [String], _ message: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    _ = try parser.parse(commandLine)
    Issue.record("expected the error \(message)", sourceLocation: sourceLocation)
  } catch {
    #expect(error.description == message, sourceLocation: sourceLocation)
  }
}

@Suite struct ArgumentParserTests {
  @Test func valuesFollowTheNameOrAnEqualsSign() throws {
    let arguments = try #require(try parsed(train, ["--epochs", "3", "--learning-rate=0.5", "--save", "m.adjt"]))
    #expect(arguments[epochs] == 3)
    #expect(arguments[learningRate] == 0.5)
    #expect(arguments[save] == "m.adjt")
  }

  /// The parser's worked example (internal to the command line, so not in the user guides).
  @Test func documentationExample() throws {
    switch try train.parse(["--epochs=3", "--save", "m.adjt"]) {
    case .help: Issue.record("expected arguments")
    case .arguments(let parsed):
      #expect(parsed[epochs] == 3)
      #expect(parsed[save] == "m.adjt")
    }
  }

  @Test func absentOptionsTakeTheirDefaults() throws {
    let arguments = try #require(try parsed(train, ["--save", "m.adjt"]))
    #expect(arguments[epochs] == 10)
    #expect(arguments[learningRate] == 0.01)
    #expect(arguments[optimizer] == .adam)
    #expect(arguments[data] == nil)
    #expect(arguments[verbose] == false)
    #expect(!arguments.isGiven(epochs) && arguments.isGiven(save))
  }

  @Test func choicesFlagsAndOptionalOptions() throws {
    let arguments = try #require(try parsed(train, ["--verbose", "--optimizer", "sgd", "--data=digits.csv", "--save=x"]))
    #expect(arguments[optimizer] == .sgd)
    #expect(arguments[verbose])
    #expect(arguments[data] == "digits.csv")
  }

  @Test func valuesMayStartWithOneDash() throws {
    let shift = Option<Double>("shift", default: 0, help: "An offset.")
    let parser = ArgumentParser(command: "t", summary: "", arguments: [shift])
    #expect(try parsed(parser, ["--shift", "-1.5"])?[shift] == -1.5)
  }

  @Test func positionalsAreAssignedInOrderWithDefaults() throws {
    let both = try #require(try parsed(bench, ["W1", "7"]))
    #expect(both[workload] == "W1" && both[repetitions] == 7)
    let one = try #require(try parsed(bench, ["W2"]))
    #expect(one[workload] == "W2" && one[repetitions] == 5)
    // After `--`, arguments are positional even when they look like options.
    #expect(try parsed(bench, ["--", "--odd-name"])?[workload] == "--odd-name")
  }

  @Test func helpWinsOverEverythingElse() throws {
    guard case .help(let text) = try train.parse(["--epochs", "ten", "--bogus", "-h"]) else {
      Issue.record("expected a help request")
      return
    }
    #expect(text == train.helpText)
    guard case .help = try bench.parse(["--help=yes"]) else {
      Issue.record("expected --help=yes to ask for help")
      return
    }
    // After `--`, "--help" is an ordinary positional argument.
    #expect(try parsed(bench, ["--", "--help"])?[workload] == "--help")
  }

  @Test func helpListsOptionsWithDefaultsAndDescriptions() {
    #expect(
      train.helpText == """
        Usage: adjoint train [options]

        Trains a classifier on the digits data.

        Options:
          --epochs N            Passes over the training data. (default: 10)
          --learning-rate X     The step size. (default: 0.01)
          --optimizer sgd|adam  The update rule. (default: adam)
          --data PATH           A CSV file to train on.
          --save PATH           Where to save the model. (required)
          --verbose             Report every epoch.
          -h, --help            Show this help.
        """)
    #expect(
      bench.helpText == """
        Usage: adjoint bench [options] <workload> [<repetitions>]

        Runs a benchmark workload.

        Arguments:
          <workload>     The workload to run. (required)
          <repetitions>  How many times to run it. (default: 5)

        Options:
          -h, --help     Show this help.
        """)
  }

  @Test func malformedValueIsOneClearLine() {
    expectError(train, ["--epochs", "ten"], #"adjoint train: --epochs expects a whole number, got "ten""#)
    expectError(train, ["--learning-rate=fast"], #"adjoint train: --learning-rate expects a number, got "fast""#)
    expectError(train, ["--learning-rate=nan"], #"adjoint train: --learning-rate expects a number, got "nan""#)
    expectError(
      train, ["--optimizer", "adma"], #"adjoint train: --optimizer expects one of sgd, adam, got "adma"; did you mean adam?"#)
    expectError(bench, ["W1", "many"], #"adjoint bench: <repetitions> expects a whole number, got "many""#)
  }

  @Test func unknownOptionSuggestsACloseOne() {
    expectError(train, ["--epoch", "3"], "adjoint train: unknown option --epoch; did you mean --epochs?")
    expectError(train, ["--learning", "3"], "adjoint train: unknown option --learning; did you mean --learning-rate?")
    expectError(train, ["--colour"], "adjoint train: unknown option --colour (see --help)")
    expectError(train, ["-x"], "adjoint train: unknown option -x (see --help)")
  }

  @Test func missingValueDuplicateAndFlagWithValue() {
    expectError(train, ["--save"], "adjoint train: --save needs a value: --save PATH")
    expectError(train, ["--epochs", "--verbose"], "adjoint train: --epochs needs a value: --epochs N")
    expectError(train, ["--epochs", "2", "--epochs=3"], "adjoint train: --epochs is given more than once")
    expectError(train, ["--verbose=yes"], #"adjoint train: --verbose takes no value, got "yes""#)
  }

  @Test func validationRejectsOutOfRangeValues() {
    expectError(train, ["--epochs", "0", "--save", "x"], "adjoint train: --epochs must be at least 1, got 0")
  }

  @Test func missingRequiredAndUnexpectedArguments() {
    expectError(train, [], "adjoint train: missing required option --save PATH")
    expectError(train, ["--save", "x", "extra"], #"adjoint train: unexpected argument "extra""#)
    expectError(bench, [], "adjoint bench: missing the argument <workload>")
    expectError(bench, ["W1", "3", "4"], #"adjoint bench: unexpected argument "4""#)
  }

  @Test func suggestionsUseEditDistance() {
    // Levenshtein's textbook example: kitten → sitting takes 3 edits.
    #expect(editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(editDistance([], Array("abc")) == 3)
    #expect(closestMatch(to: "--epohcs", among: ["--epochs", "--save"]) == "--epochs")
    #expect(closestMatch(to: "--zzz", among: ["--epochs", "--save"]) == nil)
  }
}
