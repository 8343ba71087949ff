//! Feeds and sitemaps in, article links out; pure (bytes in, items out).
//!
//! RSS 2.0, RSS 1.0, Atom and JSON Feed through feed-rs; news sitemaps (`<urlset>` with
//! `<news:publication_date>`) read directly; a page's `<link rel="alternate">` names its feed.
//! Links are canonicalised so one story reached from two sources is fetched once.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::extract::dom::Dom;
use crate::model::FeedItem;

/// Query parameters that track readers and never change what a page says.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ocid",
    "cmpid",
    "ncid",
    "ref_src",
    "smid",
    "_ga",
    "yclid",
    "twclid",
    "wt.mc_id",
    "ito",
    "ftag",
    "at_medium",
    "at_campaign",
];

/// A link as bantin keys it: no fragment, no tracking parameters, lower-case host, no default
/// port. Unparseable links are returned as given.
pub fn canonical(link: &str) -> String {
    let Ok(mut u) = url::Url::parse(link.trim()) else {
        return link.trim().to_string();
    };
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    u.to_string()
}

/// Items of a feed (any format feed-rs reads).
pub fn parse_feed(bytes: &[u8], base: &str) -> Result<Vec<FeedItem>> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base))
        .build()
        .parse(bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("not a readable RSS, Atom or JSON feed")?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())
                .map(|l| l.href.clone())
                .or_else(|| e.id.starts_with("http").then(|| e.id.clone()))?;
            let link = url::Url::parse(base)
                .and_then(|b| b.join(&link))
                .map(|u| u.to_string())
                .unwrap_or(link);
            Some(FeedItem {
                link: canonical(&link),
                title: e.title.map(|t| t.content.trim().to_string()),
                published: e.published.or(e.updated),
                summary: e.summary.map(|t| t.content.trim().to_string()),
            })
        })
        .collect())
}

/// Whether bytes look like a sitemap rather than a feed.
pub fn is_sitemap(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    head.contains("<urlset") || head.contains("<sitemapindex")
}

/// Items of a (news) sitemap: `<url><loc>` with the news title and publication date when
/// given. A sitemap index yields its child sitemaps as items with no date.
pub fn parse_sitemap(bytes: &[u8]) -> Result<Vec<FeedItem>> {
    let text = std::str::from_utf8(bytes).context("sitemap is not UTF-8")?;
    if !text.contains("<urlset") && !text.contains("<sitemapindex") {
        anyhow::bail!("not a sitemap (no <urlset> or <sitemapindex>)");
    }
    let tag = if text.contains("<sitemapindex") {
        "sitemap"
    } else {
        "url"
    };
    let mut out = Vec::new();
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut rest = text;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let end = after.find(&close).unwrap_or(after.len());
        let block = &after[..end];
        rest = &after[end..];
        let Some(loc) = inner(block, "loc") else {
            continue;
        };
        let published = inner(block, "news:publication_date")
            .or_else(|| inner(block, "lastmod"))
            .and_then(|d| parse_date(&d));
        out.push(FeedItem {
            link: canonical(&crate::extract::dom::decode(&loc)),
            title: inner(block, "news:title").map(|t| crate::extract::dom::decode(&t)),
            published,
            summary: None,
        });
    }
    Ok(out)
}

fn inner(block: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let i = block.find(&open)? + open.len();
    let j = block[i..].find(&format!("</{tag}>"))? + i;
    let t = block[i..j].trim();
    let t = t
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .unwrap_or(t);
    Some(t.trim().to_string())
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
                .map(|d| d.and_utc())
        })
}

/// The feed a page names in `<link rel="alternate" type="application/rss+xml">` (or Atom or
/// JSON Feed), resolved against the page's URL.
pub fn discover(html: &str, base: &str) -> Option<String> {
    let doc = Dom::parse(html);
    let href = doc.elements("link").find_map(|l| {
        let rel = doc.attr(l, "rel")?.to_ascii_lowercase();
        let ty = doc.attr(l, "type")?.to_ascii_lowercase();
        (rel.split_whitespace().any(|r| r == "alternate")
            && (ty.contains("rss") || ty.contains("atom") || ty.contains("feed+json")))
        .then(|| doc.attr(l, "href").map(str::to_string))
        .flatten()
    })?;
    url::Url::parse(base)
        .and_then(|b| b.join(&href))
        .map(|u| u.to_string())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_are_dropped() {
        assert_eq!(
            canonical("https://News.Example.com:443/a/b?id=7&utm_source=x&fbclid=1#top"),
            "https://news.example.com/a/b?id=7"
        );
        assert_eq!(
            canonical("https://e.com/a?utm_medium=rss"),
            "https://e.com/a"
        );
    }

    #[test]
    fn reads_rss_atom_and_json_feeds() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://e.com/1?utm_source=rss</link><pubDate>Thu, 05 Jun 2025 10:00:00 GMT</pubDate><description>S</description></item>
</channel></rss>"#;
        let items = parse_feed(rss, "https://e.com/rss").unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].link, "https://e.com/1");
        assert_eq!(items[0].title.as_deref(), Some("One"));
        assert!(items[0].published.is_some());
        let atom = br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2025-06-05T10:00:00Z</updated>
<entry><title>A</title><id>a</id><link href="/2"/><updated>2025-06-05T10:00:00Z</updated></entry></feed>"#;
        assert_eq!(
            parse_feed(atom, "https://e.com/atom").unwrap()[0].link,
            "https://e.com/2"
        );
        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"https://e.com/3","title":"J"}]}"#;
        assert_eq!(
            parse_feed(json, "https://e.com/feed.json").unwrap()[0].link,
            "https://e.com/3"
        );
        assert!(parse_feed(b"<rss><channel><item>", "https://e.com/").is_err());
    }

    #[test]
    fn reads_a_news_sitemap_and_discovers_a_feed() {
        let sm = br#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://e.com/a</loc><news:news><news:publication_date>2025-06-05T08:00:00+07:00</news:publication_date><news:title>A &amp; B</news:title></news:news></url></urlset>"#;
        let items = parse_sitemap(sm).unwrap();
        assert_eq!(items[0].link, "https://e.com/a");
        assert_eq!(items[0].title.as_deref(), Some("A & B"));
        assert!(is_sitemap(sm));
        let page = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>"#;
        assert_eq!(
            discover(page, "https://e.com/news/").as_deref(),
            Some("https://e.com/feed.xml")
        );
    }
}
