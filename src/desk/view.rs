//! What the desk's pages show, built from store records: pure, no I/O. Templates get these
//! views, never the records, and escape every string in them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Draft;
use crate::model::{Article, Brief, Claim, ClaimRecord, ReviewStatus, SourceRef, ViOrigin};
use crate::render::{date_en, date_vi};
use crate::review::{Filter, needs_editor};

/// One day on the desk.
#[derive(Debug, Serialize)]
pub struct DayView {
    pub date: String,
    pub date_en: String,
    pub date_vi: String,
    /// The filter shown, and a link per filter with how many claims it holds.
    pub filter: &'static str,
    pub filters: Vec<FilterLink>,
    /// Whether `bantin run` made a brief for the day (else claims are grouped by article).
    pub briefed: bool,
    /// The brief's stories in order, then the day's other articles.
    pub stories: Vec<StoryView>,
    pub others: Vec<StoryView>,
}

/// A filter of the day page.
#[derive(Debug, Serialize)]
pub struct FilterLink {
    pub name: &'static str,
    pub label: &'static str,
    pub count: usize,
}

/// A story (or an article outside the brief) with its claims.
#[derive(Debug, Serialize)]
pub struct StoryView {
    pub headline: String,
    pub headline_vi: Option<String>,
    pub sources: Vec<LinkView>,
    pub claims: Vec<ClaimView>,
}

/// A link to a source; `href` only when it is http(s), otherwise the title shows as text.
#[derive(Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub site: Option<String>,
    pub href: Option<String>,
}

/// One claim's card.
#[derive(Debug, Serialize)]
pub struct ClaimView {
    pub id: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub en: String,
    /// What the Vietnamese box holds: the published text, else the refused edit, else the
    /// rules' draft.
    pub vi_box: String,
    /// Whether `vi_box` is published Vietnamese (else it waits for an editor).
    pub vi_published: bool,
    /// Who wrote the Vietnamese: an engine's name, `editor`, `memory` or `rules (draft)`.
    pub vi_by: Option<String>,
    /// `passed`, `waiting` (needs an editor) or `refused` (an edit the gate refused).
    pub verdict: &'static str,
    /// Why no Vietnamese passed, when none did.
    pub missing: Option<String>,
    /// Engine answers the gate refused.
    pub refused: Vec<RefusedView>,
    /// The editor's last edit the gate refused, with the reason.
    pub draft: Option<RefusedView>,
    /// The paragraph of the source sentence, cut into pieces to mark.
    pub paragraph: Vec<Piece>,
    pub said_by: Option<String>,
    pub figures: Vec<String>,
    pub needs_editor: bool,
    /// The bullets the stored brief made of the claim, when it is in the brief.
    pub bullet_en: Option<String>,
    pub bullet_vi: Option<String>,
    /// Whether the brief's 📌 states it.
    pub in_takeaway: bool,
}

/// Something the gate refused.
#[derive(Debug, Serialize)]
pub struct RefusedView {
    pub by: String,
    pub text: String,
    pub reason: String,
}

/// A run of paragraph text: inside the claim's sentence or not, a figure or not.
#[derive(Debug, Serialize, PartialEq)]
pub struct Piece {
    pub text: String,
    pub sentence: bool,
    pub figure: Option<&'static str>,
    /// "source" or "cue": the attribution's words, where the paragraph holds them.
    pub said: Option<&'static str>,
}

