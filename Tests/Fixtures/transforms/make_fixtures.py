"""Reference outputs of torchvision's functional transforms for Kiln's transform tests.

Run with the reference environment (torch 2.15, torchvision 0.29, Pillow 13):

    /tmp/kiln-ref/bin/python Tests/Fixtures/transforms/make_fixtures.py

It writes reference.json beside this script: {"meta": ..., "cases": {name: {"shape": [...],
"dtype": "uint8" | "float32", "base64": ...}}}, the elements' little-endian bytes in row-major
order, base64-encoded (exact and compact). Inputs are small fixed patterns (a 7 × 9 RGB
image, its grey and RGBA versions, and the float CHW tensors ToTensor makes of them), stored as
cases too, so the Swift tests read the exact inputs. Images ("pil_*" cases) go through
torchvision's PIL path and are HWC uint8; tensors ("t_*" cases) go through its tensor path and
are CHW float32.
"""

import base64
import json
import os

import numpy as np
import PIL
import torch
import torchvision
import torchvision.transforms.functional as F
from PIL import Image
from torchvision.transforms import InterpolationMode

H, W = 7, 9


def pattern_rgb():
    """A 7 x 9 RGB pattern with 0, 255, grey pixels (r = g = b) and every hue sector."""
    y, x, c = np.meshgrid(np.arange(H), np.arange(W), np.arange(3), indexing="ij")
    v = (y * 53 + x * 31 + c * 97 + (y * x) % 7 * 17) % 256
    v[0, 0] = [0, 0, 0]
    v[0, 1] = [255, 255, 255]
    v[1, 1] = [128, 128, 128]
    v[2, 3] = [255, 0, 0]
    v[3, 4] = [0, 255, 0]
    v[4, 5] = [0, 0, 255]
    v[5, 6] = [255, 255, 0]
    v[6, 7] = [200, 200, 10]
    v[6, 8] = [10, 200, 200]
    return v.astype(np.uint8)


def pattern_alpha():
    y, x = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
    a = (y * 41 + x * 67 + 13) % 256
    a[0, 2] = 0
    a[1, 2] = 255
    return a.astype(np.uint8)


cases = {}


def put(name, value):
    if isinstance(value, Image.Image):
        arr = np.array(value)
        if arr.ndim == 2:
            arr = arr[:, :, None]
        data = np.ascontiguousarray(arr, dtype=np.uint8).tobytes()
        cases[name] = {"shape": list(arr.shape), "dtype": "uint8", "base64": base64.b64encode(data).decode()}
    elif isinstance(value, torch.Tensor):
        t = value.detach().to(torch.float32).contiguous()
        data = t.numpy().astype("<f4").tobytes()
        cases[name] = {"shape": list(t.shape), "dtype": "float32", "base64": base64.b64encode(data).decode()}
    else:
        raise TypeError(type(value))


rgb_np = pattern_rgb()
rgb = Image.fromarray(rgb_np, "RGB")
gray = rgb.convert("L")
rgba = Image.fromarray(np.dstack([rgb_np, pattern_alpha()]), "RGBA")

put("pil_rgb", rgb)
put("pil_gray", gray)
put("pil_rgba", rgba)

t_rgb = F.to_tensor(rgb)
t_gray = F.to_tensor(gray)
put("t_rgb", t_rgb)  # also the to_tensor reference for the RGB image
put("t_gray", t_gray)
put("t_rgba", F.to_tensor(rgba))

# Normalize
put("t_normalize_rgb", F.normalize(t_rgb, mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]))
put("t_normalize_gray", F.normalize(t_gray, mean=[0.2860], std=[0.3530]))

