//! Briefs in, a site out: Markdown with front matter for Zola or Hugo, and a ready HTML site
//! with an Atom feed (Markdown rendered with pulldown-cmark).
//!
//! Layout under the site folder: `content/<date>.en.md`, `content/<date>.vi.md` (the
//! translation convention both generators share), and `public/` with one HTML page per day
//! and language, `index.html` and `feed.xml`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveTime, Utc};
use serde::Serialize;

use crate::model::Brief;
use crate::render::{Templates, date_en, date_vi};

/// Front-matter dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// TOML front matter between `+++`.
    #[default]
    Zola,
    /// YAML front matter between `---`.
    Hugo,
}

/// Site-wide settings.
pub struct Site<'a> {
    /// Title of the site.
    pub title: &'a str,
    /// Base URL for the feed.
    pub base_url: &'a str,
}

#[derive(Serialize)]
struct PageView<'a> {
    format: &'a str,
    title: String,
    date: String,
    lang: &'a str,
    key: String,
    tags: Vec<String>,
    sources: Vec<String>,
    body: String,
}

/// Writes every brief into `dir`; returns the files written.
pub fn publish(
    briefs: &[Brief],
    templates: &Templates,
    dir: &Path,
    format: Format,
    site: &Site,
) -> Result<Vec<PathBuf>> {
    let content = dir.join("content");
    let public = dir.join("public");
    for d in [&content, &public] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let mut written = Vec::new();
    let mut days = Vec::new();
    let mut entries = Vec::new();
    for b in briefs {
        let key = format!("brief-{}", b.date);
        let mut sources: Vec<String> = b
            .items
            .iter()
            .flat_map(|i| i.sources.iter().map(|s| s.url.clone()))
            .collect();
        sources.dedup();
        let tags = tags(b);
        // A day without Vietnamese has no Vietnamese page, and no link to one.
        let langs: &[&str] = if b.has_vi() { &["en", "vi"] } else { &["en"] };
        if !b.has_vi() {
            // A Vietnamese page an earlier publish wrote for the day goes too.
            for stale in [
                content.join(format!("{}.vi.md", b.date)),
                public.join(format!("{}.vi.html", b.date)),
            ] {
                if stale.exists() {
                    std::fs::remove_file(&stale)
                        .with_context(|| format!("cannot remove {}", stale.display()))?;
                }
            }
        }
        for &lang in langs {
            let md = templates.brief(b, lang)?;
            let body = strip_h1(&md);
            let title = match lang {
                "vi" => format!("Bản tin ngày {}", date_vi(b.date)),
                _ => format!("Brief for {}", date_en(b.date)),
            };
            let page = PageView {
                format: match format {
                    Format::Zola => "zola",
                    Format::Hugo => "hugo",
                },
                title: title.clone(),
                date: b.date.to_string(),
                lang,
                key: key.clone(),
                tags: tags.clone(),
                sources: sources.clone(),
                body: body.clone(),
            };
            let path = content.join(format!("{}.{lang}.md", b.date));
            write(&path, &templates.render("page.md", &page)?)?;
            written.push(path);
            let html = markdown_to_html(&body);
            let other = if lang == "en" { "vi" } else { "en" };
            let view = serde_json::json!({
                "lang": lang, "title": title, "site_title": site.title, "root": "",
                "content": format!("<h1>{}</h1>\n{}", escape(&title), html),
                "other": if langs.len() > 1 { format!("{}.{other}.html", b.date) } else { String::new() },
                "other_label": if other == "vi" { "Tiếng Việt" } else { "English" },
            });
            let path = public.join(format!("{}.{lang}.html", b.date));
            write(&path, &templates.render("site/page.html", &view)?)?;
            written.push(path);
            let updated =
                DateTime::<Utc>::from_naive_utc_and_offset(b.date.and_time(NaiveTime::MIN), Utc)
                    .to_rfc3339();
            entries.push(serde_json::json!({"title": title, "path": format!("{}.{lang}.html", b.date), "updated": updated, "html": html}));
        }
        let headlines: Vec<&str> = b
            .items
            .iter()
            .filter(|i| !i.en.is_empty())
            .map(|i| i.headline.en.as_str())
            .collect();
        days.push(serde_json::json!({
            "date": b.date.to_string(),
            "date_vi": date_vi(b.date),
            "vi": if b.has_vi() { format!("{}.vi.html", b.date) } else { String::new() },
            "en": format!("{}.en.html", b.date),
            "headlines": headlines,
        }));
    }
    days.reverse();
    entries.reverse();
    let updated = briefs
        .last()
        .map(|b| {
            DateTime::<Utc>::from_naive_utc_and_offset(b.date.and_time(NaiveTime::MIN), Utc)
                .to_rfc3339()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let index = templates.render(
        "site/index.html",
        &serde_json::json!({"site_title": site.title, "days": days}),
    )?;
    write(&public.join("index.html"), &index)?;
    written.push(public.join("index.html"));
    let feed = templates.render(
        "site/feed.xml",
        &serde_json::json!({"site_title": site.title, "base_url": site.base_url.trim_end_matches('/'), "updated": updated, "entries": entries}),
    )?;
    write(&public.join("feed.xml"), &feed)?;
    written.push(public.join("feed.xml"));
    Ok(written)
}

fn tags(b: &Brief) -> Vec<String> {
    let mut t: Vec<String> = b
        .items
        .iter()
        .flat_map(|i| i.sources.iter().filter_map(|s| s.site.clone()))
        .collect();
    t.sort();
    t.dedup();
    t
}

fn strip_h1(md: &str) -> String {
    md.lines()
        .skip_while(|l| l.starts_with("# ") || l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Markdown to HTML with pulldown-cmark, then sanitised with an allowlist (ammonia): only
/// harmless tags and attributes, links only to http(s) and mailto, no script, no handler,
/// whatever a template or an edited brief let through.
pub fn markdown_to_html(md: &str) -> String {
    let parser = pulldown_cmark::Parser::new(md);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&html)
        .to_string()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes a file atomically (temporary file, then rename).
pub fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // Named by process, so two writers never rename each other's file away.
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
