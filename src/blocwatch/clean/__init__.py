"""Cleaning: page → article body, title, publication date, outlet, language, origin agency.

HTML goes through trafilatura, checked by a second opinion (readability) when its
result looks cut short, then through the same furniture rules as plain text. Plain-text
pages are cleaned line by line. Both reject pages that hold no article with an
:class:`~blocwatch.errors.ExtractionError` naming the reason.
"""

from blocwatch.clean.furniture import FurnitureIndex
from blocwatch.clean.html import clean_html
from blocwatch.clean.result import CleanResult
from blocwatch.clean.text import clean_text, learn_text_page

__all__ = ["CleanResult", "FurnitureIndex", "clean_html", "clean_text", "learn_text_page"]
