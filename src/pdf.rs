//! PDF bytes to text with its pages: the decode stage for PDF releases.
//!
//! A reading room's PDF is a scan with an invisible OCR layer (text render mode 3) or a
//! born-digital file; either way its text is glyphs placed on the page. This module reads
//! the text layer of every page (lopdf parses the file; the text state, fonts and glyph
//! positions are read here) and lays it out again as `pdftotext -layout` does, because that
//! is the shape the parser knows: one line per baseline, columns kept by padding with
//! spaces, blank lines where the page leaves a gap, pages parted by form feeds. The email
//! headers, the telegram routing block and the stamps in the margin come out as lines.
//!
//! Whatever is not text is never decoded: images, attachments, scripts, forms. What could
//! exhaust memory is bounded: every stream decoded counts against a budget, so a few
//! kilobytes that would inflate without end fail the file, not the import.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};
use thiserror::Error;

/// How much a PDF may make us decode.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes any one stream may inflate to (object streams when the file is opened, page
    /// contents and fonts' maps when it is read).
    pub stream: usize,
    /// Bytes of decoded streams (page contents, forms, fonts' maps) for the whole file.
    pub decoded: usize,
    /// Bytes of text the file may yield.
    pub text: usize,
}

impl Limits {
    /// The limits for a release whose text may be `max_text` bytes.
    pub fn for_text(max_text: u64) -> Limits {
        let text = usize::try_from(max_text).unwrap_or(usize::MAX);
        Limits {
            stream: text.saturating_mul(4),
            decoded: text.saturating_mul(16),
            text,
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PdfError {
    #[error(
        "an encrypted PDF that needs a password to open (the empty password does not open it)"
    )]
    Encrypted,
    #[error("an encrypted PDF that cannot be read: {0}")]
    Encryption(String),
    #[error("a truncated PDF: the file ends before its end-of-file marker (a partial download or copy?)")]
    Truncated,
    #[error("a damaged PDF: {0}")]
    Damaged(String),
    #[error("a PDF whose streams inflate past the memory budget ({0} MB): a decompression bomb, or a release too large to read (raise --max-size)")]
    Inflation(usize),
    #[error("a PDF whose text is larger than the limit ({0} MB; raise it with --max-size)")]
    TooMuchText(usize),
}

/// What a PDF holds, as the importer needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    /// The text of each page, laid out; empty for a page without a text layer.
    pub pages: Vec<String>,
    pub meta: PdfMeta,
}

/// What a PDF says of itself, and what reading it found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfMeta {
    pub pages: usize,
    /// Pages with a text layer; fewer than `pages` means some need OCR.
    pub text_pages: usize,
    pub producer: Option<String>,
    pub creator: Option<String>,
    /// Creation date from the document information, ISO 8601 (`2015-08-31T10:12:00Z`,
    /// `2015-08-31T10:12:00-04:00`, or as much of it as the file gives).
    pub created: Option<String>,
    /// Opened with the empty user password.
    pub encrypted: bool,
    /// The cross-reference table was broken and rebuilt by scanning the file.
    pub repaired: bool,
    /// What the file carries besides its pages, never run or read: `JavaScript`,
    /// `attached files`, `a form`.
    pub ignored: Vec<&'static str>,
}

impl PdfText {
    /// The whole text, a form feed between pages (the shape of `pdftotext` output).
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.pages.iter().map(|p| p.len() + 1).sum());
        for p in &self.pages {
            text.push_str(p);
            text.push('\x0c');
        }
        text
    }
}

