//! Import: walk the paths given, read and parse files on every core, and store them from one
//! writer thread, many whole files per transaction.
//!
//! One bad file never stops the run and never leaves half a document behind: its reason is
//! collected for the summary and the exit status is decided at the end. What does stop the
//! run is the catalog itself failing (a full disk, a read-only file system): then every file
//! already committed stays, nothing is half-written, and running the same import again
//! finishes the job.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};

use crate::extract::{self, Vocab};
use crate::model::Document;
use crate::parse;
use crate::store::{self, Catalog, FileRecord, FtsBatch, FtsFeed};

/// File extensions a folder walk picks up.
pub const EXTENSIONS: &[&str] = &["txt", "xml", "pdf"];

#[derive(Debug, Clone)]
pub struct Options {
    /// Parser threads; 0 means one per core.
    pub jobs: usize,
    /// Files per transaction.
    pub batch: usize,
    /// Files larger than this many bytes are refused (a release is rarely over a few MB;
    /// parsing holds several copies of a file in memory).
    pub max_size: u64,
    /// Refuse files that are readable text but not a recognizable release.
    pub strict: bool,
    /// Run the OCR engine (ocrmypdf) on PDF pages without a text layer.
    pub ocr: bool,
}

/// The default `max_size`: 16 MB, a thousand pages of OCR text many times over.
pub const MAX_SIZE: u64 = 16 << 20;

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: 0,
            batch: BATCH_FILES,
            max_size: MAX_SIZE,
            strict: false,
            ocr: false,
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
    /// Time the writer spent storing (the full-text index included), and building the
    /// indexes set aside at the end.
    pub write_time: Duration,
    pub index_time: Duration,
    /// Whether query indexes were set aside and built at the end (bulk mode).
    pub bulk: bool,
}

impl Summary {
    pub fn ok(&self) -> bool {
        self.failed.is_empty()
    }
}

/// One thing a walk of the command line's paths finds: a file to import, or a problem (a
/// missing path, a loop, a folder that cannot be read), which is a failure of its own.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    Problem(String, String),
}

/// The files to import under the command line's paths, in a stable order, found as the
/// import goes: a walk holds one folder's listing at a time, never the whole list.
pub struct Walk<'a> {
    paths: std::slice::Iter<'a, PathBuf>,
    current: Option<(PathBuf, walkdir::IntoIter)>,
}

impl<'a> Walk<'a> {
    pub fn new(paths: &'a [PathBuf]) -> Walk<'a> {
        Walk {
            paths: paths.iter(),
            current: None,
        }
    }
}

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(x)))
}

impl Iterator for Walk<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some((root, entries)) = self.current.as_mut() {
                match entries.next() {
                    Some(Ok(e)) if e.file_type().is_file() && wanted(e.path()) => {
                        return Some(Found::File(e.into_path()))
                    }
                    Some(Ok(_)) => {}
                    Some(Err(e)) => {
                        let where_ = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| root.display().to_string());
                        let why = if e.loop_ancestor().is_some() {
                            "a symbolic link loops back to a folder above it; skipped".to_string()
                        } else if let Some(io) = e.io_error() {
                            describe_io(io)
                        } else {
                            e.to_string()
                        };
                        return Some(Found::Problem(where_, why));
                    }
                    None => self.current = None,
                }
                continue;
            }
            let p = self.paths.next()?;
            match std::fs::metadata(p) {
                Err(e) => return Some(Found::Problem(p.display().to_string(), describe_io(&e))),
                Ok(m) if m.is_file() => return Some(Found::File(p.clone())),
                Ok(m) if !m.is_dir() => {
                    return Some(Found::Problem(
                        p.display().to_string(),
                        "not a file or folder (a device, pipe or socket); skipped".into(),
                    ))
                }
                Ok(_) => {
                    let entries = walkdir::WalkDir::new(p)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter();
                    self.current = Some((p.clone(), entries));
                }
            }
        }
    }
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
    pdf: Option<crate::pdf::PdfMeta>,
    ocr: Option<&'static str>,
}

enum Work {
    Write(Box<Prepared>),
    Unchanged,
    Failed(String),
}

