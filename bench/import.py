#!/usr/bin/env python3
"""Import and query benchmark: cablecat against bare SQLite, in the same run.

    python3 bench/import.py [--files 100000] [--work /tmp/cablecat-bench] [--short]

1. writes N synthetic releases (examples/synth.rs, from the real ones in data/cables);
2. stores them in bare SQLite, no parsing (examples/bare_sqlite.rs): the baseline;
3. imports them with cablecat (read, decode, parse, extract, store, index);
4. adds 1,000 more files to that catalog (an incremental import);
5. times queries on the catalog (examples/query_bench.rs);
and prints a table: time, MB/s, documents/s, peak RSS, catalog size, ratio to the baseline.
`--short` makes the files about 4 KB (the 1,000,000-document scale check).

    python3 bench/import.py --pdf /tmp/corpus-pdf [--pdf-copies 20]

imports a folder of PDFs instead (tests/fixtures/make_pdfs.py makes one from the sample
holdings), copied N times under new names, once on every core and once with --jobs 1, and
the text copy beside it when given with --pdf-text: pages per second (text extraction runs
on the parser threads), MB/s, documents/s.
"""
import argparse, json, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def run(cmd, **kw):
    """Run a command under GNU time; return (seconds, peak RSS MB, stdout)."""
    t = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True, **kw)
    secs = time.time() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stdout}\n{p.stderr}")
    rss_kb = int(p.stderr.strip().splitlines()[-1])
    return secs, rss_kb / 1024, p.stdout


def size_mb(path):
    return sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s)) / 1e6


def corpus_mb(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total / 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--work", default="/tmp/cablecat-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--short", action="store_true", help="short documents (about 4 KB)")
    ap.add_argument("--repeat", type=int, default=1, help="run bare SQLite and cablecat this many times each, alternating; report the best of each")
    ap.add_argument("--pdf", help="a folder of PDF releases: measure PDF import (pages/s) instead")
    ap.add_argument("--pdf-text", help="with --pdf: the same releases as text, imported for comparison")
    ap.add_argument("--pdf-copies", type=int, default=20, help="with --pdf: copies of the folder imported at once")
    a = ap.parse_args()

    if a.pdf:
        return pdf_bench(a)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "cablecat", "--examples"], cwd=ROOT, check=True)
    os.makedirs(a.work, exist_ok=True)
    mean_kb = "4" if a.short else "20"
    corpus = os.path.join(a.work, f"corpus-{a.files}-{mean_kb}k")
    if not os.path.isdir(corpus):
        subprocess.run([os.path.join(BIN, "examples", "synth"), corpus, str(a.files), str(a.seed), mean_kb], check=True)
    more = os.path.join(a.work, f"more-{a.files}-{mean_kb}k")
    if not os.path.isdir(more):
        subprocess.run([os.path.join(BIN, "examples", "synth"), more, "1000", str(a.seed + 1), mean_kb, str(a.files)], check=True)
    mb = corpus_mb(corpus)

    bare_db = os.path.join(a.work, "bare.db")
    cat_db = os.path.join(a.work, "catalog.db")

    def fresh(db):
        for s in ("", "-wal", "-shm", "-lock"):
            if os.path.exists(db + s):
                os.remove(db + s)
        # Let the previous run's writes reach the disk, so they do not slow this one.
        os.sync()
        time.sleep(2)

    best_bare = best_cat = None
    for _ in range(a.repeat):
        fresh(bare_db)
        r = run([os.path.join(BIN, "examples", "bare_sqlite"), corpus, bare_db])
        if best_bare is None or r[0] < best_bare[0]:
            best_bare = r
        fresh(cat_db)
        r = run([os.path.join(BIN, "cablecat"), "--db", cat_db, "import", "--verbose", corpus])
        if best_cat is None or r[0] < best_cat[0]:
            best_cat = r
    bare_s, bare_rss, out = best_bare
    bare = json.loads(out)
    cat_s, cat_rss, out = best_cat
    print(out.strip())
    os.sync()
    time.sleep(2)
    docs = bare["documents"]
    inc_s, inc_rss, out = run([os.path.join(BIN, "cablecat"), "--db", cat_db, "import", "--verbose", more])
    print(out.strip())
    _, _, out = run([os.path.join(BIN, "examples", "query_bench"), cat_db])
    queries = [json.loads(l) for l in out.splitlines() if l.strip()]

    print()
    print(f"{a.files} files, {mb:.0f} MB; machine: {os.cpu_count()} cores")
    print(f"{'run':34} {'time s':>8} {'MB/s':>7} {'docs/s':>8} {'peak RSS MB':>12} {'catalog MB':>11} {'ratio':>6}")
    rows = [
        ("bare SQLite (no parsing)", bare_s, mb, docs, bare_rss, size_mb(bare_db), 1.0),
        ("cablecat import", cat_s, mb, docs, cat_rss, size_mb(cat_db), cat_s / bare_s),
        ("cablecat import of 1,000 more", inc_s, corpus_mb(more), 1000, inc_rss, size_mb(cat_db), None),
    ]
    for name, secs, m, n, rss, size, ratio in rows:
        r = f"{ratio:.2f}x" if ratio else ""
        print(f"{name:34} {secs:8.1f} {m / secs:7.1f} {n / secs:8.0f} {rss:12.0f} {size:11.0f} {r:>6}")
    print(f"bare SQLite: inserts {bare['insert_seconds']} s, full-text index {bare['index_seconds']} s; "
          f"{bare['paragraphs']} paragraphs, {bare['small_rows']} small rows")
    print(f"catalog size per document: {size_mb(cat_db) * 1e6 / (docs + 1000) / 1024:.1f} KB")
    print()
    print(f"{'query':44} {'best ms':>8} {'median ms':>10} {'rows':>7}  full scans")
    for q in queries:
        print(f"{q['query']:44} {q['best_ms']:8.1f} {q['median_ms']:10.1f} {q['rows']:7}  {'; '.join(q['full_scans'])}")


