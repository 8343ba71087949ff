//! A fetched page in, an [`Article`] out: metadata and the body as clean paragraphs.
//!
//! "Not an article" (too little body text, a list of links, a shop page) is `Ok(None)`, not an error. Errors are for pages
//! that cannot be read at all: too large, binary, undecodable. The body is found the way
//! Readability does it: paragraphs score their containers, the best container (and its
//! strong siblings) is the article, and inside it navigation, share bars, captions,
//! newsletter boxes and link lists are dropped.

mod body;
pub mod dom;
mod furniture;
pub mod lang;
pub mod meta;

use anyhow::{Result, bail};
use chrono::Utc;
use unicode_normalization::UnicodeNormalization;

use dom::Dom;

use crate::model::{Article, Block, Fetched, Paragraph, Verdict};

/// Limits and settings for one page.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest page accepted, in bytes.
    pub max_bytes: usize,
    /// Fewest body words for a page to count as an article.
    pub min_words: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            min_words: 40,
        }
    }
}

/// Extracts the article of a fetched page.
pub fn extract(page: &Fetched, limits: &Limits) -> Result<Option<Article>> {
    if page.body.len() > limits.max_bytes {
        bail!(
            "page is {} bytes, over the {}-byte limit",
            page.body.len(),
            limits.max_bytes
        );
    }
    let html = decode(&page.body, page.content_type.as_deref())?;
    let doc = Dom::parse(&html);
    let meta = meta::read(&doc, &page.url, page.fetched_at);
    let title = nfc(&meta.title.clone().unwrap_or_default());
    let count = |b: &[(String, Block)]| b.iter().map(|(t, _)| word_count(t)).sum::<usize>();
    let marks = body::Marks::new(&doc);
    let mut found = body::body_blocks(&doc, &marks, &title, true);
    let mut words = count(&found.blocks);
    // Like Readability: when class names hide too much, try again trusting only the tags.
    if words < limits.min_words.max(150) {
        let loose = body::body_blocks(&doc, &marks, &title, false);
        let loose_words = count(&loose.blocks);
        if loose_words > words * 2 {
            found = loose;
            words = loose_words;
        }
    }
    let mut verdict = verdict(&meta, &found.blocks, words, limits);
    if verdict != Verdict::NotArticle && shop_or_listing(&doc, &html, &meta, &found, verdict) {
        verdict = Verdict::NotArticle;
    }
    if verdict == Verdict::NotArticle {
        return Ok(None);
    }
    let mut text = String::new();
    let mut paragraphs = Vec::with_capacity(found.blocks.len());
    for (t, kind) in found.blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&nfc(&t));
        paragraphs.push(Paragraph {
            span: [start, text.len()],
            kind,
        });
    }
    let published = meta.published.or_else(|| {
        let d = page.published_hint?.and_hms_opt(0, 0, 0)?;
        Some(d.and_utc().fixed_offset())
    });
    let content_hash = crate::sha256_hex(text.as_bytes());
    let opinion = opinion(&page.url, &meta);
    Ok(Some(Article {
        url: page.url.clone(),
        canonical_url: meta.canonical,
        title,
        byline: meta.byline.as_deref().map(nfc),
        published,
        lang: lang::decide(&text, meta.lang.as_deref()),
        site: page.site_hint.clone().or(meta.site.as_deref().map(nfc)),
        text,
        paragraphs,
        fetched_at: Some(page.fetched_at),
        content_hash,
        verdict,
        modified: meta.modified,
        description: meta.description.as_deref().map(nfc),
        opinion,
    }))
}

/// Sections and address folders of opinion and analysis: "Opinion", "Commentary", "Op-Ed"...
const OPINION_SECTIONS: &[&str] = &[
    "opinion",
    "opinions",
    "comment",
    "commentary",
    "commentisfree",
    "op-ed",
    "op-eds",
    "oped",
    "editorial",
    "editorials",
    "column",
    "columns",
    "columnists",
    "analysis",
    "perspective",
    "perspectives",
];

