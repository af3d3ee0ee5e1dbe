import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import kiln

/// The SVG `kiln plot` writes, read back with an XML parser: well-formed, one panel group per
/// panel with its title, one polyline per series with one point per figure, inside its panel.
@Suite struct CurvesRendererTests {
    /// The elements of an SVG file: name, attributes and the titles of the panels they are in.
    final class SVGElements: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var panel: String?
        }

        var elements: [Element] = []
        var texts: [String] = []
        private var panels: [String?] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "g" { panels.append(attributes["class"] == "panel" ? attributes["data-title"] : panels.last ?? nil) }
            elements.append(Element(name: name, attributes: attributes, panel: panels.last ?? nil))
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "g" { panels.removeLast() }
            if name == "text" { texts.append(text) }
        }

        static func parse(_ svg: String) throws -> SVGElements {
            let parser = XMLParser(data: Data(svg.utf8))
            let elements = SVGElements()
            parser.delegate = elements
            #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
            return elements
        }

        func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    }

    static func render(_ csv: String, title: String = "Training curves: run") throws -> String {
        let curves = try TrainingCurves(try MetricsTable(csv: csv, source: "m"), source: "m")
        return CurvesRenderer().svg(curves, title: title, subtitle: "run/metrics.csv · \(curves.epochCount) epochs")
    }

    @Test func panelsSeriesAndPoints() throws {
        let svg = try Self.render(TrainingCurvesTests.classification)
        let parsed = try SVGElements.parse(svg)
        let root = try #require(parsed.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        // Four panels in two columns of 460 px with 20 px between and 24 px margins.
        #expect(root.attributes["width"] == "988")
        #expect(parsed.named("g").compactMap { $0.attributes["data-title"] } == ["Loss", "Accuracy", "F1", "Learning rate"])

        let lines = parsed.named("polyline")
        #expect(lines.map { $0.attributes["data-series"] ?? "" }
                == ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "val_f1", "lr"])
        #expect(lines.map(\.panel) == ["Loss", "Loss", "Accuracy", "Accuracy", "F1", "Learning rate"])
        let pointCounts = lines.map { ($0.attributes["points"] ?? "").split(separator: " ").count }
        #expect(pointCounts == [3, 3, 3, 3, 2, 3])
        #expect(lines.map { $0.attributes["stroke"] ?? "" }
                == [Palette.train, Palette.val, Palette.train, Palette.val, Palette.val, Palette.learningRate])
        // Few points: each is marked with a dot.
        #expect(parsed.named("circle").count == 17)

        // Titles, legends, axis labels and tick labels are text.
        #expect(parsed.texts.contains("Training curves: run"))
        #expect(parsed.texts.filter { $0 == "epoch" }.count == 4)
        #expect(parsed.texts.contains("learning rate (log scale)"))
        #expect(parsed.texts.filter { $0 == "train" }.count == 2)
        #expect(parsed.texts.contains("1e-3") == false && parsed.texts.contains("0.001"))
    }

    /// Points lie inside their panel's plot area, higher values higher up (smaller y).
    @Test func pointsAreInsideTheirPanel() throws {
        let parsed = try SVGElements.parse(try Self.render(TrainingCurvesTests.classification))
        let panels = parsed.named("rect").filter { $0.panel != nil && $0.attributes["rx"] != nil }
        for line in parsed.named("polyline") {
            let frame = try #require(panels.first { $0.panel == line.panel })
            let x = Double(frame.attributes["x"] ?? "") ?? .nan, y = Double(frame.attributes["y"] ?? "") ?? .nan
            let width = Double(frame.attributes["width"] ?? "") ?? .nan, height = Double(frame.attributes["height"] ?? "") ?? .nan
            let points = (line.attributes["points"] ?? "").split(separator: " ").map { pair in
                pair.split(separator: ",").compactMap { Double($0) }
            }
            for point in points {
                #expect(point.count == 2 && point[0] > x && point[0] < x + width && point[1] > y && point[1] < y + height)
            }
            if line.attributes["data-series"] == "train_accuracy" {
                // 0.5, 0.7, 0.9: rising values, falling y.
                #expect(points[0][1] > points[1][1] && points[1][1] > points[2][1])
            }
        }
    }

    /// Text that is markup in XML is escaped.
    @Test func escapesText() throws {
        let svg = try Self.render("epoch,train_loss\n1,0.5\n2,0.25\n", title: "Training curves: <a & \"b\">")
        let parsed = try SVGElements.parse(svg)
        #expect(parsed.texts.contains("Training curves: <a & \"b\">"))
        #expect(svg.contains("Training curves: &lt;a &amp; &quot;b&quot;&gt;"))
        // One panel only: a single column.
        #expect(parsed.elements.first?.attributes["width"] == "508")
    }

    /// Long runs are drawn as lines without a dot per point.
    @Test func manyPointsNoMarkers() throws {
        let rows = (1...200).map { "\($0),\(1.0 / Double($0))" }.joined(separator: "\n")
        let parsed = try SVGElements.parse(try Self.render("epoch,train_loss\n" + rows))
        #expect(parsed.named("circle").isEmpty)
        #expect(parsed.named("polyline").first.map { ($0.attributes["points"] ?? "").split(separator: " ").count } == 200)
    }

    @Test func svgNumbers() {
        #expect(SVGDocument.number(12) == "12")
        #expect(SVGDocument.number(12.345) == "12.35")
        #expect(SVGDocument.number(-0.5) == "-0.5")
        #expect(SVGDocument.number(0.001) == "0")
    }
}
