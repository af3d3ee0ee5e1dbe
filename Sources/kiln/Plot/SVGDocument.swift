/// A standalone SVG image built element by element: shapes and text with their attributes,
/// numbers rounded to 0.01 px, text and attribute values escaped. `rendered()` gives the file.
struct SVGDocument {
    let width: Double
    let height: Double
    private var body: [String] = []
    private var depth = 1

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// An element with no content: `<name a="1" b="x"/>`. Attributes keep their order; nil
    /// values are left out.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        append("<\(name)\(Self.attributes(attributes))/>")
    }

    /// An element holding text: `<text …>escaped text</text>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?>, text: String) {
        append("<\(name)\(Self.attributes(attributes))>\(Self.escaped(text))</\(name)>")
    }

    /// A group `<g …>` holding what `content` adds.
    mutating func group(_ attributes: KeyValuePairs<String, String?>, _ content: (inout SVGDocument) -> Void) {
        append("<g\(Self.attributes(attributes))>")
        depth += 1
        content(&self)
        depth -= 1
        append("</g>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                       cornerRadius: Double? = nil) {
        element("rect", ["x": Self.number(x), "y": Self.number(y), "width": Self.number(width),
                         "height": Self.number(height), "rx": cornerRadius.map(Self.number), "fill": fill, "stroke": stroke])
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                       dash: String? = nil) {
        element("line", ["x1": Self.number(x1), "y1": Self.number(y1), "x2": Self.number(x2), "y2": Self.number(y2),
                         "stroke": stroke, "stroke-width": Self.number(width), "stroke-dasharray": dash])
    }

    /// A line through `points` (x, y), with extra attributes (for example a `data-series` name).
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2,
                           extra: KeyValuePairs<String, String?> = [:]) {
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" "
               + "stroke-linejoin=\"round\" stroke-linecap=\"round\"\(Self.attributes(extra))/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        element("circle", ["cx": Self.number(x), "cy": Self.number(y), "r": Self.number(radius), "fill": fill])
    }

    enum Anchor: String { case start, middle, end }

    /// Text with its baseline at `y`; `rotation` in degrees about (x, y).
    mutating func text(_ text: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                       fill: String = "#333", bold: Bool = false, rotation: Double? = nil) {
        element("text", ["x": Self.number(x), "y": Self.number(y), "font-size": Self.number(size),
                         "text-anchor": anchor == .start ? nil : anchor.rawValue, "fill": fill,
                         "font-weight": bold ? "bold" : nil,
                         "transform": rotation.map { "rotate(\(Self.number($0)) \(Self.number(x)) \(Self.number(y)))" }],
                text: text)
    }

    /// The SVG file's text.
    func rendered() -> String {
        let w = Self.number(width), h = Self.number(height)
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
        font-family="Helvetica, Arial, sans-serif">

        """ + body.joined(separator: "\n") + "\n</svg>\n"
    }

    private mutating func append(_ line: String) {
        body.append(String(repeating: "  ", count: depth) + line)
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func attributes(_ pairs: KeyValuePairs<String, String?>) -> String {
        pairs.compactMap { key, value in value.map { " \(key)=\"\(escaped($0))\"" } }.joined()
    }
}
