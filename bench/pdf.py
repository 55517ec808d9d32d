"""Time the letter PDF: how long one to_pdf() takes for Latin, Arabic and Chinese senders.

Text shaping (HarfBuzz) and fallback fonts cost time per letter; this says how much, on this
machine, so a facilitator knows what a click on "PDF" costs. Run: `python -m bench.pdf`.
Prints the median and the slowest of N runs per name (the first run, which loads the fonts,
is reported apart).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import data  # noqa: E402
from toolkit.letters import compose  # noqa: E402

NAMES = {
    "latin": "Zoë Ångström-Nguyễn",
    "arabic": "ليلى عبد الله",
    "chinese": "王秀英",
}
ADDRESS = "c/o Beispiel\nHinterhaus, 3. Stock\nLange Straße 12a\nWohnung 7\n50667 Köln\nDeutschland"


def measure(runs: int) -> dict[str, dict[str, float]]:
    """Seconds per to_pdf() for each name: first run, median and slowest of `runs` more."""
    data.use_data_dir(ROOT / "tests" / "fixtures" / "data")
    results = {}
    for label, name in NAMES.items():
        letter = compose(
            "objection-ai",
            service="example-social",
            lang="de",
            channel="letter",
            name=name,
            email="person@example.org",
            address=ADDRESS,
            place="Köln",
        )
        start = time.perf_counter()
        letter.to_pdf()
        first = time.perf_counter() - start
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            letter.to_pdf()
            times.append(time.perf_counter() - start)
        results[label] = {"first": first, "median": statistics.median(times), "max": max(times)}
    return results


def main() -> None:
    """Print the timings as a small table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(f"{'name':8} {'first s':>8} {'median s':>9} {'max s':>7}  ({args.runs} runs)")
    for label, row in measure(args.runs).items():
        print(f"{label:8} {row['first']:8.3f} {row['median']:9.3f} {row['max']:7.3f}")


if __name__ == "__main__":
    main()
