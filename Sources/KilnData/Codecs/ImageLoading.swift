import KilnIO

extension Image {
    /// Decodes PNG or JPEG bytes, recognised by their signature (like torchvision's
    /// `decode_image`); anything else throws an `ImageDecodingError` of kind `.unsupported`.
    public static func decode(_ bytes: [UInt8], source: String = "image data") throws -> Image {
        if bytes.starts(with: PNGChunks.signature) { return try PNG.decode(bytes, source: source) }
        if bytes.starts(with: [0xFF, 0xD8]) { return try JPEG.decode(bytes, source: source) }
        throw ImageDecodingError(.unsupported, source: source, offset: 0, reason: "neither a PNG nor a JPEG file (unknown signature)")
    }

    /// Reads and decodes the PNG or JPEG file at `path` (like torchvision's `read_image` or
    /// `PIL.Image.open`): `FileError` when it cannot be read, `ImageDecodingError` when it is not
    /// a valid image.
    public static func load(_ path: String) throws -> Image {
        try decode(InputFile.readAll(path), source: path)
    }
}
