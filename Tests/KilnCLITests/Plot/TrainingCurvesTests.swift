import Foundation
import Testing
@testable import kiln

/// Which panels and series `kiln plot` draws from the columns of `metrics.csv`.
@Suite struct TrainingCurvesTests {
    static let classification = """
        epoch,step,lr,train_loss,train_accuracy,val_loss,val_accuracy,val_f1,seconds
        1,100,0.1,2.0,0.5,2.2,0.45,0.4,1.0
        2,200,0.01,1.0,0.7,1.2,0.65,,2.0
        3,300,0.001,0.5,0.9,0.8,0.85,0.8,3.0
        """

    @Test func classificationPanels() throws {
        let curves = try TrainingCurves(try MetricsTable(csv: Self.classification, source: "m"), source: "m")
        #expect(curves.epochCount == 3)
        #expect(curves.panels.map(\.title) == ["Loss", "Accuracy", "F1", "Learning rate"])
        #expect(curves.panels.map { $0.series.map(\.column) }
                == [["train_loss", "val_loss"], ["train_accuracy", "val_accuracy"], ["val_f1"], ["lr"]])
        #expect(curves.panels[0].series.map(\.label) == ["train", "val"])
        #expect(curves.panels[0].series.map(\.color) == [Palette.train, Palette.val])
        #expect(curves.panels[1].series[1].points == [.init(x: 1, y: 0.45), .init(x: 2, y: 0.65), .init(x: 3, y: 0.85)])
        // The empty cell of epoch 2 is left out.
        #expect(curves.panels[2].series[0].points == [.init(x: 1, y: 0.4), .init(x: 3, y: 0.8)])
        // 0.1 to 0.001 spans two decades: a log scale.
        #expect(curves.panels[3].logScale)
        #expect(!curves.panels[0].logScale)
    }

    @Test func regressionAndOtherColumns() throws {
        let csv = """
            epoch,step,lr,train_loss,train_mae,val_loss,val_mae,test_rmse,grad_norm,seconds
            0,10,0.01,5.0,2.0,6.0,2.5,,1.5,0.1
            1,20,0.01,4.0,1.5,5.0,2.0,2.2,1.25,0.2
            """
        let curves = try TrainingCurves(try MetricsTable(csv: csv, source: "m"), source: "m")
        #expect(curves.panels.map(\.title) == ["Loss", "MAE", "RMSE", "Grad norm", "Learning rate"])
        #expect(curves.panels[2].series.map(\.label) == ["test"])
        #expect(curves.panels[2].series[0].color == Palette.test)
        // A constant learning rate stays on a linear scale.
        #expect(curves.panels[4].logScale == false)
    }

    /// A resumed run that logged epoch 2 again: the later row counts, and epochs are in order.
    @Test func repeatedEpochKeepsTheLastRow() throws {
        let csv = "epoch,train_loss\n1,1.0\n2,0.9\n3,0.7\n2,0.8\n3,0.6\n"
        let curves = try TrainingCurves(try MetricsTable(csv: csv, source: "m"), source: "m")
        #expect(curves.epochCount == 3)
        #expect(curves.panels.map(\.title) == ["Loss"])
        #expect(curves.panels[0].series[0].points.map(\.y) == [1.0, 0.8, 0.6])
    }

    @Test func panelsWithoutFiguresAreLeftOut() throws {
        let csv = "epoch,lr,train_loss,val_accuracy\n1,,0.5,\n2,,0.4,\n"
        let curves = try TrainingCurves(try MetricsTable(csv: csv, source: "m"), source: "m")
        #expect(curves.panels.map(\.title) == ["Loss"])
    }

    @Test func missingColumnsAndRows() {
        func message(_ csv: String) -> String? {
            (#expect(throws: CommandError.self) {
                try TrainingCurves(try MetricsTable(csv: csv, source: "r/metrics.csv"), source: "r/metrics.csv")
            })?.message
        }
        #expect(message("step,train_loss\n1,0.5\n") == "r/metrics.csv: no \"epoch\" column to plot against (the columns are step, train_loss)")
        #expect(message("epoch,lr,val_accuracy\n1,0.1,0.5\n")
                == "r/metrics.csv: no loss column such as train_loss (the columns are epoch, lr, val_accuracy)")
        #expect(message("epoch,train_loss\n") == "r/metrics.csv: no rows yet, only the header")
        #expect(message("epoch,train_loss\n1,0.5\n,0.4\n") == "r/metrics.csv: data row 2 has no epoch")
    }

    @Test func titles() {
        #expect(TrainingCurves.title("accuracy") == "Accuracy")
        #expect(TrainingCurves.title("top5_accuracy") == "Top5 accuracy")
        #expect(TrainingCurves.title("f1") == "F1")
        #expect(TrainingCurves.split("val_top5_accuracy")! == ("val", "top5_accuracy"))
        #expect(TrainingCurves.split("validation") == nil)
    }
}
