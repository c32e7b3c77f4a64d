//! The catalog's read side that the command line and the web pages share: the document
//! filters, the list and search queries, a document's whole record and its Dublin Core
//! elements. Everything here reads; the callers choose the connection (read-only, guarded).

pub mod dc;
pub mod filters;
pub mod list;
pub mod record;
pub mod search;

pub use dc::{dc_elements, xml_text, DC, OAI_DC};
pub use filters::{exemption_code, Filters};
pub use list::{list_sql, Sort};
pub use record::{
    find_ids, load, load_findings, Exemption, FieldCorrection, Findings, Para, Record,
};
pub use search::{
    explain_search_error, fts_query, merge_ranked, rank_in_parts, rank_parts, rank_plan, rank_rows,
    rank_sql, ranked_hits_sql, search_sql, RankPlan, Ranked,
};