/// Whether these bytes are a PDF: its header, somewhere in the first kilobyte as readers
/// allow.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Read the text layer of every page of a PDF.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<PdfText, PdfError> {
    let load = |filter: Option<lopdf::FilterFunc>| {
        let options = lopdf::LoadOptions {
            max_decompressed_size: Some(limits.stream),
            filter,
            ..Default::default()
        };
        Document::load_mem_with_options(bytes, options).map_err(|e| match load_error(&e, limits) {
            // Cut off before its end, a PDF fails to open for that reason.
            PdfError::Damaged(_) if !has_eof_marker(bytes) => PdfError::Truncated,
            other => other,
        })
    };
    // Images are most of a scan's bytes and never read: keep their dictionaries only. But
    // lopdf rebuilds a damaged page tree only for a load without a filter.
    let mut doc = load(Some(drop_image_data))?;
    if doc.get_pages().is_empty() {
        doc = load(None)?;
    }
    // lopdf tries the empty password itself; a file it could not open that way keeps its
    // /Encrypt entry and has no decryption state.
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let repaired = doc.xref_recovery.is_some();
    if repaired && !has_eof_marker(bytes) {
        return Err(PdfError::Truncated);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged("no pages could be read".into()));
    }
    let mut reader = Reader {
        doc: &doc,
        budget: limits.decoded,
        limits: *limits,
        fonts: HashMap::new(),
        text_bytes: 0,
        measures: Measures::default(),
    };
    let mut out = PdfText::default();
    let meta = &mut out.meta;
    meta.encrypted = doc.encryption_state.is_some() || doc.trailer.has(b"Encrypt");
    meta.repaired = repaired;
    for (_, &page) in pages.iter() {
        let text = reader.page(page)?;
        reader.text_bytes += text.len();
        if reader.text_bytes > limits.text {
            return Err(PdfError::TooMuchText(limits.text >> 20));
        }
        out.pages.push(text);
    }
    let meta = &mut out.meta;
    meta.pages = out.pages.len();
    meta.text_pages = out.pages.iter().filter(|p| !p.trim().is_empty()).count();
    meta.ignored = ignored_content(&doc);
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    if let Some(info) = info {
        let field = |key: &[u8]| {
            info.get(key)
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| lopdf::decode_text_string(o).ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        meta.producer = field(b"Producer");
        meta.creator = field(b"Creator");
        meta.created = field(b"CreationDate").and_then(|d| pdf_date(&d));
    }
    Ok(out)
}

/// Scripts, attachments and forms: named in a note, never run or read.
fn ignored_content(doc: &Document) -> Vec<&'static str> {
    let mut found = Vec::new();
    let Ok(catalog) = doc.catalog() else {
        return found;
    };
    let deref = |o: &Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
    let names = catalog
        .get(b"Names")
        .ok()
        .and_then(deref)
        .and_then(|o| o.as_dict().ok().cloned());
    let script_action = |o: Option<Object>| {
        o.and_then(|o| o.as_dict().ok().cloned())
            .is_some_and(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"JavaScript"))
    };
    let scripts = names.as_ref().is_some_and(|n| n.has(b"JavaScript"))
        || script_action(catalog.get(b"OpenAction").ok().and_then(deref))
        || catalog.has(b"AA");
    if scripts {
        found.push("JavaScript");
    }
    if names.as_ref().is_some_and(|n| n.has(b"EmbeddedFiles")) {
        found.push("attached files");
    }
    if catalog.has(b"AcroForm") {
        found.push("a form");
    }
    found
}

/// A load filter: lopdf keeps `object` as changed here (and, for the members of object
/// streams, the copy returned), so an image keeps its dictionary and loses its data.
fn drop_image_data(id: (u32, u16), object: &mut Object) -> Option<((u32, u16), Object)> {
    if let Object::Stream(s) = object {
        if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
            s.content = Vec::new();
        }
        // Streams never stand in object streams: what is returned for them is not kept.
        return Some((id, Object::Null));
    }
    Some((id, object.clone()))
}

fn has_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

fn load_error(e: &lopdf::Error, limits: &Limits) -> PdfError {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword => PdfError::Encrypted,
        E::Decryption(d) => PdfError::Encryption(d.to_string()),
        E::UnsupportedSecurityHandler(h) => PdfError::Encryption(format!(
            "the security handler {} is not the standard one",
            String::from_utf8_lossy(h)
        )),
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::Inflation(limits.stream >> 20)
        }
        other => PdfError::Damaged(other.to_string()),
    }
}

/// `D:20150831101200-04'00'` -> `2015-08-31T10:12:00-04:00`; as much as the string gives.
pub fn pdf_date(raw: &str) -> Option<String> {
    let s = raw.trim().strip_prefix("D:").unwrap_or(raw.trim());
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &s[digits.len()..];
    let part = |a: usize, b: usize| digits.get(a..b);
    let year = part(0, 4)?;
    let mut out = year.to_string();
    let (Some(month), Some(day)) = (part(4, 6), part(6, 8)) else {
        return Some(out);
    };
    out.push_str(&format!("-{month}-{day}"));
    let Some(hour) = part(8, 10) else {
        return Some(out);
    };
    let minute = part(10, 12).unwrap_or("00");
    let second = part(12, 14).unwrap_or("00");
    out.push_str(&format!("T{hour}:{minute}:{second}"));
    let zone: String = rest.chars().filter(|c| *c != '\'').collect();
    match zone.chars().next() {
        Some('Z') => out.push('Z'),
        Some(sign @ ('+' | '-')) => {
            let z: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let hh = z.get(0..2).unwrap_or("00");
            let mm = z.get(2..4).unwrap_or("00");
            out.push_str(&format!("{sign}{hh}:{mm}"));
        }
        _ => {}
    }
    Some(out)
}

