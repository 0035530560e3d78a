import Adjoint
import Foundation
import Testing

@testable import AdjointCommandLine

/// The graphs `adjoint graph` draws for Docs/Tutorial.md's ReLU, sigmoid, affine and softmax-with-loss
/// sections, against the chapter's hand-computed values: relu′ is 1 for a positive input and 0 for a negative
/// one; σ′(0) = σ(0)(1 − σ(0)) = 0.25; the bias of an affine layer receives the column sums of the adjoint
/// (2 rows of ones: 2 each); softmax with loss sends y − t to the logits.
@Suite struct TutorialGraphExampleTests {
  @Test func reluPassesTheAdjointOfAPositiveInputAndBlocksANegativeOne() {
    let dot = GraphExample.relu.graph().dot()
    #expect(dot.contains(#"n0 -> n2 [label=<2<BR/><FONT COLOR="red">1</FONT>>];"#))
    #expect(dot.contains(#"n1 -> n3 [label=<-1<BR/><FONT COLOR="red">0</FONT>>];"#))
  }

  @Test func sigmoidBuiltFromPrimitivesSendsAQuarterToItsInputAtZero() {
    let dot = GraphExample.sigmoid.graph().dot()
    #expect(dot.contains(#"n0 -> n1 [label=<0<BR/><FONT COLOR="red">0.25</FONT>>];"#))
    #expect(dot.contains(#"n4 -> output [label=<0.5<BR/><FONT COLOR="red">1</FONT>>];"#))
  }

  @Test func affineBiasAdjointIsTheAdjointSummedOverTheBatch() {
    let dot = GraphExample.affine.graph().dot()
    #expect(dot.contains(#"n2 -> n4 [label=<[3]<BR/>0.1 0.2 0.3<BR/><FONT COLOR="red">2 2 2</FONT>>];"#))
  }

  @Test func softmaxWithLossSendsSoftmaxMinusOneHotToTheLogits() throws {
    let graph = GraphExample.softmaxLoss.graph()
    guard case .tensor(let adjoint)? = graph.nodes.first?.adjoint else {
      Issue.record("the logits have no adjoint")
      return
    }
    // softmax([0.3, 2.9, 4.0]) by plain arithmetic, then minus the one-hot of label 2.
    let e = [0.3, 2.9, 4.0].map { Foundation.exp($0) }
    let total = e.reduce(0, +)
    let expected = [e[0] / total, e[1] / total, e[2] / total - 1]
    for (a, b) in zip(adjoint.scalars, expected) { #expect(Swift.abs(a - b) < 1e-12) }
  }
}
