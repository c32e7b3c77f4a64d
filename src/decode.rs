//! File bytes to text: the encoding is decided once, here.
//!
//! UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; anything else that is
//! not valid UTF-8 is handed to a detector (chardetng, Firefox's) rather than guessed, so
//! Windows-1252 and Latin-1 scans come out right. A PDF's text layer is read by `pdf`, its
//! pages parted by form feeds as `pdftotext` parts them. Files that are not text at all (ZIP,
//! images, NUL-filled) are refused with a reason the import summary can print.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use thiserror::Error;

use crate::pdf::{self, PdfError, PdfMeta};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("not a text file: looks like {0}")]
    Binary(&'static str),
    #[error("not a text file: it holds NUL bytes at offset {0}")]
    NulBytes(usize),
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// Text decoded from a file, and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Stray NUL bytes dropped from otherwise good text (scanner and OCR software leave some).
    pub nul_removed: usize,
    /// What a PDF said of itself, when the text came from one.
    pub pdf: Option<PdfMeta>,
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\xD0\xCF\x11\xE0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x7FELF", "an executable"),
];

/// Decode a file's bytes, a PDF's text layer included, with the default size limit.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_limited(bytes, crate::import::MAX_SIZE)
}

/// Decode a file's bytes; a PDF may yield at most `max_text` bytes of text (and decode a
/// budget in proportion, see `pdf::Limits`).
pub fn decode_limited(bytes: &[u8], max_text: u64) -> Result<Decoded, DecodeError> {
    if pdf::is_pdf(bytes) {
        let extracted = pdf::extract(bytes, &pdf::Limits::for_text(max_text))?;
        return Ok(Decoded {
            text: extracted.text(),
            encoding: "PDF text layer",
            nul_removed: 0,
            pdf: Some(extracted.meta),
        });
    }
    decode_text(bytes)
}

fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(DecodeError::Binary(what));
        }
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            nul_removed: 0,
            pdf: None,
        });
    }
    // UTF-16 without a BOM shows as every other byte NUL; anything else with NULs is binary.
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        if let Some(enc) = utf16_without_bom(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                nul_removed: 0,
                pdf: None,
            });
        }
        // A few stray NULs in text are dropped; many, or other control bytes, mean binary.
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        let controls = bytes
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0C))
            .count();
        if nuls > (bytes.len() / 1000).max(16) || controls * 100 > bytes.len() {
            return Err(DecodeError::NulBytes(pos));
        }
        let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        let mut decoded = decode_text(&kept)?;
        decoded.nul_removed = nuls;
        return Ok(decoded);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            nul_removed: 0,
            pdf: None,
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        nul_removed: 0,
        pdf: None,
    })
}

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFCharg\xC3\xA9").unwrap().text, "Chargé");
        assert_eq!(decode("Chargé".as_bytes()).unwrap().text, "Chargé");
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Chargé d'affaires — “quoted”" in Windows-1252
        let bytes = b"The Charg\xE9 d'affaires said \x93no\x94 \x97 twice. R\xE9sum\xE9 of the caf\xE9 meeting.";
        let d = decode(bytes).unwrap();
        assert!(d.text.contains("Chargé"), "{}", d.text);
        assert!(d.text.contains("“no”"), "{}", d.text);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "CONFIDENTIAL".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "CONFIDENTIAL");
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(matches!(
            decode(b"%PDF-1.4 ...").unwrap_err(),
            DecodeError::Pdf(PdfError::Damaged(_) | PdfError::Truncated)
        ));
        assert!(matches!(
            decode(b"abc\0\x01\x02def\0\0\x07"),
            Err(DecodeError::NulBytes(3))
        ));
    }

    #[test]
    fn stray_nul_bytes_in_text_are_dropped() {
        let mut bytes = b"UNCLASSIFIED U.S. Department of State ".repeat(100);
        bytes.insert(50, 0);
        bytes.insert(900, 0);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.nul_removed, 2);
        assert!(!d.text.contains('\0'));
        assert!(d.text.starts_with("UNCLASSIFIED U.S."));
    }
}
