#!/usr/bin/env python3
"""How faithfully PDF text extractors give back the lines of the text releases.

    python3 bench/pdf_fidelity.py --text ../shared/corpus --pdf /tmp/corpus-pdf \\
        'cablecat=target/release/cablecat parse --text {pdf}' \\
        'pdftotext-layout=pdftotext -layout {pdf} -' 'pdftotext=pdftotext {pdf} -'

Each extractor is `name=command`, run once per PDF with `{pdf}` replaced and the text read
from its standard output, or `name=dir:FOLDER` for text an extractor already wrote (one
`.txt` per PDF, named for it: examples/pdf_text.rs writes them so). For every text release with a PDF beside it, compares
the extractor's text with the release's (pages parted by form feeds):

- lines: share of the release's non-blank lines found in the output with their words as
  released (white space folded), counted as multisets;
- layout: the same, white space included (columns kept: what `pdftotext -layout` gives);
- blank: share of files whose blank lines (paragraph breaks) all come back where they were;
- pages: share of files with as many pages as the release;
and the wall time per page, process start included.
"""
import argparse, collections, os, re, shlex, subprocess, sys, time


def read(path):
    with open(path, "rb") as fh:
        data = fh.read()
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass


def pages(text):
    p = text.replace("\r\n", "\n").split("\f")
    if len(p) > 1 and not p[-1].strip():
        p.pop()
    return p


def lines(text, keep_space):
    out = []
    for page in pages(text):
        for l in page.split("\n"):
            if not l.strip():
                continue
            out.append(l.rstrip() if keep_space else " ".join(l.split()))
    return collections.Counter(out)


def blank_shape(text):
    """Where the paragraph breaks are: the index of each non-blank line after a blank one."""
    shape, n, after_blank = [], 0, False
    for page in pages(text):
        for l in page.split("\n"):
            if not l.strip():
                after_blank = True
                continue
            if after_blank:
                shape.append(n)
            after_blank = False
            n += 1
    return shape


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", required=True, help="the text releases")
    ap.add_argument("--pdf", required=True, help="the same releases as PDF (same paths, .pdf)")
    ap.add_argument("extractors", nargs="+", help="name=command with {pdf}, or name=dir:FOLDER")
    a = ap.parse_args()

    pairs = []
    for root, _, files in os.walk(a.text):
        for f in sorted(files):
            if f.endswith(".txt"):
                rel = os.path.relpath(os.path.join(root, f), a.text)
                pdf = os.path.join(a.pdf, rel[:-4] + ".pdf")
                if os.path.exists(pdf):
                    pairs.append((rel, os.path.join(a.text, rel), pdf))
    print(f"{len(pairs)} releases; {sum(len(pages(read(t))) for _, t, _ in pairs)} pages")
    print(f"{'extractor':22} {'lines':>7} {'layout':>7} {'blank':>7} {'pages':>7} {'ms/page':>8} {'failed':>6}")
    for spec in a.extractors:
        name, cmd = spec.split("=", 1)
        want_n = got_words = got_layout = same_blank = same_pages = failed = total_pages = 0
        secs = 0.0
        for rel, txt, pdf in pairs:
            want = read(txt)
            total_pages += len(pages(want))
            if cmd.startswith("dir:"):
                out = os.path.join(cmd[4:], os.path.basename(rel))
                got = read(out) if os.path.exists(out) else None
            else:
                t = time.time()
                p = subprocess.run([x.replace("{pdf}", pdf) for x in shlex.split(cmd)], capture_output=True)
                secs += time.time() - t
                got = p.stdout.decode("utf-8", "replace") if p.returncode == 0 else None
            if got is None:
                failed += 1
                want_n += sum(lines(want, False).values())
                continue
            w, g = lines(want, False), lines(got, False)
            want_n += sum(w.values())
            got_words += sum((w & g).values())
            got_layout += sum((lines(want, True) & lines(got, True)).values())
            same_blank += blank_shape(want) == blank_shape(got)
            same_pages += len(pages(want)) == len(pages(got))
        n = len(pairs)
        ms = f"{1000 * secs / total_pages:8.1f}" if secs else f"{'-':>8}"
        print(f"{name:22} {100 * got_words / want_n:6.1f}% {100 * got_layout / want_n:6.1f}% "
              f"{100 * same_blank / n:6.1f}% {100 * same_pages / n:6.1f}% {ms} {failed:6}")


if __name__ == "__main__":
    sys.exit(main())
