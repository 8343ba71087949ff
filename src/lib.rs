//! bantin turns English news articles into reviewed, bilingual English + Vietnamese briefs.
//!
//! ```text
//! sources/*.toml -> Source -fetch-> Fetched -extract-> Article -claims-> Vec<Claim>
//!   -rank-> saliences, selected claims -brief-> Brief{en, vi} + each claim's Rendering
//!   -render-> Markdown -publish-> site
//!   every stage reads and writes through Store; review edits claims in Store
//! ```
//! A [`model::Claim`] is what extraction found and never changes; what ranking, the brief and
//! the engines make of it is its [`model::Rendering`], and review keeps its
//! [`model::ReviewStatus`] (and an editor's text) apart. A [`model::ClaimRecord`] holds the
//! three: what the store keeps per claim and `claims.json` prints.
//! Each stage is a module with one job; `pipeline` runs them in order for the daily job.
//! `claims`, `rank`, `translate`, `brief`, `check` and `render` are pure: no clock, network
//! or disk (the publication date and "today" are passed in).

pub mod bench;
pub mod brief;
pub mod check;
pub mod claims;
pub mod config;
pub mod desk;
pub mod eval;
pub mod extract;
pub mod fetch;
pub mod glossary;
pub mod hub;
pub mod lang;
pub mod model;
pub mod pipeline;
pub mod publish;
pub mod rank;
pub mod render;
pub mod review;
pub mod store;
pub mod translate;

/// SHA-256 of some bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