# Crops, padding, flips (PIL path; the tensor path must give the same pixels)
put("pil_crop_inside", F.crop(rgb, 1, 2, 4, 5))
put("pil_crop_outside", F.crop(rgb, -2, 3, 5, 8))
put("t_crop_outside", F.crop(t_rgb, -2, 3, 5, 8))
put("pil_center_crop_5x5", F.center_crop(rgb, [5, 5]))
put("pil_center_crop_4x9", F.center_crop(rgb, [4, 9]))
put("pil_center_crop_10x12", F.center_crop(rgb, [10, 12]))
put("pil_center_crop_6x14", F.center_crop(rgb, [6, 14]))
put("t_center_crop_10x12", F.center_crop(t_rgb, [10, 12]))
put("pil_pad_constant", F.pad(rgb, [2, 1, 3, 0], fill=(10, 20, 30), padding_mode="constant"))
put("pil_pad_edge", F.pad(rgb, [2, 1, 3, 0], padding_mode="edge"))
put("pil_pad_reflect", F.pad(rgb, 3, padding_mode="reflect"))
put("pil_pad_symmetric", F.pad(rgb, [4, 2], padding_mode="symmetric"))
put("t_pad_constant", F.pad(t_rgb, [2, 1, 3, 0], fill=0.25, padding_mode="constant"))
put("t_pad_edge", F.pad(t_rgb, [2, 1, 3, 0], padding_mode="edge"))
put("t_pad_reflect", F.pad(t_rgb, 3, padding_mode="reflect"))
put("t_pad_symmetric", F.pad(t_rgb, [4, 2], padding_mode="symmetric"))
put("pil_hflip", F.hflip(rgb))
put("pil_vflip", F.vflip(rgb))

# Resize: PIL (always antialiased) and tensors (antialias off and on)
put("pil_resize_4x5", F.resize(rgb, [4, 5]))
put("pil_resize_12x17", F.resize(rgb, [12, 17]))
put("pil_resize_3x20", F.resize(rgb, [3, 20]))
put("pil_resize_short5", F.resize(rgb, 5))
put("pil_resize_gray_5x4", F.resize(gray, [5, 4]))
put("pil_resize_rgba_4x6", F.resize(rgba, [4, 6]))
for aa in (False, True):
    tag = "aa" if aa else "noaa"
    put(f"t_resize_4x5_{tag}", F.resize(t_rgb, [4, 5], antialias=aa))
    put(f"t_resize_12x17_{tag}", F.resize(t_rgb, [12, 17], antialias=aa))
    put(f"t_resize_3x20_{tag}", F.resize(t_rgb, [3, 20], antialias=aa))
    put(f"t_resize_short5_{tag}", F.resize(t_rgb, 5, antialias=aa))
# Large outputs take PyTorch's other bilinear kernel (height + width > 128).
put("t_resize_70x90_noaa", F.resize(t_rgb, [70, 90], antialias=False))
put("pil_resized_crop", F.resized_crop(rgb, 1, 2, 5, 6, [8, 8]))
put("t_resized_crop_noaa", F.resized_crop(t_rgb, 1, 2, 5, 6, [8, 8], antialias=False))
put("t_resized_crop_aa", F.resized_crop(t_rgb, 1, 2, 5, 6, [3, 3], antialias=True))

# Rotation
BIL, NEAR = InterpolationMode.BILINEAR, InterpolationMode.NEAREST
for angle in (30, -45, 90, 180, 137.5):
    name = str(angle).replace("-", "m").replace(".", "p")
    put(f"pil_rotate_bilinear_{name}", F.rotate(rgb, angle, interpolation=BIL))
    put(f"t_rotate_bilinear_{name}", F.rotate(t_rgb, angle, interpolation=BIL))
    put(f"pil_rotate_nearest_{name}", F.rotate(rgb, angle, interpolation=NEAR))
    put(f"t_rotate_nearest_{name}", F.rotate(t_rgb, angle, interpolation=NEAR))
