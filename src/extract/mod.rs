//! A fetched page in, an [`Article`] out: metadata and the body as clean paragraphs.
//!
//! "Not an article" (too little body text) is `Ok(None)`, not an error. Errors are for pages
//! that cannot be read at all: too large, binary, undecodable. The body is found the way
//! Readability does it: paragraphs score their containers, the best container (and its
//! strong siblings) is the article, and inside it navigation, share bars, captions,
//! newsletter boxes and link lists are dropped.

pub mod dom;
pub mod meta;

use anyhow::{Result, bail};
use chrono::Utc;
use unicode_normalization::UnicodeNormalization;

use dom::{Dom, Id, Kind};

use crate::model::{Article, Block, Fetched, Paragraph, Verdict};

/// Limits for one page.
#[derive(Debug, Clone, Copy)]
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

/// Tags whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "button",
    "select",
    "iframe",
    "svg",
    "figure",
    "figcaption",
    "menu",
    "template",
    "canvas",
    "video",
    "audio",
    "object",
    "header",
    "label",
    "input",
    "textarea",
    "dialog",
];

/// Class or id words that mark boilerplate (sorted: binary-searched, like the lists below).
const NEGATIVE: &[&str] = &[
    "advert",
    "advertisement",
    "author",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "copyright",
    "credit",
    "dateline",
    "dek",
    "disclaimer",
    "disqus",
    "footer",
    "gdpr",
    "hidden",
    "kicker",
    "login",
    "masthead",
    "menu",
    "meta",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pager",
    "pagination",
    "popular",
    "popup",
    "print",
    "promo",
    "recommended",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "signup",
    "skip",
    "skyscraper",
    "social",
    "sponsor",
    "sponsored",
    "standfirst",
    "subheadline",
    "subscribe",
    "subscription",
    "subtitle",
    "supplemental",
    "taboola",
    "tags",
    "teaser",
    "toolbar",
    "trending",
];

/// Class or id words that mark boilerplate even beside a generic "post" or "text".
const STRONG_NEGATIVE: &[&str] = &[
    "advert",
    "advertisement",
    "breadcrumb",
    "breadcrumbs",
    "breaking",
    "cookie",
    "cookies",
    "footer",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "popular",
    "popup",
    "promo",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "ticker",
    "trending",
];

/// Class or id words that mark the article whatever else the class says.
const STRONG_POSITIVE: &[&str] = &["article", "body", "content", "main", "prose", "story"];

/// Class or id words that mark the article.
const POSITIVE: &[&str] = &[
    "article", "blog", "body", "column", "content", "embed", "entry", "main", "post", "prose",
    "story", "text",
];

