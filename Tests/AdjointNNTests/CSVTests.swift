import Foundation
import Testing

@testable import AdjointNN

/// Parses `text` as a labelled CSV file named `t.csv` with the given options.
private func parse(
  _ text: String, labelColumn: LabelColumn = .last, header: CSVHeader = .automatic, separator: Character = ",",
  classCount: Int? = nil
) throws -> LabeledDataset {
  try LabeledDataset.parseCSV(
    Array(text.utf8), fileName: "t.csv", labelColumn: labelColumn, header: header, separator: separator,
    classCount: classCount)
}

@Suite struct CSVTests {
  @Test func readsFeaturesAndTheLastColumnAsLabels() throws {
    let data = try parse("1,2,0\n3.5,-4,2\n")
    #expect(data.features == Tensor([[1, 2], [3.5, -4]]))
    #expect(data.labels == [0, 2])
    #expect(data.classCount == 3)  // one more than the largest label
    #expect(data.featureCount == 2)
  }

  @Test func labelColumnCanBeFirstOrAnIndex() throws {
    let first = try parse("1,10,20\n0,30,40\n", labelColumn: .first)
    #expect(first.features == Tensor([[10, 20], [30, 40]]))
    #expect(first.labels == [1, 0])
    let middle = try parse("10,1,20\n30,0,40\n", labelColumn: .index(1), classCount: 5)
    #expect(middle.features == Tensor([[10, 20], [30, 40]]))
    #expect(middle.labels == [1, 0])
    #expect(middle.classCount == 5)
  }

