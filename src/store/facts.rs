//! Extraction again over a whole catalog, from the paragraphs it stores: after a librarian
//! reloads the vocabularies, every document's facts are read with the new terms.

use anyhow::Result;
use rusqlite::{params, Connection};

use super::write::{write_dates, write_facts};
use crate::extract::{self, Vocab};
use crate::model::{Addressee, AddresseeRole, Document, Paragraph, ParagraphKind};

/// Re-read the facts of every document; returns how many documents were read.
pub fn reextract(
    conn: &mut Connection,
    vocab: &Vocab,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    let ids: Vec<(i64, Option<String>, Option<String>)> = conn
        .prepare("SELECT id, doc_date, sent_at FROM documents ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let total = ids.len();
    for (batch_no, batch) in ids.chunks(500).enumerate() {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (id, doc_date, sent_at) in batch {
            let mut doc = Document {
                doc_date: doc_date
                    .as_deref()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                sent_at: sent_at
                    .as_deref()
                    .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%MZ").ok()),
                ..Default::default()
            };
            let mut paragraph_ids = Vec::new();
            {
                let mut stmt = tx.prepare_cached(
                    "SELECT id, number, marking, heading, kind, text FROM paragraphs WHERE document_id = ?1 ORDER BY seq",
                )?;
                let rows = stmt.query_map([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Paragraph {
                            number: r.get(1)?,
                            marking: r.get(2)?,
                            heading: r.get(3)?,
                            kind: ParagraphKind::parse(&r.get::<_, String>(4)?)
                                .unwrap_or(ParagraphKind::Body),
                            text: r.get(5)?,
                            page: None,
                        },
                    ))
                })?;
                for row in rows {
                    let (pid, p) = row?;
                    paragraph_ids.push(pid);
                    doc.paragraphs.push(p);
                }
            }
            {
                let mut stmt = tx.prepare_cached(
                    "SELECT role, name, routing_indicator FROM addressees WHERE document_id = ?1 ORDER BY seq",
                )?;
                let rows = stmt.query_map([id], |r| {
                    let role: String = r.get(0)?;
                    Ok(Addressee {
                        role: if role == "to" {
                            AddresseeRole::To
                        } else {
                            AddresseeRole::Info
                        },
                        name: r.get(1)?,
                        agency: None,
                        routing_indicator: r.get(2)?,
                    })
                })?;
                for a in rows {
                    doc.addressees.push(a?);
                }
            }
            extract::extract(&mut doc, vocab);
            tx.prepare_cached(
                "DELETE FROM agency_mentions WHERE paragraph_id IN (SELECT id FROM paragraphs WHERE document_id = ?1)",
            )?
            .execute([id])?;
            tx.prepare_cached("DELETE FROM violence_figures WHERE document_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM assistance_requests WHERE document_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM dates WHERE document_id = ?1 AND kind = 'mentioned'")?
                .execute([id])?;
            for (i, a) in doc.addressees.iter().enumerate() {
                let agency: Option<i64> = match &a.agency {
                    Some((acronym, country)) => tx
                        .prepare_cached(
                            "SELECT id FROM agencies WHERE acronym = ?1 AND country = ?2",
                        )?
                        .query_row(params![acronym, country], |r| r.get(0))
                        .ok(),
                    None => None,
                };
                tx.prepare_cached(
                    "UPDATE addressees SET agency_id = ?1 WHERE document_id = ?2 AND seq = ?3",
                )?
                .execute(params![agency, id, i as i64 + 1])?;
            }
            write_facts(&tx, *id, &doc, &paragraph_ids)?;
            doc.dates.retain(|d| d.kind == "mentioned");
            write_dates(&tx, *id, &doc, &paragraph_ids)?;
        }
        tx.commit()?;
        progress(((batch_no + 1) * 500).min(total), total);
    }
    Ok(total)
}