/// Extracts the article of a fetched page.
pub fn extract(page: &Fetched, limits: Limits) -> Result<Option<Article>> {
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
    let mut blocks = body_blocks(&doc, &title, true);
    let mut words = count(&blocks);
    // Like Readability: when class names hide too much, try again trusting only the tags.
    if words < limits.min_words.max(150) {
        let loose = body_blocks(&doc, &title, false);
        let loose_words = count(&loose);
        if loose_words > words * 2 {
            blocks = loose;
            words = loose_words;
        }
    }
    let verdict = verdict(&meta, &blocks, words, limits);
    if verdict == Verdict::NotArticle {
        return Ok(None);
    }
    let mut text = String::new();
    let mut paragraphs = Vec::with_capacity(blocks.len());
    for (t, kind) in blocks {
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
    Ok(Some(Article {
        url: page.url.clone(),
        canonical_url: meta.canonical,
        title,
        byline: meta.byline,
        published,
        lang: meta.lang.or_else(|| detect_lang(&text)),
        site: page.site_hint.clone().or(meta.site),
        text,
        paragraphs,
        fetched_at: Some(page.fetched_at),
        content_hash,
        verdict,
        modified: meta.modified,
        description: meta.description,
    }))
}

/// The language of a text among those bantin serves (English, Vietnamese), when the page does
/// not say: Vietnamese by its letters, English by its commonest words.
pub fn detect_lang(text: &str) -> Option<String> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let vi = text
        .chars()
        .filter(|c| {
            "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                .contains(c.to_lowercase().next().unwrap_or(' '))
        })
        .count();
    if vi * 20 > letters {
        return Some("vi".into());
    }
    let words: Vec<String> = text
        .split_whitespace()
        .take(2000)
        .map(|w| w.to_lowercase())
        .collect();
    let common = words
        .iter()
        .filter(|w| {
            matches!(
                w.as_str(),
                "the" | "and" | "of" | "to" | "a" | "in" | "is" | "that"
            )
        })
        .count();
    (common * 12 > words.len().max(1)).then(|| "en".into())
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
fn verdict(meta: &meta::Meta, blocks: &[(String, Block)], words: usize, limits: Limits) -> Verdict {
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
    extract(&page, Limits::default())
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

/// NFC, skipped for the common case of text that cannot need it.
fn nfc(s: &str) -> String {
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_string();
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

/// What an element's class and id words say, read once without allocating.
#[derive(Default)]
struct Signals {
    comments: bool,
    strong_negative: bool,
    negative: bool,
    strong_positive: bool,
    positive: bool,
}

fn signals(doc: &Dom, e: Id) -> Signals {
    let mut s = Signals::default();
    let mut buf = [0u8; 32];
    for attr in [doc.attr(e, "class"), doc.attr(e, "id")]
        .into_iter()
        .flatten()
    {
        for w in attr
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if w.len() >= 7 && w[..7].eq_ignore_ascii_case("comment") {
                s.comments = true;
                continue;
            }
            if w.len() > buf.len() {
                continue;
            }
            for (b, c) in buf.iter_mut().zip(w.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let lower = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
            s.comments |= matches!(lower, "respond" | "disqus");
            s.strong_negative |= STRONG_NEGATIVE.binary_search(&lower).is_ok();
            s.negative |= NEGATIVE.binary_search(&lower).is_ok();
            s.strong_positive |= STRONG_POSITIVE.binary_search(&lower).is_ok();
            s.positive |= POSITIVE.binary_search(&lower).is_ok();
        }
    }
    s
}

fn is_negative(doc: &Dom, e: Id) -> bool {
    let name = doc.name(e);
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if doc.attr(e, "hidden").is_some() || doc.attr(e, "aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        doc.attr(e, "role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo")
    ) {
        return true;
    }
    let s = signals(doc, e);
    // Reader comments are never the article, whatever else the class says.
    if s.comments || (s.strong_negative && !s.strong_positive) {
        return true;
    }
    s.negative && !s.strong_positive && !s.positive
}

/// Whether an element is boilerplate: reader comments always (they are never the article),
/// other class and id signals only in the `strict` pass.
fn boilerplate(doc: &Dom, e: Id, strict: bool) -> bool {
    if strict {
        return is_negative(doc, e);
    }
    if matches!(doc.name(e), "html" | "body" | "main" | "article") {
        return false;
    }
    (doc.attr(e, "class").is_some() || doc.attr(e, "id").is_some()) && signals(doc, e).comments
}

fn is_positive(doc: &Dom, e: Id) -> bool {
    let s = signals(doc, e);
    s.positive || s.strong_positive
}

/// Visible text of an element, without skipped tags, whitespace collapsed; and how much of it is link text.
fn text_of(doc: &Dom, e: Id) -> (String, usize) {
    let mut out = String::new();
    let mut link_chars = 0;
    collect_text(doc, e, &mut out, &mut link_chars, false);
    (meta::clean(&out), link_chars)
}

fn collect_text(doc: &Dom, node: Id, out: &mut String, link: &mut usize, in_link: bool) {
    for child in doc.children(node) {
        match &doc.nodes[child].kind {
            Kind::Text(t) => {
                out.push_str(t);
                if in_link {
                    *link += t.trim().chars().count();
                }
            }
            Kind::Element { name, .. } => {
                let name = name.as_str();
                if matches!(
                    name,
                    "script"
                        | "style"
                        | "noscript"
                        | "button"
                        | "svg"
                        | "figure"
                        | "figcaption"
                        | "template"
                        | "title"
                ) {
                    continue;
                }
                if name == "br" {
                    out.push(' ');
                }
                let block = matches!(
                    name,
                    "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "td" | "tr"
                );
                if block {
                    out.push(' ');
                }
                collect_text(doc, child, out, link, in_link || name == "a");
                if block {
                    out.push(' ');
                }
            }
            Kind::Root => {}
        }
    }
}

/// How many levels up the article root may look for more of the article.
const CLIMB_LEVELS: usize = 6;

/// Mean length of the extra paragraphs that let the article root climb.
const PROSE_CHARS: usize = 200;
/// Share of the current root's paragraph score they must add.
const PROSE_SHARE: f64 = 0.15;

/// Inline elements: their text flows into the paragraph around them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "big",
    "tt", "strike", "ins", "del", "nobr", "img", "wbr", "acronym", "center",
];

/// One paragraph candidate: a block element, or a run of loose inline text inside a container.
struct Unit {
    /// The node whose ancestors the unit scores (the block's parent, or the run's container).
    anchor: Id,
    text: String,
    link: usize,
    kind: Block,
}

/// Walks the page in document order and collects paragraph units, skipping boilerplate.
fn units(doc: &Dom, holds: &[bool], node: Id, strict: bool, quote: bool, out: &mut Vec<Unit>) {
    let mut run = String::new();
    let mut run_link = 0;
    let mut brs = 0;
    let flush = |run: &mut String, run_link: &mut usize, out: &mut Vec<Unit>| {
        let t = meta::clean(run);
        if !t.is_empty() {
            out.push(Unit {
                anchor: node,
                text: t,
                link: *run_link,
                kind: if quote { Block::Quote } else { Block::Text },
            });
        }
        run.clear();
        *run_link = 0;
    };
    for child in doc.children(node) {
        let name = match &doc.nodes[child].kind {
            Kind::Text(t) => {
                if !t.trim().is_empty() {
                    brs = 0;
                }
                run.push_str(t);
                continue;
            }
            Kind::Element { name, .. } => name.as_str(),
            Kind::Root => continue,
        };
        if name == "br" {
            brs += 1;
            run.push(' ');
            if brs >= 2 {
                flush(&mut run, &mut run_link, out);
            }
            continue;
        }
        if SKIP_TAGS.contains(&name) || name == "h1" || boilerplate(doc, child, strict) {
            continue;
        }
        if INLINE.contains(&name) && !holds[child] {
            brs = 0;
            let (t, l) = text_of(doc, child);
            run.push(' ');
            run.push_str(&t);
            run.push(' ');
            run_link += if name == "a" { t.chars().count() } else { l };
            continue;
        }
        flush(&mut run, &mut run_link, out);
        brs = 0;
        let leaf = !holds[child];
        if name == "tr" && leaf {
            let cells: Vec<String> = doc
                .children(child)
                .filter(|&c| matches!(doc.name(c), "td" | "th"))
                .map(|c| text_of(doc, c).0)
                .filter(|t| !t.is_empty())
                .collect();
            if !cells.is_empty() {
                let (_, l) = text_of(doc, child);
                out.push(Unit {
                    anchor: node,
                    text: cells.join(" "),
                    link: l,
                    kind: Block::Row,
                });
            }
            continue;
        }
        match name {
            "p" | "pre" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dd" | "dt" | "blockquote"
            | "figcaption"
                if leaf =>
            {
                let (t, l) = text_of(doc, child);
                if !t.is_empty() {
                    let kind = match name {
                        "h2" | "h3" | "h4" | "h5" | "h6" => Block::Heading,
                        "li" | "dd" | "dt" => Block::ListItem,
                        _ if quote || name == "blockquote" => Block::Quote,
                        _ => Block::Text,
                    };
                    out.push(Unit {
                        anchor: node,
                        text: t,
                        link: l,
                        kind,
                    });
                }
            }
            _ => units(
                doc,
                holds,
                child,
                strict,
                quote || name == "blockquote",
                out,
            ),
        }
    }
    flush(&mut run, &mut run_link, out);
}

/// For every node, whether it holds block-level elements (a container, not a paragraph).
/// Children come after their parents in the arena, so one backward pass fills it.
fn block_holders(doc: &Dom) -> Vec<bool> {
    let mut holds = vec![false; doc.nodes.len()];
    for id in (1..doc.nodes.len()).rev() {
        let is_block = matches!(
            doc.name(id),
            "p" | "div"
                | "ul"
                | "ol"
                | "table"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "section"
                | "article"
                | "blockquote"
                | "pre"
                | "li"
                | "dl"
                | "header"
                | "footer"
                | "nav"
                | "aside"
                | "form"
        );
        if is_block || holds[id] {
            let parent = doc.nodes[id].parent;
            holds[parent] = true;
        }
    }
    holds
}

/// The article's blocks in document order, with their kinds.
fn body_blocks(doc: &Dom, title: &str, strict: bool) -> Vec<(String, Block)> {
    let body = doc.elements("body").next().unwrap_or(0);
    let holds = block_holders(doc);
    let mut all = Vec::new();
    units(doc, &holds, body, strict, false, &mut all);
    // 1. Paragraphs score their container and its ancestors.
    let mut scores: Vec<f64> = vec![0.0; doc.nodes.len()];
    let mut unit_scores = Vec::with_capacity(all.len());
    for u in &all {
        let len = u.text.chars().count();
        if u.kind == Block::Heading || len < 25 || u.link * 2 > len {
            unit_scores.push(0.0);
            continue;
        }
        let s =
            1.0 + u.text.matches([',', '，', '、']).count() as f64 + (len as f64 / 100.0).min(3.0);
        unit_scores.push(s);
        let mut cur = Some(u.anchor);
        for div in [1.0, 2.0, 3.0] {
            let Some(c) = cur else { break };
            scores[c] += s / div;
            cur = doc.parent(c);
        }
    }
    let best = (0..doc.nodes.len())
        .filter(|&i| scores[i] > 0.0)
        .map(|i| (i, scores[i] * if is_positive(doc, i) { 1.25 } else { 1.0 }))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((mut best_id, mut best)) = best else {
        return Vec::new();
    };
    // An article split into chunks (ads between them) has its text under a higher ancestor:
    // climb while an ancestor a few levels up holds clearly more paragraph text.
    let mut mass = vec![0.0; doc.nodes.len()];
    let mut good = vec![(0usize, 0usize); doc.nodes.len()];
    for (u, s) in all.iter().zip(&unit_scores) {
        let mut cur = Some(u.anchor);
        while let Some(c) = cur {
            mass[c] += s;
            if *s > 0.0 {
                good[c].0 += 1;
                good[c].1 += u.text.len();
            }
            cur = doc.parent(c);
        }
    }
    // Extra paragraphs an ancestor holds are the article's too when they read like it.
    let prose = |up: Id, from: Id| {
        let n = good[up].0.saturating_sub(good[from].0);
        let chars = good[up].1.saturating_sub(good[from].1);
        n >= 1
            && chars / n.max(1) >= PROSE_CHARS
            && mass[up] - mass[from] >= mass[from] * PROSE_SHARE
    };
    loop {
        let mut up = best_id;
        let mut next = None;
        for _ in 0..CLIMB_LEVELS {
            let Some(p) = doc.parent(up) else { break };
            if p == 0 || doc.name(p) == "body" || doc.name(p) == "html" {
                break;
            }
            up = p;
            if mass[up] >= mass[best_id] * 1.6 || prose(up, best_id) {
                next = Some(up);
                break;
            }
        }
        match next {
            Some(n) => {
                best_id = n;
                best = best.max(scores[n]);
            }
            None => break,
        }
    }
    // 2. The best container and its strong siblings.
    let mut roots = vec![best_id];
    if let Some(parent) = doc.parent(best_id) {
        roots = doc
            .children(parent)
            .filter(|&s| s == best_id || (doc.is_element(s) && scores[s] >= (best * 0.2).max(3.0)))
            .collect();
    }
    let inside = |mut a: Id| loop {
        if roots.contains(&a) {
            return true;
        }
        match doc.parent(a) {
            Some(p) => a = p,
            None => return false,
        }
    };
    // 3. Its paragraphs, in order, without link lists and page furniture.
    let title_clean = meta::clean(title).to_lowercase();
    let mut out: Vec<(String, Block)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let parent = doc.parent(best_id);
    let mut related_box: Option<Id> = None;
    for u in all {
        // Paragraphs right beside the article container belong to it, as Readability has it.
        let beside = Some(u.anchor) == parent && u.kind != Block::Heading && {
            let len = u.text.chars().count();
            (len >= 80 && u.link * 4 < len)
                || (u.link == 0 && u.text.ends_with(['.', '!', '?', '"', '”']))
        };
        if !beside && !inside(u.anchor) {
            continue;
        }
        // Pages that carry the story twice (a print or AMP copy) give it once.
        if u.text.len() > 140 && !seen.insert(u.text.clone()) {
            continue;
        }
        let len = u.text.chars().count();
        if u.link * 2 > len.max(1) {
            continue;
        }
        if u.kind == Block::ListItem && len < 30 {
            continue;
        }
        let maybe_title =
            u.text.len().abs_diff(title_clean.len()) < 8 && u.text.to_lowercase() == title_clean;
        if is_boilerplate_line(&u.text) || maybe_title {
            continue;
        }
        if u.kind == Block::Text
            && u.text.len() < 256
            && word_count(&u.text) < 3
            && !u
                .text
                .ends_with(['.', '!', '?', '"', '”', '。', '！', '？'])
        {
            continue;
        }
        // "More in Sport", "Related stories": what follows is other articles' teasers.
        // Skipped while inside the box the heading heads; leaving the box ends it.
        if let Some(a) = related_box {
            let within = u.anchor == a || (a < u.anchor && u.anchor < doc.nodes[a].end);
            if within && u.kind != Block::Heading {
                continue;
            }
            related_box = None;
        }
        let heading_like =
            u.kind == Block::Heading || (u.kind == Block::Text && word_count(&u.text) < 8);
        if heading_like && RELATED_HEADING.is_match(&u.text) {
            related_box = Some(u.anchor);
            continue;
        }
        if is_teaser_or_tags(&u.text, u.link > 0 || u.kind == Block::ListItem)
            || is_byline_or_date(&u.text)
            || is_caption(&u.text)
        {
            continue;
        }
        out.push((u.text, u.kind));
    }
    drop_headline_lists(&mut out);
    // Headings with nothing after them are page furniture.
    while out.last().is_some_and(|(_, k)| *k == Block::Heading) {
        out.pop();
    }
    out
}

static RELATED_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:more (?:in|from|on|stories|news)\b|related\b|read more\b|recommended\b|(?:most )?popular\b|trending\b|top stories|latest (?:news|stories)|you (?:may|might) also like|most read|editors?'?s? picks|around the web|don't miss|você (?:pode|também) gostar|leia também|veja também|lee también|ver también|te puede interesar|lesen sie auch|à lire aussi|a lire aussi|potrebbe interessarti|leggi anche|читайте также)")
        .expect("related heading regex")
});

