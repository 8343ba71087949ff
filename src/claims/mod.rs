//! Article in, claims out: sentences with typed figures, attribution, entities and exact spans.
//!
//! Pure: a function of the article text, its URL and its publication date (relative dates are
//! resolved against it, never against the clock). Ranking and translation happen later.

pub mod attribution;
pub mod dates;
pub mod english;
pub mod figures;
pub mod numbers;
pub mod segment;
pub mod vietnamese;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::glossary::Glossary;
use crate::model::{Article, Attribution, Claim, ClaimKind, Entity, EntityKind, Figure, Span};

/// Shortest sentence worth a claim, in words.
const MIN_WORDS: usize = 6;

/// Every claim of an article, in text order.
pub fn extract(article: &Article, glossary: &Glossary) -> Vec<Claim> {
    let published = article.published.map(|p| p.date_naive());
    let mut out: Vec<Claim> = Vec::new();
    let mut previous: Option<Attribution> = None;
    for (pi, para) in article.paragraphs.iter().enumerate() {
        // Headings and table rows are not sentences.
        if matches!(
            para.kind,
            crate::model::Block::Heading | crate::model::Block::Row
        ) {
            continue;
        }
        for span in segment::sentences(&article.text, para.span) {
            let text = &article.text[span[0]..span[1]];
            let words = text.split_whitespace().count();
            let mut claim = claim_for(&article.url, text, span, pi, published, glossary);
            // A quote with no speaker of its own takes the one just named.
            if claim.attribution.is_none() && is_quote(text) {
                claim.attribution = previous.clone();
            }
            if claim.attribution.is_some() {
                previous = claim.attribution.clone();
            }
            if claim.attribution.is_some() && is_quote(text) {
                claim.kind = ClaimKind::Quote;
            }
            if words >= MIN_WORDS && !is_furniture(text) {
                out.push(claim);
            }
        }
    }
    out
}

/// Claims of one plain text (no article around it), as `bantin claims --text` needs.
pub fn from_text(
    text: &str,
    url: &str,
    published: Option<NaiveDate>,
    glossary: &Glossary,
) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (pi, para) in text.split("\n\n").enumerate() {
        let span = [offset, offset + para.len()];
        for s in segment::sentences(text, span) {
            out.push(claim_for(
                url,
                &text[s[0]..s[1]],
                s,
                pi,
                published,
                glossary,
            ));
        }
        offset += para.len() + 2;
    }
    out
}

fn claim_for(
    url: &str,
    text: &str,
    span: Span,
    paragraph: usize,
    published: Option<NaiveDate>,
    glossary: &Glossary,
) -> Claim {
    let mut figs = figures::find(text, published);
    for f in &mut figs {
        f.span = [f.span[0] + span[0], f.span[1] + span[0]];
    }
    let attribution = attribution::find(text).map(|mut a| {
        let shift = |s: Span| [s[0] + span[0], s[1] + span[0]];
        a.source_span = a.source_span.map(shift);
        a.cue_span = a.cue_span.map(shift);
        a
    });
    let entities = entities(text, glossary);
    let kind = kind(text, &figs, attribution.as_ref());
    Claim {
        id: claim_id(url, span),
        article: url.to_string(),
        kind,
        text: text.to_string(),
        span,
        paragraph,
        figures: figs,
        attribution,
        entities,
    }
}

/// A stable id from the article URL and the span: the same sentence keeps its id across runs.
pub fn claim_id(url: &str, span: Span) -> String {
    let mut h = Sha256::new();
    h.update(url.as_bytes());
    h.update(format!(":{}-{}", span[0], span[1]).as_bytes());
    let digest = h.finalize();
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

static FURNITURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:\(?(?:main )?image credit|photo:|credit:|email \w+|follow (?:us|him|her|@)|originally published|(?:additional )?reporting by|editing by|writing by|with .{0,30}wires|editor'?s note|this (?:story|article) (?:was|has been|originally)|sign up|subscribe|read more|related:|copyright|graphics?:)")
        .expect("furniture regex")
});

/// Credits, sign-offs and promotions: page furniture, not claims.
fn is_furniture(text: &str) -> bool {
    static CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\bcontributed (?:reporting )?to (?:this|the) (?:report|story|article)\W*$|^CNN'?s .{0,80}\b(?:reported|wrote) from\b|^(?:match|first half|second half) ends\b")
            .expect("credit regex")
    });
    FURNITURE.is_match(text.trim_start_matches(['(', '['])) || CREDIT.is_match(text)
}

fn is_quote(text: &str) -> bool {
    text.starts_with(['“', '"']) || text.matches(['“', '"']).count() >= 2
}

