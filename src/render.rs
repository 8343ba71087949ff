//! Briefs and claims in, text out: Markdown per language and Vietnamese claim sentences, via Tera.
//!
//! Templates are compiled in and can be overridden by name from a user folder (`templates
//! dump DIR` writes the defaults out for editing). Templates get small view types built here,
//! never the records themselves. Pure: no clock, no disk (except reading the override folder).

use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::model::ViParts;
use crate::model::{Brief, BriefItem, ClaimKind, SourceRef};

/// The built-in templates: (name, text).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("brief.en.md", include_str!("../templates/brief.en.md")),
    ("brief.vi.md", include_str!("../templates/brief.vi.md")),
    ("brief.md", include_str!("../templates/brief.md")),
    ("page.md", include_str!("../templates/page.md")),
    (
        "claim/statement.vi.txt",
        include_str!("../templates/claim/statement.vi.txt"),
    ),
    (
        "claim/finding.vi.txt",
        include_str!("../templates/claim/finding.vi.txt"),
    ),
    (
        "claim/quote.vi.txt",
        include_str!("../templates/claim/quote.vi.txt"),
    ),
    (
        "claim/figure.vi.txt",
        include_str!("../templates/claim/figure.vi.txt"),
    ),
    (
        "claim/comparison.vi.txt",
        include_str!("../templates/claim/comparison.vi.txt"),
    ),
    (
        "claim/event.vi.txt",
        include_str!("../templates/claim/event.vi.txt"),
    ),
    (
        "claim/forecast.vi.txt",
        include_str!("../templates/claim/forecast.vi.txt"),
    ),
    (
        "site/page.html",
        include_str!("../templates/site/page.html"),
    ),
    (
        "site/index.html",
        include_str!("../templates/site/index.html"),
    ),
    ("site/feed.xml", include_str!("../templates/site/feed.xml")),
    (
        "desk/base.html",
        include_str!("../templates/desk/base.html"),
    ),
    (
        "desk/index.html",
        include_str!("../templates/desk/index.html"),
    ),
    ("desk/day.html", include_str!("../templates/desk/day.html")),
    (
        "desk/story.html",
        include_str!("../templates/desk/story.html"),
    ),
    (
        "desk/preview.html",
        include_str!("../templates/desk/preview.html"),
    ),
];

/// The loaded templates.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// The built-in templates, with any file of the same name in `overrides` taking their place.
    pub fn load(overrides: Option<&Path>) -> Result<Self> {
        let mut tera = Tera::default();
        tera.register_filter("ucfirst", |s: &str, _: Kwargs, _: &State| ucfirst(s));
        tera.register_filter("md", |s: &str, _: Kwargs, _: &State| markdown_text(s));
        tera.register_filter("link", |s: &str, _: Kwargs, _: &State| link(s));
        tera.register_filter("quoted", |s: &str, _: Kwargs, _: &State| quoted(s));
        tera.add_raw_templates(BUILT_IN.iter().copied())
            .map_err(|e| anyhow::anyhow!("built-in templates: {e}"))?;
        if let Some(dir) = overrides {
            for (name, _) in BUILT_IN {
                let path = dir.join(name);
                if path.exists() {
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read template {}", path.display()))?;
                    tera.add_raw_template(name, &text)
                        .map_err(|e| anyhow::anyhow!("template {}: {e}", path.display()))?;
                }
            }
        }
        Ok(Templates { tera })
    }

    /// Writes the built-in templates into `dir` for editing.
    pub fn dump(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
        let mut out = Vec::new();
        for (name, text) in BUILT_IN {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            out.push(path);
        }
        Ok(out)
    }

    /// Renders a template by name with a serialisable context.
    pub fn render(&self, name: &str, ctx: &impl Serialize) -> Result<String> {
        let ctx = Context::from_serialize(ctx)
            .map_err(|e| anyhow::anyhow!("template context for {name}: {e}"))?;
        self.tera
            .render(name, &ctx)
            .map_err(|e| anyhow::anyhow!("cannot render template {name}: {e}"))
    }

    /// A claim's Vietnamese sentence from its parts, by the template of its kind.
    pub fn claim_vi(&self, kind: ClaimKind, parts: &ViParts) -> Result<String> {
        let text = self.render(&format!("claim/{}.vi.txt", kind.as_str()), parts)?;
        Ok(tidy(&text))
    }

    /// The brief as Markdown in one language (`en` or `vi`).
    pub fn brief(&self, brief: &Brief, lang: &str) -> Result<String> {
        let view = BriefView::new(brief, lang);
        Ok(tidy_md(&self.render(&format!("brief.{lang}.md"), &view)?))
    }

    /// Both languages in one file, English first.
    pub fn brief_both(&self, en: &str, vi: &str) -> Result<String> {
        #[derive(Serialize)]
        struct Both<'a> {
            en: &'a str,
            vi: &'a str,
        }
        Ok(tidy_md(&self.render("brief.md", &Both { en, vi })?))
    }
}