/// Read, parse and extract the file at `path`, `opened` (with what the open file says of
/// itself, read once).
fn prepare(
    path: &Path,
    opened: std::io::Result<(std::fs::Metadata, std::fs::File)>,
    reader: Option<&rusqlite::Connection>,
    vocab: &Vocab,
    opts: &Options,
) -> Work {
    use std::io::Read;
    let display = path.display().to_string();
    let (meta, mut file) = match opened {
        Ok(opened) => opened,
        Err(e) => return Work::Failed(describe_io(&e)),
    };
    // A PDF is mostly images, never decoded: it may be larger than its text may.
    if meta.len() > opts.max_size && !(meta.len() <= pdf_max_size(opts) && sniff_pdf(path)) {
        return Work::Failed(format!(
            "too large for one release: {:.0} MB (the limit is {:.0} MB; raise it with --max-size)",
            meta.len() as f64 / (1 << 20) as f64,
            opts.max_size as f64 / (1 << 20) as f64
        ));
    }
    // Sized from what the open file said; through `Take`, `read_to_end` does not ask the
    // file its size and position again.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    if let Err(e) = (&mut file).take(u64::MAX).read_to_end(&mut bytes) {
        return Work::Failed(describe_io(&e));
    }
    drop(file);
    let sha256 = hex::encode(Sha256::digest(&bytes));
    // Unchanged, unless it waits for the OCR this import was asked to run.
    let known: Option<(String, bool)> = reader.and_then(|reader| {
        reader
            .prepare_cached(
                "SELECT sha256, ocr IS NULL AND coalesce(text_pages < pages, 0) FROM files WHERE path = ?1",
            )
            .and_then(|mut s| s.query_row([&display], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .unwrap_or(None)
    });
    if let Some((known, needs_ocr)) = known {
        if known == sha256 && !(opts.ocr && needs_ocr) {
            return Work::Unchanged;
        }
    }
    let size = bytes.len() as u64;
    let mut decoded = match crate::decode::decode_limited(&bytes, opts.max_size) {
        Ok(d) => d,
        Err(e) => return Work::Failed(e.to_string()),
    };
    let mut ocr = None;
    if opts.ocr && decoded.pdf.as_ref().is_some_and(|p| p.text_pages < p.pages) {
        match crate::pdf::ocr(path).and_then(|b| {
            crate::decode::decode_limited(&b, opts.max_size).map_err(|e| e.to_string())
        }) {
            Ok(d) => {
                decoded = d;
                ocr = Some(crate::pdf::OCR_ENGINE);
            }
            Err(e) => return Work::Failed(e),
        }
    }
    drop(bytes);
    // A parser bug must cost one file, not the run.
    let parsed = std::panic::catch_unwind(|| {
        parse::parse_decoded(path, &decoded).map(|mut docs| {
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
    let format = if decoded.pdf.is_some() {
        "pdf"
    } else if documents.iter().any(|d| d.part.is_some()) {
        "frus-tei"
    } else {
        "text"
    };
    let mut warnings = Vec::new();
    if decoded.nul_removed > 0 {
        warnings.push(format!(
            "{} stray NUL bytes dropped from the text",
            decoded.nul_removed
        ));
    }
    let recognized = documents.iter().any(|d| {
        d.doc_no.is_some()
            || d.case_no.is_some()
            || d.doc_type
                .is_some_and(|t| t != crate::model::DocType::Other)
    });
    if opts.strict && !recognized {
        return Work::Failed(
            "not a recognizable release: no release banner, cable header, email or memo heading \
             (without --strict it is catalogued as other)"
                .into(),
        );
    }
    if let Some(pdf) = &decoded.pdf {
        warnings.extend(pdf_notes(pdf, ocr.is_some()));
    }
    for d in &mut documents {
        if let Some(pdf) = &decoded.pdf {
            // The document's pages are the PDF's, whatever its banners count.
            d.pages = Some(pdf.pages as u32);
        }
        if d.doc_type.is_none() && decoded.pdf.as_ref().is_none_or(|p| p.text_pages > 0) {
            warnings.push("no text: an image-only release? catalogued without fields".to_string());
        }
        if d.doc_no.is_none() && (format == "text" || format == "pdf") {
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
        size,
        encoding: decoded.encoding,
        format,
        documents,
        warnings,
        pdf: decoded.pdf,
        ocr,
    }))
}

/// The largest PDF read: its text may be `max_size`, its images many times that.
fn pdf_max_size(opts: &Options) -> u64 {
    opts.max_size.saturating_mul(16)
}

fn sniff_pdf(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    crate::pdf::is_pdf(&head[..n])
}

/// What a librarian should know of a PDF that was read.
fn pdf_notes(pdf: &crate::pdf::PdfMeta, ocr_ran: bool) -> Vec<String> {
    let mut notes = Vec::new();
    let without = pdf.pages - pdf.text_pages;
    if ocr_ran && without > 0 {
        notes.push(format!(
            "{without} of {} pages have no text even after OCR ({} found none on them)",
            pdf.pages,
            crate::pdf::OCR_ENGINE
        ));
    } else if pdf.text_pages == 0 {
        notes.push(format!(
            "no text layer: an image-only scan ({} page{}) catalogued without fields; \
             `cablecat import --ocr` reads it with ocrmypdf",
            pdf.pages,
            if pdf.pages == 1 { "" } else { "s" }
        ));
    } else if without > 0 {
        notes.push(format!(
            "{without} of {} pages have no text layer (images only); \
             `cablecat import --ocr` reads them with ocrmypdf",
            pdf.pages
        ));
    }
    if pdf.repaired {
        notes.push("a damaged cross-reference table, rebuilt by scanning the file".into());
    }
    if !pdf.ignored.is_empty() {
        notes.push(format!(
            "ignored what the PDF carries besides its pages: {}",
            pdf.ignored.join(", ")
        ));
    }
    notes
}

/// Files written per transaction, at most; a batch also closes at `BATCH_BYTES`. Each commit
/// writes the full-text index's new entries as one segment, and FTS5 merges segments as they
/// pile up: 2,000 files a transaction rather than 500 spares most of those merges (writer CPU
/// on the population 2.46 -> 2.03-2.15 s; peak RSS 155 -> 188 MB).
pub const BATCH_FILES: usize = 2000;
const BATCH_BYTES: u64 = 16 << 20;
/// How far the parsers may run ahead of the files handed to the writer, in files.
const WINDOW: usize = 256;
/// Files a parser takes from the walk at once.
const CLAIM: usize = 16;
/// Bytes of files being parsed at once, at most (a larger file is parsed alone).
const PARSE_BUDGET: u64 = 16 << 20;

/// Whether to set aside the indexes only queries use and build them at the end: when the
/// import is at least as large as the catalog already is, sorting every row once costs less
/// than keeping them up to date row by row.
fn use_bulk_mode(new_files: usize, existing_documents: i64) -> bool {
    new_files >= 1000 && new_files as i64 >= existing_documents
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
    if opts.ocr {
        crate::pdf::ocr_available()?;
    }
    let _lock = catalog.lock_for_import()?;
    // A first walk counts the files (for progress and to choose bulk mode); the second
    // feeds the parsers.
    let total = Walk::new(paths).count();
    let walk = Mutex::new(Walk::new(paths).enumerate());
    let mut summary = Summary::default();
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        opts.jobs
    };
    let db_path = catalog.path.clone();
    let imported_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let vocab = Vocab::from_files(&store::current_vocabularies(&catalog.conn)?.extraction())
        .context("reading the catalog's vocabularies")?;

    // A bulk import killed before its end left indexes to build: this one finishes them.
    let existing: i64 = catalog
        .conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
    let bulk = use_bulk_mode(total, existing) || catalog.bulk_pending()?;
    let known_files: bool =
        catalog
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM files)", [], |r| r.get(0))?;
    if bulk {
        catalog
            .begin_bulk()
            .map_err(|e| match storage_failure(&e) {
                Some(why) => stopped(why, &summary),
                None => e,
            })?;
    }
    catalog
        .prepare_writer(BATCH_BYTES)
        .map_err(|e| match storage_failure(&e) {
            Some(why) => stopped(why, &summary),
            None => e,
        })?;
    // The full-text index takes each transaction's paragraphs at its end; only when an
    // older cablecat's import left it to rebuild does it wait for the rebuild at the end.
    let fts = if catalog.fts_pending()? {
        FtsFeed::Rebuild
    } else {
        FtsFeed::Batch
    };

    let in_parse = Watched::new(0u64);
    let written = Watched::new(0usize);
    let (tx, rx) = sync_channel::<Vec<(usize, String, Work)>>(jobs * 4);
    // A parser panic is caught and reported as a failed file; keep its message off the
    // terminal.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let result = std::thread::scope(|scope| -> Result<()> {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (walk, written, in_parse, vocab) = (&walk, &written, &in_parse, &vocab);
            let db_path = db_path.clone();
            // Named, for `top -H` and profilers.
            let parser = std::thread::Builder::new().name("cablecat-parse".into());
            parser
                .spawn_scoped(scope, move || {
                    yield_to_writer();
                    // Without a reader every file is simply parsed again; a catalog that held
                    // no file when the import began needs none (all its files are new).
                    let reader = known_files
                        .then(|| store::open_read_only(&db_path).ok())
                        .flatten();
                    'claim: loop {
                        // A run of files at a time: one lock of the walk and one message to
                        // the thread that orders them (one wake-up of it) per run, not per
                        // file.
                        let claimed: Vec<(usize, Found)> =
                            walk.lock().unwrap().by_ref().take(CLAIM).collect();
                        if claimed.is_empty() {
                            break;
                        }
                        let mut done = Vec::with_capacity(claimed.len());
                        let mut since = Instant::now();
                        for (i, found) in claimed {
                            let file = match found {
                                Found::File(f) => f,
                                Found::Problem(path, why) => {
                                    done.push((i, path, Work::Failed(why)));
                                    continue;
                                }
                            };
                            // Stay within a window of the files handed on, so memory stays
                            // bounded (the run's earlier files are within it: `CLAIM` is
                            // smaller than `WINDOW`).
                            written.wait_then(|handed| i < *handed + WINDOW, |_| ());
                            // And within a budget of bytes being parsed at once: parsing
                            // holds several copies of a file, so two large files wait for
                            // each other.
                            let opened =
                                std::fs::File::open(&file).and_then(|f| Ok((f.metadata()?, f)));
                            let size = opened
                                .as_ref()
                                .map(|(m, _)| m.len().min(opts.max_size))
                                .unwrap_or(0);
                            in_parse.wait_then(
                                |busy| *busy == 0 || *busy + size <= PARSE_BUDGET,
                                |busy| *busy += size,
                            );
                            let work = prepare(&file, opened, reader.as_ref(), vocab, opts);
                            in_parse.update(|busy| *busy -= size);
                            done.push((i, file.display().to_string(), work));
                            // A slow file (a PDF, OCR) is not held back for the rest of
                            // the run: progress shows it.
                            if since.elapsed() > Duration::from_millis(100) {
                                if tx.send(std::mem::take(&mut done)).is_err() {
                                    break 'claim;
                                }
                                since = Instant::now();
                            }
                        }
                        if !done.is_empty() && tx.send(done).is_err() {
                            break;
                        }
                    }
                })
                .context("starting a parser thread")?;
        }
        drop(tx);

        // One thread writes, so that parsing goes on while a batch is being stored; this one
        // puts the files back in input order (row ids follow the order of the files) and
        // hands over whole batches.
        let (batch_tx, batch_rx) = sync_channel::<Batch>(1);
        let conn = &mut catalog.conn;
        let imported_at = &imported_at;
        let writer = std::thread::Builder::new().name("cablecat-write".into());
        let writer = writer
            .spawn_scoped(scope, move || -> Result<Summary> {
                let mut written = Summary::default();
                for mut batch in batch_rx {
                    let t = Instant::now();
                    batch
                        .write(conn, imported_at, fts, &mut written)
                        .map_err(|e| match storage_failure(&e) {
                            Some(why) => stopped(why, &written),
                            None => e,
                        })?;
                    written.write_time += t.elapsed();
                }
                Ok(written)
            })
            .context("starting the writer thread")?;
        let mut pending: BTreeMap<usize, (String, Work)> = BTreeMap::new();
        let mut want = 0usize;
        let mut batch = Batch::default();
        let hand_over =
            |batch: &mut Batch| -> bool { batch_tx.send(std::mem::take(batch)).is_ok() };
        'receive: for run in rx.iter() {
            pending.extend(run.into_iter().map(|(i, path, work)| (i, (path, work))));
            while let Some((path, work)) = pending.remove(&want) {
                match work {
                    Work::Unchanged => summary.unchanged += 1,
                    Work::Failed(why) => summary.failed.push((path.clone(), why)),
                    Work::Write(p) => {
                        // A large file goes in a batch of its own rather than swell one.
                        if !batch.files.is_empty()
                            && batch.bytes + p.size > BATCH_BYTES
                            && !hand_over(&mut batch)
                        {
                            break 'receive;
                        }
                        batch.bytes += p.size;
                        batch.files.push(*p);
                    }
                }
                want += 1;
                progress(want, total, &path);
                // Near the end, smaller batches: the writer keeps up with the parsers, and
                // what is left to write when the last file is parsed is a small batch, not
                // a whole one (the import's tail runs on one core).
                let files = if total.saturating_sub(want) < 2 * opts.batch {
                    opts.batch / 8
                } else {
                    opts.batch
                };
                if (batch.files.len() >= files.max(1) || batch.bytes >= BATCH_BYTES)
                    && !hand_over(&mut batch)
                {
                    // The writer stopped on an error: it says which below.
                    break 'receive;
                }
            }
            written.update(|handed| *handed = want);
        }
        hand_over(&mut batch);
        drop(batch_tx);
        // Let the parsers finish if the writer stopped early.
        written.update(|handed| *handed = usize::MAX / 2);
        drop(rx);
        let w = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the catalog writer failed"))??;
        summary.imported += w.imported;
        summary.bytes += w.bytes;
        summary.documents += w.documents;
        for (t, n) in w.by_type {
            *summary.by_type.entry(t).or_default() += n;
        }
        summary.failed.extend(w.failed);
        summary.warnings.extend(w.warnings);
        summary.write_time = w.write_time;
        Ok(())
    });
    std::panic::set_hook(hook);
    result?;
    if bulk {
        let t = Instant::now();
        catalog
            .end_bulk()
            .context("building the indexes set aside for the import")?;
        summary.index_time = t.elapsed();
    }
    summary.bulk = bulk;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Parser threads take a lower priority than the writer (a nice value of
/// `PARSER_NICE`). With more parsers than cores beside the writer, an even share of the
/// cores gave the writer less than it needs; the files it had not written filled the
/// queue, the parsers stopped, and a core stood idle until the writer caught up. Yielding
/// to it, the parsers use what the writer leaves, which is every core whenever the writer
/// waits. (20,000 synthetic releases, 3 rounds each: nice 5 a median 18.9 s, nice 10
/// 17.3 s.)
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take no pointers; on Linux a thread's id names that
    // thread alone for PRIO_PROCESS, and raising one's own nice value needs no privilege.
    unsafe {
        let tid = libc::gettid() as libc::id_t;
        let now = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, (now + PARSER_NICE).min(19));
    }
}

