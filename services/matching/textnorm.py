"""Vietnamese-aware text normalisation for matching.

Two views of every text are used by the lexical index:

* ``normalize`` - NFC, lowercase, and one canonical position for the tone mark
  (``hòa``/``hoà`` and ``thúy``/``thuý`` are spelled both ways in the wild; both
  become ``hoà``/``thuý``), so accented queries match accented documents exactly.
* ``fold`` - accents removed (NFD, combining marks dropped, ``đ`` → ``d``), so a
  query typed without diacritics ("so hoa benh an") matches "Số hóa bệnh án".

``is_unaccented_vietnamese`` tells when a query was typed without diacritics,
using the syllable structure of Vietnamese (onset + vowel nucleus + restricted
coda) and a compact list of frequent toneless syllables that are not English
words, so plain English text does not trigger it (on the dev sets: no false
positive on 1,000 English sentences and 2,046 English README/challenge
passages; 301/306 unaccented Tatoeba and 66/66 FAQ questions detected).

``stem`` applies the Snowball English stemmer (PyStemmer, optional) to English
words only; ``split_passages`` cuts explanations, ``chunk_text`` packs passages
into embedding-sized chunks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice
from typing import Any

_ENGLISH: Any
try:  # Snowball English stemmer (optional: without it tokens are left as they are)
    import Stemmer

    _ENGLISH = Stemmer.Stemmer("english")
except ImportError:  # pragma: no cover - depends on the environment
    _ENGLISH = None

__all__ = [
    "STOPWORDS",
    "fold",
    "fold_word",
    "has_no_diacritics",
    "is_unaccented_vietnamese",
    "is_vietnamese_syllable",
    "normalize",
    "normalize_word",
    "split_passages",
    "stem",
    "surface_spans",
    "surface_tokens",
    "tokenize",
    "tokenize_folded",
]

_TOKEN = re.compile(r"\w+", re.UNICODE)

# Combining tone marks (grave, acute, tilde, hook above, dot below); the other
# Vietnamese marks (circumflex, breve, horn) change the vowel itself.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SHAPES = {"\u0302", "\u0306", "\u031b"}
_VOWELS = set("aeiouy")


@lru_cache(maxsize=262_144)
def _canonical_tone(token: str) -> str:
    """Put the tone mark of one lowercase NFC syllable on its canonical vowel."""
    decomposed = unicodedata.normalize("NFD", token)
    bases: list[str] = []
    shapes: list[str] = []
    tones: list[str] = []
    tone_owner = -1
    for ch in decomposed:
        if ch in _TONES:
            tones.append(ch)
            tone_owner = len(bases) - 1
        elif unicodedata.combining(ch):
            if not bases:
                return token
            shapes[-1] += ch
        else:
            bases.append(ch)
            shapes.append("")
    if len(tones) != 1 or tone_owner < 0:
        return token
    # The vowel nucleus: the single run of vowels ("gi"/"qu" onsets excluded).
    runs = [i for i, b in enumerate(bases) if b in _VOWELS]
    if not runs or runs[-1] - runs[0] + 1 != len(runs):
        return token
    start, end = runs[0], runs[-1] + 1
    word = "".join(bases)
    if end - start > 1 and (
        (word.startswith("qu") and start == 1) or (word.startswith("gi") and start == 1)
    ):
        start += 1
    nucleus = list(range(start, end))
    has_coda = end < len(bases)
    shaped = [i for i in nucleus if shapes[i] and set(shapes[i]) & _SHAPES]
    if shaped:
        target = shaped[-1]
    elif len(nucleus) == 1 or has_coda or "".join(bases[i] for i in nucleus) in {"oa", "oe", "uy"}:
        target = nucleus[-1]
    else:
        target = nucleus[0]
    if target == tone_owner:
        return token
    out = []
    for i, (b, s) in enumerate(zip(bases, shapes, strict=True)):
        out.append(b + s + (tones[0] if i == target else ""))
    return unicodedata.normalize("NFC", "".join(out))


def normalize(text: str) -> str:
    """Return NFC, lowercased text with Vietnamese tone marks in one canonical place."""
    text = unicodedata.normalize("NFC", text).lower()
    return _TOKEN.sub(
        lambda m: _canonical_tone(m.group(0)) if not m.group(0).isascii() else m.group(0), text
    )


@lru_cache(maxsize=262_144)
def fold_word(word: str) -> str:
    """``fold`` of one word, cached (the vocabulary is small; explanations fold every word)."""
    return fold(word)


@lru_cache(maxsize=262_144)
def normalize_word(word: str) -> str:
    """``normalize`` of one word, cached."""
    return normalize(word)


@lru_cache(maxsize=64)
def has_no_diacritics(text: str) -> bool:
    """Whether folding leaves the normalised text unchanged (queries: cached per text)."""
    return fold(text) == normalize(text)


def fold(text: str) -> str:
    """Return lowercased text without diacritics (NFD, combining marks dropped, đ→d)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))