/// Upper-cases the first letter only (names keep their case).
/// Text from a source as Markdown that says exactly that text: every character Markdown
/// reads as markup is escaped (emphasis, code, links and images, raw HTML and autolinks,
/// entities, a heading or list marker at the start, Zola and Hugo shortcodes), and line breaks
/// become spaces. Nothing a
/// page writes becomes a link, a tag or a handler in a brief.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (at, c) in s.char_indices() {
        let rest = &s[at + c.len_utf8()..];
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // "&lt;" or "&#60;" would be an entity; "AT&T" is not.
            '&' => {
                let name = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                    .unwrap_or(rest.len());
                if name > 0 && rest[name..].starts_with(';') {
                    out.push('\\');
                }
                out.push('&');
            }
            // "{{" and "{%" would be shortcodes to Zola and Hugo: an entity is just "{".
            '{' if rest.starts_with(['{', '%']) => out.push_str("&#123;"),
            '\n' | '\r' => out.push(' '),
            '#' | '+' | '-' | '=' if at == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. " or "1) " at the start would open an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// A link bantin writes: an http(s) URL, with what Markdown would end a link at encoded;
/// nothing for any other scheme (`javascript:`, `data:`), so the template prints the label
/// alone.
pub fn link(s: &str) -> String {
    match url::Url::parse(s.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u
            .as_str()
            .replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20"),
        _ => String::new(),
    }
}

/// A string as a double-quoted TOML or YAML string (JSON's escaping is valid in both).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn ucfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn tidy(s: &str) -> String {
    let s = s
        .trim()
        .replace("..", ".")
        .replace(" ,", ",")
        .replace(" .", ".");
    s.replace(",.", ".")
}

fn tidy_md(s: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in s.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim().to_string() + "\n"
}

/// `d/m/yyyy`, the Vietnamese way.
pub fn date_vi(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// `June 6, 2025`.
pub fn date_en(d: NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

#[derive(Serialize)]
struct SourceView<'a> {
    url: &'a str,
    title: &'a str,
    label: &'a str,
}

impl<'a> SourceView<'a> {
    fn new(s: &'a SourceRef) -> Self {
        SourceView {
            url: &s.url,
            title: &s.title,
            label: s.site.as_deref().unwrap_or(&s.title),
        }
    }
}

#[derive(Serialize)]
struct ItemView<'a> {
    headline: &'a str,
    bullets: Vec<&'a str>,
    takeaway: &'a str,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct BriefView<'a> {
    date: String,
    date_vi: String,
    date_en: String,
    /// Items with bullets in this language; the others are left out (what waits for an
    /// editor is for the report and review, never for readers).
    items: Vec<ItemView<'a>>,
    /// The day's other stories, one line each, with a headline in this language.
    also: Vec<AlsoView<'a>>,
}

#[derive(Serialize)]
struct AlsoView<'a> {
    headline: &'a str,
    sources: Vec<SourceView<'a>>,
}

impl<'a> ItemView<'a> {
    fn en(it: &'a BriefItem) -> Self {
        ItemView {
            headline: &it.headline.en,
            bullets: it.en.iter().map(|b| b.text.as_str()).collect(),
            takeaway: &it.takeaway.en,
            sources: it.sources.iter().map(SourceView::new).collect(),
        }
    }

