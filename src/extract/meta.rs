//! Page metadata: title, byline, dates, language, site name, canonical URL.
//!
//! Reads `<meta>`, JSON-LD, `<time>`, `<link rel=canonical>` and the URL; every field falls back
//! through the sources publishers actually use, best first.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::dom::Dom;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use serde_json::Value;

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    /// The language the page declares, as it writes it ("en-US", "de, at, ch").
    pub lang: Option<String>,
    pub site: Option<String>,
    pub canonical: Option<String>,
    /// When the page says it was last changed.
    pub modified: Option<DateTime<FixedOffset>>,
    /// The page's own summary (meta description).
    pub description: Option<String>,
    /// The page says its content is not free (JSON-LD `isAccessibleForFree`, content tier).
    pub paywalled: bool,
    /// Characters of script code (not JSON-LD) in the page.
    pub script_chars: usize,
    /// What the page says it is: `og:type` ("article", "product", "website").
    pub og_type: Option<String>,
    /// Every schema.org `@type` of its JSON-LD, lower case ("newsarticle", "product", "offer").
    pub ld_types: Vec<String>,
    /// The `@type`s of its JSON-LD's top-level things (a `@graph`'s members included): what
    /// the page is about, not what it mentions (a Review of a Product, a Product with reviews).
    pub ld_main_types: Vec<String>,
    /// The section the page files itself under (`article:section`, JSON-LD `articleSection`).
    pub section: Option<String>,
    /// Every schema.org type of its microdata (`itemtype`), lower case ("product", "offer").
    pub item_types: Vec<String>,
}