/// Whether a page is an opinion or analysis piece: its schema.org type
/// (`OpinionNewsArticle`, `AnalysisNewsArticle`), its section, or a folder of its address.
fn opinion(url: &str, meta: &meta::Meta) -> bool {
    let typed = meta
        .ld_main_types
        .iter()
        .chain(&meta.ld_types)
        .any(|t| t == "opinionnewsarticle" || t == "analysisnewsarticle");
    let section = meta.section.as_deref().is_some_and(|s| {
        s.split([',', '/', '|'])
            .any(|p| OPINION_SECTIONS.contains(&p.trim().to_ascii_lowercase().as_str()))
    });
    let folder = url::Url::parse(url).ok().is_some_and(|u| {
        u.path_segments().is_some_and(|mut segs| {
            segs.any(|seg| OPINION_SECTIONS.contains(&seg.to_ascii_lowercase().as_str()))
        })
    });
    typed || section || folder
}

const PAYWALL_PHRASES: &[&str] = &[
    "subscribe to continue",
    "subscribe to read",
    "subscribers only",
    "for subscribers",
    "to continue reading",
    "already a subscriber",
    "sign in to continue",
    "log in to continue",
    "this article is for subscribers",
    "become a member to",
    "start your free trial",
    "unlock this article",
    "to read the full",
    "subscribe now to",
];