    /// The Vietnamese of an item: a headline of its own (the translated title, else the
    /// first bullet, which is then not repeated), and a 📌 only when it is neither the
    /// headline nor a bullet again.
    fn vi(it: &'a BriefItem) -> Self {
        let mut bullets: Vec<&str> = it.vi.iter().map(|b| b.text.as_str()).collect();
        let headline = match it.headline.vi.as_deref().filter(|h| !h.trim().is_empty()) {
            Some(h) => h,
            None if !bullets.is_empty() => bullets.remove(0),
            None => "",
        };
        let takeaway = it
            .takeaway
            .vi
            .as_deref()
            .filter(|t| *t != headline && !bullets.contains(t))
            .unwrap_or("");
        ItemView {
            headline,
            bullets,
            takeaway,
            sources: it.sources.iter().map(SourceView::new).collect(),
        }
    }
}

impl<'a> BriefView<'a> {
    fn new(b: &'a Brief, lang: &str) -> Self {
        let items = b
            .items
            .iter()
            .filter(|it| {
                if lang == "vi" {
                    !it.vi.is_empty()
                } else {
                    !it.en.is_empty()
                }
            })
            .map(|it| {
                if lang == "vi" {
                    ItemView::vi(it)
                } else {
                    ItemView::en(it)
                }
            })
            .collect();
        let also = b
            .also
            .iter()
            .filter_map(|a| {
                let headline = if lang == "vi" {
                    a.headline.vi.as_deref()?
                } else {
                    a.headline.en.as_str()
                };
                Some(AlsoView {
                    headline,
                    sources: a.sources.iter().map(SourceView::new).collect(),
                })
            })
            .collect();
        BriefView {
            date: b.date.to_string(),
            date_vi: date_vi(b.date),
            date_en: date_en(b.date),
            items,
            also,
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn source_text_is_markdown_that_says_only_that_text() {
        let md = markdown_text(
            "# [here](javascript:alert(1)) <div onmouseover=x> *a* &lt; AT&T {{ config }} 1. x\nnext",
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert!(
            !html.contains("<a") && !html.contains("<div") && !html.contains("<em"),
            "{html}"
        );
        assert!(!html.contains("<h1"), "{html}");
        assert!(
            html.contains("&lt;div onmouseover=x&gt;") && html.contains("&amp;lt;"),
            "{html}"
        );
        assert!(
            html.contains("AT&amp;T") && html.contains("{{ config }}"),
            "{html}"
        );
        assert_eq!(markdown_text("2024. A year"), "2024\\. A year");
        assert_eq!(
            markdown_text("rose 12% to $3.4 billion"),
            "rose 12% to $3.4 billion"
        );
    }

    #[test]
    fn only_http_links_are_written_and_front_matter_strings_are_quoted() {
        assert_eq!(link("javascript:alert(1)"), "");
        assert_eq!(link("data:text/html,x"), "");
        assert_eq!(
            link("https://a.example/x (1)"),
            "https://a.example/x%20%281%29"
        );
        assert_eq!(quoted("Eve \"x\"\n"), "\"Eve \\\"x\\\"\\n\"");
    }

    use super::*;

    #[test]
    fn renders_a_claim_by_the_template_of_its_kind() {
        let t = Templates::load(None).unwrap();
        let parts = ViParts {
            source: Some("báo cáo".into()),
            cue: Some("cho thấy".into()),
            body: "Mỹ dẫn đầu".into(),
        };
        assert_eq!(
            t.claim_vi(ClaimKind::Finding, &parts).unwrap(),
            "Báo cáo cho thấy Mỹ dẫn đầu."
        );
        let parts = ViParts {
            source: Some("ASPI".into()),
            cue: Some("theo".into()),
            body: "Trung Quốc dẫn đầu".into(),
        };
        assert_eq!(
            t.claim_vi(ClaimKind::Statement, &parts).unwrap(),
            "Theo ASPI, Trung Quốc dẫn đầu."
        );
    }

    #[test]
    fn a_user_template_overrides_the_built_in_one_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("claim")).unwrap();
        std::fs::write(dir.path().join("claim/statement.vi.txt"), "[{{ body }}]").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let parts = ViParts {
            source: None,
            cue: None,
            body: "x".into(),
        };
        assert_eq!(t.claim_vi(ClaimKind::Statement, &parts).unwrap(), "[x]");
    }
}
