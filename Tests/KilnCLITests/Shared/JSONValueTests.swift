import Foundation
import Testing
@testable import kiln

/// The JSON `kiln … --json` prints: valid JSON (read back by Foundation's parser), keys sorted,
/// strings escaped as RFC 8259 requires; and reading what Python's `json` writes.
@Suite struct JSONValueTests {
    static let sample: JSONValue = [
        "name": "a\"b\\c\n\t\u{01}é", "count": 3, "ratio": .number(0.1), "big": .number(1e-08), "flag": true,
        "none": .null, "list": [1, .number(2.5), "x"], "empty": [:], "nothing": [],
    ]

    @Test func rendersValidSortedJSON() throws {
        for pretty in [true, false] {
            let text = Self.sample.rendered(pretty: pretty)
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(parsed["name"] as? String == "a\"b\\c\n\t\u{01}é")
            #expect((parsed["ratio"] as? NSNumber)?.doubleValue == 0.1)
            #expect((parsed["big"] as? NSNumber)?.doubleValue == 1e-08)
            #expect((parsed["list"] as? [Any])?.count == 3)
            #expect(parsed["none"] is NSNull)
            let keys = ["big", "count", "empty", "flag", "list", "name", "none", "nothing", "ratio"]
            let positions = keys.compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
            #expect(positions == positions.sorted() && positions.count == keys.count)
        }
        #expect(Self.sample.rendered(pretty: false)
                == #"{"big":1e-08,"count":3,"empty":{},"flag":true,"list":[1,2.5,"x"],"name":"a\"b\\c\n\t\u0001é","none":null,"nothing":[],"ratio":0.1}"#)
        #expect(JSONValue.array([1, ["a": 2]]).rendered() == "[\n  1,\n  {\n    \"a\": 2\n  }\n]")
    }

    @Test func parsesIntegersNumbersAndPythonNaN() throws {
        let value = try JSONValue(parsing: Data(#"{"epoch": 3, "lr": 0.001, "loss": NaN, "ok": true, "xs": [1, -2.5e3]}"#.utf8),
                                  source: "state.json")
        #expect(value["epoch"] == 3)
        #expect(value["lr"] == .number(0.001))
        #expect(value["ok"] == true)
        // A whole number in exponent form reads as an integer.
        #expect(value["xs"] == [1, -2500])
        if case .number(let loss)? = value["loss"] { #expect(loss.isNaN) } else { Issue.record("NaN was not read as a number") }
        #expect(JSONValue.number(.nan).rendered() == "null")
    }

    @Test func invalidJSONIsOneLine() {
        let error = #expect(throws: CommandError.self) { try JSONValue(parsing: Data("{\"a\": ".utf8), source: "x.json") }
        #expect(error?.message.hasPrefix("x.json: not valid JSON (") == true)
        #expect(error?.message.contains("\n") == false)
    }

    @Test func compactForms() {
        #expect(JSONValue.string("adam").compact() == "adam")
        #expect(JSONValue([1, 2, 3]).compact() == "[1,2,3]")
        #expect(JSONValue.array(Array(repeating: 12345, count: 20)).compact() == "[20 items]")
        let object: JSONValue = .object(Dictionary(uniqueKeysWithValues: (0..<30).map { ("key\($0)", JSONValue($0)) }))
        #expect(object.compact().hasPrefix("{30 keys: key0, key1, key10, "))
        #expect(object.compact().hasSuffix(", …}"))
    }
}
