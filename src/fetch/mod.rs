//! Sources and fetching: a URL or a saved page in, [`Fetched`] (bytes, type, final URL) out.
//!
//! Two fetchers: [`web::Web`] (reqwest with rustls; polite: per-host rate limit, robots.txt,
//! conditional GET, retries, size cap, no private addresses) and [`Saved`] (a page saved on
//! disk, `.html` or `.html.gz`, with an optional sidecar `.toml` giving its real URL, site and
//! publication date). Feeds and sitemaps are read by [`feeds`]. Sources are one TOML file each
//! under `sources/`.

pub mod feeds;
pub mod web;

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use crate::model::Fetched;

/// What a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An RSS or Atom feed.
    Feed,
    /// One article page.
    Page,
    /// A news sitemap.
    Sitemap,
    /// A folder of saved pages.
    Dir,
}

/// One source file under `sources/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: SourceKind,
    /// Address, for web sources.
    pub url: Option<String>,
    /// Folder, for `dir` sources (relative to the source file).
    pub path: Option<PathBuf>,
    /// Language of its articles.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// Weight in ranking (1 is normal).
    #[serde(default = "one")]
    pub weight: f64,
    /// Only links matching one of these regular expressions are fetched.
    #[serde(default)]
    pub include: Vec<String>,
    /// Links matching any of these regular expressions are skipped.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Seconds between requests to this source's hosts (default: the config's
    /// `host_interval_secs`).
    pub rate_limit_secs: Option<f64>,
}

impl Source {
    /// The source's include and exclude patterns, compiled; a bad pattern is an error naming
    /// the source.
    pub fn filter(&self) -> Result<LinkFilter> {
        let compile = |ps: &[String]| -> Result<Vec<regex::Regex>> {
            ps.iter()
                .map(|p| {
                    regex::Regex::new(p)
                        .with_context(|| format!("source {}: invalid pattern {p:?}", self.name))
                })
                .collect()
        };
        Ok(LinkFilter {
            include: compile(&self.include)?,
            exclude: compile(&self.exclude)?,
        })
    }
}

/// A source's include and exclude patterns.
pub struct LinkFilter {
    include: Vec<regex::Regex>,
    exclude: Vec<regex::Regex>,
}

impl LinkFilter {
    /// Whether the patterns let a link through.
    pub fn admits(&self, link: &str) -> bool {
        !self.exclude.iter().any(|r| r.is_match(link))
            && (self.include.is_empty() || self.include.iter().any(|r| r.is_match(link)))
    }
}

fn default_lang() -> String {
    "en".into()
}

fn one() -> f64 {
    1.0
}

/// Sidecar of a saved page: where it really came from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// The page's real URL.
    pub url: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The page's real publication date (a TOML date or a "YYYY-MM-DD" string).
    pub published: Option<toml::Value>,
}

impl Sidecar {
    /// The publication date, if the sidecar gives a valid one.
    pub fn published(&self) -> Result<Option<NaiveDate>> {
        let Some(v) = &self.published else {
            return Ok(None);
        };
        let text = match v {
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => bail!("published = {other} is not a date (write published = 2025-06-06)"),
        };
        let head = text.get(..10).unwrap_or(&text);
        NaiveDate::parse_from_str(head, "%Y-%m-%d")
            .map(Some)
            .with_context(|| {
                format!("published = {text} is not a date (write published = 2025-06-06)")
            })
    }
}

/// Files in the sources folder that are not sources.
const NOT_SOURCES: &[&str] = &["config.toml"];

/// Reads every source file in `dir`, sorted by file name. A folder that cannot be read is an
/// error; a file that cannot be read or parsed is an `Err` of its own, so one bad file never
/// stops the others.
pub fn load_sources(dir: &Path) -> Result<Vec<(PathBuf, Result<Source>)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read sources folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| NOT_SOURCES.iter().any(|x| n == *x))
        })
        .collect();
    files.sort();
    Ok(files
        .into_iter()
        .map(|p| {
            let source = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read source {}", p.display()))
                .and_then(|text| {
                    toml::from_str::<Source>(&text)
                        .with_context(|| format!("invalid source file {}", p.display()))
                });
            (p, source)
        })
        .collect())
}

/// Saved pages in a `dir` source: every `*.html` and `*.html.gz`, sorted.
pub fn saved_pages(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read saved pages folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".html") || n.ends_with(".html.gz") || n.ends_with(".htm")
        })
        .collect();
    v.sort();
    Ok(v)
}

/// The name of a saved page without `.html.gz`, `.html` or `.htm`.
pub fn page_stem(path: &Path) -> String {
    let n = path.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    n.trim_end_matches(".gz")
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .to_string()
}

/// Reads pages saved on disk.
pub struct Saved {
    /// Source name recorded on each page.
    pub source: String,
    /// Largest file accepted, in bytes.
    pub max_bytes: usize,
}

impl Saved {
    /// Reads the page saved at `location` (`.html`, `.html.gz`), with its sidecar's address
    /// and date when it has one.
    pub fn fetch(&self, location: &str) -> Result<Fetched> {
        let path = Path::new(location);
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_file() {
            bail!("{} is not a file", path.display());
        }
        let raw = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let body = if location.ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .take(self.max_bytes as u64 + 1)
                .read_to_end(&mut out)
                .with_context(|| format!("{} is not valid gzip", path.display()))?;
            out
        } else {
            raw
        };
        let sidecar = read_sidecar(path)?;
        let published_hint = sidecar
            .published()
            .with_context(|| format!("invalid page sidecar for {}", path.display()))?;
        let url = sidecar.url.clone().unwrap_or_else(|| file_url(path));
        Ok(Fetched {
            url,
            source: self.source.clone(),
            body,
            content_type: None,
            published_hint,
            site_hint: sidecar.site,
            fetched_at: meta
                .modified()
                .map(chrono::DateTime::<Utc>::from)
                .unwrap_or_else(|_| Utc::now()),
        })
    }
}

fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", abs.display())
}

/// The sidecar `<stem>.toml` next to a saved page, if there is one.
pub fn read_sidecar(page: &Path) -> Result<Sidecar> {
    let side = page.with_file_name(format!("{}.toml", page_stem(page)));
    if !side.exists() {
        return Ok(Sidecar::default());
    }
    let text = std::fs::read_to_string(&side)
        .with_context(|| format!("cannot read {}", side.display()))?;
    toml::from_str(&text).with_context(|| format!("invalid page sidecar {}", side.display()))
}

/// Whether a command-line argument names a web address rather than a file.
pub fn is_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}