/// A linked, cut-off teaser ("This is the tech news you need to...") or a tag list ("a,b,c").
fn is_teaser_or_tags(t: &str, linked: bool) -> bool {
    let len = t.chars().count();
    if linked && len < 200 && (t.ends_with("...") || t.ends_with('…')) {
        return true;
    }
    // "a,b" with a letter before the comma (thousands separators have a digit).
    let glued = t
        .as_bytes()
        .windows(3)
        .filter(|w| w[1] == b',' && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphanumeric())
        .count();
    glued >= 1 && !t.contains(". ") && t.split_whitespace().count() < 20
}

static DATE_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:(?:published|updated|posted)\b.*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? .*\d{4}.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.*|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}.*|\d{4}-\d{2}-\d{2}.*)$")
        .expect("date line regex")
});

/// A byline ("By Jane Doe") or a dateline ("NOVEMBER 20, 2019 10:43") standing alone.
fn is_byline_or_date(t: &str) -> bool {
    let words = t.split_whitespace().count();
    if words > 8 || t.ends_with(['.', '!', '?']) {
        return false;
    }
    let lower = t.to_lowercase();
    lower.starts_with("by ") || DATE_LINE.is_match(t)
}

static CREDIT_TAIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"[.!?”][A-Z][^.!?]{0,60}(?:Getty|Reuters|AP|AFP|Images|Shutterstock|Photo|/)[^.!?]{0,40}$",
    )
    .expect("credit regex")
});

