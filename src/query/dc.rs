//! The Dublin Core record of a document (the mapping README gives), as `export --format dc`
//! writes it and the OAI-PMH endpoint serves it.

use super::record::Record;

/// Namespaces of the Dublin Core export.
pub const OAI_DC: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
pub const DC: &str = "http://purl.org/dc/elements/1.1/";

/// XML 1.0 allows no control characters but tab and line breaks; OCR text has some.
pub fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The Dublin Core elements of a document, in the order README's mapping table gives.
pub fn dc_elements(r: &Record) -> Vec<(&'static str, String)> {
    let mut e: Vec<(&'static str, String)> = Vec::new();
    let title = r.subject.clone().unwrap_or_else(|| {
        format!(
            "[Untitled {}]",
            r.doc_type.clone().unwrap_or_else(|| "document".into())
        )
    });
    e.push(("dc:title", title));
    for id in [&r.doc_no, &r.cable_id].into_iter().flatten() {
        e.push(("dc:identifier", id.clone()));
    }
    if let Some(o) = &r.origin {
        e.push(("dc:creator", o.clone()));
    }
    if let Some(d) = r.doc_date.clone().or_else(|| r.sent_at.clone()) {
        e.push(("dc:date", d));
    }
    for t in &r.tags {
        e.push(("dc:subject", t.clone()));
    }
    if !r.to.is_empty() {
        e.push(("dc:description", format!("To: {}", r.to.join("; "))));
    }
    if !r.info.is_empty() {
        e.push(("dc:description", format!("Info: {}", r.info.join("; "))));
    }
    e.push(("dc:type", "Text".into()));
    if let Some(t) = &r.doc_type {
        e.push(("dc:type", t.clone()));
    }
    e.push(("dc:format", "text/plain".into()));
    e.push(("dc:language", "en".into()));
    if let Some(c) = &r.case_no {
        e.push(("dc:relation", format!("FOIA case {c}")));
    }
    e.push(("dc:source", r.source_path.clone()));
    let mut rights = Vec::new();
    match (&r.release_status, &r.release_date) {
        (Some(s), Some(d)) => rights.push(format!("Released in {s} on {d}")),
        (Some(s), None) => rights.push(format!("Released in {s}")),
        (None, Some(d)) => rights.push(format!("Reviewed for release on {d}")),
        _ => {}
    }
    let mut codes: Vec<&str> = r.exemptions.iter().map(|e| e.code.as_str()).collect();
    codes.sort();
    codes.dedup();
    if !codes.is_empty() {
        rights.push(format!("withheld under {}", codes.join(", ")));
    }
    if let Some(c) = &r.classification {
        rights.push(format!("originally classified {c}"));
    }
    if let Some(d) = &r.declassify_on {
        rights.push(format!("declassify on {d}"));
    }
    if !rights.is_empty() {
        e.push(("dc:rights", rights.join("; ")));
    }
    e
}
