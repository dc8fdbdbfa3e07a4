"""Crisis detection quality on the independent cases (benchmarks/cases/crisis_*.jsonl).

    .venv/bin/python benchmarks/bench_crisis.py            # dev and heldout, per language
    .venv/bin/python benchmarks/bench_crisis.py --misses dev   # list dev cases it gets wrong

Recall = positives detected / positives; false-alarm rate = negatives detected / negatives,
per language and overall, for dev and heldout separately. Only the dev file may be read for
tuning (see benchmarks/cases/README.md); ``--misses`` refuses the heldout file. The last line
is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.crisis import detect_crisis  # noqa: E402

CASES = Path(__file__).resolve().parent / "cases"
SPLITS = ("dev", "heldout")


def load(split: str) -> list[dict]:
    path = CASES / f"crisis_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def score(cases: list[dict]) -> dict:
    by_lang: dict[str, dict[str, int]] = {}
    worst_ms = 0.0
    for case in cases:
        start = time.perf_counter()
        fired = detect_crisis(case["q"]) is not None
        worst_ms = max(worst_ms, (time.perf_counter() - start) * 1000)
        for lang in (case["lang"], "all"):
            s = by_lang.setdefault(lang, {"pos": 0, "hit": 0, "neg": 0, "false_alarm": 0})
            if case["crisis"]:
                s["pos"] += 1
                s["hit"] += fired
            else:
                s["neg"] += 1
                s["false_alarm"] += fired
    out = {}
    for lang, s in sorted(by_lang.items()):
        out[lang] = {
            "positives": s["pos"], "negatives": s["neg"],
            "recall": round(s["hit"] / s["pos"], 3) if s["pos"] else None,
            "false_alarm_rate": round(s["false_alarm"] / s["neg"], 3) if s["neg"] else None,
        }
    out["worst_ms"] = round(worst_ms, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", choices=["dev"], help="list the dev cases it gets wrong")
    args = parser.parse_args()
    if args.misses:
        for case in load("dev"):
            fired = detect_crisis(case["q"]) is not None
            if fired != case["crisis"]:
                print(f"{case['id']}: expected {case['crisis']} ({case['kind']}): "
                      f"{case['q'][:120]}")
        return
    detect_crisis("warm up")  # the phrase table is compiled on first use; time the searches
    results = {split: score(load(split)) for split in SPLITS}
    for split, langs in results.items():
        for lang, s in langs.items():
            if lang == "worst_ms":
                continue
            print(f"{split:8} {lang:4} recall {s['recall']}  ({s['positives']} positives)  "
                  f"false alarms {s['false_alarm_rate']}  ({s['negatives']} negatives)")
        print(f"{split:8} slowest case {langs['worst_ms']} ms")
    print(json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()