/// The OCR engine `import --ocr` runs: Debian's `ocrmypdf`, which drives tesseract.
pub const OCR_ENGINE: &str = "ocrmypdf";

/// Whether the OCR engine can be run; the error says how to install it.
pub fn ocr_available() -> anyhow::Result<()> {
    match std::process::Command::new(OCR_ENGINE)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
    {
        Ok(s) if s.success() => Ok(()),
        _ => anyhow::bail!(
            "--ocr runs {OCR_ENGINE}, which is not installed here: install Debian's package \
             with `apt-get install ocrmypdf` (it brings tesseract), or import without --ocr"
        ),
    }
}

/// Run the OCR engine over the pages of `path` that have no text layer, and return the
/// PDF it writes (the same pages, with an invisible text layer over each scan).
pub fn ocr(path: &std::path::Path) -> Result<Vec<u8>, String> {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = std::env::temp_dir().join(format!("cablecat-ocr-{}-{n}.pdf", std::process::id()));
    let run = std::process::Command::new(OCR_ENGINE)
        .args([
            "--skip-text",
            "--quiet",
            "--jobs",
            "1",
            "--output-type",
            "pdf",
        ])
        .arg(path)
        .arg(&out)
        .stdin(std::process::Stdio::null())
        .output();
    let result = match run {
        Err(e) => Err(format!("{OCR_ENGINE} could not be started: {e}")),
        Ok(o) if !o.status.success() => {
            let err = String::from_utf8_lossy(&o.stderr);
            let why = err
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("no message");
            Err(format!(
                "{OCR_ENGINE} failed on it ({}): {}",
                o.status,
                why.trim()
            ))
        }
        Ok(_) => std::fs::read(&out).map_err(|e| format!("reading what {OCR_ENGINE} wrote: {e}")),
    };
    let _ = std::fs::remove_file(&out);
    result
}

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `next`: the matrix of a point first mapped by `self`, then by `next`.
    fn then(&self, next: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = next.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() != 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (v, o) in m.iter_mut().zip(ops) {
            *v = number(o)?;
        }
        Some(Matrix(m))
    }
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// One glyph placed on the page: its origin on the baseline, its advance and size, in page
/// space (points, y up).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    text: String,
    /// The first glyph shown after the text position was set (Td, Tm, T*...).
    moved: bool,
    /// Its width is a guess (a standard font without a Widths array), so where it ends is.
    guessed: bool,
}

/// What a font needs for text: how codes map to Unicode, and how wide each glyph is.
struct Font<'a> {
    two_byte: bool,
    /// A ToUnicode map, which wins over `encoding`.
    to_unicode: Option<UnicodeMap>,
    encoding: Option<lopdf::Encoding<'a>>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space to text space: 1/1000, or a Type 3 font's FontMatrix.
    scale: f64,
    /// No Widths array, and not a monospaced standard font: widths are an average.
    guessed: bool,
}

impl Font<'_> {
    fn decode(&self, code: u32) -> String {
        let len = if self.two_byte { 2 } else { 1 };
        match &self.to_unicode {
            Some(UnicodeMap::Identity) => {
                return char::from_u32(code).map(String::from).unwrap_or_default()
            }
            Some(UnicodeMap::Map(lopdf::Encoding::UnicodeMapEncoding(map))) => {
                if let Some(units) = map.get(code, len) {
                    return String::from_utf16_lossy(&units);
                }
            }
            _ => {}
        }
        if self.two_byte {
            return String::new();
        }
        match &self.encoding {
            Some(enc) => enc.bytes_to_string(&[code as u8]).unwrap_or_default(),
            None => char::from_u32(code).map(String::from).unwrap_or_default(),
        }
    }

    fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

#[derive(Clone)]
struct TextState {
    ctm: Matrix,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
    font: Option<ObjectId>,
    font_key: Vec<u8>,
    size: f64,
}