const PARSER_NICE: i32 = 10;

/// A value threads wait on until it is what they need. Unlike a bare `Condvar`, whose
/// notify is a system call whether or not anyone waits, a change wakes nobody when nobody
/// waits: the parsers and the thread that orders their files change these once per file.
struct Watched<T> {
    /// The value, and how many threads wait for it to change.
    state: Mutex<(T, usize)>,
    changed: Condvar,
}

impl<T> Watched<T> {
    fn new(value: T) -> Watched<T> {
        Watched {
            state: Mutex::new((value, 0)),
            changed: Condvar::new(),
        }
    }

    /// Wait until `ready` holds of the value, then change it with `then`.
    fn wait_then(&self, ready: impl Fn(&T) -> bool, then: impl FnOnce(&mut T)) {
        let mut state = self.state.lock().unwrap();
        while !ready(&state.0) {
            state.1 += 1;
            state = self.changed.wait(state).unwrap();
            state.1 -= 1;
        }
        then(&mut state.0);
    }

    /// Change the value, and wake whoever waits on it.
    fn update(&self, change: impl FnOnce(&mut T)) {
        let mut state = self.state.lock().unwrap();
        change(&mut state.0);
        if state.1 > 0 {
            self.changed.notify_all();
        }
    }
}

/// Files read and parsed, waiting to be written in one transaction.
#[derive(Default)]
struct Batch {
    files: Vec<Prepared>,
    bytes: u64,
}

