/// Library-wide settings and facts.
public enum Kiln {
    public static let version = "0.1.0"
}
