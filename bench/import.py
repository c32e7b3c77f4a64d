#!/usr/bin/env python3
"""Import and query benchmark: cablecat against bare SQLite, on the same files, in the same run.

    python3 bench/import.py --corpus ../shared/population --repeat 4   # any folder
    python3 bench/import.py --files 20000 --repeat 3                   # N synthetic releases
    python3 bench/import.py --files 100000                             # + incremental, queries
    python3 bench/import.py --short --files 1000000                    # the scale check

1. `--files N` writes N synthetic releases (examples/synth.rs, from the real ones in
   data/cables; `--short` makes them about 4 KB); `--corpus DIR` takes a folder as it is;
2. runs the baseline (examples/bare_sqlite.rs: plain SQLite, one thread, each file in
   documents(id, path, sha256, body) and its blank-line paragraphs in paragraphs(id,
   document_id, seq, text), 1,000 files per transaction, WAL, synchronous=NORMAL, then an
   FTS5 external-content index built once with 'rebuild') and `cablecat import` (read,
   decode, parse, extract, store, index) alternately, `--repeat` times each, from empty
   catalogs; `--schema-baseline` adds a third line: the same rows as the baseline, no
   parsing, in cablecat's own schema;
3. for synthetic files (or with `--extras`), adds 1,000 more files to the catalog (an
   incremental import) and times queries on it (examples/query_bench.rs);
and prints every pair with its ratio, then the best, median and spread, peak RSS, catalog
sizes, and the load average before and after each run (the build machine is shared).

    python3 bench/import.py --pdf /tmp/corpus-pdf [--pdf-copies 20]

imports a folder of PDFs instead (tests/fixtures/make_pdfs.py makes one from the sample
holdings), copied N times under new names, once on every core and once with --jobs 1, and
the text copy beside it when given with --pdf-text: pages per second (text extraction runs
on the parser threads), MB/s, documents/s.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def load():
    return os.getloadavg()[0]


def run(cmd):
    """Run a command under GNU time; return (seconds, peak RSS MB, stdout, stderr, load before,
    after, CPU seconds)."""
    before = load()
    t = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, capture_output=True, text=True)
    secs = time.time() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stdout}\n{p.stderr}")
    lines = p.stderr.strip().splitlines()
    rss_kb, user, system = lines[-1].split()
    return secs, int(rss_kb) / 1024, p.stdout, "\n".join(lines[:-1]), before, load(), float(user) + float(system)


def size_mb(path):
    return sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s)) / 1e6


def corpus_stats(path):
    total, n = 0, 0
    for dirpath, _, files in os.walk(path, followlinks=True):
        for f in files:
            if f.lower().endswith((".txt", ".xml", ".pdf")):
                total += os.path.getsize(os.path.join(dirpath, f))
                n += 1
    return n, total / 1e6


def corpus_mb(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total / 1e6


def fresh(db):
    for s in ("", "-wal", "-shm", "-lock"):
        if os.path.exists(db + s):
            os.remove(db + s)
    # Let the previous run's writes reach the disk, so they do not slow this one.
    os.sync()
    time.sleep(2)


def spread(xs):
    return f"best {min(xs):.2f}, median {statistics.median(xs):.2f}, worst {max(xs):.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--files", type=int, default=None, help="N synthetic releases (default 100,000)")
    src.add_argument("--corpus", help="a folder of files to import as it is")
    ap.add_argument("--work", default="/tmp/cablecat-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--short", action="store_true", help="short synthetic documents (about 4 KB)")
    ap.add_argument("--repeat", type=int, default=1, help="pairs of runs (bare SQLite, cablecat), alternating")
    ap.add_argument("--schema-baseline", action="store_true", help="also run the baseline in cablecat's schema")
    ap.add_argument("--compare", metavar="BIN", help="also run this other cablecat binary (an older build) in each round")
    ap.add_argument("--extras", action="store_true", help="incremental import and queries (default for synthetic files)")
    ap.add_argument("--no-extras", action="store_true", help="skip the incremental import and queries")
    ap.add_argument("--pdf", help="a folder of PDF releases: measure PDF import (pages/s) instead")
    ap.add_argument("--pdf-text", help="with --pdf: the same releases as text, imported for comparison")
    ap.add_argument("--pdf-copies", type=int, default=20, help="with --pdf: copies of the folder imported at once")
    a = ap.parse_args()

    if a.pdf:
        return pdf_bench(a)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "cablecat", "--examples"], cwd=ROOT, check=True)
    os.makedirs(a.work, exist_ok=True)
    mean_kb = "4" if a.short else "20"
    if a.corpus:
        corpus = os.path.abspath(a.corpus)
        extras = a.extras
        label = corpus
    else:
        files = a.files or 100_000
        corpus = os.path.join(a.work, f"corpus-{files}-{mean_kb}k")
        if not os.path.isdir(corpus):
            subprocess.run([os.path.join(BIN, "examples", "synth"), corpus, str(files), str(a.seed), mean_kb], check=True)
        extras = not a.no_extras
        label = f"{files} synthetic releases"
    more = os.path.join(a.work, f"more-1000-{mean_kb}k-{a.files or 0}")
    if extras and not os.path.isdir(more):
        first = a.files or 9_000_000  # numbered apart from any corpus
        subprocess.run([os.path.join(BIN, "examples", "synth"), more, "1000", str(a.seed + 1), mean_kb, str(first)], check=True)
    nfiles, mb = corpus_stats(corpus)

    bare_db = os.path.join(a.work, "bare.db")
    schema_db = os.path.join(a.work, "bare-schema.db")
    cat_db = os.path.join(a.work, "catalog.db")

    bare_runs, schema_runs, cat_runs, other_runs = [], [], [], []
    other_db = os.path.join(a.work, "catalog-compare.db")
    print(f"{label}: {nfiles} files, {mb:.0f} MB; {os.cpu_count()} cores; load {load():.1f}")
    # Each catalog's size is taken as soon as it is built, and all but cablecat's removed at
    # once: at 1,000,000 documents two catalogs at once do not fit on every disk.
    sizes = {}

    def measured(db, r):
        sizes[db] = size_mb(db)
        if db != cat_db:
            fresh(db)
        return r

    for i in range(a.repeat):
        fresh(bare_db)
        b = measured(bare_db, run([os.path.join(BIN, "examples", "bare_sqlite"), corpus, bare_db]))
        bare_runs.append(b)
        if a.schema_baseline:
            fresh(schema_db)
            schema_runs.append(measured(schema_db, run([os.path.join(BIN, "examples", "bare_sqlite"), "--cablecat-schema", corpus, schema_db])))
        if a.compare:
            fresh(other_db)
            o = measured(other_db, run([a.compare, "--db", other_db, "import", "--verbose", corpus]))
            other_runs.append(o)
            print(f"  {a.compare}: {o[0]:.1f} s, CPU {o[6]:.1f} s, ratio {o[0] / b[0]:.2f}x (load {o[4]:.1f}->{o[5]:.1f})", flush=True)
        fresh(cat_db)
        c = measured(cat_db, run([os.path.join(BIN, "cablecat"), "--db", cat_db, "import", "--verbose", corpus]))
        cat_runs.append(c)
        inner = json.loads(b[2])
        verbose = " ".join(l.strip() for l in c[2].splitlines() if "MB read;" in l)
        print(f"pair {i + 1}: bare {b[0]:6.1f} s, CPU {b[6]:.1f} s (inserts {inner['insert_seconds']:.1f}, "
              f"index {inner['index_seconds']:.1f}; load {b[4]:.1f}->{b[5]:.1f})  cablecat {c[0]:6.1f} s, CPU {c[6]:.1f} s "
              f"(load {c[4]:.1f}->{c[5]:.1f}; {verbose})  ratio {c[0] / b[0]:.2f}x", flush=True)

    best_bare = min(bare_runs, key=lambda r: r[0])
    best_cat = min(cat_runs, key=lambda r: r[0])
    bare = json.loads(best_bare[2])
    docs = bare["documents"]
    rows = [("bare SQLite (read, store, FTS-index)", best_bare, mb, docs, sizes[bare_db], 1.0)]
    if schema_runs:
        best = min(schema_runs, key=lambda r: r[0])
        rows.append(("bare SQLite in cablecat's schema", best, mb, docs, sizes[schema_db], best[0] / best_bare[0]))
    if other_runs:
        best = min(other_runs, key=lambda r: r[0])
        rows.append(("cablecat import (--compare)", best, mb, docs, sizes[other_db], best[0] / best_bare[0]))
    rows.append(("cablecat import", best_cat, mb, docs, sizes[cat_db], best_cat[0] / best_bare[0]))
    if extras:
        os.sync()
        time.sleep(2)
        inc = run([os.path.join(BIN, "cablecat"), "--db", cat_db, "import", "--verbose", more])
        print("\n".join(l for l in inc[2].splitlines() if "note:" not in l))
        rows.append(("cablecat import of 1,000 more", inc, corpus_stats(more)[1], 1000, size_mb(cat_db), None))

    print()
    print(f"{label}: {nfiles} files, {mb:.0f} MB; best of {a.repeat}")
    print(f"{'run':38} {'time s':>8} {'MB/s':>7} {'docs/s':>8} {'peak RSS MB':>12} {'catalog MB':>11} {'ratio':>6}")
    for name, r, m, n, size, ratio in rows:
        secs, rss = r[0], r[1]
        rt = f"{ratio:.2f}x" if ratio else ""
        print(f"{name:38} {secs:8.1f} {m / secs:7.1f} {n / secs:8.0f} {rss:12.0f} {size:11.0f} {rt:>6}")
    ratios = [c[0] / b[0] for b, c in zip(bare_runs, cat_runs)]
    print(f"bare SQLite s: {spread([r[0] for r in bare_runs])}; cablecat s: {spread([r[0] for r in cat_runs])}")
    print(f"ratio of each pair: {', '.join(f'{x:.2f}' for x in ratios)} ({spread(ratios)})")
    if other_runs:
        others = [o[0] / b[0] for b, o in zip(bare_runs, other_runs)]
        print(f"ratio of --compare to bare SQLite: {', '.join(f'{x:.2f}' for x in others)} ({spread(others)}); "
              f"CPU s {spread([o[6] for o in other_runs])}; peak RSS {spread([o[1] for o in other_runs])} MB")
    print(f"bare SQLite: inserts {bare['insert_seconds']} s, full-text index {bare['index_seconds']} s; {bare['paragraphs']} paragraphs")
    print(f"CPU s (user + system): bare SQLite {spread([r[6] for r in bare_runs])}; cablecat {spread([r[6] for r in cat_runs])}")
    print(f"cablecat peak RSS: {spread([r[1] for r in cat_runs])} MB")

    if extras:
        out = run([os.path.join(BIN, "examples", "query_bench"), cat_db])[2]
        queries = [json.loads(l) for l in out.splitlines() if l.strip()]
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
            secs, rss = run([os.path.join(BIN, "cablecat"), "--db", db, "import", "--quiet", "--jobs", jobs, folder])[:2]
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