static AP_CAPTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^In (?:this|these|an?) (?:[^.]{0,60}?)\b(?:file )?(?:photos?|images?|picture|frame grab|handout)\b").expect("caption regex")
});

static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:published|updated|posted)\b:? (?:on )?(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)").expect("stamp regex")
});

/// A photo caption: a credit glued on ("...in New York.Reuters"), the wire style ("In this
/// Dec. 12, 2006, file photo, ..."), or a "Published Monday, ..." stamp line.
fn is_caption(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (words < 60 && CREDIT_TAIL.is_match(t))
        || (words < 90 && AP_CAPTION.is_match(t))
        || (words < 16 && !t.ends_with('.') && STAMP.is_match(t))
}

/// Runs of three or more short unpunctuated lines are lists of headlines, bylines and dates.
fn drop_headline_lists(out: &mut Vec<(String, Block)>) {
    let short = |(t, k): &(String, Block)| {
        *k == Block::Text
            && word_count(t) < 15
            && !t.trim_end().ends_with(['.', '!', '?', '"', '”', '。', ':'])
    };
    let mut keep = vec![true; out.len()];
    let mut i = 0;
    while i < out.len() {
        if short(&out[i]) {
            let mut j = i;
            while j < out.len() && short(&out[j]) {
                j += 1;
            }
            if j - i >= 3 {
                keep[i..j].iter_mut().for_each(|k| *k = false);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
}

fn is_boilerplate_line(t: &str) -> bool {
    if t.len() > 250 {
        return false;
    }
    let lower = t.to_lowercase();
    const STARTS: &[&str] = &[
        "advertisement",
        "read more",
        "related:",
        "related articles",
        "share this",
        "sign up",
        "subscribe",
        "click here",
        "follow us",
        "copyright",
        "©",
        "all rights reserved",
        "reading time",
        "listen to this",
        "get the latest",
        "this article originally appeared",
        "want more",
        "more:",
        "see also",
    ];
    let words = t.split_whitespace().count();
    (STARTS.iter().any(|s| lower.starts_with(s)) && words < 25)
        || (words < 80 && APPEAL.is_match(&lower))
}

static APPEAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"support (?:us|our (?:journalism|work|reporting)|independent journalism|\w+ and make a difference)|make a (?:contribution|donation)|become a (?:member|supporter|patron)|we have a (?:small favou?r|proposition) for you|sign up for (?:our|the) \w* ?newsletter|subscribe to our \w* ?newsletter|we cannot afford to|at no cost to you")
        .expect("appeal regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_word_lists_are_sorted_for_binary_search() {
        for list in [NEGATIVE, STRONG_NEGATIVE, STRONG_POSITIVE, POSITIVE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
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
            Limits {
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
            extract(&page, Limits::default())
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        let big = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert!(
            extract(&page, big)
                .unwrap_err()
                .to_string()
                .contains("limit")
        );
    }
}

#[cfg(test)]
mod lang_tests {
    use super::detect_lang;

    #[test]
    fn detects_english_and_vietnamese_and_nothing_else() {
        assert_eq!(
            detect_lang(
                "The council said that the budget of the city is in trouble and the mayor agreed."
            )
            .as_deref(),
            Some("en")
        );
        assert_eq!(
            detect_lang("Kinh tế Việt Nam tăng trưởng mạnh trong năm nay, theo Tổng cục Thống kê.")
                .as_deref(),
            Some("vi")
        );
        assert_eq!(
            detect_lang("Der Stadtrat hat über den Haushalt beraten und abgestimmt."),
            None
        );
    }
}
