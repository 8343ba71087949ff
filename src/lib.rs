//! bantin turns English news articles into reviewed, bilingual English + Vietnamese briefs.
//!
//! ```text
//! sources/*.toml -> Source -fetch-> Fetched -extract-> Article -claims-> Vec<Claim>
//!   -rank-> selected claims -brief-> Brief{en, vi} -render-> Markdown -publish-> site
//!   every stage reads and writes through Store; review edits claims in Store
//! ```
//! Each stage is a module with one job; `pipeline` runs them in order for a day's job.

pub mod claims;
pub mod glossary;
pub mod model;
pub mod translate;
