extension AsyncSequence {
    /// The first `count` elements (tf.data's `take`; the standard library's `prefix`).
    public func take(_ count: Int) -> AsyncPrefixSequence<Self> {
        require(count >= 0, "take: count must not be negative, got \(count)")
        return prefix(count)
    }
}
