//! Finding the article body in a page tree: paragraph units score their containers, the best
//! container climbs to the ancestor that holds the rest of a split article, and class and id
//! words, link density and page furniture (see `furniture`) keep boilerplate out.
//!
//! Tree in, blocks of text with their kinds out; pure.

use std::collections::HashSet;

use super::dom::{Dom, Id, Kind, TagSet};
use super::furniture::{
    RELATED_HEADING, drop_headline_lists, is_boilerplate_line, is_byline_or_date, is_caption,
    is_teaser_or_tags,
};
use super::{meta, word_count};
use crate::model::Block;

/// Tags whose content is never article text.
const SKIP_TAGS: TagSet = TagSet::new(&[
    "h1",
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
]);

/// Class or id words that mark boilerplate unless the element also says it is content; the
/// strong ones below count too (sorted: binary-searched, like the lists below).
const NEGATIVE: &[&str] = &[
    "author",
    "banner",
    "bio",
    "byline",
    "caption",
    "comment",
    "comments",
    "copyright",
    "credit",
    "dateline",
    "dek",
    "disclaimer",
    "disqus",
    "gdpr",
    "hidden",
    "kicker",
    "login",
    "masthead",
    "meta",
    "pager",
    "pagination",
    "print",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "skip",
    "skyscraper",
    "social",
    "standfirst",
    "subheadline",
    "subtitle",
    "supplemental",
    "tags",
    "teaser",
    "toolbar",
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

/// Class words of text meant for screen readers only (sorted): never on screen.
const SCREEN_READER_CLASSES: &[&str] = &[
    "a11y-hidden",
    "element-invisible",
    "screen-reader-only",
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
];

/// Class words that hide an element until something shows it (sorted).
const HIDING_CLASSES: &[&str] = &[
    "d-none",
    "hidden",
    "hide",
    "invisible",
    "is-hidden",
    "u-hidden",
];

/// Whether a reader cannot see an element: text for screen readers only ("visually-hidden",
/// "sr-only"), or an element hidden (the `hidden` attribute, `aria-hidden`, an inline
/// `display: none` or `visibility: hidden`, a class such as "hidden" or "d-none") that nothing
/// on the page opens: a collapsed panel a button controls (`aria-controls`, a `#id` link) or
/// that is labelled as a region or tab is content the reader opens, and stays.
fn hidden(doc: &Dom, e: Id, opened: &HashSet<&str>) -> bool {
    // Pages that hide the whole body until a script has run are still read.
    if matches!(doc.name(e), "html" | "body") {
        return false;
    }
    let class = doc.attr(e, "class").unwrap_or("");
    let has = |list: &[&str]| {
        class
            .split_ascii_whitespace()
            .any(|w| list.iter().any(|c| c.eq_ignore_ascii_case(w)))
    };
    if has(SCREEN_READER_CLASSES) {
        return true;
    }
    let styled = doc.attr(e, "style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    });
    // "hidden sm:block", "d-none d-md-block": hidden only on some screens.
    let display = |d: &str| {
        matches!(
            d.to_ascii_lowercase().as_str(),
            "block"
                | "flex"
                | "grid"
                | "inline"
                | "inline-block"
                | "inline-flex"
                | "table"
                | "contents"
        )
    };
    let by_class = has(HIDING_CLASSES)
        && !class.split_ascii_whitespace().any(|w| {
            w.rsplit_once(':').is_some_and(|(_, d)| display(d))
                || (w.len() > 2 && w[..2].eq_ignore_ascii_case("d-"))
                    && w[2..].split_once('-').is_some_and(|(_, d)| display(d))
        });
    let hides = by_class
        || styled
        || doc.attr(e, "hidden").is_some()
        || doc.attr(e, "aria-hidden") == Some("true");
    if !hides {
        return false;
    }
    // What something opens stays: a panel a button controls, a region or tab panel; React
    // streams a page's parts in hidden `<div hidden id="S:1">` that a script moves in; a
    // schema.org article in microdata is the article itself, shown or not.
    let id = doc.attr(e, "id").unwrap_or("");
    let article = doc
        .attr(e, "itemtype")
        .is_some_and(|t| t.ends_with("Article") || t.ends_with("BlogPosting"));
    let opens = article
        || id.starts_with("S:")
        || (!id.is_empty() && opened.contains(id))
        || doc.attr(e, "aria-labelledby").is_some()
        || matches!(doc.attr(e, "role"), Some("region" | "tabpanel"));
    !opens
}

/// The ids something on the page opens: `aria-controls` of buttons and `#id` links.
fn opened_ids(doc: &Dom) -> HashSet<&str> {
    let mut ids = HashSet::new();
    for e in 0..doc.nodes.len() {
        if !matches!(doc.nodes[e].kind, Kind::Element { .. }) {
            continue;
        }
        if let Some(c) = doc.attr(e, "aria-controls") {
            ids.extend(c.split_ascii_whitespace());
        }
        if let Some(h) = doc.attr(e, "href").and_then(|h| h.strip_prefix('#')) {
            ids.insert(h);
        }
    }
    ids
}

/// How many characters of visible text each node holds (script and style left out).
fn text_chars(doc: &Dom) -> Vec<usize> {
    let n = doc.nodes.len();
    let mut chars = vec![0usize; n];
    // Children come after their parents in the arena: one backward pass sums subtrees.
    for id in (1..n).rev() {
        match &doc.nodes[id].kind {
            Kind::Text(r) => chars[id] += doc.str(r).trim().len(),
            Kind::Element { name, .. }
                if matches!(name.as_str(), "script" | "style" | "noscript" | "template") =>
            {
                chars[id] = 0;
            }
            _ => {}
        }
        let parent = doc.nodes[id].parent;
        if parent != id {
            chars[parent] += chars[id];
        }
    }
    chars
}

/// For every node, whether it is hidden ([`hidden`]) and holds less than half of the page's
/// text: a wrapper around most of the page hidden until a script has run ("root hide") is
/// the page, not something hidden in it.
fn hidden_nodes(doc: &Dom, chars: &[usize]) -> Vec<bool> {
    let total = chars[0];
    let opened = opened_ids(doc);
    (0..doc.nodes.len())
        .map(|id| {
            matches!(doc.nodes[id].kind, Kind::Element { .. })
                && chars[id] * 2 < total
                && hidden(doc, id, &opened)
        })
        .collect()
}

fn is_negative(doc: &Dom, e: Id) -> bool {
    let name = doc.name(e);
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
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
            Kind::Text(r) => {
                let t = doc.str(r);
                out.push_str(t);
                if in_link {
                    *link += t.trim().chars().count();
                }
            }
            Kind::Element { name, .. } => {
                const HIDDEN: TagSet = TagSet::new(&[
                    "script",
                    "style",
                    "noscript",
                    "button",
                    "svg",
                    "figure",
                    "figcaption",
                    "template",
                    "title",
                ]);
                if HIDDEN.contains(name) || hidden(doc, child, &HashSet::new()) {
                    continue;
                }
                let name = name.as_str();
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
const INLINE: TagSet = TagSet::new(&[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "big",
    "tt", "strike", "ins", "del", "nobr", "img", "wbr", "acronym", "center",
]);

/// One paragraph candidate: a block element, or a run of loose inline text inside a container.
struct Unit {
    /// The node whose ancestors the unit scores (the block's parent, or the run's container).
    anchor: Id,
    text: String,
    link: usize,
    kind: Block,
}

/// What is worked out once a page, for both passes: whether each node holds blocks, whether
/// it is hidden.
pub(super) struct Marks {
    holds: Vec<bool>,
    hidden: Vec<bool>,
    /// Holds half of the page's text or more.
    most: Vec<bool>,
}

impl Marks {
    pub(super) fn new(doc: &Dom) -> Self {
        let chars = text_chars(doc);
        let total = chars[0];
        Marks {
            holds: block_holders(doc),
            hidden: hidden_nodes(doc, &chars),
            most: chars.iter().map(|&c| c * 2 >= total && total > 0).collect(),
        }
    }
}

/// Landmarks that are page furniture when small: a `<header>` or `<aside>` that holds most of
/// the page is the page (site builders wrap whole sections in `<header>`; an unclosed
/// `<aside>` swallows what follows it).
const LANDMARKS: TagSet = TagSet::new(&["header", "aside", "footer"]);

/// Walks the page in document order and collects paragraph units, skipping boilerplate.
fn units(doc: &Dom, marks: &Marks, node: Id, strict: bool, quote: bool, out: &mut Vec<Unit>) {
    let holds = &marks.holds;
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
        let tag = match &doc.nodes[child].kind {
            Kind::Text(r) => {
                let t = doc.str(r);
                if !t.trim().is_empty() {
                    brs = 0;
                }
                run.push_str(t);
                continue;
            }
            Kind::Element { name, .. } => name,
            Kind::Root => continue,
        };
        let name = tag.as_str();
        if name == "br" {
            brs += 1;
            run.push(' ');
            if brs >= 2 {
                flush(&mut run, &mut run_link, out);
            }
            continue;
        }
        let furniture = SKIP_TAGS.contains(tag) && !(LANDMARKS.contains(tag) && marks.most[child]);
        if furniture || marks.hidden[child] || boilerplate(doc, child, strict) {
            continue;
        }
        if INLINE.contains(tag) && !holds[child] {
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
                marks,
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
    const BLOCKS: TagSet = TagSet::new(&[
        "p",
        "div",
        "ul",
        "ol",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "pre",
        "li",
        "dl",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
    ]);
    let mut holds = vec![false; doc.nodes.len()];
    for id in (1..doc.nodes.len()).rev() {
        let is_block = doc.is_in(id, &BLOCKS);
        if is_block || holds[id] {
            let parent = doc.nodes[id].parent;
            holds[parent] = true;
        }
    }
    holds
}

/// The article found in a page: its blocks, and the containers they were taken from.
pub(super) struct Body {
    /// The blocks in document order, with their kinds.
    pub blocks: Vec<(String, Block)>,
    /// The chosen container and its strong siblings (empty when nothing scored).
    pub roots: Vec<Id>,
}

/// The article's blocks in document order, with their kinds.
pub(super) fn body_blocks(doc: &Dom, marks: &Marks, title: &str, strict: bool) -> Body {
    let body = doc.elements("body").next().unwrap_or(0);
    let mut all = Vec::new();
    units(doc, marks, body, strict, false, &mut all);
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
        return Body {
            blocks: Vec::new(),
            roots: Vec::new(),
        };
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
        let mut levels = 0;
        while levels < CLIMB_LEVELS {
            let Some(p) = doc.parent(up) else { break };
            if p == 0 || doc.name(p) == "body" || doc.name(p) == "html" {
                break;
            }
            // A wrapper that adds no scored paragraph is not a level.
            levels += usize::from(good[p].0 != good[up].0);
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
        let maybe_title =
            u.text.len().abs_diff(title_clean.len()) < 8 && u.text.to_lowercase() == title_clean;
        if is_boilerplate_line(&u.text) || maybe_title {
            continue;
        }
        // A lone unpunctuated word is a label or a button; two words ("Web Design", "Pricing
        // plans") are as often a line of the article.
        if u.kind == Block::Text
            && u.text.len() < 256
            && word_count(&u.text) < 2
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
    Body { blocks: out, roots }
}

/// What the chosen article containers are made of.
pub(super) struct RootStats {
    /// Share of their visible text in links to other pages (a `#fragment` link stays on the
    /// page): a stack of link teasers is mostly link text, an article little.
    pub link_share: f64,
    /// `<time>` elements in them: one a dated item.
    pub dated: usize,
    /// Headings (h2 to h6) in them that link to another page: the titles of teasers.
    pub linked_headings: usize,
    /// The short paragraphs that follow those headings: the teasers' text, cleaned.
    pub teasers: HashSet<String>,
}

/// Reads [`RootStats`] off the containers `body_blocks` chose.
pub(super) fn root_stats(doc: &Dom, roots: &[Id]) -> RootStats {
    let (mut text, mut link, mut dated, mut linked_headings) = (0usize, 0usize, 0usize, 0usize);
    let mut teasers = HashSet::new();
    let real_link = |a: Id| {
        doc.name(a) == "a"
            && doc
                .attr(a, "href")
                .is_some_and(|h| !h.trim().is_empty() && !h.trim().starts_with('#'))
    };
    for &root in roots {
        let (mut skip_until, mut link_until) = (0, 0);
        for id in doc.descendants(root) {
            match &doc.nodes[id].kind {
                Kind::Element { name, .. } => match name.as_str() {
                    "script" | "style" | "noscript" | "template" => {
                        skip_until = skip_until.max(doc.nodes[id].end);
                    }
                    "a" if real_link(id) => link_until = link_until.max(doc.nodes[id].end),
                    "time" => dated += 1,
                    "h2" | "h3" | "h4" | "h5" | "h6" if doc.descendants(id).any(real_link) => {
                        linked_headings += 1;
                        teasers.extend(teaser_after(doc, id));
                    }
                    _ => {}
                },
                Kind::Text(r) if id >= skip_until => {
                    let n = doc.str(r).trim().chars().count();
                    text += n;
                    link += if id < link_until { n } else { 0 };
                }
                _ => {}
            }
        }
    }
    RootStats {
        link_share: link as f64 / text.max(1) as f64,
        dated,
        linked_headings,
        teasers,
    }
}

/// The text of the short paragraph that is the first element after a heading to hold text:
/// the heading and it make a teaser.
fn teaser_after(doc: &Dom, heading: Id) -> Option<String> {
    let mut next = doc.nodes[heading].next_sibling;
    while next != 0 {
        let text = if doc.is_element(next) {
            meta::clean(&doc.text(next))
        } else {
            String::new()
        };
        if !text.is_empty() {
            let heading_below = doc
                .descendants(next)
                .any(|d| matches!(doc.name(d), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
            let short = word_count(&text) <= TEASER_WORDS;
            let paragraph = matches!(doc.name(next), "p" | "div" | "span");
            return (paragraph && short && !heading_below).then_some(text);
        }
        next = doc.nodes[next].next_sibling;
    }
    None
}

/// Words of a teaser's paragraph, at the most.
const TEASER_WORDS: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_within_the_page_are_not_counted_as_link_text() {
        let doc = Dom::parse(
            "<html><body><div><p><a href=\"#notes\">Notes</a> on the vote</p><p><a href=\"/other\">Other story</a></p></div></body></html>",
        );
        let root = doc.elements("div").next().unwrap();
        let stats = root_stats(&doc, &[root]);
        // "Other story" (11) of "Notes" + "on the vote" + "Other story" (27).
        assert!(
            (stats.link_share - 11.0 / 27.0).abs() < 1e-9,
            "{}",
            stats.link_share
        );
    }

    #[test]
    fn a_heading_that_links_elsewhere_over_a_short_paragraph_makes_a_teaser() {
        let doc = Dom::parse(
            "<html><body><div><h3><a href=\"/a\">Story</a></h3><p></p><p>What it says.</p>\
             <h3><a href=\"#b\">Section</a></h3><p>Not a teaser.</p>\
             <h3><a href=\"/c\">Group</a></h3><div><h4>Sub</h4><p>Text.</p></div></div></body></html>",
        );
        let root = doc.elements("div").next().unwrap();
        let stats = root_stats(&doc, &[root]);
        assert_eq!(stats.linked_headings, 2);
        assert_eq!(stats.teasers, HashSet::from(["What it says.".to_string()]));
    }

    #[test]
    fn the_class_word_lists_are_sorted_for_binary_search() {
        for list in [NEGATIVE, STRONG_NEGATIVE, STRONG_POSITIVE, POSITIVE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
