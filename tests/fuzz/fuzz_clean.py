"""Coverage-guided fuzzing (atheris) of the paths hostile pages reach first: HTML cleaning,
the flat HTML reader, decoding, and every date reader.

Run by ``make fuzz`` (``FUZZ_SECONDS`` long). An exception other than the package's own
errors, a ValueError from a strict date parser, is a finding: atheris stops, prints the
traceback and writes the input to ``crash-*``; turn it into a test in tests/.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports(include=["blocwatch"]):
    from blocwatch.clean import clean_html, clean_text
    from blocwatch.clean.dates import claimed_date, metadata_date, parse_date, printed_date
    from blocwatch.clean.flat import flat_text
    from blocwatch.errors import BlocwatchError
    from blocwatch.ingest.decode import decode_bytes
    from blocwatch.model import MediaType
    from blocwatch.nlp.dates import extract_times
    from blocwatch.nlp.sentences import split_sentences


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    target = provider.ConsumeIntInRange(0, 4)
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    try:
        if target == 0:
            clean_html(text, source="fuzz.html")
        elif target == 1:
            flat_text(text)
            clean_text(text, source="fuzz.txt")
        elif target == 2:
            decode_bytes(data, source="fuzz", media_type=MediaType.HTML)
        elif target == 3:
            parse_date(text)
            metadata_date(text)
            printed_date(text.splitlines())
            with contextlib.suppress(ValueError):
                claimed_date(text)
        else:
            sentences = split_sentences(text)
            for time in extract_times("fuzz", text, sentences, None):
                assert time.evidence.text == text[time.evidence.span.start : time.evidence.span.end]
    except BlocwatchError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
