//! Import: walk the paths given, read and parse files on every core, and store them from one
//! writer, a whole file per savepoint and many files per transaction.
//!
//! One bad file never stops the run and never leaves half a document behind: its reason is
//! collected for the summary and the exit status is decided at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};

use crate::extract::{self, Vocab};
use crate::model::Document;
use crate::parse;
use crate::store::{self, Catalog, FileRecord};

/// File extensions a folder walk picks up.
pub const EXTENSIONS: &[&str] = &["txt", "xml"];

#[derive(Debug, Clone)]
pub struct Options {
    /// Parser threads; 0 means one per core.
    pub jobs: usize,
    /// Files per transaction.
    pub batch: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: 0,
            batch: 500,
        }
    }
}

/// What happened to one input file.
#[derive(Debug)]
pub enum Outcome {
    Imported { documents: usize },
    Unchanged,
    Failed(String),
}

#[derive(Debug, Default)]
pub struct Summary {
    pub imported: usize,
    pub unchanged: usize,
    pub documents: usize,
    pub by_type: BTreeMap<String, usize>,
    /// Files that could not be imported, with the reason.
    pub failed: Vec<(String, String)>,
    /// Files imported with something a librarian should look at.
    pub warnings: Vec<(String, String)>,
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Summary {
    pub fn ok(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Expand the command line's paths into the files to import, in a stable order. Problems
/// found while walking (a missing path, a loop, a folder that cannot be read) are failures of
/// their own.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                problems.push((p.display().to_string(), describe_io(&e)));
                continue;
            }
        };
        if meta.is_file() {
            files.push(p.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let wanted = e
                        .path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(x)));
                    if wanted {
                        files.push(e.into_path());
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let where_ = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| p.display().to_string());
                    let why = if e.loop_ancestor().is_some() {
                        "a symbolic link loops back to a folder above it; skipped".to_string()
                    } else if let Some(io) = e.io_error() {
                        describe_io(io)
                    } else {
                        e.to_string()
                    };
                    problems.push((where_, why));
                }
            }
        }
    }
    (files, problems)
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: cannot read it".into(),
        _ => e.to_string(),
    }
}

/// A file read and parsed, ready for the writer.
struct Prepared {
    path: String,
    sha256: String,
    size: u64,
    encoding: &'static str,
    format: &'static str,
    documents: Vec<Document>,
    warnings: Vec<String>,
}

enum Work {
    Write(Box<Prepared>),
    Unchanged,
    Failed(String),
}

fn prepare(path: &Path, reader: Option<&rusqlite::Connection>, vocab: &Vocab) -> Work {
    let display = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Work::Failed(describe_io(&e)),
    };
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let known: Option<String> = reader.and_then(|reader| {
        reader
            .prepare_cached("SELECT sha256 FROM files WHERE path = ?1")
            .and_then(|mut s| s.query_row([&display], |r| r.get(0)).optional())
            .unwrap_or(None)
    });
    if known.as_deref() == Some(sha256.as_str()) {
        return Work::Unchanged;
    }
    let decoded_encoding = crate::decode::decode(&bytes)
        .map(|d| d.encoding)
        .unwrap_or("binary");
    // A parser bug must cost one file, not the run.
    let parsed = std::panic::catch_unwind(|| {
        parse::parse_bytes(path, &bytes).map(|mut docs| {
            for d in &mut docs {
                extract::extract(d, vocab);
            }
            docs
        })
    });
    let mut documents = match parsed {
        Ok(Ok(docs)) => docs,
        Ok(Err(e)) => return Work::Failed(e.to_string()),
        Err(_) => {
            return Work::Failed(
                "the parser failed on this file (a bug: please report it with the file)".into(),
            )
        }
    };
    let format = if documents.iter().any(|d| d.part.is_some()) {
        "frus-tei"
    } else {
        "text"
    };
    let mut warnings = Vec::new();
    for d in &mut documents {
        if d.doc_type.is_none() {
            warnings.push("no text: an image-only release? catalogued without fields".to_string());
        }
        if d.doc_no.is_none() && format == "text" {
            // The release's file name is its document number in every FOIA reading room.
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if stem.len() == 9
                && stem.starts_with('C')
                && stem[1..].chars().all(|c| c.is_ascii_digit())
            {
                d.doc_no = Some(stem.to_string());
            }
        }
    }
    Work::Write(Box::new(Prepared {
        path: display,
        sha256,
        size: bytes.len() as u64,
        encoding: decoded_encoding,
        format,
        documents,
        warnings,
    }))
}

/// Import `paths` into the catalog. `progress` is called after each file with the count done
/// and the total.
pub fn run(
    catalog: &mut Catalog,
    paths: &[PathBuf],
    opts: &Options,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Summary> {
    let started = Instant::now();
    let (files, problems) = collect(paths);
    let mut summary = Summary {
        failed: problems,
        ..Default::default()
    };
    let total = files.len();
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        opts.jobs
    };
    let next = AtomicUsize::new(0);
    let (tx, rx) = sync_channel::<(usize, Work)>(jobs * 16);
    let db_path = catalog.path.clone();
    let imported_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let vocab = Vocab::from_files(&store::current_vocabularies(&catalog.conn)?.extraction())
        .context("reading the catalog's vocabularies")?;

    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..jobs {
            let tx = tx.clone();
            let files = &files;
            let next = &next;
            let db_path = db_path.clone();
            let vocab = &vocab;
            scope.spawn(move || {
                // Without a reader every file is simply parsed again.
                let reader = store::open_read_only(&db_path).ok();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() {
                        break;
                    }
                    let work = prepare(&files[i], reader.as_ref(), vocab);
                    if tx.send((i, work)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);

        // Write in input order, so row ids follow the order of the files.
        let mut pending: BTreeMap<usize, Work> = BTreeMap::new();
        let mut want = 0usize;
        let mut in_batch = 0usize;
        let mut txn = catalog.conn.unchecked_transaction()?;
        for (i, work) in rx.iter() {
            pending.insert(i, work);
            while let Some(work) = pending.remove(&want) {
                let path = files[want].display().to_string();
                match work {
                    Work::Unchanged => summary.unchanged += 1,
                    Work::Failed(why) => summary.failed.push((path.clone(), why)),
                    Work::Write(p) => {
                        let file = FileRecord {
                            path: &p.path,
                            sha256: &p.sha256,
                            size: p.size,
                            encoding: p.encoding,
                            format: p.format,
                            imported_at: &imported_at,
                        };
                        txn.execute_batch("SAVEPOINT file")?;
                        match store::replace_file(&txn, &file, &p.documents) {
                            Ok(_) => {
                                txn.execute_batch("RELEASE file")?;
                                summary.imported += 1;
                                summary.bytes += p.size;
                                summary.documents += p.documents.len();
                                for d in &p.documents {
                                    let t = d.doc_type.map(|t| t.as_str()).unwrap_or("no text");
                                    *summary.by_type.entry(t.to_string()).or_default() += 1;
                                }
                                for w in &p.warnings {
                                    summary.warnings.push((p.path.clone(), w.clone()));
                                }
                                in_batch += 1;
                            }
                            Err(e) => {
                                txn.execute_batch("ROLLBACK TO file; RELEASE file")?;
                                summary.failed.push((path.clone(), format!("{e:#}")));
                            }
                        }
                    }
                }
                want += 1;
                progress(want, total, &path);
                if in_batch >= opts.batch {
                    txn.commit().context("committing imported documents")?;
                    txn = catalog.conn.unchecked_transaction()?;
                    in_batch = 0;
                }
            }
        }
        txn.commit().context("committing imported documents")?;
        Ok(())
    })?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
