"""Small distinct news texts for the fault tests: every file a different article."""

from __future__ import annotations

from pathlib import Path

CITIES = ["Astana", "Tashkent", "Bishkek", "Dushanbe", "Baku", "Yerevan", "Tbilisi", "Chisinau"]
TOPICS = ["gas transit", "border crossings", "grain exports", "rail links", "water sharing"]


def write_news(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        city = CITIES[number % len(CITIES)]
        topic = TOPICS[number % len(TOPICS)]
        path = folder / f"{number:04d}.txt"
        path.write_text(
            f"Officials meet in {city} on {topic}, round {number}\n\n"
            f"Officials from several states gathered in {city} on Monday for round {number} of "
            f"consultations on {topic}, the foreign ministry said in a statement. "
            f"The delegations agreed to meet again in {city} next month and to set up a "
            f"working group on {topic} that will report by the end of the year.\n"
        )
        paths.append(path)
    return paths
