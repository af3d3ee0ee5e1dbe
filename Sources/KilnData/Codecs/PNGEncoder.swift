import Kiln
import KilnIO

extension PNG {
    /// How the encoder filters rows before compression (`.none`, or `.adaptive` as libpng does).
    public typealias Filtering = PNGWriter.Filtering

    /// The PNG file of `image`: grey, grey + alpha, RGB or RGBA by its channel count, 8 bits per
    /// sample for uint8 pixels and 16 bits for int32 pixels (which must lie in 0…65535).
    /// `compressionLevel` is zlib's 0 (stored) … 9 (smallest). KilnIO's `PNGWriter` does the work.
    public static func encode(_ image: Image, filtering: Filtering = .adaptive, compressionLevel: Int = 6) -> [UInt8] {
        PNGWriter.encode(pixels: image.pixels, filtering: filtering, compressionLevel: compressionLevel)
    }
}