/// Reads the metadata of a parsed page fetched from `url` at `now`.
pub fn read(doc: &Dom, url: &str, now: DateTime<Utc>) -> Meta {
    let mut metas: HashMap<String, String> = HashMap::new();
    let mut ld = Vec::new();
    let mut ld_types: Vec<String> = Vec::new();
    let mut ld_main_types: Vec<String> = Vec::new();
    let mut title_tag = None;
    let mut h1 = None;
    let mut times = Vec::new();
    let mut canonical = None;
    let mut html_lang = None;
    let mut author_el = None;
    let mut script_chars = 0;
    let mut item_types: Vec<String> = Vec::new();
    for id in 0..doc.nodes.len() {
        let name = doc.name(id);
        if let Some(t) = doc.attr(id, "itemtype") {
            // "https://schema.org/Product": the last path segment names the type.
            item_types.extend(
                t.split_whitespace()
                    .filter_map(|u| u.trim_end_matches('/').rsplit('/').next())
                    .map(str::to_ascii_lowercase),
            );
        }
        match name {
            "" => continue,
            "meta" => {
                let key = doc
                    .attr(id, "property")
                    .or(doc.attr(id, "name"))
                    .or(doc.attr(id, "itemprop"));
                if let (Some(k), Some(c)) = (key, doc.attr(id, "content")) {
                    metas
                        .entry(k.to_ascii_lowercase())
                        .or_insert_with(|| c.trim().to_string());
                }
                if let (Some(h), Some(c)) = (doc.attr(id, "http-equiv"), doc.attr(id, "content")) {
                    metas
                        .entry(h.to_ascii_lowercase())
                        .or_insert_with(|| c.trim().to_string());
                }
            }
            "script"
                if !doc
                    .attr(id, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                script_chars += doc.text_len(id);
            }
            "script"
                if doc
                    .attr(id, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                if let Ok(v) = serde_json::from_str::<Value>(doc.text(id).trim()) {
                    collect_articles(&v, &mut ld, &mut ld_main_types);
                    collect_types(&v, &mut ld_types);
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(doc.text(id)),
            "h1" if h1.is_none() => h1 = Some(doc.text(id)),
            "time" => times.extend(doc.attr(id, "datetime").map(str::to_string)),
            "link"
                if doc
                    .attr(id, "rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && canonical.is_none() =>
            {
                canonical = doc.attr(id, "href").map(str::to_string);
            }
            "html" if html_lang.is_none() => html_lang = doc.attr(id, "lang").map(str::to_string),
            _ => {}
        }
        if author_el.is_none() {
            let cls = doc.attr(id, "class").unwrap_or("");
            let is_author = doc.attr(id, "rel") == Some("author")
                || doc.attr(id, "itemprop") == Some("author")
                || cls
                    .split_whitespace()
                    .any(|c| c == "byline" || c == "author-name");
            if is_author {
                author_el = Some(clean(&doc.text(id)));
            }
        }
    }
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| metas.get(*k).filter(|v| !v.is_empty()).cloned())
    };

    let site = ld_str(&ld, &["publisher", "name"])
        .or_else(|| get(&["og:site_name", "application-name", "twitter:site"]))
        .map(|s| s.trim_start_matches('@').to_string());
    let candidates = [
        ld_str(&ld, &["headline"]),
        get(&["og:title", "twitter:title", "title"]),
        title_tag,
        h1,
    ];
    // The first title of a sane length; a page that put its text in the title gets it cut.
    let mut titles = candidates.into_iter().flatten().map(|t| clean(&t));
    let first = titles.next();
    let title = first
        .iter()
        .cloned()
        .chain(titles)
        .find(|t| t.chars().count() <= TITLE_CHARS)
        .or_else(|| first.map(|t| cut_title(&t)))
        .map(|t| strip_site(&t, site.as_deref()));

    let byline = ld_author(&ld)
        .or_else(|| {
            get(&[
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
            ])
            .filter(|a| !a.starts_with("http"))
        })
        .or(author_el)
        .map(|b| clean_byline(&b))
        .filter(|b| !b.is_empty() && b.len() < 120);

    // Every source votes with its day; the day most sources name wins, and its best-ranked
    // source gives the time and zone. Future dates and dates before 1995 do not vote.
    let keys = [
        "article:published_time",
        "og:published_time",
        "published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "parsely-pub-date",
        "sailthru.date",
        "pubdate",
        "publish-date",
        "article.published",
        "cxenseparse:recs:publishtime",
    ];
    let candidates: Vec<DateTime<FixedOffset>> = ld_str(&ld, &["datePublished"])
        .into_iter()
        .chain(keys.iter().filter_map(|k| metas.get(*k).cloned()))
        .chain(times.into_iter().take(3))
        .chain(url_date(url))
        .filter_map(|s| parse_date(&s))
        .filter(|d| plausible(d, now))
        .collect();
    let published = candidates
        .iter()
        .max_by_key(|d| {
            let votes = candidates
                .iter()
                .filter(|o| o.date_naive() == d.date_naive())
                .count();
            // Earlier (better-ranked) candidates win ties.
            let rank = candidates.iter().position(|o| o == *d).unwrap_or(0);
            (votes, std::cmp::Reverse(rank))
        })
        .copied();
    let modified = ld_str(&ld, &["dateModified"])
        .or_else(|| {
            get(&[
                "article:modified_time",
                "og:updated_time",
                "dc.date.modified",
                "last-modified",
            ])
        })
        .and_then(|s| parse_date(&s))
        .filter(|d| plausible(d, now));
    let description =
        get(&["description", "og:description", "twitter:description"]).map(|d| clean(&d));

    let lang = html_lang
        .or_else(|| get(&["content-language", "og:locale", "language"]))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());

    let canonical = canonical
        .or_else(|| get(&["og:url"]))
        .filter(|c| c.starts_with("http"));

    let not_free = ld.iter().any(|v| {
        matches!(v.get("isAccessibleForFree"), Some(Value::Bool(false)))
            || v.get("isAccessibleForFree")
                .and_then(Value::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("false"))
    });
    let tier = get(&["article:content_tier"])
        .is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "locked" | "metered"));
    let section = get(&["article:section", "og:article:section"])
        .or_else(|| ld_str(&ld, &["articleSection"]))
        .map(|s| clean(&s));
    Meta {
        section,
        modified,
        description,
        paywalled: not_free || tier,
        og_type: get(&["og:type"]).map(|t| t.trim().to_ascii_lowercase()),
        ld_types,
        ld_main_types,
        item_types,
        script_chars,
        title,
        byline,
        published,
        lang,
        site,
        canonical,
    }
}

/// The `@type`s of one JSON-LD thing, as written (a string or a list of strings).
fn types_of(o: &serde_json::Map<String, Value>) -> impl Iterator<Item = &str> {
    let (one, many) = match o.get("@type") {
        Some(Value::String(s)) => (Some(s.as_str()), None),
        Some(Value::Array(a)) => (None, Some(a.iter().filter_map(Value::as_str))),
        _ => (None, None),
    };
    one.into_iter().chain(many.into_iter().flatten())
}

/// Every `@type` anywhere in a JSON-LD document, lower case.
fn collect_types(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_types(x, out)),
        Value::Object(o) => {
            out.extend(types_of(o).map(str::to_ascii_lowercase));
            o.values().for_each(|x| collect_types(x, out));
        }
        _ => {}
    }
}

/// Calls `f` on the top-level things of a JSON-LD document (arrays and `@graph`s opened).
fn for_each_top<'v>(v: &'v Value, f: &mut impl FnMut(&'v serde_json::Map<String, Value>)) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| for_each_top(x, f)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                for_each_top(g, f);
            }
            f(o);
        }
        _ => {}
    }
}

