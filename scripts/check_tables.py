#!/usr/bin/env python3
"""Lists every place a module's SQL names a table another module owns.

Ownership is what each module declares in src/<module>/module.cpp (`kTables`); a table is named
when it follows FROM, JOIN, INTO or UPDATE in a string literal. Tests, which build a county of
every module's rows on purpose, are left out; the demo seeds are not (they call the owners'
seed-time functions). Prints one line a place, grouped by module,
then a count; exits 1 when there is any (ctest's `tables`).

Usage: scripts/check_tables.py [--summary]
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
TABLES = re.compile(r"constexpr std::string_view kTables\[\] = \{([^}]*)\}", re.S)
NAMED = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_][a-z0-9_]*)", re.I)
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
SKIPPED = re.compile(r"(_test\.cpp|test_county\.hpp)$")


def owners():
    out = {}
    for module in sorted(os.listdir(ROOT)):
        path = os.path.join(ROOT, module, "module.cpp")
        if not os.path.isfile(path):
            continue
        found = TABLES.search(open(path, encoding="utf-8").read())
        if not found:
            continue
        for name in re.findall(r'"([a-z0-9_]+)"', found.group(1)):
            out[name] = module
    return out


def reads(owned):
    places = []
    for module in sorted(os.listdir(ROOT)):
        folder = os.path.join(ROOT, module)
        if not os.path.isfile(os.path.join(folder, "module.cpp")):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".cpp", ".hpp")) or SKIPPED.search(name):
                continue
            lines = open(os.path.join(folder, name), encoding="utf-8").read().split("\n")
            for number, line in enumerate(lines, 1):
                for literal in LITERAL.findall(line):
                    for table in NAMED.findall(literal):
                        owner = owned.get(table.lower())
                        if owner and owner != module:
                            places.append((module, f"{module}/{name}:{number}", table, owner))
    return places


def main():
    owned = owners()
    places = reads(owned)
    if "--summary" not in sys.argv:
        for module, where, table, owner in places:
            print(f"{where}: {table} ({owner}'s)")
    by_module = {}
    for module, _, _, _ in places:
        by_module[module] = by_module.get(module, 0) + 1
    summary = ", ".join(f"{m} {n}" for m, n in sorted(by_module.items()))
    print(f"{len(places)} reads of other modules' tables" + (f": {summary}" if summary else ""))
    return 1 if places else 0


if __name__ == "__main__":
    sys.exit(main())
