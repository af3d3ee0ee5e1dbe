import Foundation
import Testing
@testable import kiln

/// Reading `metrics.csv`: empty cells, CRLF line ends, a byte-order mark, quotes, NaN; and one
/// clear error for each kind of bad input.
@Suite struct MetricsTableTests {
    @Test func cellsAndEmptyCells() throws {
        let table = try MetricsTable(csv: """
            epoch,step,lr,train_loss,val_loss,val_accuracy,seconds
            1,100,0.001,2.25,2.5,0.5,1.5
            2,200,0.0005,1.0,,0.75,3
            3,300,1e-4,nan,0.5,,4.5

            """, source: "metrics.csv")
        #expect(table.columns == ["epoch", "step", "lr", "train_loss", "val_loss", "val_accuracy", "seconds"])
        #expect(table.rows.count == 3)
        #expect(table.values("val_loss") == [2.5, nil, 0.5])
        #expect(table.values("lr") == [0.001, 0.0005, 0.0001])
        #expect(table.values("train_loss")?[2]?.isNaN == true)
        #expect(table.values("val_f1") == nil)
    }

    @Test func windowsLineEndsBOMQuotesAndSpaces() throws {
        let table = try MetricsTable(csv: "\u{FEFF}epoch, \"train_loss\"\r\n1, \"0.5\"\r\n\r\n2,0.25\r\n", source: "m.csv")
        #expect(table.columns == ["epoch", "train_loss"])
        #expect(table.rows == [[1, 0.5], [2, 0.25]])
    }

    @Test func errors() {
        func message(_ text: String) -> String? {
            (#expect(throws: CommandError.self) { try MetricsTable(csv: text, source: "run/metrics.csv") })?.message
        }
        #expect(message("") == "run/metrics.csv: empty; expected a header line such as epoch,step,lr,train_loss")
        #expect(message("epoch,train_loss\n1,0.5\n2,abc\n")
                == "run/metrics.csv, line 3, column \"train_loss\": \"abc\" is not a number")
        #expect(message("epoch,train_loss\n1,0.5,7\n") == "run/metrics.csv, line 2: 3 fields, but the header has 2")
        #expect(message("epoch,,train_loss\n") == "run/metrics.csv: column 2 of the header has no name")
        #expect(message("epoch,loss,loss\n") == "run/metrics.csv: the column \"loss\" appears twice in the header")
    }
}
