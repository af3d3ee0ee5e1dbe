import Testing
@testable import kiln

@Suite struct TextTableTests {
    @Test func alignsColumns() {
        var table = TextTable(["name", "count", "note"], rightAligned: ["count"])
        table.append(["a", "1", "first"])
        table.append(["longer name", "1,000", ""])
        #expect(table.rendered(indent: "  ") == """
              name         count  note
              a                1  first
              longer name  1,000
            """)
        #expect(TextTable.pairs([("dtype", "F32"), ("shape", "[2, 3]")]) == "dtype  F32\nshape  [2, 3]")
    }

    @Test func numbers() {
        #expect(Format.grouped(0) == "0")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(1000) == "1,000")
        #expect(Format.grouped(-1_234_567) == "-1,234,567")
        #expect(Format.bytes(1023) == "1023 B")
        #expect(Format.bytes(1536) == "1.5 KiB")
        #expect(Format.bytes(3 << 20) == "3.0 MiB")
        #expect(Format.shape([]) == "[]")
        #expect(Format.shape([2, 3]) == "[2, 3]")
    }
}