put("pil_rotate_bilinear_30_fill", F.rotate(rgb, 30, interpolation=BIL, fill=[255, 0, 128]))
put("t_rotate_bilinear_30_fill", F.rotate(t_rgb, 30, interpolation=BIL, fill=[0.2, 0.5, 0.8]))
put("t_rotate_bilinear_30_fill0", F.rotate(t_rgb, 30, interpolation=BIL, fill=[0.0]))
put("t_rotate_nearest_30_fill", F.rotate(t_rgb, 30, interpolation=NEAR, fill=[0.2, 0.5, 0.8]))
put("pil_rotate_bilinear_30_center", F.rotate(rgb, 30, interpolation=BIL, center=[2, 3]))
put("t_rotate_bilinear_30_center", F.rotate(t_rgb, 30, interpolation=BIL, center=[2, 3]))
put("pil_rotate_nearest_m20_center", F.rotate(rgb, -20, interpolation=NEAR, center=[6, 1]))
put("pil_rotate_bilinear_rgba_30", F.rotate(rgba, 30, interpolation=BIL))
put("pil_rotate_bilinear_gray_m60", F.rotate(gray, -60, interpolation=BIL, fill=[77]))
put("t_rotate_bilinear_gray_m60", F.rotate(t_gray, -60, interpolation=BIL, fill=[0.3]))

# Grey
put("pil_grayscale_1", F.rgb_to_grayscale(rgb, 1))
put("pil_grayscale_3", F.rgb_to_grayscale(rgb, 3))
put("pil_grayscale_rgba", F.rgb_to_grayscale(rgba, 1))
put("t_grayscale_1", F.rgb_to_grayscale(t_rgb, 1))
put("t_grayscale_3", F.rgb_to_grayscale(t_rgb, 3))

# Colour
for factor in (0.0, 0.5, 1.7):
    name = str(factor).replace(".", "p")
    put(f"pil_brightness_{name}", F.adjust_brightness(rgb, factor))
    put(f"pil_contrast_{name}", F.adjust_contrast(rgb, factor))
    put(f"pil_saturation_{name}", F.adjust_saturation(rgb, factor))
    put(f"t_brightness_{name}", F.adjust_brightness(t_rgb, factor))
    put(f"t_contrast_{name}", F.adjust_contrast(t_rgb, factor))
    put(f"t_saturation_{name}", F.adjust_saturation(t_rgb, factor))
put("pil_contrast_gray_1p3", F.adjust_contrast(gray, 1.3))
put("t_contrast_gray_1p3", F.adjust_contrast(t_gray, 1.3))
put("pil_brightness_rgba_0p6", F.adjust_brightness(rgba, 0.6))
put("pil_contrast_rgba_0p6", F.adjust_contrast(rgba, 0.6))
put("pil_saturation_rgba_0p6", F.adjust_saturation(rgba, 0.6))
for factor in (0.2, -0.35, 0.5, -0.5, 0.01):
    name = str(factor).replace("-", "m").replace(".", "p")
    put(f"pil_hue_{name}", F.adjust_hue(rgb, factor))
    put(f"t_hue_{name}", F.adjust_hue(t_rgb, factor))

# Hue on many colours (every 17th value of each channel: 16^3 pixels as a 64 x 64 image).
levels = np.arange(0, 256, 17, dtype=np.uint8)
cube = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(64, 64, 3)
put("pil_cube", Image.fromarray(cube, "RGB"))
cube_t = torch.from_numpy(cube.copy()).permute(2, 0, 1).float() / 255
for factor in (0.13, -0.41):
    name = str(factor).replace("-", "m").replace(".", "p")
    put(f"t_hue_cube_{name}", F.adjust_hue(cube_t, factor))
    put(f"pil_hue_cube_{name}", F.adjust_hue(Image.fromarray(cube, "RGB"), factor))

meta = {
    "torch": torch.__version__,
    "torchvision": torchvision.__version__,
    "pillow": PIL.__version__,
    "numpy": np.__version__,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(path, "w") as f:
    json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {path} ({os.path.getsize(path)} bytes)")
