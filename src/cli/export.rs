use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{ui, Cli};
use crate::query::{dc_elements, load, xml_text, Filters, Record, DC, OAI_DC};
use crate::report::{self, Format};
use crate::store::Catalog;

/// Export the catalog, or the part the filters select, one record per document.
///
/// csv: one row per document with its fields (lists joined with "; "); jsonl: one JSON
/// object per line with the whole record, paragraphs included; dc: Dublin Core XML
/// (oai_dc records, as AtoM and ArchivesSpace import them; README maps the fields).
/// Output streams: a catalog of any size is written without being held in memory.
///
/// Examples:
///   cablecat export --format csv -o holdings.csv
///   cablecat export --format jsonl --type cable --from 1996 > cables-1996.jsonl
///   cablecat export --format dc --exemption b1 -o withheld-b1.xml
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv, jsonl or dc (Dublin Core XML)
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,

    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    Dc,
}

/// The documents the filters select, in catalog order.
fn selected(filters: &Filters) -> Result<(String, BTreeMap<String, String>)> {
    let mut params = BTreeMap::new();
    let conds = filters.to_sql(&mut params)?;
    Ok((
        format!(
            "SELECT d.id FROM documents d{} ORDER BY d.id",
            if conds.is_empty() {
                String::new()
            } else {
                format!(" WHERE {conds}")
            }
        ),
        params,
    ))
}

/// One row per document, lists joined with "; ".
const CSV_COLUMNS: &str = "d.id, d.doc_no, d.case_no, d.cable_id, d.doc_type, d.doc_date, d.sent_at,
       d.release_date, d.release_status, d.classification, d.precedence, d.origin,
       (SELECT group_concat(name, '; ') FROM (SELECT name FROM addressees WHERE document_id = d.id AND role = 'to' ORDER BY seq)) AS \"to\",
       (SELECT group_concat(name, '; ') FROM (SELECT name FROM addressees WHERE document_id = d.id AND role = 'info' ORDER BY seq)) AS info,
       (SELECT group_concat(tag, '; ') FROM (SELECT tag FROM document_tags WHERE document_id = d.id ORDER BY seq)) AS tags,
       (SELECT group_concat(code, '; ') FROM (SELECT DISTINCT code FROM document_exemptions WHERE document_id = d.id ORDER BY code)) AS exemptions,
       d.subject, d.declassify_on, d.classified_by, d.pages, d.source_path, d.part";

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<i32> {
    let catalog = Catalog::open_existing(&cli.db)?;
    let mut conn = catalog.read_only()?;
    let (ids_sql, params) = selected(&args.filters)?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    if args.format == ExportFormat::Csv {
        let sql = format!(
            "SELECT {CSV_COLUMNS} FROM documents d WHERE d.id IN ({ids_sql}) ORDER BY d.id"
        );
        let n = report::run(&mut conn, &sql, &params, Format::Csv, &mut out, None)?;
        done(cli, n, args);
        return Ok(0);
    }
    let total: u64 = {
        let mut stmt = conn.prepare(&format!("SELECT count(*) FROM ({ids_sql})"))?;
        report::bind_named(&mut stmt, &params)?;
        let mut rows = stmt.raw_query();
        rows.next()?
            .map(|r| r.get::<_, i64>(0))
            .transpose()?
            .unwrap_or(0) as u64
    };
    let bar = ui::progress(total, "exporting", cli.quiet || args.output.is_none());
    let mut stmt = conn.prepare(&ids_sql)?;
    report::bind_named(&mut stmt, &params)?;
    let mut rows = stmt.raw_query();
    enum Sink {
        Lines(Box<dyn Write>),
        Dc(Writer<Box<dyn Write>>),
    }
    let mut sink = match args.format {
        ExportFormat::Dc => Sink::Dc(dc_start(out)?),
        _ => Sink::Lines(out),
    };
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let rec = load(&catalog.conn, id)?;
        match &mut sink {
            Sink::Dc(w) => dc_record(w, &rec)?,
            Sink::Lines(out) => {
                serde_json::to_writer(&mut *out, &rec)?;
                out.write_all(b"\n")?;
            }
        }
        n += 1;
        bar.inc(1);
    }
    let mut out = match sink {
        Sink::Dc(mut w) => {
            w.write_event(Event::End(BytesEnd::new("records")))?;
            let mut out = w.into_inner();
            out.write_all(b"\n")?;
            out
        }
        Sink::Lines(out) => out,
    };
    out.flush()?;
    bar.finish_and_clear();
    done(cli, n, args);
    Ok(0)
}

fn done(cli: &Cli, n: usize, args: &ExportArgs) {
    if let (false, Some(p)) = (cli.quiet, &args.output) {
        eprintln!("exported {n} documents -> {}", p.display());
    }
}

fn dc_start<W: Write>(out: W) -> Result<Writer<W>> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(
        BytesStart::new("records").with_attributes([("xmlns:oai_dc", OAI_DC), ("xmlns:dc", DC)]),
    ))?;
    Ok(w)
}

fn dc_record<W: Write>(w: &mut Writer<W>, r: &Record) -> Result<()> {
    w.write_event(Event::Start(BytesStart::new("oai_dc:dc")))?;
    for (name, value) in dc_elements(r) {
        w.create_element(name)
            .write_text_content(BytesText::new(&xml_text(&value)))?;
    }
    w.write_event(Event::End(BytesEnd::new("oai_dc:dc")))?;
    Ok(())
}
