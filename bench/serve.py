#!/usr/bin/env python3
"""Page times of `cablecat serve` on a large catalog.

    python3 bench/serve.py [--db /tmp/cablecat-bench/catalog.db] [--repeat 7]

Starts the server on a free port (release build), asks each page `--repeat` times after one
warm-up request, and prints the best and median time per page, the size of the answer, and
whether the targets hold (a search page under 100 ms, a document page under 50 ms), with the
server's CPU time per request (user + system, from /proc: it varies less than wall time on a
loaded machine; 10 ms ticks, averaged over the repeats). Then it
times document pages while a slow download (the holdings report as CSV, every document)
streams, to show a slow query does not block the others. Make the catalog with
`python3 bench/import.py --files 100000` (or any `cablecat import`).
"""
import argparse, os, random, sqlite3, statistics, subprocess, sys, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """CPU time (user + system) the server has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def fetch(url):
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as r:
        body = r.read()
        status = r.status
    return time.perf_counter() - t, status, len(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/cablecat-bench/catalog.db")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not os.path.exists(a.db):
        sys.exit(f"no catalog at {a.db}: make one with python3 bench/import.py --files 100000")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "cablecat"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "cablecat")

    con = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    rnd = random.Random(a.seed)
    ids = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY random() LIMIT 200")]
    rnd.shuffle(ids)
    doc_ids = ids[:10]
    doc_nos = [r[0] for r in con.execute(
        "SELECT doc_no FROM documents WHERE doc_no IS NOT NULL AND id IN (%s)" % ",".join(map(str, ids[10:40])))][:5]
    cable = con.execute("SELECT cable_id FROM documents WHERE cable_id IS NOT NULL LIMIT 1").fetchone()
    con.close()

    server = subprocess.Popen([binary, "--db", a.db, "serve", "--port", "0", "--quiet"],
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    base = line.split(" at ")[1].split()[0].rstrip("/")
    load = open("/proc/loadavg").read().split()[:3]
    print(f"{n_docs:,} documents in {a.db}; serving at {base}; load average {' '.join(load)}")
    try:
        pages = [
            ("home", "holdings", "/"),
            ("search", "phrase", "/search?q=%22armored+cars%22"),
            ("search", "word", "/search?q=cartels"),
            ("search", "word, cables of 2010", "/search?q=cartels&type=cable&from=2010&to=2010"),
            ("search", "two words", "/search?q=police+killed"),
            ("search", "common word, page 3", "/search?q=embassy&page=3"),
            ("search", "common word, cables", "/search?q=embassy&type=cable"),
            ("search", "common word, 2010", "/search?q=embassy&from=2010&to=2010"),
            ("search", "prefix, tag filter", "/search?q=deport*&tag=PREL"),
            ("list", "newest 50", "/documents?desc=1"),
            ("list", "cables of 2010", "/documents?type=cable&from=2010&to=2010"),
            ("list", "exemption b1 and tag PREL", "/documents?exemption=b1&tag=PREL"),
            ("list", "page 200", "/documents?page=200"),
        ]
        pages += [("document", f"row id {i}", f"/documents/{i}") for i in doc_ids]
        pages += [("document", f"doc no {d}", f"/documents/{d}") for d in doc_nos]
        if cable:
            pages.append(("document", f"cable id {cable[0]}", f"/documents/{cable[0]}"))
        pages += [
            ("report", "documents-by-year", "/reports/documents-by-year"),
            ("report", "exemptions-summary", "/reports/exemptions-summary"),
            ("oai", "Identify", "/oai?verb=Identify"),
            ("oai", "ListSets", "/oai?verb=ListSets"),
            ("oai", "ListIdentifiers (100)", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"),
            ("oai", "ListRecords (100)", "/oai?verb=ListRecords&metadataPrefix=oai_dc"),
            ("oai", "ListRecords of a set", "/oai?verb=ListRecords&metadataPrefix=oai_dc&set=collection:clinton"),
            ("oai", "GetRecord", f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:cablecat:{doc_ids[0]}"),
        ]
        print(f"\n{'page':<10} {'what':<34} {'best ms':>8} {'median':>8} {'cpu ms':>7} {'KB':>7}")
        worst = {}
        for kind, what, path in pages:
            fetch(base + path)
            times = []
            cpu0 = cpu_seconds(server.pid)
            for _ in range(a.repeat):
                t, status, size = fetch(base + path)
                assert status == 200, (path, status)
                times.append(t * 1000)
            cpu = (cpu_seconds(server.pid) - cpu0) * 1000 / a.repeat
            best, med = min(times), statistics.median(times)
            worst[kind] = max(worst.get(kind, 0), med)
            print(f"{kind:<10} {what:<34} {best:8.1f} {med:8.1f} {cpu:7.1f} {size / 1024:7.1f}")
        print()
        for kind, target in [("search", 100), ("document", 50)]:
            verdict = "meets" if worst[kind] < target else "MISSES"
            print(f"slowest {kind} page (median): {worst[kind]:.1f} ms; target < {target} ms: {verdict}")

        # A slow download streaming while documents are asked for.
        slow = {}
        def download():
            slow["t"], _, slow["size"] = fetch(base + "/reports/holdings?format=csv")
        th = threading.Thread(target=download)
        th.start()
        time.sleep(0.05)
        during = []
        while th.is_alive() and len(during) < 200:
            t, status, _ = fetch(base + f"/documents/{rnd.choice(ids)}")
            during.append(t * 1000)
        th.join()
        if during:
            print(f"\nwhile the holdings CSV ({slow['size'] / 1e6:.1f} MB, {slow['t']:.2f} s) streamed: "
                  f"{len(during)} document pages, median {statistics.median(during):.1f} ms, "
                  f"slowest {max(during):.1f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