/// What the page is, from its body and metadata.
fn verdict(
    meta: &meta::Meta,
    blocks: &[(String, Block)],
    words: usize,
    limits: &Limits,
) -> Verdict {
    if words < limits.min_words {
        // No body in the HTML but plenty of script: the text arrives by JavaScript.
        return if meta.script_chars > 20_000 && words < 20 {
            Verdict::JsShell
        } else {
            Verdict::NotArticle
        };
    }
    let tail: String = blocks
        .iter()
        .rev()
        .take(3)
        .map(|(t, _)| t.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let wall = PAYWALL_PHRASES.iter().any(|p| tail.contains(p));
    if (meta.paywalled && words < 400) || (wall && words < 600) {
        return Verdict::Paywalled;
    }
    let last = blocks
        .iter()
        .rev()
        .find(|(_, k)| *k != Block::Heading)
        .map(|(t, _)| t.trim_end());
    if last.is_some_and(|t| {
        t.ends_with("...") || t.ends_with('…') || t.to_lowercase().ends_with("continue reading")
    }) {
        return Verdict::Truncated;
    }
    Verdict::Ok
}

/// Whether a page is a shop page or a list of links (a listing, a category or tag page, search
/// results) rather than an article, although its body is long enough.
///
/// A page whose chosen body is mostly link text (a stack of teasers) always is. Otherwise a
/// page that declares a schema.org Article (NewsArticle, BlogPosting, Report...), or that is
/// a Review (not a Product with reviews), never is.
/// `og:type` article counts for less: site-wide defaults (WordPress) set it on shop and
/// category pages too. A product page says what it is (`og:type` product, schema.org Product
/// with an Offer, in JSON-LD or microdata, an "add to cart" button unless it says article: a
/// shop's blog post sells too, a schema.org Product the page itself is about); a list says so (schema.org CollectionPage or
/// SearchResultsPage, ItemList unless it says article), or its body is mostly the short
/// paragraphs under headings that link elsewhere (teasers), or it holds many dated items
/// under headings that link elsewhere or many blocks that are an item's stamp ("3 days ago"),
/// or it shows many prices outside its body or many dated items or story cards, or none of its blocks is a paragraph of prose (30 words or more) and
/// they are short on average: a list of items (5 blocks or more, 10 when it says article),
/// or it is a long list of very short items. A page whose text arrives by script is judged by
/// its metadata alone: refused when `og:type` names something other than an article. (A page's share of link text also tells lists, but refuses short articles
/// in a large menu: not used.)
fn shop_or_listing(
    doc: &Dom,
    html: &str,
    meta: &meta::Meta,
    found: &body::Body,
    verdict: Verdict,
) -> bool {
    let blocks = &found.blocks;
    let declares = |t: &str| meta.ld_types.iter().any(|x| x == t);
    let ld_article = meta
        .ld_types
        .iter()
        .any(|t| t.ends_with("article") || t == "blogposting" || t == "report")
        || meta.ld_main_types.iter().any(|t| t == "review");
    let roots = body::root_stats(doc, &found.roots);
    // A stack of link teasers: most of the chosen container's text is links to other pages,
    // over many blocks (a short story in a box of related links has a few); a site that stamps
    // every page a schema.org Article does so on these too.
    if roots.link_share >= LINK_TEXT_SHARE && blocks.len() >= TEASER_BLOCKS {
        return true;
    }
    if ld_article {
        return false;
    }
    let og_article = meta.og_type.as_deref() == Some("article");
    let og_product = meta
        .og_type
        .as_deref()
        .is_some_and(|t| t.starts_with("product"));
    // A collection or search results page says so whatever its `og:type` (WordPress sets
    // article on every page); an item list can be an article's own list.
    let list = declares("collectionpage")
        || declares("searchresultspage")
        || (declares("itemlist") && !og_article);
    // A product on offer said in microdata (`itemtype` schema.org Product and Offer).
    let item = |t: &str| meta.item_types.iter().any(|x| x == t);
    let offer = (declares("product") && declares("offer")) || (item("product") && item("offer"));
    // A product the page is about (a top-level schema.org Product, priced or not): an
    // article's products sit inside its Review or list.
    let product = meta.ld_main_types.iter().any(|t| t == "product");
    if og_product || offer || product || list {
        return true;
    }
    // A page whose text arrives by script and whose `og:type` says it is something else
    // ("website"): a section or shop front, not an article waiting for its script.
    if verdict == Verdict::JsShell {
        return meta.og_type.is_some() && !og_article;
    }
    // A stack of teasers: most of the body's text blocks are the short paragraphs under
    // headings that link to other pages.
    let texts = blocks.iter().filter(|(_, k)| *k != Block::Heading).count();
    let teasers = blocks
        .iter()
        .filter(|(t, _)| roots.teasers.contains(t))
        .count();
    if teasers >= TEASER_ITEMS && teasers as f64 >= texts as f64 * TEASER_SHARE {
        return true;
    }
    // A list of dated items: the chosen container holds many `<time>` stamps over headings that
    // link to other pages (a live blog's posts link to themselves, if at all), or many of its
    // blocks are an item's stamp alone ("3 days ago", "46m - Dec 15, 2025").
    let stamps = blocks
        .iter()
        .filter(|(t, _)| ITEM_STAMP.is_match(t))
        .count();
    let dated_teasers = roots.dated >= DATED_ITEMS && roots.linked_headings * 2 >= roots.dated;
    if dated_teasers || stamps >= STAMPED_ITEMS {
        return true;
    }
    let stats = page_stats(doc);
    if stats.cart && !og_article {
        return true;
    }
    // Blocks of prose: none in a list of short items, however long the list.
    let lengths: Vec<(usize, bool)> = blocks
        .iter()
        .map(|(t, k)| (word_count(t), *k == Block::Heading))
        .collect();
    let mean = |of: &mut dyn Iterator<Item = usize>| {
        let (sum, n) = of.fold((0, 0), |(s, n), w| (s + w, n + 1));
        sum as f64 / f64::from(n.max(1))
    };
    let longest = lengths.iter().map(|&(w, _)| w).max().unwrap_or(0);
    let items = if og_article { 10 } else { 5 };
    if longest < PROSE_WORDS
        && mean(&mut lengths.iter().map(|&(w, _)| w)) < LIST_ITEM_WORDS
        && lengths.len() >= items
    {
        return true;
    }
    // A long list of very short items (names, labels, one-line links), even with a paragraph
    // of introduction above it.
    if lengths.len() >= TINY_ITEMS && mean(&mut lengths.iter().map(|&(w, _)| w)) < TINY_ITEM_WORDS {
        return true;
    }
    if og_article {
        return false;
    }
    // A list of stories or posts: many dated items, or many article cards. (Many headings that
    // link over short blocks also told lists once; with an article's short list items kept,
    // it refused documentation and articles whose headings link to themselves, and no list.)
    let dated = stats.times >= 15 || stats.cards >= 10;
    dated || price_list(html, blocks)
}

/// Prices a page shows, at the fewest, to be a shop's or a price list's.
const PRICES: usize = 40;

/// Whether a page shows many prices outside its body: a shop's grid or a price list shows
/// them in cards and tables the body is not read from, while an article about costs quotes
/// nearly all of them in its own prose (9 in 10 or more).
fn price_list(html: &str, blocks: &[(String, Block)]) -> bool {
    static PRICE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[$£€]\s?\d+[.,]\d\d\b").expect("price regex")
    });
    let shown = PRICE.find_iter(html).count();
    if shown < PRICES {
        return false;
    }
    let quoted: usize = blocks.iter().map(|(t, _)| PRICE.find_iter(t).count()).sum();
    quoted * 10 < shown * 9
}

