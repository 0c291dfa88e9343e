"""Runs the PyPI `mrz` checker over a corpus written by the `mrz_throughput` bench.

Runs inside a throwaway virtualenv (see compare_python_mrz.sh); the GPL package is only
imported and called here, in its own process, never copied into Corridor.

Usage: python python_mrz_checker.py CORPUS VERDICTS
Corpus lines: class|format|line1|line2[|line3]. Writes one verdict per line: 1 or 0, then a tab
and the names of the failing checks.
"""

import sys
import time

from mrz.checker.mrva import MRVACodeChecker
from mrz.checker.mrvb import MRVBCodeChecker
from mrz.checker.td1 import TD1CodeChecker
from mrz.checker.td2 import TD2CodeChecker
from mrz.checker.td3 import TD3CodeChecker

CHECKERS = {
    "TD1": TD1CodeChecker,
    "TD2": TD2CodeChecker,
    "TD3": TD3CodeChecker,
    "MRVA": MRVACodeChecker,
    "MRVB": MRVBCodeChecker,
}


def main() -> None:
    corpus_path, verdicts_path = sys.argv[1], sys.argv[2]
    with open(corpus_path, encoding="ascii") as corpus:
        records = [line.rstrip("\n").split("|") for line in corpus]
    zones = [(CHECKERS[parts[1]], "\n".join(parts[2:])) for parts in records]
    verdicts = []
    start = time.perf_counter()
    cpu_start = time.thread_time()
    for checker_class, zone in zones:
        try:
            checker = checker_class(zone)
            verdicts.append((bool(checker), checker))
        except Exception as error:  # the checker raises on some malformed zones
            verdicts.append((False, error))
    elapsed = time.perf_counter() - start
    cpu = time.thread_time() - cpu_start
    with open(verdicts_path, "w", encoding="utf-8") as out:
        for valid, checker in verdicts:
            if isinstance(checker, Exception):
                detail = "exception:" + type(checker).__name__
            else:
                detail = ",".join(name for name, _ in checker.report.falses)
            out.write(f"{int(valid)}\t{detail}\n")
    print(f"python mrz 0.6.2: check {len(zones) / elapsed:.0f} records/s "
          f"({elapsed * 1e9 / len(zones):.1f} ns/record, one thread)")
    print(f"per core, by thread CPU time: {len(zones) / cpu:.0f} records/s")


if __name__ == "__main__":
    main()