impl Batch {
    /// Write every file in one transaction. If one fails, the transaction is rolled back
    /// and the files are written one transaction each, so only the bad one is lost.
    fn write(
        &mut self,
        conn: &mut rusqlite::Connection,
        imported_at: &str,
        fts: FtsFeed,
        summary: &mut Summary,
    ) -> Result<()> {
        if self.files.is_empty() {
            return Ok(());
        }
        let files = std::mem::take(&mut self.files);
        self.bytes = 0;
        // IMMEDIATE: the write lock is taken (waiting for other writers) before anything is
        // read, so the transaction never has to upgrade a stale read snapshot.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut feed = match fts {
            FtsFeed::Batch => Some(FtsBatch::begin(&tx)?),
            _ => None,
        };
        let mut ok = true;
        for p in &files {
            match store::replace_file(&tx, &p.record(imported_at), &p.documents, fts) {
                Ok(first) => {
                    if let Some(feed) = feed.as_mut() {
                        feed.wrote(first);
                    }
                }
                Err(e) => {
                    if let Some(why) = storage_failure(&e) {
                        drop(tx); // rolls back; SQLite may have done so already (a full disk does)
                        return Err(stopped(why, summary));
                    }
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            if let Some(feed) = feed {
                feed.finish(&tx)?;
            }
            if let Err(e) = tx.commit() {
                let e = anyhow::Error::from(e);
                return Err(match storage_failure(&e) {
                    Some(why) => stopped(why, summary),
                    None => e.context("committing imported documents"),
                });
            }
            for p in &files {
                summary.count(p);
            }
            return Ok(());
        }
        drop(tx);
        for p in &files {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let written = match fts {
                FtsFeed::Batch => FtsBatch::begin(&tx).and_then(|mut feed| {
                    feed.wrote(store::replace_file(
                        &tx,
                        &p.record(imported_at),
                        &p.documents,
                        fts,
                    )?);
                    feed.finish(&tx)
                }),
                _ => {
                    store::replace_file(&tx, &p.record(imported_at), &p.documents, fts).map(|_| ())
                }
            };
            match written {
                Ok(_) => {
                    tx.commit().context("committing imported documents")?;
                    summary.count(p);
                }
                Err(e) => {
                    drop(tx);
                    if let Some(why) = storage_failure(&e) {
                        return Err(stopped(why, summary));
                    }
                    summary.failed.push((p.path.clone(), format!("{e:#}")));
                }
            }
        }
        Ok(())
    }
}

/// Whether an error is the catalog's storage failing (not one file's fault), and in what way.
fn storage_failure(e: &anyhow::Error) -> Option<&'static str> {
    use rusqlite::ErrorCode::*;
    let code = e
        .chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(f, _)) => Some(f.code),
            _ => None,
        })?;
    match code {
        DiskFull => Some("the disk holding the catalog is full"),
        ReadOnly => Some("the catalog cannot be written (a read-only file or file system)"),
        SystemIoFailure => Some("the disk holding the catalog failed to read or write"),
        CannotOpen => Some("the catalog's files cannot be opened"),
        DatabaseCorrupt | NotADatabase => Some("the catalog is damaged"),
        _ => None,
    }
}

