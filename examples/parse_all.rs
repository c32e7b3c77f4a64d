//! Parse and extract every file of a folder, without a catalog: for profiling the stages
//! that run on the parser threads (`valgrind --tool=callgrind`, `perf record`).
//!
//!     cargo run --release --example parse_all -- DIR [REPEAT]

use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut paths = Vec::new();
    walk(Path::new(&args[1]), &mut paths);
    let repeat: usize = args.get(2).map(|r| r.parse().unwrap()).unwrap_or(1);
    let files: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let vocab = cablecat::extract::Vocab::builtin();
    let (mut parse, mut extract) = (0.0, 0.0);
    let mut docs = 0;
    for _ in 0..repeat {
        for (p, b) in &files {
            let t = Instant::now();
            let mut parsed = cablecat::parse::parse_bytes(p, b).unwrap_or_default();
            parse += t.elapsed().as_secs_f64();
            let t = Instant::now();
            for d in &mut parsed {
                cablecat::extract::extract(d, &vocab);
            }
            extract += t.elapsed().as_secs_f64();
            docs += parsed.len();
        }
    }
    let mb = (bytes * repeat) as f64 / 1e6;
    println!(
        "{docs} documents, {mb:.1} MB: parse {parse:.2} s ({:.1} MB/s), extract {extract:.2} s ({:.1} MB/s), both {:.1} MB/s",
        mb / parse,
        mb / extract,
        mb / (parse + extract)
    );
}