struct Reader<'a> {
    doc: &'a Document,
    /// Bytes of streams that may still be decoded.
    budget: usize,
    limits: Limits,
    fonts: HashMap<FontKey, Font<'a>>,
    text_bytes: usize,
    measures: Measures,
}

/// A font is known by its object, or (inline in a resource dictionary) by the resource
/// dictionary's address and its name there.
#[derive(Hash, PartialEq, Eq, Clone)]
enum FontKey {
    Object(ObjectId),
    Inline(usize, Vec<u8>),
}

/// How deep Form XObjects may nest (a loop of forms is a damaged file, not a hang).
const FORM_DEPTH: usize = 12;

impl<'a> Reader<'a> {
    fn decode(&mut self, stream: &lopdf::Stream) -> Result<Vec<u8>, PdfError> {
        // One stream at most `stream` bytes, and all of them together at most `decoded`:
        // what is held at once stays near the first (measured: a 1 GB bomb peaked at 480 MB
        // of memory with the whole budget for one stream, 210 MB with this).
        let limit = self.budget.min(self.limits.stream);
        let data = stream
            .get_plain_content_with_limit(limit)
            .map_err(|e| match e {
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) => PdfError::Inflation(limit >> 20),
                other => PdfError::Damaged(format!("a stream cannot be decoded: {other}")),
            })?;
        self.budget = self.budget.saturating_sub(data.len());
        Ok(data)
    }

    fn deref(&self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    fn dict(&self, o: &'a Object) -> Option<&'a Dictionary> {
        self.deref(o).and_then(|o| o.as_dict().ok())
    }

    /// The page's resources, inherited from the page tree when the page has none.
    fn page_resources(&self, page: &'a Dictionary) -> Option<&'a Dictionary> {
        let mut node = page;
        for _ in 0..64 {
            if let Ok(r) = node.get(b"Resources") {
                return self.dict(r);
            }
            node = self.dict(node.get(b"Parent").ok()?)?;
        }
        None
    }

    fn page_rotation(&self, page: &'a Dictionary) -> i64 {
        let mut node = page;
        for _ in 0..64 {
            if let Some(r) = node.get(b"Rotate").ok().and_then(|o| self.deref(o)) {
                return r.as_i64().unwrap_or(0).rem_euclid(360);
            }
            match node.get(b"Parent").ok().and_then(|p| self.dict(p)) {
                Some(p) => node = p,
                None => break,
            }
        }
        0
    }

    fn page(&mut self, page_id: ObjectId) -> Result<String, PdfError> {
        let page = self
            .doc
            .get_dictionary(page_id)
            .map_err(|e| PdfError::Damaged(format!("a page cannot be read: {e}")))?;
        let resources = self.page_resources(page);
        let mut content = Vec::new();
        match page.get(b"Contents").ok().and_then(|o| self.deref(o)) {
            Some(Object::Stream(s)) => content = self.decode(s)?,
            Some(Object::Array(parts)) => {
                for part in parts {
                    if let Some(Object::Stream(s)) = self.deref(part) {
                        content.extend(self.decode(s)?);
                        content.push(b'\n');
                    }
                }
            }
            _ => {}
        }
        let mut glyphs = Vec::new();
        let state = TextState {
            ctm: Matrix::IDENTITY,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            font_key: Vec::new(),
            size: 0.0,
        };
        self.run(&content, resources, state, 0, &mut glyphs)?;
        let rotation = self.page_rotation(page);
        if rotation != 0 {
            for g in &mut glyphs {
                let (x, y) = (g.x, g.y);
                (g.x, g.y) = match rotation {
                    90 => (y, -x),
                    180 => (-x, -y),
                    270 => (-y, x),
                    _ => (x, y),
                };
            }
        }
        Ok(layout(glyphs, &mut self.measures))
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<FontKey> {
        let fonts = resources?.get(b"Font").ok().and_then(|o| self.dict(o))?;
        let entry = fonts.get(name).ok()?;
        let key = match entry {
            Object::Reference(id) => FontKey::Object(*id),
            _ => FontKey::Inline(fonts as *const Dictionary as usize, name.to_vec()),
        };
        if !self.fonts.contains_key(&key) {
            let dict = self.dict(entry)?;
            let font = self.load_font(dict);
            self.fonts.insert(key.clone(), font);
        }
        Some(key)
    }

    fn load_font(&mut self, dict: &'a Dictionary) -> Font<'a> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| self.deref(o))
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| self.unicode_map(s));
        let mut font = Font {
            two_byte: subtype == b"Type0",
            to_unicode,
            encoding: None,
            widths: HashMap::new(),
            default_width: 0.0,
            scale: 0.001,
            guessed: false,
        };
        if font.two_byte {
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| self.dict(o));
            font.default_width = 1000.0;
            if let Some(d) = descendant {
                if let Some(dw) = d
                    .get(b"DW")
                    .ok()
                    .and_then(|o| self.deref(o))
                    .and_then(number)
                {
                    font.default_width = dw;
                }
                if let Some(w) = d
                    .get(b"W")
                    .ok()
                    .and_then(|o| self.deref(o))
                    .and_then(|o| o.as_array().ok())
                {
                    self.cid_widths(w, &mut font.widths);
                }
            }
            return font;
        }
        font.encoding = dict.get_font_encoding(self.doc).ok();
        let base = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        font.default_width = dict
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| self.dict(o))
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(|o| self.deref(o))
            .and_then(number)
            .unwrap_or_else(|| standard_width(base));
        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| self.deref(o))
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        font.guessed = dict.get(b"Widths").is_err() && standard_width(base) != 600.0;
        if let Some(widths) = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| self.deref(o))
            .and_then(|o| o.as_array().ok())
        {
            for (i, w) in widths.iter().enumerate() {
                if let Some(w) = self.deref(w).and_then(number) {
                    font.widths.insert((first + i as i64) as u32, w);
                }
            }
        }
        if subtype == b"Type3" {
            if let Some(m) = dict
                .get(b"FontMatrix")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(number)
            {
                font.scale = m;
            }
        }
        font
    }

    fn unicode_map(&mut self, stream: &lopdf::Stream) -> Option<UnicodeMap> {
        let data = self.decode(stream).ok()?;
        if is_identity_cmap(&data) {
            return Some(UnicodeMap::Identity);
        }
        // lopdf parses the map; it is handed over through a font dictionary of its own.
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set(
            "ToUnicode",
            Object::Stream(lopdf::Stream::new(Dictionary::new(), data)),
        );
        let doc = Document::new();
        match dict.get_font_encoding(&doc) {
            Ok(lopdf::Encoding::UnicodeMapEncoding(map)) => {
                Some(UnicodeMap::Map(lopdf::Encoding::UnicodeMapEncoding(map)))
            }
            _ => None,
        }
    }

    fn cid_widths(&self, w: &[Object], out: &mut HashMap<u32, f64>) {
        let mut i = 0;
        while i + 1 < w.len() {
            let Some(first) = self.deref(&w[i]).and_then(number) else {
                break;
            };
            match self.deref(&w[i + 1]) {
                Some(Object::Array(list)) => {
                    for (k, v) in list.iter().enumerate() {
                        if let Some(v) = self.deref(v).and_then(number) {
                            out.insert(first as u32 + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let (Some(last), Some(v)) = (
                        number(o),
                        w.get(i + 2).and_then(|o| self.deref(o)).and_then(number),
                    ) else {
                        break;
                    };
                    // A range of one width; bounded, so a damaged W array cannot fill memory.
                    let last = last.min(first + 65_535.0);
                    let mut c = first as u32;
                    while (c as f64) <= last {
                        out.insert(c, v);
                        c += 1;
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Interpret a content stream, collecting the glyphs it shows.
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut state: TextState,
        depth: usize,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), PdfError> {
        let ops = match lopdf::content::Content::decode(content) {
            Ok(c) => c.operations,
            // A content stream that does not parse loses its text, not the file's.
            Err(_) => return Ok(()),
        };
        let mut stack: Vec<TextState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut moved = true;
        for op in &ops {
            if matches!(
                op.operator.as_str(),
                "BT" | "Td" | "TD" | "Tm" | "T*" | "'" | "\""
            ) {
                moved = true;
            }
            let o = &op.operands;
            let n = |i: usize| o.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                // A damaged stream that only saves never grows the stack past reason.
                "q" if stack.len() < 256 => stack.push(state.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        state.ctm = m.then(&state.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tc" => state.char_spacing = n(0),
                "Tw" => state.word_spacing = n(0),
                "Tz" => state.scaling = n(0) / 100.0,
                "TL" => state.leading = n(0),
                "Ts" => state.rise = n(0),
                "Tf" => {
                    state.size = n(1);
                    state.font_key = o
                        .first()
                        .and_then(|x| x.as_name().ok())
                        .unwrap_or(b"")
                        .to_vec();
                    state.font = None;
                }
                "Td" => {
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                "TD" => {
                    state.leading = -n(1);
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                        tm = tlm;
                    }
                    let key = match self.font(resources, &state.font_key.clone()) {
                        Some(k) => k,
                        None => continue,
                    };
                    match (op.operator.as_str(), o.last()) {
                        ("TJ", Some(Object::Array(items))) => {
                            for item in items {
                                match item {
                                    Object::String(bytes, _) => {
                                        self.show(&key, bytes, &state, &mut tm, &mut moved, glyphs)
                                    }
                                    other => {
                                        if let Some(adj) = number(other) {
                                            let tx = -adj / 1000.0 * state.size * state.scaling;
                                            tm = Matrix::translate(tx, 0.0).then(&tm);
                                        }
                                    }
                                }
                            }
                        }
                        (_, Some(Object::String(bytes, _))) => {
                            self.show(&key, bytes, &state, &mut tm, &mut moved, glyphs)
                        }
                        _ => {}
                    }
                }
                "Do" if depth < FORM_DEPTH => {
                    let Some(name) = o.first().and_then(|x| x.as_name().ok()) else {
                        continue;
                    };
                    let Some(xobject) = resources
                        .and_then(|r| r.get(b"XObject").ok())
                        .and_then(|x| self.dict(x))
                        .and_then(|x| x.get(name).ok())
                        .and_then(|x| self.deref(x))
                        .and_then(|x| x.as_stream().ok())
                    else {
                        continue;
                    };
                    if xobject.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form")
                    {
                        continue;
                    }
                    let data = self.decode(xobject)?;
                    let form_resources = xobject
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| self.dict(r))
                        .or(resources);
                    let mut inner = state.clone();
                    if let Some(m) = xobject
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| self.deref(m))
                        .and_then(|m| m.as_array().ok())
                        .and_then(|m| Matrix::from_operands(m))
                    {
                        inner.ctm = m.then(&state.ctm);
                    }
                    self.run(&data, form_resources, inner, depth + 1, glyphs)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Show a string: one glyph per character code, each advancing the text matrix.
    fn show(
        &self,
        key: &FontKey,
        bytes: &[u8],
        state: &TextState,
        tm: &mut Matrix,
        moved: &mut bool,
        glyphs: &mut Vec<Glyph>,
    ) {
        let Some(font) = self.fonts.get(key) else {
            return;
        };
        let step = if font.two_byte { 2 } else { 1 };
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |c, b| c << 8 | *b as u32);
            let w0 = font.width(code);
            let trm = Matrix([
                state.size * state.scaling,
                0.0,
                0.0,
                state.size,
                0.0,
                state.rise,
            ])
            .then(tm)
            .then(&state.ctm);
            let text = font.decode(code);
            // The size of the glyph on the page: the height of an em, whatever the matrices.
            let size = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
            let advance = (trm.0[0] * trm.0[0] + trm.0[1] * trm.0[1]).sqrt() * w0;
            let horizontal = trm.0[0].abs() >= trm.0[1].abs() * 4.0 && trm.0[0] > 0.0;
            if !text.is_empty() && horizontal && size > 0.0 {
                glyphs.push(Glyph {
                    x: trm.0[4],
                    y: trm.0[5],
                    width: advance,
                    size,
                    text,
                    moved: std::mem::take(moved),
                    guessed: font.guessed,
                });
            }
            let spacing = state.char_spacing
                + if !font.two_byte && code == 32 {
                    state.word_spacing
                } else {
                    0.0
                };
            let tx = (w0 * state.size + spacing) * state.scaling;
            *tm = Matrix::translate(tx, 0.0).then(tm);
        }
    }
}

/// How a font's codes become Unicode.
enum UnicodeMap {
    /// Every code is its own UTF-16 unit: the one range `<0000> <FFFF> <0000>` OCR software
    /// writes for its invisible font. lopdf would expand it into 65,536 entries, for every
    /// document (measured: 80% of the time spent on an OCR'd scan).
    Identity,
    /// lopdf's `Encoding::UnicodeMapEncoding`.
    Map(lopdf::Encoding<'static>),
}

/// Whether a ToUnicode CMap maps every two-byte code to itself and does nothing else.
fn is_identity_cmap(data: &[u8]) -> bool {
    let text: Vec<u8> = data
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let count = |needle: &[u8]| text.windows(needle.len()).filter(|w| *w == needle).count();
    count(b"beginbfrange") == 1
        && count(b"beginbfchar") == 0
        && count(b"1beginbfrange<0000><FFFF><0000>endbfrange") == 1
}

/// Widths of the standard fonts a PDF may use without a Widths array: Courier's, exact;
/// the others' average, enough to tell a word's letters from the gap after it.
fn standard_width(base: &[u8]) -> f64 {
    let name = String::from_utf8_lossy(base);
    if name.contains("Courier") || name.contains("Mono") {
        600.0
    } else {
        500.0
    }
}

/// Glyphs to lines of text, as `pdftotext -layout` lays them out: a line per baseline, left
/// to right, each run of text at the column its position gives (in character cells of the
/// page's usual glyph width), blank lines for the gaps between lines.
///
/// Glyphs are first joined into runs in the order the page shows them, so two words whose
/// boxes overlap (OCR software places each word on its own) are never interleaved.
fn layout(glyphs: Vec<Glyph>, measures: &mut Measures) -> String {
    let glyphs: Vec<Glyph> = glyphs
        .into_iter()
        .filter(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite() && g.width.is_finite())
        .collect();
    if glyphs.is_empty() {
        return String::new();
    }
    let mut advances: Vec<f64> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty() && g.width > 0.0)
        .map(|g| g.width)
        .collect();
    // A page with a few words says little of its type: take what earlier pages measured.
    let cell = match (advances.len() >= 20, measures.cell) {
        (false, Some(cell)) => cell,
        _ => median(&mut advances).unwrap_or(5.0).max(0.25),
    };
    let left = glyphs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let mut runs: Vec<Run> = Vec::new();
    for g in glyphs {
        if let Some(run) = runs.last_mut() {
            let gap = g.x - run.end;
            // Where the run's end is a guess, a glyph placed anew begins a run of its own.
            let placed_anew = g.moved && run.guessed;
            if !placed_anew
                && (g.y - run.y).abs() < 0.2 * run.size.min(g.size)
                && gap > -0.3 * cell
                && gap < 0.25 * cell
            {
                run.end = g.x + g.width;
                run.text.push_str(&g.text);
                run.guessed |= g.guessed;
                continue;
            }
        }
        runs.push(Run {
            x: g.x,
            y: g.y,
            size: g.size,
            end: g.x + g.width,
            text: g.text,
            guessed: g.guessed,
        });
    }
    // Where words are placed one by one (an OCR layer), the distance from a word to the
    // next, per character, is the page's real character pitch: a word's glyphs are drawn to
    // cover its ink, narrower than the characters' cells.
    let mut pitches: Vec<f64> = runs
        .windows(2)
        .filter(|w| (w[1].y - w[0].y).abs() < 0.2 * w[0].size && w[1].x > w[0].x)
        .filter(|w| w[1].x - w[0].end < 1.5 * cell)
        .map(|w| {
            let chars = w[0].text.chars().count() + usize::from(!w[0].text.ends_with(' '));
            (w[1].x - w[0].x) / chars as f64
        })
        .collect();
    let cell = if pitches.len() >= 10 {
        median(&mut pitches).unwrap_or(cell)
    } else {
        cell
    };
    if advances.len() >= 20 {
        measures.cell = Some(cell);
    }
    runs.retain(|r| !r.text.trim().is_empty());
    if runs.is_empty() {
        return String::new();
    }
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    // A line: runs whose baselines are within half a glyph's height of the line's first.
    let mut lines: Vec<(f64, f64, Vec<Run>)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((y, size, line)) if (*y - r.y).abs() < 0.5 * size.min(r.size) => line.push(r),
            _ => lines.push((r.y, r.size, vec![r])),
        }
    }
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.1).collect();
    let size = median(&mut sizes).unwrap_or(10.0);
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[0].0 - w[1].0)
        .filter(|d| *d > 0.6 * size && *d < 3.0 * size)
        .collect();
    // The line pitch: the common gap between neighbouring lines, not the gap across a blank
    // line, however many paragraphs are double-spaced.
    gaps.sort_by(f64::total_cmp);
    let pitch = match gaps.get(gaps.len() / 10) {
        Some(&base) if gaps.len() >= 3 => {
            let mut near: Vec<f64> = gaps
                .iter()
                .copied()
                .filter(|g| *g >= 0.85 * base && *g <= 1.2 * base)
                .collect();
            let pitch = median(&mut near).unwrap_or(base);
            match measures.pitch {
                // A page double-spaced throughout keeps the pitch of the pages before it.
                Some(known)
                    if pitch / known > 1.8
                        && (pitch / known - (pitch / known).round()).abs() < 0.1 =>
                {
                    known
                }
                _ => {
                    measures.pitch = Some(pitch);
                    pitch
                }
            }
        }
        _ => measures.pitch.unwrap_or(size * 1.2),
    };
    let mut out = String::new();
    let mut above: Option<f64> = None;
    for (y, _, mut line) in lines {
        if let Some(prev) = above {
            let blank = (((prev - y) / pitch).round() as i64 - 1).clamp(0, 8);
            for _ in 0..blank {
                out.push('\n');
            }
        }
        above = Some(y);
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut len = 0usize;
        for r in line {
            let column = (((r.x - left) / cell).round().max(0.0) as usize).min(4096);
            // Runs are parted by one space at least, and stand at their column if they can.
            let least = if len == 0 || text.ends_with(' ') {
                len
            } else {
                len + 1
            };
            while len < column.max(least) {
                text.push(' ');
                len += 1;
            }
            let run = r.text.trim_start();
            text.push_str(run);
            len += run.chars().count();
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// What earlier pages of a document measured, for pages with too little text to tell.
#[derive(Debug, Default)]
struct Measures {
    /// Width of a character cell.
    cell: Option<f64>,
    /// Distance from one line to the next.
    pitch: Option<f64>,
}

/// Glyphs shown one after the other on one baseline: a word, or words with their spaces.
struct Run {
    x: f64,
    y: f64,
    size: f64,
    end: f64,
    text: String,
    guessed: bool,
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[(v.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_map_of_ocr_fonts_is_known_without_expanding_it() {
        let ocr = b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap";
        assert!(is_identity_cmap(ocr));
        let other = b"1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n1 beginbfchar\n<0041> <0042>\nendbfchar";
        assert!(!is_identity_cmap(other));
        assert!(!is_identity_cmap(
            b"1 beginbfrange\n<0020> <007E> <0020>\nendbfrange"
        ));
    }

    #[test]
    fn pdf_dates_read_as_iso() {
        assert_eq!(
            pdf_date("D:20150831101200-04'00'").as_deref(),
            Some("2015-08-31T10:12:00-04:00")
        );
        assert_eq!(
            pdf_date("D:20000101000000+00'00'").as_deref(),
            Some("2000-01-01T00:00:00+00:00")
        );
        assert_eq!(
            pdf_date("D:20100112223500Z").as_deref(),
            Some("2010-01-12T22:35:00Z")
        );
        assert_eq!(pdf_date("D:2009").as_deref(), Some("2009"));
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn glyphs_on_one_baseline_make_one_line_with_columns_kept() {
        let g = |x: f64, y: f64, s: &str| Glyph {
            x,
            y,
            width: 6.0,
            size: 10.0,
            text: s.into(),
            moved: false,
            guessed: false,
        };
        let mut glyphs = Vec::new();
        for (i, c) in "From:".chars().enumerate() {
            glyphs.push(g(36.0 + 6.0 * i as f64, 700.0, &c.to_string()));
        }
        for (i, c) in "H".chars().enumerate() {
            glyphs.push(g(36.0 + 6.0 * (10 + i) as f64, 700.3, &c.to_string()));
        }
        for (i, c) in "Sent:".chars().enumerate() {
            glyphs.push(g(36.0 + 6.0 * i as f64, 676.0, &c.to_string()));
        }
        for (i, c) in "To:".chars().enumerate() {
            glyphs.push(g(36.0 + 6.0 * i as f64, 664.0, &c.to_string()));
        }
        for (i, c) in "Cc:".chars().enumerate() {
            glyphs.push(g(36.0 + 6.0 * i as f64, 652.0, &c.to_string()));
        }
        assert_eq!(
            layout(glyphs, &mut Measures::default()),
            "From:     H\n\nSent:\nTo:\nCc:\n"
        );
    }
}