/// Words of the shortest block that reads as a paragraph of prose.
const PROSE_WORDS: usize = 30;
/// Mean words of the blocks of a list of items (titles and one-line descriptions); news told
/// in one-sentence paragraphs runs longer.
const LIST_ITEM_WORDS: f64 = 18.0;

/// Share of the chosen container's text in links from which it is a stack of teasers: the
/// articles of the development set stay under half, their link lists and related boxes included.
const LINK_TEXT_SHARE: f64 = 0.6;
/// Blocks of a stack of teasers, at the fewest.
const TEASER_BLOCKS: usize = 8;
/// Teasers of a stack of teasers, at the fewest.
const TEASER_ITEMS: usize = 5;
/// Share of the body's text blocks that are teasers in a stack of teasers; a list article
/// whose items link out has each item's own text too.
const TEASER_SHARE: f64 = 0.75;
/// `<time>` elements in the chosen container of a list of dated items; an article has a few.
const DATED_ITEMS: usize = 10;
/// Blocks that are an item's stamp alone in a list of dated items.
const STAMPED_ITEMS: usize = 3;

/// A block that is only an item's date or age, with a duration before it: "3 days ago",
/// "46m - Dec 15, 2025" (a date line alone is dropped from the body already).
static ITEM_STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:\d+\s*(?:s|m|min|h|hr)s?\s*[-–·|]\s*)?(?:(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})$")
        .expect("item stamp regex")
});

/// Blocks of a long list of very short items.
const TINY_ITEMS: usize = 30;
/// Mean words of those items: an article's blocks, headings and captions included, run longer.
const TINY_ITEM_WORDS: f64 = 7.0;

/// What a page's visible text is made of.
struct PageStats {
    /// An "add to cart" (bag, basket) button.
    cart: bool,
    /// `<time>` elements: one a dated story or post.
    times: usize,
    /// `<article>` elements: one a story card.
    cards: usize,
}

fn page_stats(doc: &Dom) -> PageStats {
    let (mut times, mut cards) = (0, 0);
    let mut cart = false;
    let mut skip_until = 0;
    for id in 1..doc.nodes.len() {
        match &doc.nodes[id].kind {
            dom::Kind::Element { name, .. } => match name.as_str() {
                "script" | "style" | "noscript" | "template" => {
                    skip_until = skip_until.max(doc.nodes[id].end);
                }
                "time" => times += 1,
                "article" => cards += 1,
                _ => {}
            },
            dom::Kind::Text(r) if id >= skip_until => {
                let t = doc.str(r);
                if !cart && word_count(t) <= 4 {
                    let l = t.trim().to_ascii_lowercase();
                    cart = ["add to cart", "add to bag", "add to basket"]
                        .iter()
                        .any(|c| l.starts_with(c));
                }
            }
            _ => {}
        }
    }
    PageStats { cart, times, cards }
}

/// Words in a text; in Chinese and Japanese, which do not space words, two characters count as one.
pub fn word_count(t: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    if t.is_ascii() {
        for b in t.bytes() {
            let space = b.is_ascii_whitespace();
            words += usize::from(!space && !in_word);
            in_word = !space;
        }
        return words;
    }
    let mut cjk = 0;
    for c in t.chars() {
        let space = c.is_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
        cjk += usize::from(
            matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF),
        );
    }
    words + cjk / 2
}

/// An article from plain text: paragraphs split on blank lines, whitespace collapsed.
pub fn from_text(url: &str, title: &str, t: &str, published: Option<chrono::NaiveDate>) -> Article {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for para in t.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&para.split_whitespace().collect::<Vec<_>>().join(" "));
        paragraphs.push(Paragraph {
            span: [start, text.len()],
            kind: Block::Text,
        });
    }
    Article {
        url: url.to_string(),
        canonical_url: None,
        title: title.to_string(),
        byline: None,
        published: published
            .and_then(|p| p.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc().fixed_offset()),
        lang: Some("en".into()),
        site: None,
        content_hash: crate::sha256_hex(text.as_bytes()),
        verdict: Verdict::Ok,
        modified: None,
        description: None,
        opinion: false,
        text,
        paragraphs,
        fetched_at: None,
    }
}

/// Extracts from HTML text already in memory (for tests and `--text` style callers).
pub fn extract_html(html: &str, url: &str) -> Result<Option<Article>> {
    let page = Fetched {
        url: url.to_string(),
        source: "inline".into(),
        body: html.as_bytes().to_vec(),
        content_type: Some("text/html; charset=utf-8".into()),
        published_hint: None,
        site_hint: None,
        fetched_at: Utc::now(),
    };
    extract(&page, &Limits::default())
}

