"""Reference values for the KilnData tabular, CSV, IDX and bundled-data tests.

Run from the repository root with NumPy, pandas and scikit-learn, e.g.
    /tmp/kiln-ref/bin/python Tests/Fixtures/tabular/make_tabular_literals.py
(pandas is not in /tmp/kiln-ref: a venv that sees its packages plus `pip install pandas` does).
Versions used: pandas 3.1.1, scikit-learn 1.9.1, NumPy 2.4.6.

Writes the small fixture files beside this script (CSV edge cases, big-endian IDX files) and
prints the literals the Swift tests hold.
"""
import gzip
import io
import os

import numpy as np
import pandas as pd
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "..", "..", "Sources", "KilnData", "Resources")
FASHION = "/usr/share/datasets/fashion-mnist"


def swift(values):
    return "[" + ", ".join(repr(float(v)) if isinstance(v, (float, np.floating)) else str(v) for v in values) + "]"


def section(title):
    print(f"\n// --- {title}")


# Fashion-MNIST: counts, first labels, pixel sums.
section("Fashion-MNIST")
for prefix in ["train", "t10k"]:
    with gzip.open(f"{FASHION}/{prefix}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(f"{FASHION}/{prefix}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    print(f"{prefix}: count {len(images)} labels {len(labels)}")
    print(f"{prefix} first labels: {swift(labels[:10])}")
    print(f"{prefix} first pixel sums: {swift(images[:10].reshape(10, -1).sum(axis=1, dtype=np.int64))}")
    print(f"{prefix} last label {labels[-1]}, last pixel sum {int(images[-1].sum(dtype=np.int64))}")
    print(f"{prefix} total pixel sum {int(images.sum(dtype=np.int64))}, label counts {swift(np.bincount(labels))}")
    print(f"{prefix} image 0 row 14: {swift(images[0, 14])}")

# Penguins.
section("Penguins")
raw = pd.read_csv(os.path.join(RESOURCES, "penguins.csv"))
print("shape", raw.shape, "dtypes", [str(t) for t in raw.dtypes])
print("missing per column", swift(raw.isna().sum()))
clean = raw.dropna()
print("dropna rows", len(clean), "dropna(how=all) rows", len(raw.dropna(how="all")),
      "dropna(subset=[bill_length_mm]) rows", len(raw.dropna(subset=["bill_length_mm"])))
print("first dropped rows (0-based)", [i for i in raw.index if i not in clean.index])

numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
scaler = StandardScaler().fit(clean[numeric])
print("StandardScaler mean", swift(scaler.mean_))
print("StandardScaler scale", swift(scaler.scale_))
print("StandardScaler var", swift(scaler.var_))
rows = [0, 1, 100, 332]
print("StandardScaler rows", rows, [swift(r) for r in scaler.transform(clean[numeric].iloc[rows])])
new = pd.DataFrame({"bill_length_mm": [50.0, 33.3], "bill_depth_mm": [14.2, 21.5],
                    "flipper_length_mm": [230.0, 172.0], "body_mass_g": [6000.0, 2700.0],
                    "island": ["Dream", "Atlantis"], "sex": ["female", "male"]})
print("StandardScaler new rows", [swift(r) for r in scaler.transform(new[numeric])])

minmax = MinMaxScaler(feature_range=(-1, 1)).fit(clean[numeric])
print("MinMaxScaler(-1,1) data_min", swift(minmax.data_min_), "data_max", swift(minmax.data_max_))
print("MinMaxScaler(-1,1) scale", swift(minmax.scale_), "min", swift(minmax.min_))
print("MinMaxScaler(-1,1) new rows", [swift(r) for r in minmax.transform(new[numeric])])

encoder = OneHotEncoder(handle_unknown="ignore").fit(clean[["island", "sex"]])
print("OneHotEncoder categories", [list(c) for c in encoder.categories_])
print("OneHotEncoder names", list(encoder.get_feature_names_out()))
print("OneHotEncoder rows", rows, [swift(r) for r in encoder.transform(clean[["island", "sex"]].iloc[rows]).toarray()])
print("OneHotEncoder new rows (ignore)", [swift(r) for r in encoder.transform(new[["island", "sex"]]).toarray()])
raw_encoder = OneHotEncoder().fit(raw[["sex"]])
print("OneHotEncoder on raw sex (with missing)", [list(c) for c in raw_encoder.categories_], list(raw_encoder.get_feature_names_out()))

labels = LabelEncoder().fit(clean["species"])
print("LabelEncoder classes", list(labels.classes_), "first/100th/last codes",
      labels.transform(clean["species"].iloc[[0, 100, 332]]))

from sklearn.model_selection import train_test_split
train, test = train_test_split(clean, test_size=0.2, random_state=0, stratify=clean["species"])
print("train_test_split(test_size=0.2, stratify=species) sizes", len(train), len(test),
      "class counts train", train["species"].value_counts().sort_index().tolist(),
      "test", test["species"].value_counts().sort_index().tolist())

section("fillna against pandas on the raw table")
for column in ["bill_length_mm", "body_mass_g"]:
    print(column, "mean", repr(raw[column].mean()), "median", repr(raw[column].median()),
          "mode", repr(raw[column].mode().iloc[0]))
print("sex mode", raw["sex"].mode().tolist(), "value counts", raw["sex"].value_counts().to_dict())
print("row 3 filled with means", raw.fillna(raw[numeric].mean()).iloc[3][numeric].tolist())

# Digits.
section("Digits")
digits = pd.read_csv(os.path.join(RESOURCES, "digits.csv.gz"), header=None)
x, y = digits.iloc[:, :64].to_numpy(), digits.iloc[:, 64].to_numpy()
print("shape", x.shape, "dtypes", set(str(t) for t in digits.dtypes), "min", x.min(), "max", x.max())
print("first labels", swift(y[:10]), "label counts", swift(np.bincount(y)))
print("pixel sum", int(x.sum()), "first row", swift(x[0]))

# CSV edge cases: files written here, with what pandas reads from them.
section("CSV edge cases")
cases = {
    "quoted.csv": b'name,comment,score,flag\n"Smith, J","said ""hi""",1.5,True\nplain,"line1\nline2",2,False\n'
                  b'"","NA",,true\nx,"y, ""z"" ",3e2,FALSE\n',
    "crlf_bom.csv": b'\xef\xbb\xbfa,b,c\r\n1,x,-0.5\r\n2,"y\r\nz",N/A\r\n\r\n3,w,1e-3',
    "missing.csv": b"id,value,label\n1,NA,a\n2,n/a,NULL\n3,,b\n4,nan,None\n5,-nan,#N/A\n6,7,<NA>\n",
    "semicolon.csv": "ville;temp\u00e9rature;note\nZ\u00fcrich;-3.25;\"a;b\"\nK\u00f8benhavn;4;\n".encode(),
}
for name, data in cases.items():
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    frame = pd.read_csv(io.BytesIO(data), sep=";" if name == "semicolon.csv" else ",")
    print(name, "columns", list(frame.columns), "dtypes", [str(t) for t in frame.dtypes])
    for column in frame.columns:
        print("   ", column, [None if pd.isna(v) else v for v in frame[column].tolist()])

# IDX files of every element type, big-endian, written with NumPy.
section("IDX fixtures")
arrays = {
    "uint8.idx": (0x08, np.arange(24, dtype=">u1").reshape(2, 3, 4) * 10),
    "int8.idx": (0x09, np.array([-128, -1, 0, 1, 127], dtype=">i1")),
    "int16.idx": (0x0B, np.array([[-32768, -2], [300, 32767]], dtype=">i2")),
    "int32.idx": (0x0C, np.array([-2147483648, -70000, 0, 2147483647], dtype=">i4")),
    "float32.idx": (0x0D, np.array([[1.5, -0.25, 3.4028235e38], [1e-45, 0.1, -7.0]], dtype=">f4")),
    "float64.idx": (0x0E, np.array([np.pi, -1e300, 5e-324], dtype=">f8")),
}
for name, (code, array) in arrays.items():
    header = bytes([0, 0, code, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    data = header + array.tobytes()
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    print(name, array.shape, swift(array.reshape(-1).astype(np.float64)))
with gzip.GzipFile(os.path.join(HERE, "uint8.idx.gz"), "wb", mtime=0) as f:
    f.write(open(os.path.join(HERE, "uint8.idx"), "rb").read())

# Small tables for the preprocessing unit tests: missing values, a constant column, ties.
section("small preprocessing cases")
from sklearn.impute import SimpleImputer

small = pd.DataFrame({"a": [1.0, 2.0, 4.0, np.nan], "b": [10.0, np.nan, 30.0, 20.0], "c": [5.0, 5.0, 5.0, 5.0]})
s = StandardScaler().fit(small)
print("StandardScaler mean", swift(s.mean_), "scale", swift(s.scale_), "var", swift(s.var_))
print("StandardScaler transform", [swift(r) for r in s.transform(small)])
m = MinMaxScaler().fit(small)
print("MinMaxScaler scale", swift(m.scale_), "min", swift(m.min_), "transform", [swift(r) for r in m.transform(small)])
ties = pd.DataFrame({"n": [3.0, 1.0, 3.0, 1.0, np.nan, 2.0], "s": ["b", "a", None, "b", "a", "c"]})
for strategy in ["mean", "median", "most_frequent"]:
    imputer = SimpleImputer(strategy=strategy).fit(ties[["n"]])
    print("SimpleImputer", strategy, "n ->", imputer.statistics_)
print("SimpleImputer most_frequent s ->", SimpleImputer(strategy="most_frequent").fit(ties[["s"]].astype(object)).statistics_)
