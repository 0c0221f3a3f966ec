#!/usr/bin/env python3
"""Reports every file under src/ longer than 600 lines and every C++ function longer than 100.

The C++ is clang-formatted, so a top-level definition starts at column 0 (a member defined in a
class body, two columns further in) and its body ends at the brace that brings the nesting back
to zero. A function whose preceding line is a `// data table` comment is exempt: a long list of
rows is easier to read whole than split. Exits 1 when anything is reported, 0 otherwise.

Usage: scripts/check_sizes.py [ROOT]   (ROOT defaults to the repository's src/)
"""
import os
import re
import sys

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 100
CPP_SUFFIXES = (".cpp", ".hpp", ".h", ".cc")
EXEMPT_MARK = "// data table"
TYPE_KEYWORDS = re.compile(r"^(?:template\s*<.*?>\s*)?(?:class|struct|union|enum)\b", re.S)
SKIPPED_OPENERS = re.compile(r'^(?:inline\s+)?namespace\b|^extern\s+"C"')


def blank_literals(text):
    """The text with comments and string/char literal contents replaced by spaces (newlines kept),
    so braces and semicolons inside them are not counted."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            open_paren = text.find("(", i + 2)
            delim = text[i + 2 : open_paren]
            close = text.find(")" + delim + '"', open_paren)
            end = n if open_paren < 0 or close < 0 else close + len(delim) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2 : end]))
            i = end
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):  # 1'000'000 is a number
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            end = min(j + 1, n)
            out.append(c + " " * max(0, end - i - 2) + (c if end - i >= 2 else ""))
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def statement_end(code, start, hi):
    """The last line of the declaration or definition that begins at line `start`, and the text
    before its first top-level '{' (None when it has no body)."""
    depth = 0
    paren = 0
    header = []
    opened = False
    for j in range(start, hi):
        line = code[j]
        for k, ch in enumerate(line):
            if ch in "([":
                paren += 1
            elif ch in ")]":
                paren -= 1
            elif ch == "{":
                if depth == 0 and not opened:
                    opened = True
                    header.append(line[:k])
                depth += 1
            elif ch == "}":
                depth -= 1
                rest = line[k + 1 :].strip()
                # A constructor's member initialisers (a_{x}, b_{y} {) close braces before the body.
                if depth == 0 and rest in ("", ";"):
                    return j, " ".join(header)
            elif ch == ";" and depth == 0 and paren == 0:
                return j, None
        if not opened:
            header.append(line)
    return hi - 1, (" ".join(header) if opened else None)


def is_function(header):
    if TYPE_KEYWORDS.match(header.strip()):
        return False
    if "(" not in header:
        return False  # a braced initialiser: const Module kModule{...};
    # `const auto kTable = {...}` and `auto f = [](...) {...}` are data, not function definitions.
    depth = 0
    for k, ch in enumerate(header):
        if ch in "(<[":
            depth += 1
        elif ch in ")>]":
            depth -= 1
        elif ch == "=" and depth <= 0:
            around = header[max(0, k - 8) : k + 2]
            if "==" in around or "!=" in around or "<=" in around or ">=" in around or "operator" in around:
                continue
            return False
    return True


def name_of(header):
    m = re.search(r"([~\w:]+(?:operator\s*\S+?)?)\s*\(", header)
    return m.group(1) if m else header.strip()[:40]


def scan(lines, code, lo, hi, indent, found):
    """Appends (first line, last line, name) of each function defined at `indent` in [lo, hi)."""
    i = lo
    while i < hi:
        line = code[i]
        if len(line) <= indent or line[:indent].strip() or line[indent] in " \t}#":
            i += 1
            continue
        body = line[indent:]
        if SKIPPED_OPENERS.match(body) or re.match(r"(?:public|private|protected)\s*:", body):
            i += 1
            continue
        end, header = statement_end(code, i, hi)
        if header is not None:
            if is_function(header):
                exempt = i > 0 and lines[i - 1].strip().startswith(EXEMPT_MARK)
                if not exempt:
                    found.append((i + 1, end + 1, name_of(header)))
            elif TYPE_KEYWORDS.match(header.strip()):
                scan(lines, code, i + 1, end, indent + 2, found)
        i = end + 1


def functions(text):
    lines = text.split("\n")
    code = blank_literals(text).split("\n")
    found = []
    scan(lines, code, 0, len(lines), 0, found)
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "src")
    problems = []
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            shown = os.path.relpath(path, os.path.join(root, ".."))
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError):
                continue
            count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
            if count > MAX_FILE_LINES:
                problems.append(f"{shown}: {count} lines (file limit {MAX_FILE_LINES})")
            if not name.endswith(CPP_SUFFIXES):
                continue
            for first, last, fn in functions(text):
                length = last - first + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{shown}:{first}-{last}: {fn} is {length} lines (function limit {MAX_FUNCTION_LINES})")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} over the limits", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
