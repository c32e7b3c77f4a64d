//! cablecat: a catalog of released government documents in SQLite.
//!
//! The pipeline, one way only:
//! file bytes -> text (`decode`, encoding decided once) -> `parse` -> `model::Document`
//! -> `store` writes one document in one transaction -> `report` reads with SQL -> rows out.
//! `import` drives it over folders, parsing on every core while one writer stores.

pub mod cli;
pub mod decode;
pub mod extract;
pub mod import;
pub mod model;
pub mod parse;
pub mod pdf;
pub mod query;
pub mod report;
pub mod store;
pub mod web;
