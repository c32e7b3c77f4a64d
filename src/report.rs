//! Run SQL, canned or ad hoc, against a read-only connection and write the rows as a table,
//! CSV (RFC 4180, header row) or JSON. CSV and JSON stream row by row; nothing is capped.
//!
//! Canned reports are the files of `sql/`, built in: a report is its `.sql` file alone. Its
//! first comment line is `Title: description`; `:name` parameters are bound from the command
//! line, and any left unset are NULL.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Statement};

include!(concat!(env!("OUT_DIR"), "/reports.rs"));

/// How rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

impl Format {
    /// The format asked for, else a table on a terminal and CSV elsewhere.
    pub fn resolve(asked: Option<Format>) -> Format {
        use std::io::IsTerminal;
        asked.unwrap_or(if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        })
    }
}

/// A canned report from `sql/`.
#[derive(Debug, Clone)]
pub struct Canned {
    pub name: &'static str,
    pub title: String,
    pub description: String,
    pub sql: &'static str,
}

pub fn canned() -> Vec<Canned> {
    CANNED
        .iter()
        .map(|(name, sql)| {
            let first = sql
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("--"))
                .unwrap_or("")
                .trim();
            let (title, description) = match first.split_once(':') {
                Some((t, d)) => (t.trim().to_string(), d.trim().to_string()),
                None => (name.to_string(), first.to_string()),
            };
            Canned {
                name,
                title,
                description,
                sql,
            }
        })
        .collect()
}

pub fn find_canned(name: &str) -> Result<Canned> {
    let all = canned();
    all.iter().find(|c| c.name == name).cloned().ok_or_else(|| {
        let names: Vec<&str> = all
            .iter()
            .map(|c| c.name)
            .filter(|n| !n.contains('.'))
            .collect();
        anyhow!(
            "no report named {name:?}; the reports are: {}",
            names.join(", ")
        )
    })
}

/// The `:name` parameters a statement takes, without the colon.
pub fn parameters(stmt: &Statement) -> Vec<String> {
    (1..=stmt.parameter_count())
        .filter_map(|i| stmt.parameter_name(i))
        .map(|n| n.trim_start_matches([':', '@', '$']).to_string())
        .collect()
}

/// Only reading is allowed: no writes, no ATTACH, no pragma that sets anything, no extension
/// loading. Installed on the read-only connection used for ad-hoc SQL and reports.
pub fn install_guard(conn: &mut Connection, timeout: Option<Duration>) -> Result<()> {
    conn.authorizer(Some(|ctx: AuthContext<'_>| match ctx.action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => {
            Authorization::Allow
        }
        AuthAction::Function { function_name } => {
            if function_name.eq_ignore_ascii_case("load_extension") {
                Authorization::Deny
            } else {
                Authorization::Allow
            }
        }
        AuthAction::Pragma {
            pragma_name,
            pragma_value,
        } => {
            const READABLE: &[&str] = &[
                "table_info",
                "table_xinfo",
                "table_list",
                "index_list",
                "index_info",
                "index_xinfo",
                "foreign_key_list",
                "function_list",
                "module_list",
                "pragma_list",
                "collation_list",
                "compile_options",
                "data_version",
                "schema_version",
                "user_version",
                "page_count",
                "page_size",
                "freelist_count",
                "encoding",
            ];
            if pragma_value.is_none()
                && READABLE.contains(&pragma_name.to_ascii_lowercase().as_str())
            {
                Authorization::Allow
            } else {
                Authorization::Deny
            }
        }
        _ => Authorization::Deny,
    }))?;
    set_time_limit(conn, timeout)
}

/// Stop the connection's queries once `limit` has passed from now (none: no limit). A
/// connection kept for many requests (the web pages' pool) sets it again before each.
pub fn set_time_limit(conn: &mut Connection, limit: Option<Duration>) -> Result<()> {
    match limit {
        Some(limit) => {
            let deadline = Instant::now() + limit;
            conn.progress_handler(10_000, Some(move || Instant::now() > deadline))?;
        }
        None => conn.progress_handler(0, None::<fn() -> bool>)?,
    }
    Ok(())
}

/// Turn SQLite's refusals into what the user needs to know.
pub fn explain_sql_error(e: rusqlite::Error, timeout: Option<Duration>) -> anyhow::Error {
    let msg = e.to_string();
    if matches!(e, rusqlite::Error::MultipleStatement) {
        return anyhow!("give one SQL statement at a time (found more than one)");
    }
    if msg.contains("not authorized") || msg.contains("attempt to write a readonly database") {
        return anyhow!(
            "cablecat sql only reads the catalog: this statement would change it, attach another \
             file or change a setting, which is refused. Use `cablecat import` to change the catalog."
        );
    }
    if msg.contains("interrupted") {
        let secs = timeout.map(|t| t.as_secs()).unwrap_or(0);
        return anyhow!(
            "the query ran longer than the time limit ({secs} s) and was stopped; \
             give a larger --timeout, or narrow the query"
        );
    }
    anyhow!("SQL error: {msg}")
}