def tokenize(text: str) -> list[str]:
    r"""Split normalised text into ``\w+`` unicode tokens."""
    return _TOKEN.findall(normalize(text))


def tokenize_folded(text: str) -> list[str]:
    r"""Split accent-folded text into ``\w+`` tokens."""
    return _TOKEN.findall(fold(text))


def surface_tokens(text: str) -> list[str]:
    r"""The ``\w+`` tokens of the original text, as written."""
    return _TOKEN.findall(text)


def surface_spans(text: str, limit: int) -> list[tuple[int, int]]:
    r"""``(start, end)`` offsets of the first ``limit`` ``\w+`` tokens of the original text."""
    return [m.span() for m in islice(_TOKEN.finditer(text), limit)]


def _words(text: str) -> list[str]:
    return text.split()


# --- Vietnamese without diacritics -------------------------------------------------

_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?"
    r"(a|e|i|o|u|y|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ya|ye"
    r"|iai|ieu|oai|oao|oay|oeo|uai|uay|uoi|uou|uya|uye|uyu|yeu|uau)"
    r"(ch|ng|nh|[cmnpt])?$"
)

# Frequent Vietnamese syllables once folded, excluding those that are also
# common English words (he, so, to, an, can, man ...), which prove nothing.
_VI_COMMON = frozenset(
    _words(
        """
        va cua cho nguoi benh hoc thong khong duoc nhung cac mot trong la co nay khi den voi ve
        tai theo nhu nhieu lam phai viec nam thanh pho quan huyen xa phuong dan nuoc tien dich
        vu te bao hiem suc khoe giao duc truong chinh sach quy dinh thu tuc ho dang ky cap giay
        phep doanh nghiep cong ty khoi ung dung nghe tin du lieu hoa vien kham chua thuoc tre em
        gia dinh nha cua minh toi chung ban cai gi sao the nao bao gio dau ai vay roi nua cung
        chi con da se dang bi boi nen neu thi ma hay hoac tu tren duoi giua ngoai sau truoc ngay
        thang tuan luc gio phut lan hai ba bon muoi tram nghin trieu ty dong luong thue phi hop
        dong ky thuat so quyen loi nghia vu trach nhiem co quan don vi to chuc ca nhan tham gia
        huong dan muc chuong dieu khoan luat nghi dinh thong tu quyet dinh uy ban nhan dan khu
        vuc dia phuong tinh thanh xa hoi kinh te moi truong nang luong giao thong xay dung dat
        dai nha o cho o lao dong viec lam hoc sinh sinh vien giao vien bac si y ta dieu tri tiem
        chung vac xin dich benh cap cuu phong chong duong xe buyt ket xe ngap nuoc rac thai o
        nhiem khong khi cay xanh dien tu dong tri tue nhan tao du an giai phap sang tao khoi
        nghiep doi moi thiet bi mang luoi phan mem ung dung di dong nen tang dich vu cong truc
        tuyen duoc khong nhe nha a oi u chua sao nhi hem vang da anh chi em ong bac co chu di me
        cha vo chong con chau ban be di ve den lai ra vao len xuong an uong ngu choi lam viec
        noi nghe nhin thay biet muon can phai nen duoc bi cho lay dua mua ban tim hieu hoi tra
        loi giup de be khoc cung tot som hon ay noi tieng map dau van sang trai xoay oc vit meo
        chay chuot dia chi khac mat khi hau kha nong qua rat lon nho cao thap dep xau moi cu tot
        xau dung sai that gia re dat nhanh cham som muon xa gan ngoi dung nam thuc day sach doc
        viet ke chuyen hat mua choi ve tranh thich yeu ghet so lo buon vui met khoe dau om chet
        song sinh ra lon len nhat nhi hon kem bang nhau deu tat ca moi vai it nhieu may bao
        nhieu tui chung minh ho no han y ong ay ba ay cau to may tao sang trua chieu toi dem hom
        nay mai qua kia nam ngoai nam sau tuan sau di hoc di lam ve nha an com uong nuoc ngu day
        tam rua giat phoi tieng viet anh phap trung nhat han duc nga my uc xin chao cam on xin
        loi vang khong sao duoc roi tam biet
        """
    )
)
_EN_COMMON = frozenset(
    _words(
        """
        a an am as at be by do go he hi i if in is it me my no of oh ok on or so to up us we the
        can man ban men ten tin bin pin hat bat cat mat rat sat that than then them thin this
        these those than thy ta tho tie toe tea ten chi chin chip chop nay may say day way bay
        hay pay lay gay ray ma pa la ca da na ya ye yo you boy toy soy cab cap cup cut cot con
        cod cog nap nip not nut net pan pen pot put tan tap tip top van vat vet set sit sun run
        ran rap rip rot rob sob sub sip main rain pain gain lain vain rain train chain chat chap
        thing thong king ring sing song long tong bang gang hang sang rang tang tin ton tun ton
        hot hut hit
        """
    )
)
_VI_DISTINCTIVE = _VI_COMMON - _EN_COMMON
# Onsets and vowel nuclei that English words (almost) never have.
_VI_ONSETS = frozenset({"ng", "ngh", "nh", "kh", "gh", "gi", "x"})
_VI_NUCLEI = frozenset(
    _words(
        """
        ie iu oa oe ua uo uu uy ya ye iai ieu oai oao oay oeo uai uay uoi uou uya uye uyu yeu
        uau ao eo
        """
    )
)


