from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from blocwatch.ingest.files import read_path
from blocwatch.model import MediaType, RawDocument, Rejection


def _write_warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )

        response(
            "https://a.example/story",
            "200 OK",
            "text/html; charset=windows-1251",
            "<html><body><p>Москва</p></body></html>".encode("cp1251"),
        )
        response("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\x00\x00")
        response("https://a.example/moved", "301 Moved", "text/html", b"<html>moved</html>")
        response(
            "https://a.example/huge", "200 OK", "text/html", b"<html>" + b"y" * 3000 + b"</html>"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://a.example/story", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


def test_html_responses_become_documents_and_the_rest_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    results = list(read_path(path, _limits(2000)))
    docs = [r for r in results if isinstance(r, RawDocument)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert len(docs) == 1
    assert docs[0].url == "https://a.example/story"
    assert docs[0].media_type is MediaType.HTML and docs[0].encoding == "windows-1251"
    assert [r.reason for r in rejections] == ["record too large: more than 2,000 bytes"]
    assert rejections[0].source.startswith(f"{path}@")


def test_a_file_that_is_not_warc_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n")
    [result] = list(read_path(path))
    assert isinstance(result, Rejection) and "not a readable WARC archive" in result.reason


def _limits(max_bytes: int):
    from blocwatch.ingest.files import ReadLimits

    return ReadLimits(max_bytes=max_bytes)