/// Prepare `sql` for reading only: one statement, and one that reads.
pub fn prepare_read_only<'c>(conn: &'c Connection, sql: &str) -> Result<Statement<'c>> {
    let stmt = conn.prepare(sql).map_err(|e| explain_sql_error(e, None))?;
    if !stmt.readonly() {
        bail!(
            "cablecat sql only reads the catalog: this statement would change it and is refused. \
             Use `cablecat import` to change the catalog."
        );
    }
    Ok(stmt)
}

/// Bind `params` by name, refusing any the statement does not take; unset ones are NULL.
pub fn bind_named(stmt: &mut Statement, params: &BTreeMap<String, String>) -> Result<()> {
    let wanted = parameters(stmt);
    for name in params.keys() {
        if !wanted.iter().any(|w| w == name) {
            if wanted.is_empty() {
                bail!("this query takes no parameters, but {name:?} was given");
            }
            bail!(
                "unknown parameter {name:?}; this query takes: {}",
                wanted.join(", ")
            );
        }
    }
    for i in 1..=stmt.parameter_count() {
        let Some(name) = stmt
            .parameter_name(i)
            .map(|n| n.trim_start_matches([':', '@', '$']).to_string())
        else {
            continue;
        };
        match params.get(&name) {
            Some(v) => stmt.raw_bind_parameter(i, v.as_str())?,
            None => stmt.raw_bind_parameter(i, rusqlite::types::Null)?,
        }
    }
    Ok(())
}

/// Rows read into memory, as text (NULL is `None`): for pages that show a bounded number.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
    /// More rows followed the last one kept.
    pub more: bool,
}

