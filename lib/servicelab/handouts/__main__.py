"""``python -m servicelab.handouts handouts|site`` (``make handouts`` / ``make site``)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .build import build_handouts, build_site


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m servicelab.handouts")
    ap.add_argument("what", choices=["handouts", "site"])
    ap.add_argument("--out", type=Path, default=None, help="output folder (build/handouts or build/site)")
    ap.add_argument("--handouts", type=Path, default=Path("build/handouts"), help="handouts folder (for site)")
    ap.add_argument("--only", nargs="*", default=None, help="chapter ids or numbers (default: all)")
    ap.add_argument("--lang", nargs="*", default=["zh", "en"])
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--stats", type=Path, default=None, help="write timings and sizes as JSON here")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    if args.what == "handouts":
        out = args.out or Path("build/handouts")
        stats = build_handouts(out, only=args.only, langs=tuple(args.lang), pdf=not args.no_pdf)
        stats["total_s"] = time.monotonic() - t0
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        formulas = sum(p.get("formulas", 0) for p in stats["pages"].values())
        print(f"handouts: {len(stats['pages'])} pages in {stats['total_s']:.0f} s, {size / 2**20:.1f} MiB in {out}; "
              f"{formulas} formulas, {stats['maths_errors']} TeX errors"
              + (" (marked in the pages: look for ⚠)" if stats["maths_errors"] else ""))
        if args.stats:
            args.stats.write_text(json.dumps(stats, indent=1), encoding="utf-8")
    else:
        out = args.out or Path("build/site")
        files = build_site(args.handouts, out)
        size = sum(p.stat().st_size for p in files)
        print(f"site: {len(files)} files, {size / 2**20:.1f} MiB in {out}; every link resolves "
              f"(open {out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
