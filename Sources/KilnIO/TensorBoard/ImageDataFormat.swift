/// How the axes of an image tensor given to `SummaryWriter.addImage` are laid out (PyTorch's
/// `dataformats`).
public enum ImageDataFormat: String, Sendable, CaseIterable {
    /// [channels, height, width], what models and `ToTensor` produce: PyTorch's default.
    case chw = "CHW"
    /// [height, width, channels], the layout of decoded image files.
    case hwc = "HWC"
    /// [height, width], one grey channel.
    case hw = "HW"
}