impl Table {
    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// Bind `params` by name and read at most `max` rows (noting whether more followed).
pub fn read_rows(
    stmt: &mut Statement,
    params: &BTreeMap<String, String>,
    max: usize,
    timeout: Option<Duration>,
) -> Result<Table> {
    bind_named(stmt, params)?;
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    let mut rows = stmt.raw_query();
    let mut table = Table {
        columns,
        ..Table::default()
    };
    loop {
        let row = match rows.next() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => return Err(explain_sql_error(e, timeout)),
        };
        if table.rows.len() == max {
            table.more = true;
            break;
        }
        let values = (0..table.columns.len())
            .map(|i| {
                row.get_ref(i).map(|v| match v {
                    ValueRef::Null => None,
                    v => Some(text_of(&v)),
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        table.rows.push(values);
    }
    Ok(table)
}

/// Bind `params` by name (unset ones are NULL) and write every row to `out`.
pub fn write_rows(
    stmt: &mut Statement,
    params: &BTreeMap<String, String>,
    format: Format,
    out: &mut dyn Write,
    timeout: Option<Duration>,
) -> Result<usize> {
    bind_named(stmt, params)?;
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    let mut rows = stmt.raw_query();
    let mut writer = RowWriter::new(format, &columns, out)?;
    let mut n = 0;
    loop {
        let row = match rows.next() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => return Err(explain_sql_error(e, timeout)),
        };
        let values: Vec<ValueRef> = (0..columns.len())
            .map(|i| row.get_ref(i))
            .collect::<rusqlite::Result<_>>()?;
        writer.row(&values)?;
        n += 1;
    }
    writer.finish()?;
    Ok(n)
}

/// Writes rows in one format; a table is laid out once all rows are in.
pub enum RowWriter<'w> {
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    Json {
        out: &'w mut dyn Write,
        columns: Vec<String>,
        first: bool,
    },
    Table {
        out: &'w mut dyn Write,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl<'w> RowWriter<'w> {
    pub fn new(
        format: Format,
        columns: &[String],
        out: &'w mut dyn Write,
    ) -> Result<RowWriter<'w>> {
        Ok(match format {
            Format::Csv => {
                let mut c = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out);
                c.write_record(columns)?;
                RowWriter::Csv(Box::new(c))
            }
            Format::Json => {
                out.write_all(b"[")?;
                RowWriter::Json {
                    out,
                    columns: columns.to_vec(),
                    first: true,
                }
            }
            Format::Table => RowWriter::Table {
                out,
                columns: columns.to_vec(),
                rows: Vec::new(),
            },
        })
    }

    pub fn row(&mut self, values: &[ValueRef]) -> Result<()> {
        match self {
            RowWriter::Csv(c) => {
                c.write_record(values.iter().map(text_of))?;
            }
            RowWriter::Json {
                out,
                columns,
                first,
            } => {
                let mut obj = serde_json::Map::new();
                for (c, v) in columns.iter().zip(values) {
                    obj.insert(c.clone(), json_of(v));
                }
                out.write_all(if *first { b"\n" } else { b",\n" })?;
                *first = false;
                serde_json::to_writer(&mut **out, &serde_json::Value::Object(obj))?;
            }
            RowWriter::Table { rows, .. } => rows.push(values.iter().map(text_of).collect()),
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            RowWriter::Csv(mut c) => c.flush()?,
            RowWriter::Json { out, first, .. } => {
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                out.flush()?;
            }
            RowWriter::Table { out, columns, rows } => {
                out.write_all(
                    render_table(
                        &columns,
                        &rows,
                        crate::cli::ui::width(),
                        crate::cli::ui::colour(),
                    )
                    .as_bytes(),
                )?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

fn text_of(v: &ValueRef) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => hex::encode(b),
    }
}

fn json_of(v: &ValueRef) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => (*i).into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => hex::encode(b).into(),
    }
}

/// Marks around a highlighted stretch of a cell (a search hit): bold on a colour terminal,
/// `[` `]` elsewhere.
pub const HIGHLIGHT: (&str, &str) = ("\u{1}", "\u{2}");

fn visible(s: &str) -> usize {
    s.chars().filter(|c| *c != '\u{1}' && *c != '\u{2}').count()
}

/// Columns padded to their widest cell, wide text cut with `…` so the table fits `width`;
/// with `colour`, a bold header and highlighted hits.
pub fn render_table(
    columns: &[String],
    rows: &[Vec<String>],
    width: usize,
    colour: bool,
) -> String {
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| flat(c)).collect())
        .collect();
    let n = columns.len();
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(visible(c));
        }
    }
    // Shrink the widest columns until the row fits.
    let sep = 2;
    let budget = width.max(n * 6);
    while widths.iter().sum::<usize>() + sep * n.saturating_sub(1) > budget {
        let (i, w) = widths
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .map(|(i, w)| (i, *w))
            .unwrap();
        if w <= 8 {
            break;
        }
        widths[i] = w - 1;
    }
    let fit = |s: &str, w: usize| -> String {
        let count = visible(s);
        let mut cell = if count <= w {
            format!("{s}{}", " ".repeat(w - count))
        } else {
            let mut cut = String::new();
            let mut shown = 0;
            for c in s.chars() {
                if c != '\u{1}' && c != '\u{2}' {
                    if shown + 1 >= w {
                        break;
                    }
                    shown += 1;
                }
                cut.push(c);
            }
            format!("{cut}…")
        };
        let open = cell.matches('\u{1}').count() > cell.matches('\u{2}').count();
        if colour {
            cell = cell
                .replace('\u{1}', "\x1b[1;33m")
                .replace('\u{2}', "\x1b[0m");
            if open {
                cell.push_str("\x1b[0m");
            }
        } else {
            cell = cell.replace('\u{1}', "[").replace('\u{2}', "]");
            if open {
                cell.push(']');
            }
        }
        cell
    };
    let mut out = String::new();
    let line = |out: &mut String, r: &[String]| {
        let parts: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| fit(c, widths[i]))
            .collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    if colour {
        let header: Vec<String> = columns.iter().map(|c| format!("\u{1}{c}\u{2}")).collect();
        line(&mut out, &header);
    } else {
        line(&mut out, columns);
    }
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&rule.join("  "));
    out.push('\n');
    for r in &cells {
        line(&mut out, r);
    }
    out
}

/// Run a canned report or ad-hoc SQL on a guarded read-only connection.
pub fn run(
    conn: &mut Connection,
    sql: &str,
    params: &BTreeMap<String, String>,
    format: Format,
    out: &mut dyn Write,
    timeout: Option<Duration>,
) -> Result<usize> {
    install_guard(conn, timeout)?;
    let mut stmt = prepare_read_only(conn, sql).context("preparing the query")?;
    write_rows(&mut stmt, params, format, out, timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_canned_report_has_a_title_and_description() {
        for c in canned() {
            assert!(!c.title.is_empty(), "{}", c.name);
            assert!(!c.description.is_empty(), "{}", c.name);
        }
    }

    #[test]
    fn table_fits_width() {
        let t = render_table(
            &["a".into(), "b".into()],
            &[vec!["x".repeat(100), "y".into()]],
            40,
            false,
        );
        assert!(t.lines().all(|l| l.chars().count() <= 40), "{t}");
    }
}