/// The day page's view. `articles` holds the day's articles by URL; `drafts` the refused edits;
/// `keep` a claim shown whatever the filter (the one just changed, so the editor sees the result).
pub fn day(
    date: NaiveDate,
    brief: Option<&Brief>,
    claims: Vec<ClaimRecord>,
    articles: &HashMap<String, Article>,
    drafts: &[Draft],
    filter: Filter,
    keep: Option<&str>,
) -> DayView {
    let drafts: HashMap<&str, &Draft> = drafts.iter().map(|d| (d.claim.as_str(), d)).collect();
    let filters = Filter::ALL
        .iter()
        .map(|&f| FilterLink {
            name: f.as_str(),
            label: label(f),
            count: claims
                .iter()
                .filter(|c| f.matches(c, drafts.get(c.claim.id.as_str()).copied()))
                .count(),
        })
        .collect();
    let shown: HashMap<&str, &ClaimRecord> = claims
        .iter()
        .filter(|c| {
            let id = c.claim.id.as_str();
            filter.matches(c, drafts.get(id).copied()) || keep == Some(id)
        })
        .map(|c| (c.claim.id.as_str(), c))
        .collect();
    // What the brief printed for each claim, in each language, and what its 📌 states.
    let items = brief.map(|b| b.items.as_slice()).unwrap_or_default();
    let mut bullets: HashMap<&str, (Option<&str>, Option<&str>)> = HashMap::new();
    for item in items {
        for b in &item.en {
            bullets.entry(&b.claim).or_default().0 = Some(&b.text);
        }
        for b in &item.vi {
            bullets.entry(&b.claim).or_default().1 = Some(&b.text);
        }
    }
    let told: HashSet<&str> = items
        .iter()
        .flat_map(|i| i.takeaway_claims.iter().map(String::as_str))
        .collect();
    let card = |c: &ClaimRecord| {
        let id = c.claim.id.as_str();
        let mut v = claim(c, articles.get(&c.claim.article), drafts.get(id).copied());
        v.in_takeaway = told.contains(id);
        if let Some((en, vi)) = bullets.get(id) {
            // Shown when the brief shortened the text or wrote Vietnamese the box does not hold.
            v.bullet_en = en.filter(|t| *t != v.en).map(str::to_owned);
            v.bullet_vi = vi.filter(|t| *t != v.vi_box).map(str::to_owned);
        }
        v
    };
    let mut placed: HashSet<&str> = HashSet::new();
    let mut stories = Vec::new();
    for item in brief.map(|b| b.items.as_slice()).unwrap_or_default() {
        let ids = item
            .takeaway_claims
            .iter()
            .map(String::as_str)
            .chain(item.en.iter().map(|b| b.claim.as_str()))
            .chain(item.needs_translation.iter().map(String::as_str))
            .chain(item.dropped.iter().map(|d| d.claim.as_str()))
            .chain(item.rejected.iter().map(|r| r.claim.as_str()));
        let mut cs: Vec<&ClaimRecord> = Vec::new();
        for id in ids {
            if placed.insert(id)
                && let Some(c) = shown.get(id)
            {
                cs.push(c);
            }
        }
        if cs.is_empty() {
            continue;
        }
        cs.sort_by_key(|c| first_for_editor(c, drafts.contains_key(c.claim.id.as_str())));
        stories.push(StoryView {
            headline: item.headline.en.clone(),
            headline_vi: item.headline.vi.clone(),
            sources: item.sources.iter().map(link).collect(),
            claims: cs.into_iter().map(card).collect(),
        });
    }
    // The rest of the day, by article in text order: an editor may approve a claim into the brief.
    let mut others: Vec<StoryView> = Vec::new();
    let mut by_article: Vec<(&str, Vec<&ClaimRecord>)> = Vec::new();
    for c in &claims {
        let id = c.claim.id.as_str();
        if placed.contains(id) || !shown.contains_key(id) {
            continue;
        }
        match by_article.iter_mut().find(|(a, _)| *a == c.claim.article) {
            Some((_, v)) => v.push(c),
            None => by_article.push((c.claim.article.as_str(), vec![c])),
        }
    }
    for (url, mut cs) in by_article {
        cs.sort_by_key(|c| first_for_editor(c, drafts.contains_key(c.claim.id.as_str())));
        let a = articles.get(url);
        others.push(StoryView {
            headline: a.map_or_else(|| url.to_string(), |a| a.title.clone()),
            headline_vi: None,
            sources: vec![link(&SourceRef {
                url: url.to_string(),
                title: a.map_or_else(|| url.to_string(), |a| a.title.clone()),
                site: a.and_then(|a| a.site.clone()),
            })],
            claims: cs.into_iter().map(card).collect(),
        });
    }
    DayView {
        date: date.to_string(),
        date_en: date_en(date),
        date_vi: date_vi(date),
        filter: filter.as_str(),
        filters,
        briefed: brief.is_some(),
        stories,
        others,
    }
}

