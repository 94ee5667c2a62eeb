#!/usr/bin/env python3
"""Compare the functions tpsync finds with ctags' C function definitions, by name and file.

usage: ctags-coverage.py TAGS_FILE TPSYNC_FUNCTIONS_FILE
  TAGS_FILE               ctags -R --kinds-C=f -f TAGS_FILE . (run in the tree)
  TPSYNC_FUNCTIONS_FILE   tpsync index --list-functions TREE (lines: file:line name kind)
Prints the coverage and the misses by category.
"""
import collections
import re
import sys


def ctags_functions(path):
    out = {}
    for line in open(path, encoding="latin-1"):
        if line.startswith("!"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4:
            continue
        name, file = parts[0], parts[1]
        if file.startswith("./"):
            file = file[2:]
        if not (file.endswith(".c") or file.endswith(".h")):
            continue
        out[(name, file)] = line
    return out


def tpsync_functions(path):
    found = set()
    for line in open(path, encoding="latin-1"):
        loc, name, _kind = line.split()
        found.add((name, loc.rsplit(":", 1)[0]))
    return found


def category(name, file, line):
    if re.fullmatch(r"[A-Z0-9_]+", name):
        return "macro-named header (ctags names the macro, tpsync the function: SYSCALL_DEFINEn, BPF_CALL_n, ...)"
    if file.startswith(("tools/", "scripts/", "samples/")):
        return "user-space code under tools/, scripts/, samples/"
    if "class:" in line or "struct:" in line:
        return "C++ member or nested definition"
    return "other"


def main():
    tags = ctags_functions(sys.argv[1])
    ours = tpsync_functions(sys.argv[2])
    missed = [k for k in tags if k not in ours]
    print(f"ctags functions: {len(tags)}")
    print(f"found by tpsync: {len(tags) - len(missed)} ({100.0 * (len(tags) - len(missed)) / len(tags):.2f}%)")
    by = collections.Counter(category(n, f, tags[(n, f)]) for n, f in missed)
    for cat, count in by.most_common():
        print(f"  missed {count:6d}  {cat}")
    others = [k for k in missed if category(k[0], k[1], tags[k]) == "other"]
    for name, file in sorted(others)[:25]:
        print(f"    e.g. {file}: {name}")


if __name__ == "__main__":
    main()
