import BylineCore
import Testing

@Suite struct LineDiffTests {
    @Test func equalTextsAreAllKept() {
        #expect(LineDiff.compare("a\nb\n", "a\nb") == [.same("a"), .same("b")])
        #expect(LineDiff.compare("", "") == [])
    }

    @Test func anAddedAndARemovedLineKeepTheirPlaces() {
        #expect(
            LineDiff.compare("one\ntwo\nthree", "one\nthree\nfour")
                == [.same("one"), .removed("two"), .same("three"), .added("four")])
    }

    @Test func aChangedLineIsARemovalThenAnAddition() {
        #expect(
            LineDiff.compare("# Title\nOld sentence.\nEnd", "# Title\nNew sentence.\nEnd")
                == [.same("# Title"), .removed("Old sentence."), .added("New sentence."), .same("End")])
    }

    @Test func theLongestCommonSubsequenceIsKept() {
        let diff = LineDiff.compare("a\nb\nc\nd\ne", "b\nx\nd\ne\nf")
        #expect(diff.filter { if case .same = $0 { true } else { false } } == [.same("b"), .same("d"), .same("e")])
        #expect(diff.contains(.removed("a")) && diff.contains(.removed("c")))
        #expect(diff.contains(.added("x")) && diff.contains(.added("f")))
    }

    @Test func emptySidesAreWhollyAddedOrRemoved() {
        #expect(LineDiff.compare("", "a\nb") == [.added("a"), .added("b")])
        #expect(LineDiff.compare("a\nb", "") == [.removed("a"), .removed("b")])
    }

    @Test func crlfAndLFLinesCompareEqual() {
        #expect(LineDiff.compare("a\r\nb\r\n", "a\nb\nc\n") == [.same("a"), .same("b"), .added("c")])
    }

    @Test func blankLinesAreLines() {
        #expect(LineDiff.compare("a\n\nb", "a\nb") == [.same("a"), .removed(""), .same("b")])
    }

    @Test func aHugeMiddleFallsBackToRemovedThenAdded() {
        let old = (0..<2_100).map { "old \($0)" }.joined(separator: "\n")
        let new = (0..<2_100).map { "new \($0)" }.joined(separator: "\n")
        let diff = LineDiff.compare("start\n" + old + "\nend", "start\n" + new + "\nend")
        #expect(diff.count == 2 + 4_200)
        #expect(diff.first == .same("start") && diff.last == .same("end"))
        #expect(diff[1] == .removed("old 0") && diff[2_101] == .added("new 0"))
    }
}
