from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from blocwatch.errors import InputError
from blocwatch.ingest.decode import decode_bytes, decode_document
from blocwatch.ingest.files import ReadLimits, read_inputs, read_path, read_stdin
from blocwatch.model import MediaType, RawDocument, Rejection

PAGE = "<html><head><title>Talks in Astana</title></head><body><article><p>Leaders met in Astana.</p></article></body></html>"


def _one(items: list[RawDocument | Rejection]) -> RawDocument | Rejection:
    assert len(items) == 1
    return items[0]


def test_empty_file_is_rejected_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = _one(list(read_path(path)))
    assert isinstance(result, Rejection)
    assert result.reason == "empty file"
    assert result.source == str(path)


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = _one(list(read_path(path)))
    assert isinstance(result, Rejection)
    assert "binary" in result.reason


def test_oversize_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open(
        "wb"
    ) as handle:  # a sparse 200 MB file: costs no disk, would cost memory if read
        handle.truncate(200 * 1024 * 1024)
    result = _one(list(read_path(path, ReadLimits(max_bytes=10 * 1024 * 1024))))
    assert isinstance(result, Rejection)
    assert result.reason.startswith("too large: 209,715,200 bytes")


def test_gzip_bomb_is_refused_by_decompressed_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    result = _one(list(read_path(path, ReadLimits(max_bytes=1_000_000))))
    assert isinstance(result, Rejection)
    assert "too large" in result.reason


def test_gzipped_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    result = _one(list(read_path(path)))
    assert isinstance(result, RawDocument)
    assert result.media_type is MediaType.HTML
    assert result.content == PAGE.encode()


def test_broken_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = _one(list(read_path(path)))
    assert isinstance(result, Rejection)
    assert "gzip" in result.reason


def test_windows_1252_text_is_decoded_not_mangled() -> None:
    raw = "Le président Tokaïev a reçu l’ambassadeur à Astana — un café.".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert (
        decode_bytes(raw, source="x", media_type=MediaType.TEXT)
        == "Le président Tokaïev a reçu l’ambassadeur à Astana — un café."
    )


def test_html_declared_charset_is_used() -> None:
    raw = '<html><head><meta charset="windows-1251"></head><body>Москва</body></html>'.encode(
        "cp1251"
    )
    assert "Москва" in decode_bytes(raw, source="x", media_type=MediaType.HTML)


def test_undecodable_input_names_the_source() -> None:
    with pytest.raises(InputError, match=r"x\.txt: empty input"):
        decode_bytes(b"   ", source="x.txt", media_type=MediaType.TEXT)


def test_jsonl_bad_lines_are_rejected_by_line_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": "Tokayev met Mirziyoyev.",
                "title": "Meeting",
                "outlet": "Wire",
                "published": "2023-05-01",
                "url": "https://example.org/a",
            }
        ),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": PAGE}),
        "",
        json.dumps([1, 2]),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_path(path))
    docs = [r for r in results if isinstance(r, RawDocument)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:4"]
    assert (
        docs[0].title == "Meeting"
        and docs[0].outlet == "Wire"
        and docs[0].published == "2023-05-01"
    )
    assert docs[1].media_type is MediaType.HTML
    assert {r.source: r.reason.split(":")[0] for r in rejections} == {
        f"{path}:2": "not valid JSON",
        f"{path}:3": "record has neither 'text' nor 'html'",
        f"{path}:6": "a JSON lines record must be an object",
    }


def test_directory_glob_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One article text.", encoding="utf-8")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "skip.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "two.html").write_text(PAGE, encoding="utf-8")
    results = list(
        read_inputs(
            [
                str(tmp_path / "a"),
                str(tmp_path / "*.html"),
                str(tmp_path / "nope.txt"),
                str(tmp_path / "*.xml"),
            ]
        )
    )
    sources = [r.source for r in results]
    assert sources == [
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "two.html"),
        str(tmp_path / "nope.txt"),
        str(tmp_path / "*.xml"),
    ]
    assert isinstance(results[2], Rejection) and results[2].reason == "no such file or directory"
    assert isinstance(results[3], Rejection) and results[3].reason == "no file matches this pattern"


def test_stdin_sniffs_html_and_reads_jsonl() -> None:
    [doc] = list(read_stdin(io.BytesIO(PAGE.encode())))
    assert isinstance(doc, RawDocument) and doc.media_type is MediaType.HTML and doc.source == "-"
    records = b'{"text": "First."}\n{"text": "Second."}\n'
    docs = list(read_stdin(io.BytesIO(records), jsonl=True))
    assert [d.source for d in docs] == ["-:1", "-:2"]


def test_same_content_has_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same words.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same words.", encoding="utf-8")
    first, second = list(read_inputs([str(tmp_path)]))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.id == second.id


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_files_are_read_with_or_without_a_bom(
    tmp_path: Path, encoding: str
) -> None:
    page = "<html><body><p>Pashinyan met Aliyev in Brussels — «a step forward».</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    [doc] = list(read_path(path))
    assert isinstance(doc, RawDocument)
    assert decode_document(doc) == page


def test_a_symlink_out_of_the_folder_is_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story.txt").write_text("Talks resumed.\n")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "alias.txt").symlink_to(folder / "story.txt")
    results = list(read_inputs([str(folder)]))
    read = sorted(Path(r.source).name for r in results if isinstance(r, RawDocument))
    [refused] = [r for r in results if isinstance(r, Rejection)]
    assert read == ["alias.txt", "story.txt"]
    assert refused.source.endswith("passwd.txt") and "outside the folder" in refused.reason
    followed = list(read_inputs([str(folder)], follow_symlinks=True))
    assert all(isinstance(r, RawDocument) for r in followed) and len(followed) == 3
