import Kiln

/// Splits the rows of `table` at random into a training and a test table, reproducibly for a
/// given `seed` (scikit-learn's `train_test_split`): the test table gets ⌈testFraction · rows⌉
/// rows. With `stratify`, each class of that column keeps its share in both parts (within one
/// row, allotted as scikit-learn's `StratifiedShuffleSplit`). Rows come out in shuffled order.
///
/// Throws when a part would be empty, or when stratifying on a column with missing values or a
/// class of fewer than 2 rows.
public func trainTestSplit(_ table: Table, testFraction: Double, seed: UInt64, stratify: String? = nil) throws
    -> (train: Table, test: Table)
{
    require(testFraction > 0 && testFraction < 1, "trainTestSplit: testFraction must be in (0, 1), got \(testFraction)")
    let n = table.rowCount
    let testCount = Int((testFraction * Double(n)).rounded(.up))
    let trainCount = n - testCount
    guard trainCount > 0 && testCount > 0 else {
        throw PreprocessingError(step: "trainTestSplit", kind: .invalidSplit(
            "\(n) rows with testFraction \(testFraction) leave \(trainCount) training and \(testCount) test rows; both need at least one"))
    }
    var generator = RandomGenerator(seed: seed)
    guard let stratify else {
        var order = Array(0..<n)
        generator.shuffle(&order)
        return (table.rows(Array(order[testCount...])), table.rows(Array(order[..<testCount])))
    }

    // Group the rows by class, in sorted class order.
    let column = try table.column(stratify, for: "trainTestSplit").column
    var groups: [Table.Value: [Int]] = [:]
    for row in 0..<n {
        if column.isMissing(at: row) {
            throw PreprocessingError(step: "trainTestSplit", kind: .missingValue(column: stratify, row: row))
        }
        groups[column[row], default: []].append(row)
    }
    let classes = groups.keys.sorted(by: Table.Value.sortedOrder)
    let counts = classes.map { groups[$0]!.count }
    if let k = counts.firstIndex(where: { $0 < 2 }) {
        throw PreprocessingError(step: "trainTestSplit", kind: .invalidSplit(
            "class \(PreprocessingError.quoted(classes[k])) of column '\(stratify)' has \(counts[k]) row; stratifying needs at least 2 per class"))
    }
    guard testCount >= classes.count && trainCount >= classes.count else {
        throw PreprocessingError(step: "trainTestSplit", kind: .invalidSplit(
            "a stratified split of \(classes.count) classes needs at least \(classes.count) rows in each part, got \(trainCount) training and \(testCount) test rows"))
    }
    let trainShares = approximateMode(counts: counts, draws: trainCount, using: &generator)
    let testShares = approximateMode(counts: zip(counts, trainShares).map { $0 - $1 }, draws: testCount, using: &generator)
    var train: [Int] = [], test: [Int] = []
    for (k, label) in classes.enumerated() {
        var rows = groups[label]!
        generator.shuffle(&rows)
        train += rows[..<trainShares[k]]
        test += rows[trainShares[k]..<(trainShares[k] + testShares[k])]
    }
    generator.shuffle(&train)
    generator.shuffle(&test)
    return (table.rows(train), table.rows(test))
}

/// How many of `draws` rows each class gets when drawing in proportion to `counts`
/// (scikit-learn's `_approximate_mode`): the floors of the exact shares, then one more for the
/// classes with the largest remainders (ties in random order), never more than a class has.
func approximateMode(counts: [Int], draws: Int, using generator: inout RandomGenerator) -> [Int] {
    let total = Double(counts.reduce(0, +))
    let exact = counts.map { Double(draws) * Double($0) / total }
    var shares = exact.map { Int($0.rounded(.down)) }
    var left = draws - shares.reduce(0, +)
    let remainders = zip(exact, shares).map { $0 - Double($1) }
    // Distinct remainders from the largest; classes tied on one remainder are taken in random order.
    for value in Set(remainders).sorted(by: >) where left > 0 {
        var tied = remainders.indices.filter { remainders[$0] == value }
        generator.shuffle(&tied)
        for k in tied where left > 0 && shares[k] < counts[k] {
            shares[k] += 1
            left -= 1
        }
    }
    return shares
}