fn stopped(why: &str, summary: &Summary) -> anyhow::Error {
    anyhow::anyhow!(
        "{why}: the import stopped after {} files; every file written is whole, and running \
         the same import again (after fixing that) skips them and finishes the job",
        summary.imported
    )
}

impl Prepared {
    fn record<'a>(&'a self, imported_at: &'a str) -> FileRecord<'a> {
        FileRecord {
            path: &self.path,
            sha256: &self.sha256,
            size: self.size,
            encoding: self.encoding,
            format: self.format,
            imported_at,
            pdf: self.pdf.as_ref(),
            ocr: self.ocr,
        }
    }
}

impl Summary {
    fn count(&mut self, p: &Prepared) {
        self.imported += 1;
        self.bytes += p.size;
        self.documents += p.documents.len();
        for d in &p.documents {
            let t = d.doc_type.map(|t| t.as_str()).unwrap_or("no text");
            *self.by_type.entry(t.to_string()).or_default() += 1;
        }
        for w in &p.warnings {
            self.warnings.push((p.path.clone(), w.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread waiting on a `Watched` goes on when another changes the value to what it
    /// waits for, and a change nobody waits for wakes nobody and loses nothing.
    #[test]
    fn a_watched_value_wakes_its_waiters() {
        let handed = Watched::new(0usize);
        handed.update(|h| *h = 1);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| {
                let mut seen = 0;
                handed.wait_then(|h| *h >= 10, |h| seen = *h);
                seen
            });
            for i in 2..=10 {
                std::thread::sleep(Duration::from_millis(2));
                handed.update(|h| *h = i);
            }
            assert_eq!(waiter.join().unwrap(), 10);
        });
        assert_eq!(handed.state.lock().unwrap().1, 0, "no waiter left counted");
    }
}
