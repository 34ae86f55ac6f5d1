"""Bytes to text: detect the encoding, refuse what is not text. Pure, no I/O."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from etl.errors import Rejected

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"DUCK", "DuckDB database"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Plausible characters of a Chinese or English web page.
_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2e80-\u2fdf\u3400-\u4dbf]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


# Single-byte code pages whose letters are not Latin: a guess of one of them is kept.
_NON_LATIN = frozenset({"cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic", "cp855",
                        "cp1253", "iso8859_7", "cp737", "cp1255", "iso8859_8", "cp862", "cp1256",
                        "iso8859_6", "cp864", "cp874", "tis_620", "iso8859_11"})
# Multi-byte encodings: the detector's guess is specific enough to keep.
_MULTI_BYTE = ("big5", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "johab", "iso2022",
               "hz", "utf_16", "utf_32", "utf_7", "gbk", "gb2312", "gb18030")


def _fallback_order(guess: str | None) -> list[str]:
    """Encodings to try, in order, once UTF-8 and GB18030 have failed.

    For text in Latin letters the detector's pick among the many single-byte code pages is a
    coin toss: a latin-1 page came back as cp775 or cp1250 (``crème`` read as ``crčme``).
    Pages in Latin letters that are not UTF-8 are overwhelmingly windows-1252 (a superset
    of latin-1's printable characters), so that is preferred; a multi-byte or non-Latin
    guess (Big5, Shift-JIS, Cyrillic) is kept.
    """
    if guess and (guess.startswith(_MULTI_BYTE) or guess in _NON_LATIN):
        return [guess]   # Latin mojibake of such text must not pass as a page
    return ["cp1252", "latin-1"]


def _plausibility(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 1.0
    return len(_PLAUSIBLE.findall(sample)) / len(sample)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` or raise :class:`Rejected` (empty, binary, undecodable)."""
    if not data:
        raise Rejected("empty_file", "the file is empty (0 bytes)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise Rejected("binary_file", f"this is a {what}, not a text or HTML page")
    # FF FE 00 00 is both UTF-32-LE's mark and UTF-16-LE's mark before a NUL: try every mark the
    # bytes start with, longest first, before calling the file undecodable.
    first_error: UnicodeDecodeError | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                first_error = first_error or exc
                continue
            return _check_text(Decoded(text, enc))
    if first_error is not None:
        enc, exc = first_error.encoding, first_error
        raise Rejected("undecodable", f"starts with a {enc} byte-order mark but does not decode as {enc}: "
                                      f"{exc.reason} at byte {exc.start}") from exc
    head = data[:65536]
    if head.count(b"\x00") > max(2, len(head) // 100):
        utf16 = _utf16_without_bom(data, head)
        if utf16 is not None:
            return utf16
        nuls = head.count(b"\x00")
        raise Rejected("binary_file", f"contains NUL bytes ({nuls} in the first {len(head)} bytes): not a text file")
    try:
        return _check_text(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    # A few bad bytes in otherwise UTF-8 text: keep the text, say so.
    if bad <= max(3, len(data) // 1000) and _plausibility(replaced) > 0.9:
        return _check_text(Decoded(replaced, "utf-8", (f"{bad} undecodable byte(s) replaced with U+FFFD",)))
    try:
        text = data.decode("gb18030")
        if _plausibility(text) > 0.9 and not _latin_mojibake(text):
            return _check_text(Decoded(text, "gb18030"))
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:2_000_000]).best()
    except Exception:  # detection is best effort
        best = None
    for encoding in _fallback_order(best.encoding if best is not None else None):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausibility(text) > 0.9:
            return _check_text(Decoded(text, encoding, (f"encoding guessed as {encoding}",)))
    raise Rejected("undecodable", f"not valid UTF-8 ({bad} bad byte sequences), GB18030 or any encoding we could detect")


def _utf16_without_bom(data: bytes, head: bytes) -> Decoded | None:
    """UTF-16 text written without a byte-order mark: Latin letters leave a NUL in every other
    byte (after each one in little-endian, before it in big-endian). Binary files have NULs too,
    but not on one side only."""
    even, odd = head[0::2], head[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        z, o = zeros.count(0), other.count(0)
        if z >= 0.05 * len(zeros) and o <= 0.01 * len(other) and z >= 5 * o:
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausibility(text) > 0.9:
                return _check_text(Decoded(text, enc, (f"no byte-order mark: read as {enc}",)))
    return None


_HAN = re.compile(r"[\u3400-\u9fff]+")


def _latin_mojibake(text: str) -> bool:
    """GB18030 reads almost any bytes, and a windows-1252 page (crème, café) comes out as Han
    characters wedged one at a time inside Latin words (each accented byte eats the letter after
    it). Chinese text has runs of Han characters, beside Latin words at most on one side."""
    sample = text[:20000]
    runs = wedged = 0
    for m in _HAN.finditer(sample):
        runs += 1
        a, b = m.start(), m.end()
        if b - a == 1 and 0 < a and b < len(sample) and sample[a - 1].isascii() and sample[a - 1].isalpha() \
                and sample[b].isascii() and sample[b].isalnum():
            wedged += 1
    return wedged >= 3 and wedged >= 0.5 * runs


def _check_text(d: Decoded) -> Decoded:
    text = d.text
    if not text.strip():
        raise Rejected("no_text", "the file contains only whitespace")
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample)) if _CONTROL.search(sample) else 0
    if controls > max(8, len(sample) // 50):
        raise Rejected("binary_file", f"{controls} control characters in the first {len(sample)} characters: not a text file")
    if "\x00" in text:
        text = text.replace("\x00", "")
        d = Decoded(text, d.encoding, (*d.warnings, "NUL characters removed"))
        # Checked again: b"\x00" or b" \x00\n" is only whitespace once the NULs are gone
        # (tests/test_properties.py::test_decode_any_bytes_gives_text_or_rejected).
        if not text.strip():
            raise Rejected("no_text", "the file contains only whitespace and NUL bytes")
    return d