/// Decodes page bytes: BOM, then the HTTP charset, then `<meta charset>`, then UTF-8 or windows-1252.
fn decode(bytes: &[u8], content_type: Option<&str>) -> Result<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b))
        .count();
    if control * 20 > head.len() {
        bail!("page is binary, not HTML");
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _, _) = enc.decode(bytes);
        return Ok(s.into_owned());
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])))
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
    if let Some(enc) = declared {
        // A page labelled as a one-byte Western charset that is valid UTF-8 with non-ASCII
        // text was mislabelled: UTF-8 is the only reading that decodes cleanly.
        let mislabelled = enc != encoding_rs::UTF_8
            && enc.is_single_byte()
            && utf8.is_some_and(|s| !s.is_ascii());
        if mislabelled {
            return Ok(utf8.unwrap_or_default().to_string());
        }
        let (s, _, _) = enc.decode(bytes);
        return Ok(s.into_owned());
    }
    if let Some(s) = utf8 {
        return Ok(s.to_string());
    }
    // No label and not UTF-8: let chardetng guess, as browsers do.
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    Ok(enc.decode(bytes).0.into_owned())
}

/// NFC without control characters (NUL, escapes, C1 controls; newlines and tabs stay): what
/// every text extraction keeps. NFC is skipped for text that cannot need it.
fn nfc(s: &str) -> String {
    let control = |c: char| c.is_control() && c != '\n' && c != '\t';
    let s: std::borrow::Cow<str> = if s.contains(control) {
        s.replace(control, "").into()
    } else {
        s.into()
    };
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.into_owned();
    }
    s.nfc().collect()
}

fn charset_param(ct: &str) -> Option<String> {
    ct.split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string())
        .next()
}