  @Test func headerIsDetectedWhenNoFieldIsANumber() throws {
    #expect(try parse("x,y,label\n1,2,1\n").count == 1)
    #expect(try parse("1,2,1\n3,4,0\n").count == 2)
    // A numeric header must be declared; declaring it skips the first line.
    #expect(try parse("0,1,2\n5,6,1\n", header: .present).features == Tensor([[5, 6]]))
    // With `.absent`, a non-numeric first line is an error, not a header.
    #expect(throws: DataError.invalidNumber(file: "t.csv", line: 1, column: 1, found: "x")) {
      try parse("x,y,label\n1,2,1\n", header: .absent)
    }
  }

  @Test func csvTableKeepsTheColumnNames() throws {
    let table = try CSVTable.parse(Array("x,y\n1,2\n3,4\n".utf8), fileName: "points.csv")
    #expect(table.columnNames == ["x", "y"])
    #expect(table.values == Tensor([[1, 2], [3, 4]]))
    #expect(try CSVTable.parse(Array("1,2\n".utf8), fileName: "p.csv").columnNames == nil)
  }

  @Test func acceptsCRLFMissingFinalNewlineTrailingBlankLinesAndByteOrderMark() throws {
    let expected = Tensor([[1, 2], [3, 4]])
    #expect(try parse("1,2,0\r\n3,4,1\r\n").features == expected)
    #expect(try parse("1,2,0\n3,4,1").features == expected)
    #expect(try parse("1,2,0\n3,4,1\n\n  \n\r\n").features == expected)
    #expect(try parse("\u{FEFF}1,2,0\n3,4,1\n").features == expected)
    #expect(try parse(" 1 ,\t2, 0\n3,4 ,1\n").features == expected)
  }

  @Test func otherSeparators() throws {
    #expect(try parse("1;2;0\n3;4;1\n", separator: ";").features == Tensor([[1, 2], [3, 4]]))
    #expect(try parse("1\t2\t0\n3\t4\t1\n", separator: "\t").features == Tensor([[1, 2], [3, 4]]))
  }

  @Test func decimalNumbersAreCorrectlyRounded() throws {
    // Expected values are Swift literals, parsed by the compiler, not by the code under test.
    let text = "0.1,1e-3,-2.5E2,.5,7.,123456789012345678901234,0.30000000000000004,1e300,4.9e-324,0\n"
    let table = try CSVTable.parse(Array(text.utf8), fileName: "n.csv", header: .absent)
    #expect(table.values.scalars == [
      0.1, 1e-3, -2.5e2, 0.5, 7, 1.23456789012345678901234e23, 0.30000000000000004, 1e300,
      Double.leastNonzeroMagnitude, 0,
    ])
  }

  @Test func invalidNumberNamesFileLineColumnAndText() {
    let error = DataError.invalidNumber(file: "t.csv", line: 2, column: 3, found: "x7")
    #expect(throws: error) { try parse("1,2,3,0\n4,5,x7,1\n") }
    #expect(error.description == #"t.csv line 2, column 3: expected a number, found "x7""#)
    #expect(throws: DataError.invalidNumber(file: "t.csv", line: 1, column: 2, found: "")) {
      try parse("1,,0\n")
    }
  }

  @Test func nonFiniteValuesAreRejected() {
    for text in ["nan", "inf", "-infinity", "1e999"] {
      #expect(throws: DataError.nonFiniteValue(file: "t.csv", line: 1, column: 2, found: text)) {
        try parse("1,\(text),0\n")
      }
    }
    #expect(
      DataError.nonFiniteValue(file: "t.csv", line: 1, column: 3, found: "nan").description
        == #"t.csv line 1, column 3: value is not finite ("nan")"#)
  }

  @Test func raggedRowsAndInnerBlankLinesAreRejected() {
    let error = DataError.wrongFieldCount(file: "t.csv", line: 3, expected: 3, found: 4)
    #expect(throws: error) { try parse("1,2,0\n3,4,1\n5,6,7,1\n") }
    #expect(error.description == "t.csv line 3: expected 3 fields (as in the first row), found 4")
    #expect(throws: DataError.wrongFieldCount(file: "t.csv", line: 2, expected: 3, found: 0)) {
      try parse("1,2,0\n\n3,4,1\n")
    }
  }

  @Test func emptyFilesAreRejected() {
    for text in ["", "\n\n", "x,y,label\n"] {
      #expect(throws: DataError.emptyFile(file: "t.csv")) { try parse(text) }
    }
  }

  @Test func labelsMustBeWholeNumbersInRange() throws {
    #expect(throws: DataError.invalidLabel(file: "t.csv", line: 1, column: 3, found: "3.5")) { try parse("1,2,3.5\n") }
    #expect(throws: DataError.invalidLabel(file: "t.csv", line: 1, column: 3, found: "cat")) { try parse("1,2,cat\n") }
    #expect(try parse("1,2,3.0\n", classCount: 4).labels == [3])
    let negative = DataError.labelOutOfRange(file: "t.csv", position: "line 2, column 3", label: -1, classCount: nil)
    #expect(throws: negative) { try parse("1,2,0\n1,2,-1\n") }
    #expect(negative.description == "t.csv line 2, column 3: label -1 is out of range: expected 0 or more")
    let tooLarge = DataError.labelOutOfRange(file: "t.csv", position: "line 1, column 3", label: 10, classCount: 10)
    #expect(throws: tooLarge) { try parse("1,2,10\n", classCount: 10) }
    #expect(tooLarge.description == "t.csv line 1, column 3: label 10 is out of range: expected 0 to 9")
  }

  @Test func labelColumnBeyondTheRowIsAnError() {
    #expect(throws: DataError.missingLabelColumn(file: "t.csv", column: 5, fieldCount: 3)) {
      try parse("1,2,0\n", labelColumn: .index(5))
    }
  }

  @Test func readsAFileAndReportsAMissingOneWithTheOSError() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("small.csv")
      try Data("a,b,label\n0.25,1,1\n0.5,2,0\n".utf8).write(to: url)
      let data = try LabeledDataset.readCSV(from: url)
      #expect(data.features == Tensor([[0.25, 1], [0.5, 2]]))
      #expect(data.labels == [1, 0])

      let missing = directory.appendingPathComponent("missing.csv")
      #expect(throws: DataError.unreadableFile(path: missing.path, reason: "No such file or directory")) {
        try LabeledDataset.readCSV(from: missing)
      }
      #expect(throws: DataError.unreadableFile(path: directory.path, reason: "Is a directory")) {
        try CSVTable.read(from: directory)
      }
    }
  }
}