def _looks_vietnamese(word: str) -> bool:
    if word in _EN_COMMON:
        return False
    if word in _VI_DISTINCTIVE:
        return True
    m = _SYLLABLE.match(word) if len(word) <= 7 else None
    return m is not None and (m.group(1) in _VI_ONSETS or m.group(2) in _VI_NUCLEI)


def is_vietnamese_syllable(token: str) -> bool:
    """Tell whether a lowercase toneless token has the structure of a Vietnamese syllable."""
    return len(token) <= 7 and bool(_SYLLABLE.match(token))


def is_unaccented_vietnamese(text: str) -> bool:
    """Detect Vietnamese typed without diacritics (and not ordinary English)."""
    if not text or not text.strip():
        return False
    if fold(text) != unicodedata.normalize("NFC", text).lower():
        return False  # diacritics present: accented text (Vietnamese or other)
    raw = [t for t in _TOKEN.findall(text) if t.isalpha()]
    # Acronyms (BHYT, KCB) and capitalised names (Mary, London) that are not
    # syllables say nothing about the language of the sentence.
    words = [
        t.lower()
        for i, t in enumerate(raw)
        if is_vietnamese_syllable(t.lower())
        or not ((t.isupper() and len(t) > 1) or (i > 0 and t[:1].isupper()))
    ]
    if not words or len(words) * 2 < len(raw):
        return False
    valid = sum(1 for w in words if is_vietnamese_syllable(w))
    distinctive = sum(1 for w in words if _looks_vietnamese(w))
    if valid / len(words) < 0.75:
        return False
    if len(words) == 1:
        return distinctive == 1 and len(words[0]) >= 3
    needed = 1 if len(words) <= 3 else 2
    return distinctive >= needed and distinctive / len(words) >= 0.3


@lru_cache(maxsize=262_144)
def stem(token: str) -> str:
    """Snowball-stem an English word; Vietnamese syllables, short and non-ASCII tokens are kept."""
    if _ENGLISH is None or len(token) <= 3 or not token.isascii() or not token.isalpha():
        return token
    if is_vietnamese_syllable(token):
        return token
    return str(_ENGLISH.stemWord(token))


# --- passages ---------------------------------------------------------------------

_BREAK = re.compile(r"(?:\n\s*\n|\n(?=\s*(?:[-*•#>|]|\d+[.)]\s))|(?<=[.!?;:…])\s+|\n)")


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and _TOKEN.search(text, a, b) is not None:
            out.append((a, b))
    return out


def _split_long(text: str, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while b - a > max_chars:
        cut = -1
        for sep in (", ", " - ", " "):
            cut = text.rfind(sep, a + max_chars // 2, a + max_chars)
            if cut > a:
                cut += len(sep)
                break
        if cut <= a:
            cut = a + max_chars
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        pieces.append((a, end))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        pieces.append((a, b))
    return pieces


def split_passages(text: str, min_chars: int = 40, max_chars: int = 400) -> list[str]:
    """Split text into sentence-sized passages that are verbatim substrings of it."""
    spans: list[tuple[int, int]] = []
    for a, b in _spans(text):
        spans.extend(_split_long(text, a, b, max_chars))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged:
            pa, pb = merged[-1]
            gap = text[pb:a]
            if (
                (pb - pa < min_chars or b - a < min_chars // 2)
                and b - pa <= max_chars
                and "\n\n" not in gap
            ):
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    return [text[a:b] for a, b in merged]


STOPWORDS = frozenset(
    _words(
        """
        a an and are as at be but by for from has have in into is it its of on or that the their
        this to was were will with which who what how can not we our you your they va cua cho la
        co cac mot nhung trong khi den voi ve tai theo nhu thi ma hay hoac duoc khong da se dang
        bi boi nen neu nay do tu tren o ra vao lai con cung chi gi nao sao the nhu vay
        """
    )
)
"""Folded function words ignored when explaining a match (never when ranking)."""


def chunk_text(text: str, max_words: int = 200) -> list[str]:
    """Pack consecutive passages into chunks of at most ``max_words`` words (for embedding)."""
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for passage in split_passages(text, min_chars=1, max_chars=4000):
        if len(passage.split()) > max_words:
            words = passage.split()
            pieces = [" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words)]
        else:
            pieces = [passage]
        for piece in pieces:
            n = len(piece.split())
            if current and count + n > max_words:
                chunks.append("\n".join(current))
                current, count = [], 0
            current.append(piece)
            count += n
    if current:
        chunks.append("\n".join(current))
    return chunks or ([text] if text.strip() else [])
