//! The pages' frame and the pieces they share: layout, style sheet, tables, links, marks.
//! maud escapes every value spliced into a page; text reaches a page no other way.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::report::{Table, HIGHLIGHT};

/// The one style sheet, in every page: the pages need no other file and no script.
const CSS: &str = r#"
:root { --ink: #1d2330; --muted: #5b6475; --line: #d8dce3; --band: #f4f5f8; --accent: #1f4e8c;
        --mark: #ffe58a; --withheld: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #fff; }
header.top { background: var(--ink); color: #fff; }
header.top .bar { max-width: 76rem; margin: 0 auto; padding: .6rem 1.2rem; display: flex;
       gap: 1.4rem; align-items: center; flex-wrap: wrap; }
header.top a { color: #fff; text-decoration: none; }
header.top a.brand { font-weight: 700; letter-spacing: .02em; font-size: 1.1rem; }
header.top nav a { opacity: .85; margin-right: 1rem; }
header.top nav a.here, header.top nav a:hover { opacity: 1; text-decoration: underline; }
header.top form { margin-left: auto; display: flex; gap: .3rem; }
header.top input[type=search] { width: 18rem; padding: .3rem .5rem; border: 0; border-radius: 3px; }
main { max-width: 76rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.45rem; margin: .6rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.error { border-left: 4px solid var(--withheld); background: #fdf0ef; padding: .6rem .9rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .93rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .55rem; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.short { white-space: nowrap; }
tr:hover td { background: #fafbfc; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 1.6rem; }
.search-big { display: flex; gap: .4rem; margin: .6rem 0 1.2rem; }
.search-big input[type=search] { flex: 1; font-size: 1.05rem; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 4px; }
button, .button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .4rem .9rem;
       font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
.button.light { background: var(--band); color: var(--accent); border: 1px solid var(--line); }
.layout { display: grid; grid-template-columns: 15rem 1fr; gap: 1.6rem; }
@media (max-width: 50rem) { .layout { grid-template-columns: 1fr; } }
aside.facets h3 { font-size: .82rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 1rem 0 .2rem; }
aside.facets ul { list-style: none; padding: 0; margin: 0; font-size: .92rem; }
aside.facets li { display: flex; justify-content: space-between; gap: .5rem; }
aside.facets li span.n { color: var(--muted); font-variant-numeric: tabular-nums; }
.chips { margin: .2rem 0 .8rem; display: flex; flex-wrap: wrap; gap: .4rem; }
.chip { background: var(--band); border: 1px solid var(--line); border-radius: 999px; padding: .05rem .6rem; font-size: .88rem; text-decoration: none; }
ol.hits { list-style: none; padding: 0; margin: 0; }
ol.hits li { padding: .55rem 0; border-bottom: 1px solid var(--line); }
ol.hits .meta { font-size: .86rem; color: var(--muted); }
ol.hits .passage { margin: .15rem 0 0; }
mark { background: var(--mark); padding: 0 .1em; border-radius: 2px; }
.pager { display: flex; gap: .8rem; align-items: center; margin: 1rem 0; }
.downloads { font-size: .9rem; }
dl.fields { display: grid; grid-template-columns: 10rem 1fr; gap: .15rem 1rem; margin: .4rem 0 1rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; }
.para { display: grid; grid-template-columns: 4.2rem 1fr; gap: .8rem; padding: .45rem 0; border-bottom: 1px dotted var(--line); }
.para .no { color: var(--muted); font-variant-numeric: tabular-nums; text-align: right; font-size: .9rem; }
.para .text { white-space: pre-wrap; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .88rem; }
.para .heading { font-weight: 600; margin-bottom: .15rem; font-family: inherit; }
.para.withheld .text { border-left: 3px solid var(--withheld); padding-left: .6rem; }
.para.aside .text { color: var(--muted); }
.badge { display: inline-block; font-size: .78rem; border-radius: 3px; padding: 0 .35rem; margin-right: .3rem;
       background: var(--band); border: 1px solid var(--line); font-family: system-ui, sans-serif; white-space: nowrap; }
span.code { display: inline-block; margin-right: 1rem; white-space: nowrap; }
.badge.withheld { background: #fdf0ef; border-color: #f0b6b1; color: var(--withheld); }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem .9rem; align-items: end; background: var(--band);
       padding: .7rem .9rem; border-radius: 4px; margin-bottom: 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: .82rem; color: var(--muted); }
form.filters input, form.filters select { font: inherit; padding: .2rem .35rem; border: 1px solid var(--line); border-radius: 3px; min-width: 7rem; }
footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
"#;

/// The section of the site a page belongs to (its tab in the header).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Search,
    Documents,
    Reports,
    None,
}

/// A whole page: header with the sections and a search box, the content, a footer.
pub fn page(title: &str, section: Section, query: &str, content: Markup) -> Markup {
    let tab = |s: Section, href: &str, label: &str| {
        html! { a href=(href) class=[(s == section).then_some("here")] { (label) } }
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · cablecat" }
                // An inline icon, so browsers do not ask for /favicon.ico.
                link rel="icon" href="data:,";
                style { (PreEscaped(CSS)) }
            }
            body {
                header.top { div.bar {
                    a.brand href="/" { "cablecat" }
                    nav {
                        (tab(Section::Home, "/", "Holdings"))
                        (tab(Section::Search, "/search", "Search"))
                        (tab(Section::Documents, "/documents", "Documents"))
                        (tab(Section::Reports, "/reports", "Reports"))
                        a href="/oai?verb=Identify" { "OAI-PMH" }
                    }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" value=(query) placeholder="Search the paragraphs" aria-label="Search";
                        button type="submit" { "Search" }
                    }
                } }
                main { (content) }
                footer { "cablecat " (env!("CARGO_PKG_VERSION")) " · read-only view of the catalog · "
                    a href="/oai?verb=Identify" { "OAI-PMH endpoint" } }
            }
        }
    }
}

/// A passage with the stretches the search matched in `<mark>`: the text between the
/// markers is escaped like any other.
pub fn marked(passage: &str) -> Markup {
    let (open, close) = HIGHLIGHT;
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut rest = passage;
    while let Some(i) = rest.find(open) {
        parts.push((false, &rest[..i]));
        rest = &rest[i + open.len()..];
        match rest.find(close) {
            Some(j) => {
                parts.push((true, &rest[..j]));
                rest = &rest[j + close.len()..];
            }
            None => {
                parts.push((true, rest));
                rest = "";
            }
        }
    }
    parts.push((false, rest));
    html! {
        @for (hit, text) in parts {
            @if hit { mark { (text.replace(close, "")) } } @else { (text.replace(close, "")) }
        }
    }
}

/// A table of rows; `link` may turn a cell into a link (by column name and row).
pub fn table(t: &Table, link: impl Fn(&str, &[Option<String>]) -> Option<String>) -> Markup {
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| {
            t.rows.iter().any(|r| r[i].is_some())
                && t.rows.iter().all(|r| {
                    r[i].as_deref()
                        .is_none_or(|v| !v.is_empty() && v.parse::<f64>().is_ok())
                })
        })
        .collect();
    // Dates, codes and identifiers stay on one line.
    let class: Vec<Option<&str>> = (0..t.columns.len())
        .map(|i| {
            if numeric[i] {
                Some("num")
            } else if t
                .rows
                .iter()
                .all(|r| r[i].as_deref().is_none_or(|v| v.chars().count() <= 16))
            {
                Some("short")
            } else {
                None
            }
        })
        .collect();
    html! {
        table {
            thead { tr { @for (i, c) in t.columns.iter().enumerate() {
                th class=[numeric[i].then_some("num")] { (c) }
            } } }
            tbody { @for row in &t.rows { tr {
                @for (i, v) in row.iter().enumerate() {
                    td class=[class[i]] {
                        @match (v, link(&t.columns[i], row)) {
                            (Some(v), Some(href)) => a href=(href) { (v) },
                            (Some(v), None) => (v),
                            (None, _) => "",
                        }
                    }
                }
            } } }
        }
    }
}

/// `path?pairs`, the pairs form-encoded (empty values left out).
pub fn href(path: &str, pairs: &[(&str, &str)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .copied()
        .collect();
    if kept.is_empty() {
        return path.to_string();
    }
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(&kept).unwrap_or_default()
    )
}

/// A path segment, percent-encoded (document keys hold `/` and spaces now and then).
pub fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 12,345.
pub fn count(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_passages_escape_the_text_around_the_marks() {
        let (o, c) = HIGHLIGHT;
        let m = marked(&format!("a <b> & {o}cartel{c} <script>x</script> {o}open"));
        assert_eq!(
            m.into_string(),
            "a &lt;b&gt; &amp; <mark>cartel</mark> &lt;script&gt;x&lt;/script&gt; <mark>open</mark>"
        );
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }
}