def pdf_bench(a):
    """PDF import throughput: pages per second, on every core and on one."""
    import sqlite3
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "cablecat"], cwd=ROOT, check=True)
    os.makedirs(a.work, exist_ok=True)

    def copies(src, name):
        dst = os.path.join(a.work, f"{name}-x{a.pdf_copies}")
        if not os.path.isdir(dst):
            for i in range(a.pdf_copies):
                shutil.copytree(src, os.path.join(dst, f"copy{i:03}"),
                                ignore=shutil.ignore_patterns("*.json", "*.jsonl", "*.tsv"))
        return dst

    folders = [("PDF", copies(a.pdf, "pdf"))]
    if a.pdf_text:
        folders.append(("text", copies(a.pdf_text, "text")))
    db = os.path.join(a.work, "pdf.db")
    print(f"{'import':28} {'jobs':>4} {'time s':>7} {'pages':>6} {'pages/s':>8} {'MB/s':>6} {'docs/s':>7} {'peak RSS MB':>12}")
    for label, folder in folders:
        for jobs in ("0", "1"):
            for s in ("", "-wal", "-shm", "-lock"):
                if os.path.exists(db + s):
                    os.remove(db + s)
            secs, rss, _ = run([os.path.join(BIN, "cablecat"), "--db", db, "import", "--quiet", "--jobs", jobs, folder])
            con = sqlite3.connect(db)
            pages = con.execute("SELECT coalesce(sum(pages), 0) FROM files").fetchone()[0]
            if not pages:  # text files: their form feeds count the pages
                pages = con.execute("SELECT coalesce(sum(max_page), 0) FROM (SELECT max(p.page) AS max_page "
                                    "FROM paragraphs p GROUP BY p.document_id)").fetchone()[0]
            docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
            cores = "all" if jobs == "0" else jobs
            print(f"{label:28} {cores:>4} {secs:7.1f} {pages:6} {pages / secs:8.0f} "
                  f"{corpus_mb(folder) / secs:6.1f} {docs / secs:7.0f} {rss:12.0f}")


if __name__ == "__main__":
    main()