fn meta_charset(head: &str) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let i = lower.find("charset=")?;
    let rest = &lower[i + 8..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    Some(rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(url: &str, head: &str) -> Article {
        let para = "<p>The council voted on Tuesday to spend 12 million dollars on new bus lanes across the city, officials said.</p>";
        let html = format!(
            "<html lang=\"en\"><head><title>Bus lanes</title>{head}</head><body><article><h1>Bus lanes</h1>{}</article></body></html>",
            para.repeat(4)
        );
        let page = Fetched {
            url: url.into(),
            source: "t".into(),
            body: html.into_bytes(),
            content_type: None,
            published_hint: None,
            site_hint: None,
            fetched_at: Utc::now(),
        };
        let limits = Limits {
            min_words: 10,
            ..Limits::default()
        };
        extract(&page, &limits).unwrap().unwrap()
    }

    #[test]
    fn opinion_and_analysis_pieces_are_known_by_section_type_or_address() {
        for (url, head) in [
            ("https://e.com/opinion/2025/06/bus-lanes", ""),
            (
                "https://e.com/news/bus-lanes",
                r#"<meta property="article:section" content="Opinion">"#,
            ),
            (
                "https://e.com/news/bus-lanes",
                r#"<script type="application/ld+json">{"@type":"OpinionNewsArticle","headline":"Bus lanes"}</script>"#,
            ),
            ("https://e.com/commentisfree/2025/jun/06/bus-lanes", ""),
        ] {
            assert!(story(url, head).opinion, "{url} {head}");
        }
        for (url, head) in [
            (
                "https://e.com/news/opinion-poll-shows-support-for-bus-lanes",
                "",
            ),
            (
                "https://e.com/news/bus-lanes",
                r#"<meta property="article:section" content="Politics">"#,
            ),
        ] {
            assert!(!story(url, head).opinion, "{url} {head}");
        }
    }

    #[test]
    fn keeps_the_body_and_drops_navigation_and_newsletters() {
        let html = r#"<html lang="en"><head><title>Big news today | The Site</title>
            <meta property="og:site_name" content="The Site">
            <meta property="article:published_time" content="2025-06-06T08:00:00+08:00"></head>
            <body><nav><p>Home News Sport and many other links that are long enough</p></nav>
            <article><h1>Big news today</h1>
            <p>The first paragraph of the story says something important, with a comma and more words here.</p>
            <p>The second paragraph continues the story with many more words to make it count as text.</p>
            <div class="newsletter"><p>Sign up for our newsletter to get the best stories every single morning.</p></div>
            <p>The third paragraph ends the story, as stories do, with a final sentence of some length.</p>
            </article><footer><p>Copyright 2025 The Site, all rights reserved, and more footer text.</p></footer></body></html>"#;
        let page = Fetched {
            url: "https://example.com/a".into(),
            source: "t".into(),
            body: html.as_bytes().to_vec(),
            content_type: None,
            published_hint: None,
            site_hint: None,
            fetched_at: Utc::now(),
        };
        let a = extract(
            &page,
            &Limits {
                min_words: 10,
                ..Limits::default()
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(a.title, "Big news today");
        assert_eq!(a.site.as_deref(), Some("The Site"));
        assert_eq!(a.lang.as_deref(), Some("en"));
        assert_eq!(a.paragraphs.len(), 3, "{}", a.text);
        assert!(!a.text.contains("newsletter"));
        assert!(!a.text.contains("Copyright"));
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2025-06-06T08:00:00+08:00"
        );
        let p = &a.paragraphs[1];
        assert!(a.text[p.span[0]..p.span[1]].starts_with("The second paragraph"));
    }

    #[test]
    fn an_items_age_or_date_alone_is_a_stamp_but_a_sentence_is_not() {
        for stamp in [
            "3 days ago",
            "a year ago",
            "46m - Dec 15, 2025",
            "June 5, 2025",
        ] {
            assert!(ITEM_STAMP.is_match(stamp), "{stamp}");
        }
        for text in [
            "It rained 3 days ago.",
            "Published 3 days ago by the desk",
            "2025",
        ] {
            assert!(!ITEM_STAMP.is_match(text), "{text}");
        }
    }

    #[test]
    fn a_body_of_link_teasers_is_refused_even_when_it_declares_an_article() {
        let teasers: String = (0..8)
            .map(|i| format!("<div><h3><a href=\"/s/{i}\">A long headline for story number {i} that links to the story itself</a></h3><p>By the desk, {i} minutes.</p></div>"))
            .collect();
        let html = format!(
            "<html><head><title>Stories</title><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\"}}</script></head><body><main><p>All the stories we ran this week on the river path, the council vote, the budget, the trees and the new crossings, newest first, with the most read marked.</p>{teasers}</main></body></html>"
        );
        assert!(extract_html(&html, "https://e.com/s").unwrap().is_none());
    }

    #[test]
    fn many_prices_make_a_price_list_unless_the_body_quotes_nearly_all_of_them() {
        let prose: String = (0..45)
            .map(|i| format!("The plan cost ${i}.99 a month. "))
            .collect();
        let html = format!("<html><body><p>{prose}</p></body></html>");
        let quoted = vec![(prose.clone(), Block::Text)];
        assert!(!price_list(&html, &quoted));
        let intro = vec![("What our plans cost, by size.".to_string(), Block::Text)];
        assert!(price_list(&html, &intro));
        assert!(!price_list("<p>$3.50</p>", &intro));
    }

    #[test]
    fn a_page_about_a_product_is_refused_though_it_names_no_price() {
        let para = "<p>The lamp lights a whole desk from one slim arm, with a warm setting for the evening and a cool one for the day.</p>";
        let page = |ld: &str| {
            format!(
                "<html><head><title>Lamp</title><script type=\"application/ld+json\">{ld}</script></head><body><main>{}</main></body></html>",
                para.repeat(6)
            )
        };
        let product = page(r#"{"@type":"Product","name":"Lamp"}"#);
        assert!(
            extract_html(&product, "https://e.com/lamp")
                .unwrap()
                .is_none()
        );
        let review = page(r#"{"@type":"Review","itemReviewed":{"@type":"Product","name":"Lamp"}}"#);
        assert!(
            extract_html(&review, "https://e.com/lamp")
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_page_without_a_body_is_not_an_article() {
        assert!(
            extract_html("<html><body><p>Hi.</p></body></html>", "https://e.com")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn binary_and_oversized_pages_are_errors() {
        let page = Fetched {
            url: "https://e.com/x.bin".into(),
            source: "t".into(),
            body: vec![0u8; 5000],
            content_type: None,
            published_hint: None,
            site_hint: None,
            fetched_at: Utc::now(),
        };
        assert!(
            extract(&page, &Limits::default())
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        let big = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert!(
            extract(&page, &big)
                .unwrap_err()
                .to_string()
                .contains("limit")
        );
    }
}
