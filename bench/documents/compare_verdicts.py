"""Compares our verdicts with the Python `mrz` checker's on the same corpus.

Usage: python3 compare_verdicts.py CORPUS OURS THEIRS
Prints agreement per corpus class and the disagreements grouped by their reasons (our error
codes against the Python checker's failing checks), with one example zone each.
"""

import collections
import sys


def main() -> None:
    corpus_path, ours_path, theirs_path = sys.argv[1:4]
    with open(corpus_path, encoding="ascii") as corpus, \
            open(ours_path, encoding="utf-8") as ours, \
            open(theirs_path, encoding="utf-8") as theirs:
        rows = list(zip(corpus, ours, theirs))
    per_class = collections.Counter()
    agreeing = collections.Counter()
    groups = collections.Counter()
    examples = {}
    for corpus_line, our_line, their_line in rows:
        parts = corpus_line.rstrip("\n").split("|")
        record_class, record_format = parts[0], parts[1]
        our_valid, our_codes = our_line.rstrip("\n").split("\t")
        their_valid, their_checks = their_line.rstrip("\n").split("\t")
        per_class[record_class] += 1
        if our_valid == their_valid:
            agreeing[record_class] += 1
            continue
        key = (record_class, record_format, "ours=" + ("valid" if our_valid == "1" else "invalid"),
               our_codes or "-", their_checks or "-")
        groups[key] += 1
        examples.setdefault(key, "|".join(parts[2:]))
    total = sum(per_class.values())
    print(f"records: {total}, verdicts agree on {sum(agreeing.values())} "
          f"({100.0 * sum(agreeing.values()) / total:.3f}%)")
    for record_class in sorted(per_class):
        print(f"  {record_class:20} {agreeing[record_class]:>8} / {per_class[record_class]:<8} agree")
    if groups:
        print("disagreements (class, format, our verdict, our error codes, python failing checks): count, example")
        for key, count in groups.most_common():
            print(f"  {count:>7}  {' / '.join(key)}\n           {examples[key]}")


if __name__ == "__main__":
    main()