/// Claims that need the editor come first: no Vietnamese, then a refused edit or answer.
fn first_for_editor(c: &ClaimRecord, has_draft: bool) -> u8 {
    if needs_editor(c) {
        0
    } else if has_draft || !c.rendering.rejected.is_empty() && c.status == ReviewStatus::Pending {
        1
    } else if c.status == ReviewStatus::Pending {
        2
    } else {
        3
    }
}

fn label(f: Filter) -> &'static str {
    match f {
        Filter::All => "All",
        Filter::NeedsTranslation => "Needs translation",
        Filter::Rejected => "Refused by the gate",
        Filter::Edited => "Edited",
        Filter::Approved => "Approved",
    }
}

fn link(s: &SourceRef) -> LinkView {
    let web = url::Url::parse(&s.url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    LinkView {
        title: s.title.clone(),
        site: s.site.clone(),
        href: web.map(|u| u.to_string()),
    }
}

fn claim(record: &ClaimRecord, article: Option<&Article>, draft: Option<&Draft>) -> ClaimView {
    let (c, r) = (&record.claim, &record.rendering);
    let vi_by = match (r.vi_origin, &r.vi_engine) {
        (Some(ViOrigin::Human), _) => Some("editor".to_string()),
        (Some(ViOrigin::Memory), _) => Some("translation memory".to_string()),
        (_, Some(e)) => Some(e.clone()),
        (Some(ViOrigin::Engine), None) => Some("engine".to_string()),
        (Some(ViOrigin::Template), None) => Some("rules".to_string()),
        (None, None) if r.vi_draft.is_some() => Some("rules (draft: approve to publish)".into()),
        (None, None) => None,
    };
    let vi_box = draft
        .and_then(|d| d.vi.clone())
        .or_else(|| r.vi.clone())
        .or_else(|| r.vi_draft.clone())
        .unwrap_or_default();
    let verdict = if record.status == ReviewStatus::Rejected {
        "rejected"
    } else if draft.is_some() {
        "refused"
    } else if needs_editor(record) {
        "waiting"
    } else if r.vi.is_some() {
        "passed"
    } else {
        "none"
    };
    ClaimView {
        id: c.id.clone(),
        kind: c.kind.as_str(),
        status: record.status.as_str(),
        en: draft
            .and_then(|d| d.en.clone())
            .unwrap_or_else(|| r.en.clone()),
        vi_box,
        vi_published: r.vi.is_some() && draft.is_none(),
        vi_by,
        verdict,
        missing: r.vi_missing.clone().filter(|_| r.vi.is_none()),
        refused: r
            .rejected
            .iter()
            .map(|refused| RefusedView {
                by: refused.engine.clone(),
                text: String::new(),
                reason: refused.reason.clone(),
            })
            .collect(),
        draft: draft.map(|d| RefusedView {
            by: d.editor.clone(),
            text: d.vi.clone().or_else(|| d.en.clone()).unwrap_or_default(),
            reason: d.reason.clone(),
        }),
        paragraph: article.map_or_else(|| whole(c), |a| pieces(c, a)),
        // A pronoun says nothing on its own: the paragraph shows who it is.
        said_by: c
            .attribution
            .as_ref()
            .filter(|a| {
                !matches!(
                    a.source.to_lowercase().as_str(),
                    "he" | "she" | "it" | "they" | "we" | "i" | "you"
                )
            })
            .map(|a| format!("{} ({})", a.source, a.cue)),
        figures: c.figures.iter().map(|f| f.text.clone()).collect(),
        needs_editor: needs_editor(record),
        bullet_en: None,
        bullet_vi: None,
        in_takeaway: false,
    }
}

/// What a piece of the paragraph is marked as.
#[derive(Clone, Copy)]
enum Mark {
    Figure(&'static str),
    Said(&'static str),
}

/// The claim's sentence alone, when its article is not at hand.
fn whole(c: &Claim) -> Vec<Piece> {
    vec![Piece {
        text: c.text.clone(),
        sentence: true,
        figure: None,
        said: None,
    }]
}

/// The paragraph holding the claim, cut at the sentence's edges, at each figure and at the
/// attribution's source and cue (which may sit in an earlier sentence of the paragraph: a
/// quote takes the speaker just named). Stale or broken spans (an article stored by an older
/// bantin) fall back to the sentence.
pub fn pieces(c: &Claim, a: &Article) -> Vec<Piece> {
    let text = a.text.as_str();
    let [ps, pe] = a
        .paragraphs
        .get(c.paragraph)
        .map(|p| p.span)
        .unwrap_or(c.span);
    let [ss, se] = c.span;
    let fits = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    if !(fits(ps, pe) && fits(ss, se) && ps <= ss && se <= pe && text[ss..se] == c.text) {
        return whole(c);
    }
    // What is marked: figures inside the sentence, the attribution inside the paragraph.
    let mut marks: Vec<(usize, usize, Mark)> = c
        .figures
        .iter()
        .map(|f| (f.span[0], f.span[1], Mark::Figure(f.kind.as_str())))
        .filter(|&(s, e, _)| ss <= s && e <= se)
        .collect();
    if let Some(a) = &c.attribution {
        for (span, part) in [(a.source_span, "source"), (a.cue_span, "cue")] {
            if let Some([s, e]) = span {
                marks.push((s, e, Mark::Said(part)));
            }
        }
    }
    marks.retain(|&(s, e, _)| ps <= s && e <= pe && s < e && fits(s, e));
    marks.sort_by_key(|m| m.0);
    let mut out = Vec::new();
    let mut push = |from: usize, to: usize, mark: Option<Mark>| {
        if from < to {
            out.push(Piece {
                text: text[from..to].to_string(),
                sentence: ss <= from && to <= se,
                figure: match mark {
                    Some(Mark::Figure(kind)) => Some(kind),
                    _ => None,
                },
                said: match mark {
                    Some(Mark::Said(part)) => Some(part),
                    _ => None,
                },
            });
        }
    };
    // The paragraph cut at the sentence's edges and at every mark, in order.
    let mut cuts = vec![ps, ss, se, pe];
    for &(s, e, _) in &marks {
        cuts.extend([s, e]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut at = ps;
    let mut marks = marks.into_iter().peekable();
    while at < pe {
        // Overlapping marks: the first one is marked.
        while marks.peek().is_some_and(|m| m.0 < at) {
            marks.next();
        }
        if let Some(&(s, e, mark)) = marks.peek()
            && s == at
        {
            push(s, e, Some(mark));
            marks.next();
            at = e;
            continue;
        }
        let next = cuts.iter().copied().find(|&x| x > at).unwrap_or(pe);
        push(at, next, None);
        at = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Figure, FigureKind, Paragraph};

    fn article(text: &str) -> Article {
        Article {
            url: "https://example.com/a".into(),
            canonical_url: None,
            title: "T".into(),
            byline: None,
            published: None,
            lang: Some("en".into()),
            site: None,
            text: text.into(),
            paragraphs: vec![Paragraph {
                span: [0, text.len()],
                kind: Block::Text,
            }],
            fetched_at: None,
            content_hash: String::new(),
            verdict: Default::default(),
            modified: None,
            description: None,
            opinion: false,
        }
    }

    #[test]
    fn a_paragraph_is_cut_at_its_claim_and_every_figure_in_it() {
        let text = "Before. It rose 12% to $5 million. After.";
        let s = text.find("It").unwrap();
        let e = text.find(" After").unwrap();
        let f1 = text.find("12%").unwrap();
        let f2 = text.find("$5 million").unwrap();
        let c: Claim = serde_json::from_value(serde_json::json!({
            "id": "x", "article": "https://example.com/a", "kind": "figure",
            "text": &text[s..e], "span": [s, e], "paragraph": 0,
            "figures": [
                Figure::new("12%", [f1, f1 + 3], FigureKind::Percent),
                Figure::new("$5 million", [f2, f2 + 10], FigureKind::Money)
            ],
            "attribution": null, "entities": []
        }))
        .unwrap();
        let p = pieces(&c, &article(text));
        let texts: Vec<(&str, bool, Option<&str>)> = p
            .iter()
            .map(|p| (p.text.as_str(), p.sentence, p.figure))
            .collect();
        assert_eq!(
            texts,
            [
                ("Before. ", false, None),
                ("It rose ", true, None),
                ("12%", true, Some("percent")),
                (" to ", true, None),
                ("$5 million", true, Some("money")),
                (".", true, None),
                (" After.", false, None),
            ]
        );
    }

    #[test]
    fn who_said_it_is_marked_where_the_paragraph_names_them() {
        let text = "Growth will reach 4%, the ministry said. \"We expect more jobs in every province.\" After.";
        let claims = crate::claims::extract(&article(text), &Default::default());
        let quote = claims
            .iter()
            .find(|c| c.text.starts_with('"'))
            .expect("the quote");
        let marked = |c: &Claim| {
            pieces(c, &article(text))
                .into_iter()
                .filter_map(|p| p.said.map(|part| (p.text, part, p.sentence)))
                .collect::<Vec<_>>()
        };
        let first = [
            ("the ministry".to_string(), "source", true),
            ("said".to_string(), "cue", true),
        ];
        assert_eq!(marked(&claims[0]), first);
        // The quote takes the speaker just named: marked in the sentence before it.
        assert_eq!(marked(quote), first.map(|(t, part, _)| (t, part, false)));
    }

    #[test]
    fn a_stale_span_shows_the_sentence_alone() {
        let c: Claim = serde_json::from_value(serde_json::json!({
            "id": "x", "article": "a", "kind": "figure", "text": "Gone.", "span": [500, 505],
            "paragraph": 9, "figures": [], "attribution": null, "entities": []
        }))
        .unwrap();
        assert_eq!(pieces(&c, &article("Other text.")), whole(&c));
    }

    fn claim_of(id: &str, text: &str, needs: bool) -> ClaimRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "article": "https://example.com/a", "kind": "statement", "text": text,
            "span": [0, 0], "paragraph": 0, "figures": [], "attribution": null, "entities": [],
            "salience": 0.0, "en": text, "vi": null, "vi_origin": null, "status": "pending",
            "needs_translation": needs
        }))
        .unwrap()
    }

    #[test]
    fn a_story_shows_its_pin_claims_and_bullets_and_puts_what_needs_the_editor_first() {
        use crate::model::{Bilingual, BriefItem, Bullet};
        let claims = vec![
            claim_of("done", "Rates rose to 5% in May, the bank said.", false),
            claim_of(
                "pin",
                "Rates are at their highest since 2001, the bank said.",
                false,
            ),
            claim_of(
                "wait",
                "Prices of food rose 3% in the month of May this year.",
                true,
            ),
            claim_of("other", "The bank opened in 1990 in the capital.", false),
        ];
        let item = BriefItem {
            headline: Bilingual {
                en: "Rates rise".into(),
                vi: None,
            },
            en: vec![
                Bullet {
                    claim: "done".into(),
                    text: "Rates rose to 5% in May.".into(),
                },
                Bullet {
                    claim: "wait".into(),
                    text: "Prices of food rose 3% in the month of May this year.".into(),
                },
            ],
            vi: Vec::new(),
            takeaway: Bilingual::default(),
            takeaway_claims: vec!["pin".into()],
            sources: Vec::new(),
            needs_translation: vec!["wait".into()],
            dropped: Vec::new(),
            rejected: Vec::new(),
            score: 1.0,
        };
        let brief = Brief {
            date: NaiveDate::from_ymd_opt(2025, 6, 5).unwrap(),
            items: vec![item],
            also: Vec::new(),
        };
        let v = day(
            brief.date,
            Some(&brief),
            claims,
            &HashMap::new(),
            &[],
            Filter::All,
            None,
        );
        let ids: Vec<&str> = v.stories[0].claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["wait", "pin", "done"]);
        let pin = &v.stories[0].claims[1];
        assert!(pin.in_takeaway && pin.bullet_en.is_none());
        let done = &v.stories[0].claims[2];
        assert_eq!(done.bullet_en.as_deref(), Some("Rates rose to 5% in May."));
        assert_eq!(v.others[0].claims[0].id, "other");
        // Filtered to what waits, the claim just changed stays in sight.
        let v = day(
            brief.date,
            Some(&brief),
            vec![
                claim_of("done", "Rates rose to 5% in May, the bank said.", false),
                claim_of("wait", "Prices of food rose 3% in the month of May.", true),
            ],
            &HashMap::new(),
            &[],
            Filter::NeedsTranslation,
            Some("done"),
        );
        let ids: Vec<&str> = v.stories[0].claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["wait", "done"]);
    }
}
