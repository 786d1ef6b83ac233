"""Vietnamese-aware normalisation: folding, tokens, unaccented detection, passages."""

from __future__ import annotations

import unicodedata

import pytest

from services.matching import textnorm


def test_fold_removes_vietnamese_diacritics() -> None:
    assert textnorm.fold("Số hóa hồ sơ bệnh án") == "so hoa ho so benh an"


def test_fold_maps_d_with_stroke_to_d() -> None:
    assert textnorm.fold("Đà Nẵng đường") == "da nang duong"


def test_fold_handles_decomposed_input() -> None:
    assert textnorm.fold(unicodedata.normalize("NFD", "Bệnh viện")) == "benh vien"


def test_normalize_is_nfc_lowercase() -> None:
    text = unicodedata.normalize("NFD", "BỆNH ÁN")
    out = textnorm.normalize(text)
    assert out == "bệnh án"
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(("old", "new"), [("hòa", "hoà"), ("thúy", "thuý"), ("khỏe", "khoẻ")])
def test_normalize_unifies_old_and_new_tone_placement(old: str, new: str) -> None:
    assert textnorm.normalize(old) == textnorm.normalize(new)


def test_normalize_keeps_tone_on_marked_vowel() -> None:
    assert textnorm.normalize("Quốc người giữa") == "quốc người giữa"


def test_tokenize_splits_on_non_word_characters() -> None:
    assert textnorm.tokenize("Hồ sơ, bệnh-án (2024)!") == ["hồ", "sơ", "bệnh", "án", "2024"]


def test_tokenize_folded() -> None:
    assert textnorm.tokenize_folded("Hồ sơ bệnh án") == ["ho", "so", "benh", "an"]


def test_unaccented_vietnamese_detected() -> None:
    assert textnorm.is_unaccented_vietnamese("so hoa ho so benh an tai benh vien quan")


@pytest.mark.parametrize(
    "text",
    [
        "Toi muon dang ky kinh doanh",
        "BHYT la gi?",
        "ung dung AI cho benh vien",
        "Hom qua anh ay di ngu hoi 11 gio.",
    ],
)
def test_unaccented_vietnamese_detected_in_short_and_mixed_queries(text: str) -> None:
    assert textnorm.is_unaccented_vietnamese(text)


@pytest.mark.parametrize(
    "text",
    [
        "digitise hospital medical records",
        "He can go to the bank",
        "to be or not to be",
        "The man ran to the van",
        "smart city traffic",
        "An Endocrine Society Scientific Statement. Endocr Rev. 2009 Jun; 30(4): 293-342. doi:",
    ],
)
def test_unaccented_vietnamese_not_fired_by_english(text: str) -> None:
    assert not textnorm.is_unaccented_vietnamese(text)


def test_unaccented_vietnamese_not_fired_by_accented_vietnamese() -> None:
    assert not textnorm.is_unaccented_vietnamese("Số hóa hồ sơ bệnh án tại bệnh viện quận")


@pytest.mark.parametrize("text", ["", "   ", "123 456", "!!!"])
def test_unaccented_vietnamese_false_without_words(text: str) -> None:
    assert not textnorm.is_unaccented_vietnamese(text)


def test_vietnamese_syllable_structure() -> None:
    for word in ("nguyen", "khuyen", "truong", "nghieng", "quan", "gi"):
        assert textnorm.is_vietnamese_syllable(word), word
    for word in ("hospital", "street", "fjord", "records", "bank"):
        assert not textnorm.is_vietnamese_syllable(word), word


def test_stem_touches_english_only() -> None:
    assert textnorm.stem("benh") == "benh"
    assert textnorm.stem("nguoi") == "nguoi"
    assert textnorm.stem("bệnh") == "bệnh"
    if textnorm._ENGLISH is not None:
        assert textnorm.stem("constraints") == textnorm.stem("constraint")


def test_split_passages_returns_verbatim_substrings() -> None:
    text = (
        "## Overview\n\nSố hóa hồ sơ bệnh án tại bệnh viện quận. Người dân tra cứu kết quả trực tuyến!\n"
        "- Bullet one is here\n- Bullet two is also here; with more words after the semicolon.\n\n"
        + "Một câu rất dài "
        * 60
    )
    passages = textnorm.split_passages(text)
    assert len(passages) >= 3
    for p in passages:
        assert p and p in text
        assert p == p.strip()
        assert len(p) <= 400


def test_split_passages_empty_text() -> None:
    assert textnorm.split_passages("") == []
    assert textnorm.split_passages("  \n ") == []


def test_chunk_text_respects_word_budget() -> None:
    text = " ".join(f"word{i}." for i in range(1000))
    chunks = textnorm.chunk_text(text, max_words=200)
    assert all(len(c.split()) <= 200 for c in chunks)
    assert sum(len(c.split()) for c in chunks) == 1000