/// The articles among the top-level things of a JSON-LD document, and the `@type`s of all of
/// them (lower case): what the page is about, not what it mentions.
fn collect_articles(v: &Value, out: &mut Vec<Value>, main_types: &mut Vec<String>) {
    for_each_top(v, &mut |o| {
        main_types.extend(types_of(o).map(str::to_ascii_lowercase));
        if types_of(o)
            .any(|t| t.contains("Article") || t.contains("BlogPosting") || t.contains("Report"))
        {
            out.push(Value::Object(o.clone()));
        }
    });
}

fn ld_str(ld: &[Value], path: &[&str]) -> Option<String> {
    ld.iter().find_map(|v| {
        let mut cur = v;
        for p in path {
            cur = match cur {
                Value::Array(a) => a.first()?.get(p)?,
                _ => cur.get(p)?,
            };
        }
        cur.as_str().map(clean).filter(|s| !s.is_empty())
    })
}

fn ld_author(ld: &[Value]) -> Option<String> {
    for v in ld {
        let names: Vec<String> = match v.get("author") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Object(o)) => o
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string)
                .into_iter()
                .collect(),
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| x.get("name")?.as_str().map(str::to_string))
                })
                .collect(),
            _ => vec![],
        };
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| !n.starts_with("http"))
            .collect();
        if !names.is_empty() {
            return Some(names.join(", "));
        }
    }
    None
}

/// Collapses runs of whitespace and trims.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn clean_byline(b: &str) -> String {
    let b = clean(b);
    let lower = b.to_lowercase();
    let b = if lower.starts_with("by ") {
        b[3..].to_string()
    } else {
        b
    };
    b.trim_matches(|c: char| c == ',' || c == '|' || c.is_whitespace())
        .to_string()
}

/// A title longer than this is not a headline but text put in its place.
const TITLE_CHARS: usize = 300;

/// The words of `t` that fit in [`TITLE_CHARS`], and "…".
fn cut_title(t: &str) -> String {
    let end = t
        .char_indices()
        .nth(TITLE_CHARS)
        .map_or(t.len(), |(i, _)| i);
    let head = &t[..end];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

/// "Headline | Site" or "Headline - Site" -> "Headline".
fn strip_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · "] {
        if let Some(idx) = title.rfind(sep) {
            let (head, tail) = (&title[..idx], &title[idx + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| {
                tail.eq_ignore_ascii_case(s) || s.to_lowercase().contains(&tail.to_lowercase())
            }) || (tail.split_whitespace().count() <= 4
                && head.split_whitespace().count() >= 4);
            if tail_is_site && !head.is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").expect("url date regex")
});

fn url_date(url: &str) -> Option<String> {
    let c = URL_DATE.captures(url)?;
    Some(format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]))
}

/// Parses the date formats publishers put in metadata.
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%a, %d %b %Y %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    let utc = FixedOffset::east_opt(0)?;
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return utc.from_local_datetime(&d).single();
        }
    }
    let head = s.get(..10).unwrap_or(s);
    let d = NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(head, "%Y/%m/%d"))
        .ok()?;
    utc.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single()
}

fn plausible(d: &DateTime<FixedOffset>, now: DateTime<Utc>) -> bool {
    let year_ok = d.date_naive() >= NaiveDate::from_ymd_opt(1995, 1, 1).expect("valid date");
    year_ok && d.with_timezone(&Utc) <= now + chrono::Duration::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_holds_the_page_text_gives_way_to_the_heading_or_is_cut() {
        let long = "Prices rose again. ".repeat(40);
        let read = |html: &str| super::read(&Dom::parse(html), "https://e.com/a", Utc::now());
        let with_h1 = format!("<title>{long}</title><body><h1>Prices rose</h1></body>");
        assert_eq!(read(&with_h1).title.as_deref(), Some("Prices rose"));
        let alone = read(&format!("<title>{long}</title><body><p>x</p></body>"));
        let t = alone.title.unwrap();
        let head = t.strip_suffix('…').expect("cut with an ellipsis");
        assert!(
            long.starts_with(head) && head.chars().count() <= TITLE_CHARS,
            "{t}"
        );
        assert!(
            long[head.len()..].starts_with(' '),
            "cut inside a word: {t}"
        );
    }

    #[test]
    fn strips_the_site_suffix_from_titles() {
        assert_eq!(
            strip_site(
                "US still leads China | South China Morning Post",
                Some("South China Morning Post")
            ),
            "US still leads China"
        );
        assert_eq!(
            strip_site("A long enough headline here - BBC News", None),
            "A long enough headline here"
        );
        assert_eq!(strip_site("Cats - a history", None), "Cats - a history");
    }

    #[test]
    fn parses_publisher_date_formats_and_url_dates() {
        assert!(parse_date("2019-11-18T20:05:00-05:00").is_some());
        assert!(parse_date("2019-11-18T20:05:00.000Z").is_some());
        assert!(parse_date("2019-11-18").is_some());
        assert_eq!(
            url_date("https://x.example/2019/11/18/story"),
            Some("2019-11-18".into())
        );
    }
}
