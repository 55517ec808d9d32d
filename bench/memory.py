"""Where a forked kernel's memory goes when a participant opens every step.

`python -m bench.memory` warms a parent as the fork server does (toolkit/forkkernel.py's
WARM_MODULES, then `gc.freeze()`), forks one child and, in it, builds the workshop app and opens
each step in turn, reading the child's own /proc/self/smaps after each. It splits what the child
holds privately into
- pages **copied from the parent**: private dirty pages in mappings the child inherited. CPython
  writes to every object it uses (reference counts), so running pandas', ipywidgets' or fpdf2's
  code copies the pages their objects sit on, though nothing new was made;
- **new** mappings: memory the child allocated itself (the kit's records and widgets, fonts for
  a PDF, pandas frames).
The numbers say how far a forked kernel's memory can fall: the fork server already shares every
page it can; what is copied is the price of using the code at all.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys

STEPS = ("objection", "compare", "alternatives", "plan")


def _mappings() -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    current = None
    with open("/proc/self/smaps", encoding="ascii", errors="replace") as smaps:
        for line in smaps:
            parts = line.split()
            if parts and "-" in parts[0] and not parts[0].endswith(":"):
                start, end = (int(x, 16) for x in parts[0].split("-"))
                current = parts[0].split("-")[0]  # by start: the heap keeps its start as it grows
                found[current] = {"Size": (end - start) // 1024}
            elif current and parts and parts[0] in ("Pss:", "Private_Dirty:", "Private_Clean:"):
                found[current][parts[0][:-1]] = int(parts[1])
    return found


def _split(before: dict, now: dict) -> dict[str, float]:
    copied = new = 0
    for key, pages in now.items():
        dirty = pages.get("Private_Dirty", 0)
        if key not in before:
            new += dirty
            continue
        grown = dirty - before[key].get("Private_Dirty", 0)
        # A mapping that grew (the heap) holds new memory in its new part, copies in its old part.
        fresh = min(max(grown, 0), max(pages["Size"] - before[key]["Size"], 0))
        new += fresh
        copied += grown - fresh
    return {
        "pss_mb": sum(v.get("Pss", 0) for v in now.values()) / 1024,
        "copied_mb": copied / 1024,
        "new_mb": new / 1024,
    }


def _child(out: int) -> None:
    before = _mappings()
    rows = {"forked": _split(before, _mappings())}
    from toolkit.ui import WorkshopApp

    app = WorkshopApp()
    rows["start"] = _split(before, _mappings())
    for step in STEPS:
        app.show(step)
        rows[step] = _split(before, _mappings())
    os.write(out, json.dumps(rows).encode())


def measure() -> dict[str, dict[str, float]]:
    """Per step: the child's PSS, pages copied from the warmed parent, and new memory (MiB)."""
    from toolkit.forkkernel import WARM_MODULES

    for name in WARM_MODULES:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a kernel as the fork server makes one
        os.close(read)
        code = 0
        try:
            _child(write)
        except BaseException:  # report, and leave without running the parent's code
            import traceback

            traceback.print_exc()
            code = 1
        os._exit(code)
    os.close(write)
    blob = b""
    while chunk := os.read(read, 1 << 16):
        blob += chunk
    _, status = os.waitpid(pid, 0)
    if status or not blob:
        raise RuntimeError("the forked child failed; see its traceback above")
    return json.loads(blob)


def main() -> int:
    """Print the split as JSON (bench.run runs this in a fresh Python)."""
    print(json.dumps(measure()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