fn kind(text: &str, figs: &[Figure], attribution: Option<&Attribution>) -> ClaimKind {
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if is_quote(text) && attribution.is_some() {
        return ClaimKind::Quote;
    }
    if has(&[
        " will ",
        " expected to ",
        " forecast",
        " likely to ",
        " could ",
        " next year",
        " by 20",
    ]) {
        return ClaimKind::Forecast;
    }
    if attribution.is_some_and(|a| {
        matches!(
            a.cue.as_str(),
            "found" | "finds" | "showed" | "shows" | "estimated" | "estimates" | "revealed"
        )
    }) {
        return ClaimKind::Finding;
    }
    if has(&[
        " than ",
        " ahead of ",
        " led ",
        " lead ",
        " trailed ",
        " overtaken ",
        " overtook ",
        " behind ",
        " compared ",
    ]) {
        return ClaimKind::Comparison;
    }
    let numeric = figs
        .iter()
        .any(|f| f.kind != crate::model::FigureKind::Date);
    if numeric {
        return ClaimKind::Figure;
    }
    if figs
        .iter()
        .any(|f| f.kind == crate::model::FigureKind::Date)
    {
        return ClaimKind::Event;
    }
    ClaimKind::Statement
}

/// Named things in a sentence: glossary entities first, then other capitalised names.
pub fn entities(text: &str, glossary: &Glossary) -> Vec<Entity> {
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<Entity> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let clean: Vec<String> = words[i..]
            .iter()
            .take(8)
            .map(|w| {
                w.trim_end_matches(['.', '’', '\''])
                    .trim_end_matches("’s")
                    .trim_end_matches("'s")
                    .to_string()
            })
            .collect();
        let refs: Vec<&str> = clean.iter().map(String::as_str).collect();
        if let Some((n, e)) = glossary.lookup(&refs)
            && let Some((kind, canonical)) = &e.entity
        {
            let text = refs[..n].join(" ");
            if !out.iter().any(|x| &x.canonical == canonical) {
                out.push(Entity {
                    text,
                    canonical: canonical.clone(),
                    kind: *kind,
                    vi: Some(e.vi.clone()),
                });
            }
            i += n;
            continue;
        }
        // Runs of capitalised words not at the sentence start are names we do not know yet.
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1;
        if i > 0 && cap(refs[0]) && !words[i - 1].ends_with('.') {
            let mut n = 1;
            while n < refs.len() && cap(refs[n]) {
                n += 1;
            }
            let name = refs[..n].join(" ");
            if !out.iter().any(|x| x.text == name) {
                out.push(Entity {
                    text: name.clone(),
                    canonical: name,
                    kind: EntityKind::Other,
                    vi: None,
                });
            }
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_and_live_text_are_not_claims() {
        assert!(is_furniture(
            "CNN's Ben Brumfield contributed to this report."
        ));
        assert!(is_furniture(
            "CNN's Claudia Rebaza reported from Tunis and Laura Smith-Spark wrote from London."
        ));
        assert!(is_furniture("Match ends, Inverness CT 0, St Johnstone 1."));
        // A wire story's link to its chart, in brackets or not.
        assert!(is_furniture("(Graphic: Global assets in 2019 - here)"));
        assert!(is_furniture("Graphic: Emerging markets in 2019"));
        assert!(!is_furniture(
            "Three reporters contributed to the rise of the paper."
        ));
    }

    #[test]
    fn an_attributions_spans_point_into_the_article_and_a_quote_takes_the_speaker_just_named() {
        let text = "Growth will reach 4% next year, the ministry said on Monday. \"We expect more jobs in every province.\"";
        let claims = from_text(
            text,
            "https://a.example/x",
            None,
            &Glossary::load(&[] as &[&str]).expect("built-in glossary"),
        );
        let at = |span: Option<Span>| span.map(|[a, b]| &text[a..b]);
        let first = claims[0].attribution.as_ref().expect("attributed");
        assert_eq!(at(first.source_span), Some("the ministry"));
        assert_eq!(at(first.cue_span), Some("said"));
        let mut article = crate::extract::from_text("https://a.example/x", "T", text, None);
        article.published = None;
        let quoted = extract(
            &article,
            &Glossary::load(&[] as &[&str]).expect("built-in glossary"),
        );
        let quote = quoted.last().and_then(|c| c.attribution.as_ref());
        assert_eq!(quote.and_then(|a| at(a.source_span)), Some("the ministry"));
    }

    #[test]
    fn claim_ids_are_stable_and_differ_by_span() {
        assert_eq!(
            claim_id("https://a.example/x", [0, 10]),
            claim_id("https://a.example/x", [0, 10])
        );
        assert_ne!(
            claim_id("https://a.example/x", [0, 10]),
            claim_id("https://a.example/x", [0, 11])
        );
    }

    #[test]
    fn finds_glossary_entities_with_vietnamese_names() {
        let g = Glossary::built_in();
        let e = entities(
            "The United States continued to lead China, said Ethan Kessler.",
            &g,
        );
        let names: Vec<_> = e
            .iter()
            .map(|e| (e.canonical.as_str(), e.vi.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("United States", Some("Mỹ")),
                ("China", Some("Trung Quốc")),
                ("Ethan Kessler", None)
            ]
        );
    }
}
