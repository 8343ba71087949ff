//! A day's articles and claims in, a bilingual [`Brief`] out; pure.
//!
//! Ranks each article's claims, groups articles about the same story into one item that
//! cites every source, writes each selected claim as a short English bullet and (when it can
//! be rendered completely) a Vietnamese one, and drops any bullet that fails the faithfulness
//! check. Vietnamese comes, in order, from the editor, the translation memory, then the engine.

use std::collections::HashSet;
use std::sync::LazyLock;

use anyhow::Result;
use chrono::NaiveDate;
use regex::Regex;

use crate::check;
use crate::check::gate::Facts;
use crate::glossary::Glossary;
use crate::model::{
    AlsoItem, Article, Bilingual, Brief, BriefItem, Bullet, Claim, ClaimKind, ClaimRecord, Dropped,
    Rejected, Rendering, ReviewStatus, SourceRef, ViOrigin,
};
use crate::rank;
use crate::render::ucfirst;
use crate::translate::chain::{Job, Outcome};

/// What building a brief needs besides the articles.
pub struct Ctx<'a> {
    /// The Vietnamese of a day's sentences: the engines in order behind the gate
    /// ([`crate::translate::chain::Chain::render`]), all of a day's sentences at once.
    pub vietnamese: &'a dyn Fn(&[Job<'_>]) -> Vec<Outcome>,
    /// The glossary, for the gate on an editor's or the memory's Vietnamese.
    pub glossary: &'a Glossary,
    /// The translation memory: an editor's Vietnamese for an English text.
    pub memory: &'a dyn Fn(&str) -> Option<String>,
    /// How many bullets.
    pub limits: rank::Limits,
    /// Stories told in full; the others are one line each ("Also today").
    pub max_stories: usize,
}

/// One article with its claims (and what review made of them).
pub type Entry = (Article, Vec<ClaimRecord>);

/// Builds the brief of `date`; returns it with every claim's rendering made again (salience,
/// Vietnamese).
pub fn build(date: NaiveDate, entries: Vec<Entry>, ctx: &Ctx) -> Result<(Brief, Vec<ClaimRecord>)> {
    let mut entries = entries;
    for (a, cs) in &mut entries {
        let saliences = rank::score(cs.iter().map(|c| &c.claim), &a.title);
        for (c, s) in cs.iter_mut().zip(saliences) {
            c.rendering.salience = s;
        }
    }
    let (mut plans, empty): (Vec<Plan>, Vec<Plan>) = stories(&entries)
        .iter()
        .map(|g| plan(g.iter().map(|&i| &entries[i]).collect(), ctx))
        .partition(|p| !p.picks.is_empty());
    // The most important stories are told in full; the rest of the day in one line each.
    plans.sort_by(|a, b| b.score().total_cmp(&a.score()));
    let rest = plans.split_off(plans.len().min(ctx.max_stories.max(1)));
    // Every sentence an engine must write, the whole day at once: servers take them in
    // parallel. (plan, pick; `None` for the headline)
    let mut jobs: Vec<Job> = Vec::new();
    let mut slots: Vec<(usize, Option<usize>)> = Vec::new();
    for (p, plan) in plans.iter().enumerate() {
        if let Some(job) = plan.headline_job() {
            jobs.push(job);
            slots.push((p, None));
        }
        for (k, pick) in plan.picks.iter().enumerate() {
            if pick.given.is_some() || pick.fragment.is_some() {
                continue;
            }
            jobs.push(Job {
                text: &pick.claim.text,
                bullet: &pick.en,
                figures: &pick.claim.figures,
                kind: Some(pick.claim.kind),
                attribution: pick.claim.attribution.as_ref(),
                published: pick.article.published.map(|d| d.date_naive()),
                headline: Some(&pick.article.title),
                // The rules' draft is published once an editor approved it: an edit of the
                // English alone approves no Vietnamese.
                approved: pick.status == ReviewStatus::Approved,
            });
            slots.push((p, Some(k)));
        }
    }
    // The other stories' headlines go through the engines too, for the Vietnamese page.
    let first_rest = jobs.len();
    let mut rest_slot: Vec<Option<usize>> = Vec::new();
    for plan in &rest {
        rest_slot.push(plan.headline_job().map(|job| {
            jobs.push(job);
            jobs.len() - 1 - first_rest
        }));
    }
    let mut outcomes = if jobs.is_empty() {
        Vec::new()
    } else {
        (ctx.vietnamese)(&jobs)
    };
    let rest_outcomes = outcomes.split_off(first_rest.min(outcomes.len()));
    let mut headline: Vec<Outcome> = vec![Outcome::default(); plans.len()];
    let mut per_pick: Vec<Vec<Option<Outcome>>> =
        plans.iter().map(|p| vec![None; p.picks.len()]).collect();
    for ((p, k), o) in slots.into_iter().zip(outcomes) {
        match k {
            None => headline[p] = o,
            Some(k) => per_pick[p][k] = Some(o),
        }
    }
    let mut items = Vec::new();
    // Claims of stories with nothing to say keep no rendering from an earlier brief either.
    let mut all_claims: Vec<ClaimRecord> = empty
        .iter()
        .flat_map(|p| p.group.iter().flat_map(|(_, cs)| afresh(cs)))
        .collect();
    for ((plan, head), outs) in plans.iter().zip(headline).zip(per_pick) {
        let (item, claims) = item(plan, head, outs, ctx)?;
        if let Some(item) = item {
            items.push(item);
        }
        all_claims.extend(claims);
    }
    items.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut also = Vec::new();
    for (plan, slot) in rest.iter().zip(rest_slot) {
        let primary = &plan.group[0].0;
        also.push(AlsoItem {
            headline: Bilingual {
                en: primary.title.clone(),
                vi: slot
                    .and_then(|k| rest_outcomes.get(k))
                    .and_then(|o| o.vi.clone()),
            },
            sources: plan.sources(),
        });
        // Their claims keep no rendering from an earlier brief.
        all_claims.extend(plan.group.iter().flat_map(|(_, cs)| afresh(cs)));
    }
    Ok((Brief { date, items, also }, all_claims))
}

/// Groups articles of the same story: same canonical URL or much the same title and lead.
fn stories(entries: &[Entry]) -> Vec<Vec<usize>> {
    let keys: Vec<HashSet<String>> = entries
        .iter()
        .map(|(a, _)| {
            let lead: String = a
                .paragraphs
                .iter()
                .take(2)
                .map(|p| &a.text[p.span[0]..p.span[1]])
                .collect::<Vec<_>>()
                .join(" ");
            rank::content_words(&format!("{} {}", a.title, lead))
                .into_iter()
                .collect()
        })
        .collect();
    let mut group_of: Vec<usize> = (0..entries.len()).collect();
    for i in 0..entries.len() {
        for j in 0..i {
            let same_url = entries[i].0.canonical_url.is_some()
                && entries[i].0.canonical_url == entries[j].0.canonical_url;
            if same_url || rank::jaccard(&keys[i], &keys[j]) >= 0.2 {
                group_of[i] = group_of[j];
                break;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..entries.len() {
        match groups.iter_mut().find(|g| group_of[g[0]] == group_of[i]) {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

fn words(a: &Article) -> usize {
    a.text.split_whitespace().count()
}

/// A story's articles (longest first) and the claims picked for its bullets.
struct Plan<'a> {
    group: Vec<&'a Entry>,
    picks: Vec<Pick<'a>>,
    /// The figures of the primary article's title.
    title_figures: Vec<crate::model::Figure>,
}

/// A claim picked for a bullet.
struct Pick<'a> {
    article: &'a Article,
    claim: &'a Claim,
    /// What ranking and an editor made of it.
    rendering: &'a Rendering,
    status: ReviewStatus,
    /// The English bullet.
    en: String,
    /// Vietnamese no engine needs to write: an editor's, or the translation memory's.
    given: Option<(String, ViOrigin)>,
    /// Why the sentence is the piece of one split in the wrong place: no engine gets it.
    fragment: Option<String>,
}

impl Plan<'_> {
    /// How much the story matters: its three most salient claims, more with more sources.
    fn score(&self) -> f64 {
        let mut saliences: Vec<f64> = self.picks.iter().map(|p| p.rendering.salience).collect();
        saliences.sort_by(|a, b| b.total_cmp(a));
        saliences.iter().take(3).sum::<f64>() * (1.0 + 0.5 * (self.group.len() as f64 - 1.0))
    }

    /// The headline for the engines; a title of one word (a text file's name) is none.
    fn headline_job(&self) -> Option<Job<'_>> {
        let primary = &self.group[0].0;
        (primary.title.split_whitespace().count() >= 2).then(|| Job {
            text: &primary.title,
            bullet: &primary.title,
            figures: &self.title_figures,
            kind: None,
            attribution: None,
            published: primary.published.map(|d| d.date_naive()),
            headline: None,
            approved: false,
        })
    }

    fn sources(&self) -> Vec<SourceRef> {
        self.group
            .iter()
            .map(|(a, _)| SourceRef {
                url: a.url.clone(),
                title: a.title.clone(),
                site: a.site.clone(),
            })
            .collect()
    }
}

/// Forgets what an earlier brief made of a claim, to be made again; only an editor's
/// Vietnamese stays (and the salience just computed).
fn fresh(r: &mut Rendering) {
    if r.vi_origin != Some(ViOrigin::Human) {
        r.vi = None;
        r.vi_origin = None;
    }
    r.needs_translation = false;
    r.vi_missing = None;
    r.vi_engine = None;
    r.vi_draft = None;
    r.rejected.clear();
}

/// Claims with their renderings [`fresh`].
fn afresh(cs: &[ClaimRecord]) -> impl Iterator<Item = ClaimRecord> + '_ {
    cs.iter().cloned().map(|mut c| {
        fresh(&mut c.rendering);
        c
    })
}

fn plan<'a>(mut group: Vec<&'a Entry>, ctx: &Ctx) -> Plan<'a> {
    group.sort_by_key(|(a, _)| std::cmp::Reverse(words(a)));
    let (primary, primary_claims) = group[0];
    let mut picked: Vec<(&Article, &ClaimRecord)> =
        rank::select(primary_claims, words(primary), &ctx.limits)
            .into_iter()
            .map(|c| (primary, c))
            .collect();
    // Other sources of the story add what the first one does not say.
    for (a, cs) in &group[1..] {
        let extra = rank::Limits {
            exact: Some(2),
            ..ctx.limits
        };
        for c in rank::select(cs, words(a), &extra) {
            let w: HashSet<String> = rank::content_words(&c.claim.text).into_iter().collect();
            let dup = picked.iter().any(|(_, p)| {
                rank::jaccard(
                    &w,
                    &rank::content_words(&p.claim.text).into_iter().collect(),
                ) > 0.3
            });
            if !dup {
                picked.push((a, c));
            }
        }
    }
    // A story has at most `max` bullets, whatever its number of sources: the most salient
    // stay, in their order.
    let cap = ctx.limits.exact.unwrap_or(ctx.limits.max).max(1);
    if picked.len() > cap {
        let mut by_salience: Vec<usize> = (0..picked.len()).collect();
        by_salience.sort_by(|&a, &b| {
            picked[b]
                .1
                .rendering
                .salience
                .total_cmp(&picked[a].1.rendering.salience)
        });
        let keep: HashSet<usize> = by_salience.into_iter().take(cap).collect();
        picked = picked
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep.contains(i))
            .map(|(_, p)| p)
            .collect();
    }
    let picks = picked
        .into_iter()
        .map(|(article, record)| {
            let (claim, rendering) = (&record.claim, &record.rendering);
            let edited = rendering.vi_origin == Some(ViOrigin::Human)
                || record.status == ReviewStatus::Edited;
            let en = if edited {
                rendering.en.clone()
            } else {
                let source = claim.attribution.as_ref().map(|a| a.source.as_str());
                compress(&shorten(&rendering.en), source)
            };
            let given = if rendering.vi_origin == Some(ViOrigin::Human) {
                rendering.vi.clone().map(|v| (v, ViOrigin::Human))
            } else {
                (ctx.memory)(&claim.text)
                    .or_else(|| (ctx.memory)(&en))
                    .map(|v| (v, ViOrigin::Memory))
            };
            Pick {
                article,
                claim,
                rendering,
                status: record.status,
                en,
                given,
                // "population, reported a ...": the bullet's capital letter must not hide it.
                fragment: crate::claims::segment::fragment(&claim.text),
            }
        })
        .collect();
    let title_figures =
        crate::claims::figures::find(&primary.title, primary.published.map(|d| d.date_naive()));
    Plan {
        group,
        picks,
        title_figures,
    }
}

fn item(
    plan: &Plan,
    headline: Outcome,
    outcomes: Vec<Option<Outcome>>,
    ctx: &Ctx,
) -> Result<(Option<BriefItem>, Vec<ClaimRecord>)> {
    let group = &plan.group;
    let primary = &group[0].0;
    // What an earlier brief made of a claim is made again below; only an editor's stays.
    let mut updated: Vec<ClaimRecord> = group.iter().flat_map(|(_, cs)| afresh(cs)).collect();
    if plan.picks.is_empty() {
        return Ok((None, updated));
    }
    let mut it = BriefItem {
        headline: Bilingual {
            en: primary.title.clone(),
            vi: headline.vi.clone(),
        },
        en: Vec::new(),
        vi: Vec::new(),
        takeaway: Bilingual::default(),
        takeaway_claims: Vec::new(),
        sources: plan.sources(),
        needs_translation: Vec::new(),
        dropped: Vec::new(),
        rejected: headline
            .rejected
            .iter()
            .map(|(engine, reason)| Rejected {
                claim: format!("headline:{}", primary.url),
                engine: engine.clone(),
                reason: reason.clone(),
            })
            .collect(),
        score: 0.0,
    };
    // Each cited article is read once for checking, whatever the number of its bullets.
    let sources: Vec<check::Source> = group
        .iter()
        .map(|(a, cs)| {
            let figs = cs
                .iter()
                .flat_map(|c| c.claim.figures.iter().cloned())
                .collect();
            check::Source::new(&a.text, figs, a.published.map(|p| p.date_naive()))
        })
        .collect();
    // Every claim that passed the check, for the takeaway.
    let mut leads: Vec<Lead> = Vec::new();
    for (pick, outcome) in plan.picks.iter().zip(outcomes) {
        let (article, claim, en) = (pick.article, pick.claim, &pick.en);
        let src = group
            .iter()
            .position(|(a, _)| a.url == article.url)
            .map(|i| &sources[i])
            .expect("every picked claim comes from an article of the group");
        let mut outcome = outcome.unwrap_or_default();
        let mut origin = outcome.vi.as_ref().map(|_| {
            if outcome.engine.as_deref() == Some("rules") {
                ViOrigin::Template
            } else {
                ViOrigin::Engine
            }
        });
        if let Some((v, o)) = &pick.given {
            outcome.vi = Some(v.clone());
            origin = Some(*o);
        }
        if let Some(why) = &pick.fragment
            && pick.given.is_none()
        {
            outcome.missing = Some(why.clone());
        }
        let mut en_ok = true;
        match check::english(en, src) {
            Ok(()) => it.en.push(Bullet {
                claim: claim.id.clone(),
                text: en.clone(),
            }),
            Err(reason) => {
                en_ok = false;
                it.dropped.push(Dropped {
                    claim: claim.id.clone(),
                    lang: "en".into(),
                    text: en.clone(),
                    reason,
                });
            }
        }
        // The gate again for what no engine wrote (an editor's, the memory's); the engines'
        // answers passed it already.
        if let (Some(v), Some(_)) = (&outcome.vi, &pick.given) {
            let facts = Facts::new(&claim.text, claim.figures.clone(), ctx.glossary);
            if let Err(r) = facts.check(v) {
                it.dropped.push(Dropped {
                    claim: claim.id.clone(),
                    lang: "vi".into(),
                    text: v.clone(),
                    reason: r.to_string(),
                });
                outcome.vi = None;
            }
        }
        let mut vi_ok = None;
        match &outcome.vi {
            Some(v) if en_ok => {
                it.vi.push(Bullet {
                    claim: claim.id.clone(),
                    text: v.clone(),
                });
                vi_ok = Some(v.clone());
            }
            Some(_) => {}
            None => it.needs_translation.push(claim.id.clone()),
        }
        let rejected: Vec<Rejected> = outcome
            .rejected
            .iter()
            .map(|(engine, reason)| Rejected {
                claim: claim.id.clone(),
                engine: engine.clone(),
                reason: reason.clone(),
            })
            .collect();
        it.rejected.extend(rejected.iter().cloned());
        if en_ok {
            let source = claim.attribution.as_ref().map(|a| a.source.as_str());
            // An editor's text (or the memory's) is said as written: the 📌 cuts no list of it.
            let edited_en = pick.status == ReviewStatus::Edited;
            leads.push(Lead {
                salience: pick.rendering.salience,
                claim: claim.id.clone(),
                kind: claim.kind,
                en: if edited_en {
                    core_en(en)
                } else {
                    core_en(&without_list_en(en, source))
                },
                vi: vi_ok.as_deref().map(|v| {
                    if pick.given.is_some() {
                        v.to_string()
                    } else {
                        without_list_vi(v)
                    }
                }),
                asserted: asserted(claim),
            });
        }
        if let Some(u) = updated.iter_mut().find(|u| u.claim.id == claim.id) {
            let u = &mut u.rendering;
            u.vi = outcome.vi.clone();
            u.vi_origin = outcome.vi.as_ref().and(origin);
            u.vi_engine = outcome.vi.as_ref().and(outcome.engine.clone());
            u.needs_translation = outcome.vi.is_none();
            u.vi_missing = if outcome.vi.is_none() {
                outcome.missing.clone()
            } else {
                None
            };
            u.vi_draft = outcome.draft.clone();
            u.rejected = rejected;
        }
    }
    let engine_headline = it.headline.vi.is_some();
    // The main claim: the first of the most salient.
    let main = leads
        .iter()
        .reduce(|best, l| if l.salience > best.salience { l } else { best });
    let asserted = main.is_some_and(|m| m.asserted);
    // No engine wrote the headline: the main claim's statement, without its list of examples.
    // What a document found loses its "Theo X," (its bullet says who); what a person or an
    // organisation says keeps it, so a heading never states an allegation as fact.
    if it.headline.vi.is_none()
        && let Some(v) = main.and_then(|m| m.vi.as_deref())
    {
        let statement = match v.strip_prefix("Theo ") {
            Some(rest) if !asserted => rest.split_once(", ").map_or(v, |(_, s)| s),
            _ => v,
        };
        let statement = list_start_vi(statement).map_or(statement, |i| &statement[..i]);
        it.headline.vi = Some(ucfirst(statement.trim().trim_end_matches('.')));
    }
    let pin = takeaway(&mut leads, it.en.len(), engine_headline);
    it.en.retain(|b| !pin.moved_en.contains(&b.claim));
    it.vi.retain(|b| !pin.moved_vi.contains(&b.claim));
    it.takeaway = pin.text;
    it.takeaway_claims = pin.told;
    it.score = plan.score();
    Ok((Some(it), updated))
}

/// What a document is called: its findings are facts it reports, not someone's assertion.
const DOCUMENTS: &[&str] = &[
    "report",
    "study",
    "survey",
    "index",
    "data",
    "figure",
    "tracker",
    "analysi",
    "poll",
    "research",
    "statistic",
    "paper",
    "review",
    "ranking",
    "census",
    "estimate",
];

/// Whether a claim is what a person or an organisation says rather than what a document
/// found: its source and the words after its cue name no document ("according to a report
/// released by X" is a document's, whoever released it).
fn asserted(claim: &Claim) -> bool {
    claim.attribution.as_ref().is_some_and(|a| {
        let after_cue = claim
            .text
            .find(&a.cue)
            .map_or("", |i| &claim.text[i + a.cue.len()..]);
        let named: Vec<&str> = std::iter::once(a.source.as_str())
            .chain(after_cue.split_whitespace().take(4))
            .collect();
        !named
            .join(" ")
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| DOCUMENTS.contains(&w.trim_end_matches('s')))
    })
}

/// A claim that passed the check, as the 📌 line may use it.
struct Lead {
    salience: f64,
    claim: String,
    kind: ClaimKind,
    /// Its core: without a list of examples or trailing asides, with who said it.
    en: String,
    vi: Option<String>,
    /// Said by a person or an organisation ([`asserted`]).
    asserted: bool,
}

/// The 📌 line and the bullets it takes the place of.
struct Pin {
    text: Bilingual,
    /// Every claim the 📌 states.
    told: Vec<String>,
    /// Claims whose English bullet the 📌 says instead.
    moved_en: Vec<String>,
    /// Claims whose Vietnamese bullet the 📌 says instead.
    moved_vi: Vec<String>,
}

/// The 📌 line: the story's main claim (the most salient), then what changed or what it means
/// (the most salient comparison or forecast after it), each with its own attribution and
/// without its list of examples, as two sentences. So that it repeats no bullet, the claims it
/// states leave the bullets, while one bullet stays. Nothing is joined by a word the
/// source did not use ("while", "but"), so no claim is given another's source or a contrast it
/// lacks. In Vietnamese it never says the headline again: when the headline is the main
/// claim's (no engine translated the title), the main claim stays a bullet there.
fn takeaway(leads: &mut [Lead], bullets: usize, engine_headline: bool) -> Pin {
    leads.sort_by(|a, b| b.salience.total_cmp(&a.salience));
    let sentence = |s: &str| {
        let s = s.trim().trim_end_matches(['.', ';', ',']);
        format!("{}.", ucfirst(s))
    };
    // A takeaway is one line: a second claim that would make it long stays a bullet only.
    const MAX_WORDS: usize = 70;
    let words = |s: &str| s.split_whitespace().count();
    let Some(main) = leads.first() else {
        return Pin {
            text: Bilingual::default(),
            told: Vec::new(),
            moved_en: Vec::new(),
            moved_vi: Vec::new(),
        };
    };
    let change = leads[1..]
        .iter()
        .find(|l| matches!(l.kind, ClaimKind::Comparison | ClaimKind::Forecast))
        .filter(|l| words(&main.en) + words(&l.en) <= MAX_WORDS);
    let mut told: Vec<&Lead> = vec![main];
    told.extend(change);
    // Claims leave the bullets while one stays; what cannot leave is not told (a story of
    // one bullet has its main claim's core as the 📌).
    let movable = bullets.saturating_sub(1).min(told.len());
    told.truncate(movable.max(1));
    let en = told
        .iter()
        .map(|l| sentence(&l.en))
        .collect::<Vec<_>>()
        .join(" ");
    let moved_en: Vec<String> = told[..movable].iter().map(|l| l.claim.clone()).collect();
    let vi_told: Vec<&Lead> = told
        .iter()
        .copied()
        .filter(|l| l.vi.is_some())
        .filter(|l| engine_headline || l.claim != main.claim)
        .collect();
    let vi = vi_told
        .iter()
        .filter_map(|l| l.vi.as_deref().map(sentence))
        .collect::<Vec<_>>()
        .join(" ");
    let moved_vi = vi_told
        .iter()
        .filter(|l| moved_en.contains(&l.claim))
        .map(|l| l.claim.clone())
        .collect();
    Pin {
        text: Bilingual {
            en,
            vi: (!vi.is_empty()).then_some(vi),
        },
        told: told.iter().map(|l| l.claim.clone()).collect(),
        moved_en,
        moved_vi,
    }
}

/// The shortest form of a bullet that keeps its main clause, its figures and who said it:
/// trailing asides and clauses are cut as `translate::shorter` allows, never an attribution.
fn core_en(text: &str) -> String {
    let body = text.trim_end_matches('.');
    // Never cut inside a quotation: a shorter form keeps every quotation whole.
    crate::translate::shorter(body, None)
        .into_iter()
        .filter(|kept| rank::quotes_balanced(kept))
        .rfind(|kept| {
            !body[kept.len()..]
                .split(|c: char| !c.is_alphanumeric())
                .any(crate::lang::en::is_saying)
        })
        .unwrap_or_else(|| body.to_string())
}

/// A list opener and what follows it, when it carries no figure: "..., namely AI, biotech
/// and space, according to X" -> "..., according to X". The attribution stays.
fn without_list_en(text: &str, source: Option<&str>) -> String {
    const OPENERS: &[&str] = &[
        ", including ",
        ", namely ",
        ", such as ",
        ", which included ",
    ];
    let Some(start) = OPENERS.iter().filter_map(|o| text.find(o)).min() else {
        return text.to_string();
    };
    let rest = &text[start + 1..];
    let end = [
        Some(", according to ".to_string()),
        source.map(|s| format!(", {s}")),
    ]
    .into_iter()
    .flatten()
    .filter_map(|m| rest.find(&m).map(|i| start + 1 + i))
    .min()
    .unwrap_or(text.len());
    let cut = &text[start..end];
    if !crate::claims::figures::find(cut, None).is_empty() {
        return text.to_string();
    }
    format!("{}{}", &text[..start], &text[end..])
}

/// Whether `aside` (between commas after `before`) describes what precedes it rather than
/// states the sentence's news: it follows no subordinate opening ("As", "When", "After" ...),
/// and a noun phrase ("a/an/the ...") has no verb before its own "that", "who" or "which"
/// ("the first cases came to light" is a clause; "a university that grew fast" describes).
fn describes(before: &str, aside: &str) -> bool {
    const SUBORDINATE: &[&str] = &[
        "as", "when", "while", "although", "though", "if", "because", "after", "before", "since",
        "unless", "until", "whereas", "once",
    ];
    const VERBS: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "came", "come", "comes", "said", "says",
        "went", "goes", "made", "makes", "took", "takes", "will", "would", "can", "could", "may",
        "might", "must", "did", "does", "do", "got", "gets", "saw", "found", "became", "left",
        "began", "rose", "fell", "grew", "won", "lost", "told", "gave",
    ];
    let opening = before.split_whitespace().next().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    if opening.is_some_and(|w| SUBORDINATE.contains(&w.as_str())) {
        return false;
    }
    let words: Vec<String> = aside
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if !matches!(words.first().map(String::as_str), Some("a" | "an" | "the")) {
        return true; // "who ...", "which ...": a relative clause describes
    }
    let verb = |w: &str| VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed"));
    // What it would describe is a noun phrase, not a clause: "Officials had hoped ..., the
    // virus spread ..." joins clauses.
    let host = before.rsplit(", ").next().unwrap_or(before);
    if host
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| verb(&w))
    {
        return false;
    }
    for w in &words[1..] {
        if matches!(w.as_str(), "that" | "who" | "which" | "whose") {
            return true;
        }
        if verb(w) {
            return false;
        }
    }
    true
}

/// Words a bullet aims at: a longer one loses what holds no figure and no name.
const BULLET_TARGET: usize = 25;

/// An aside between commas that describes what comes before it: ", a regional university in
/// the south," or ", which opened in the spring,".
static DESCRIBING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r", (?:a|an|the|who|which|whose) [^,;“”\x22]{3,90},").expect("aside regex")
});

/// A relative clause at the end of a sentence, and its closing stop.
static TRAILING_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r", (?:who|which|whose) [^,;“”\x22]{3,90}?([.!?])$").expect("trailing clause regex")
});

/// A bullet over [`BULLET_TARGET`] words without what says least: its list of examples and
/// its describing asides, when they hold no figure, no name and no part of a quotation. The
/// rest is the sentence's own words in its own order.
fn compress(en: &str, source: Option<&str>) -> String {
    let long = |s: &str| s.split_whitespace().count() > BULLET_TARGET;
    if !long(en) {
        return en.to_string();
    }
    let moved = source.and_then(|src| source_last(en, src));
    let en = moved.as_deref().unwrap_or(en);
    let listless = without_list_en(en, source);
    // `without_list_en` drops the final stop with a trailing list: the bullet keeps one.
    let mut s = if listless.ends_with(['.', '!', '?']) || !en.ends_with('.') {
        listless
    } else {
        format!("{}.", listless.trim_end_matches([',', ' ']))
    };
    // An aside may go when it holds no figure or name, starts outside any quotation, and
    // describes rather than states: not the main clause after a subordinate one ("As X
    // reports, the first cases came to light ...").
    let may_go = |s: &str, start: usize, aside: &str| {
        rank::quotes_balanced(&s[..start])
            && !aside.contains(|c: char| c.is_ascii_digit() || c.is_uppercase())
            && describes(&s[..start], aside)
    };
    if long(&s) {
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for m in DESCRIBING.find_iter(&s) {
            if !may_go(&s, m.start(), &m.as_str()[1..m.as_str().len() - 1]) {
                continue;
            }
            // Both commas go with it: "X, which opened in May, said" -> "X said".
            out.push_str(&s[last..m.start()]);
            last = m.end();
        }
        out.push_str(&s[last..]);
        s = out;
    }
    // A describing clause that ends the sentence: ", which is compiled every year."
    if long(&s)
        && let Some(c) = TRAILING_RELATIVE.captures(&s)
        && let Some(m) = c.get(0)
        && may_go(&s, m.start(), &m.as_str()[1..])
    {
        s = format!("{}{}", &s[..m.start()], &c[1]);
    }
    s
}

/// "X, describing X, said Y." as "Y, according to X.": the fact first, its source after, the
/// source's description gone when it holds no figure or quotation. Only when Y reads alone: it
/// does not open with a pronoun (whose antecedent is X) or with the time of the saying ("said on
/// Thursday ..."), and holds no quotation mark.
fn source_last(en: &str, source: &str) -> Option<String> {
    const CUES: &[&str] = &[
        "said",
        "says",
        "found",
        "finds",
        "showed",
        "shows",
        "reported",
        "reports",
        "estimated",
        "estimates",
        "concluded",
        "wrote",
        "noted",
    ];
    const NOT_ALONE: &[&str] = &[
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "its",
        "his",
        "her",
        "their",
        "our",
        "this",
        "these",
        "those",
        "that",
        "on",
        "in",
        "at",
        "last",
        "during",
        "after",
        "before",
        "earlier",
        "late",
        "yesterday",
        "today",
        "to",
        "was",
        "were",
        "is",
        "are",
        "would",
        "had",
        "has",
    ];
    let after = en.strip_prefix(source)?;
    let after = match after.strip_prefix(", ") {
        // The source's description: ", released by the university's Belfer Centre,".
        Some(aside) => {
            let end = aside.find(", ")?;
            let described = &aside[..end];
            if described.contains(|c: char| c.is_ascii_digit() || "\"“”(".contains(c)) {
                return None;
            }
            &aside[end + 2..]
        }
        None => after.strip_prefix(' ')?,
    };
    let (cue, rest) = after.split_once(' ')?;
    if !CUES.contains(&cue) {
        return None;
    }
    let rest = rest.strip_prefix("that ").unwrap_or(rest);
    let first = rest.split_whitespace().next()?.to_lowercase();
    if NOT_ALONE.contains(&first.as_str())
        || !rest.ends_with('.')
        || rest.contains(['"', '“', '”'])
        || rest.contains("according to")
        || rest.split_whitespace().count() < 4
    {
        return None;
    }
    let source = match source.split_once(' ') {
        Some((w @ ("The" | "A" | "An"), tail)) => format!("{} {tail}", w.to_lowercase()),
        _ => source.to_string(),
    };
    Some(format!(
        "{}, according to {source}.",
        crate::render::ucfirst(rest.trim_end_matches('.'))
    ))
}

/// Where a Vietnamese list of examples starts (", gồm ...", ", bao gồm ...").
fn list_start_vi(text: &str) -> Option<usize> {
    [", bao gồm ", ", gồm "]
        .iter()
        .filter_map(|o| text.find(o))
        .min()
}

/// The Vietnamese list ("..., gồm AI, sinh học và không gian") cut from a bullet whose
/// attribution comes first, when it states no number.
fn without_list_vi(text: &str) -> String {
    let Some(start) = list_start_vi(text) else {
        return text.to_string();
    };
    if !crate::claims::vietnamese::parse_numbers(&text[start..]).is_empty() {
        return text.to_string();
    }
    format!("{}.", &text[..start])
}

/// Lead-N: the first N sentences of a plain-text article, as they stand.
pub fn lead(text: &str, n: usize) -> Vec<String> {
    crate::claims::segment::sentences(text, [0, text.len()])
        .into_iter()
        .take(n)
        .map(|s| text[s[0]..s[1]].trim().to_string())
        .collect()
}

static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    let connectives: Vec<String> = crate::lang::en::CONNECTIVES
        .iter()
        .map(|c| crate::render::ucfirst(c))
        .collect();
    Regex::new(&format!(
        r"^(?:(?:{}),\s+|(?:But|And|So|Yet)\s+)",
        connectives.join("|")
    ))
    .expect("lead-in regex")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*)*\s*)?\((?:CNN|AP|AFP|Reuters|Bloomberg|UPI)\)\s*(?:(?:--|—|–|-)\s*)?|^[A-Z]{3,}(?:[ ,]+[A-Z][A-Za-z.]*)*\s+(?:--|—|–)\s+")
        .expect("dateline regex")
});

/// ", he said." at the end: the pronoun names nobody, the bullet reads better without it.
static PRONOUN_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[,;]\s+(?:he|she|they|it|we)\s+(?:said|says|added|told \w+|explained|noted|wrote)(?:\s+(?:on|last)\s+\w+)?\s*([.!?]?)[”\x22]?$")
        .expect("pronoun tail regex")
});

/// A parenthesis with no figure in it ("(pictured)", "(left)"); acronyms are kept.
static ASIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\([^()0-9]{1,60}\)").expect("aside regex"));

/// A bullet from a sentence: the dateline, lead-ins, asides without figures and a
/// pronoun's attribution tail trimmed, first letter capitalised. Nothing is added and no
/// figure or name of a source is removed.
pub fn shorten(sentence: &str) -> String {
    let s = DATELINE.replace(sentence.trim(), "");
    let s = LEAD_IN.replace(&s, "");
    // Acronyms stay: "artificial intelligence (AI)" defines what later bullets use.
    let s = ASIDE.replace_all(&s, |c: &regex::Captures| {
        if c[0].contains(|ch: char| ch.is_lowercase()) {
            String::new()
        } else {
            c[0].to_string()
        }
    });
    let quoted = s.starts_with(['“', '"']);
    let s = if quoted {
        s.to_string()
    } else {
        PRONOUN_TAIL.replace(&s, ".").to_string()
    };
    let s = s.replace(", .", ".").replace(",.", ".");
    ucfirst(s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(salience: f64, claim: &str, kind: ClaimKind, en: &str, vi: Option<&str>) -> Lead {
        Lead {
            salience,
            claim: claim.into(),
            kind,
            en: en.into(),
            vi: vi.map(str::to_string),
            asserted: false,
        }
    }

    fn harvard() -> Vec<Lead> {
        vec![
            lead(
                0.5,
                "b",
                ClaimKind::Statement,
                "Nature Index ranked Sichuan University first",
                None,
            ),
            lead(
                0.4,
                "c",
                ClaimKind::Comparison,
                "China led in 57 of 64 technologies, according to ASPI",
                Some("Theo ASPI, Trung Quốc dẫn đầu 57/64 công nghệ."),
            ),
            lead(
                0.9,
                "a",
                ClaimKind::Finding,
                &core_en(&without_list_en(
                    "The US still leads in critical technologies, namely AI and space, according to a Harvard report.",
                    None,
                )),
                Some("Theo báo cáo của ĐH Harvard, Mỹ vẫn dẫn đầu."),
            ),
            lead(0.1, "d", ClaimKind::Statement, "Nothing else matters", None),
        ]
    }

    #[test]
    fn the_takeaway_states_the_main_claim_and_what_changed_in_place_of_their_bullets() {
        let pin = takeaway(&mut harvard(), 4, true);
        assert_eq!(
            pin.text.en,
            "The US still leads in critical technologies, according to a Harvard report. China led in 57 of 64 technologies, according to ASPI."
        );
        assert_eq!(pin.moved_en, ["a", "c"]);
        assert_eq!(
            pin.text.vi.as_deref(),
            Some(
                "Theo báo cáo của ĐH Harvard, Mỹ vẫn dẫn đầu. Theo ASPI, Trung Quốc dẫn đầu 57/64 công nghệ."
            )
        );
        assert_eq!(pin.moved_vi, ["a", "c"]);
    }

    #[test]
    fn a_bullet_always_stays_and_the_takeaway_says_only_what_left_the_bullets() {
        let pin = takeaway(&mut harvard(), 2, true);
        assert_eq!(pin.moved_en, ["a"]);
        assert_eq!(
            pin.text.en,
            "The US still leads in critical technologies, according to a Harvard report."
        );
        let pin = takeaway(&mut harvard(), 1, true);
        assert!(pin.moved_en.is_empty());
    }

    #[test]
    fn in_vietnamese_the_takeaway_never_says_the_headline_made_of_the_main_claim_again() {
        let pin = takeaway(&mut harvard(), 4, false);
        assert_eq!(
            pin.text.vi.as_deref(),
            Some("Theo ASPI, Trung Quốc dẫn đầu 57/64 công nghệ.")
        );
        assert_eq!(
            pin.moved_vi,
            ["c"],
            "the main claim stays a Vietnamese bullet"
        );
    }

    #[test]
    fn a_second_claim_that_would_make_the_takeaway_long_stays_a_bullet() {
        let long = format!("{} rose 5%", "word ".repeat(80));
        let mut leads = vec![
            lead(
                0.9,
                "a",
                ClaimKind::Finding,
                "The lead claim says 3 things",
                None,
            ),
            lead(0.5, "b", ClaimKind::Comparison, long.trim(), None),
        ];
        let pin = takeaway(&mut leads, 5, true);
        assert_eq!(pin.text.en, "The lead claim says 3 things.");
        assert_eq!(pin.moved_en, ["a"]);
    }

    #[test]
    fn a_list_with_a_figure_stays_in_the_takeaway() {
        let s = "Prices rose in three cities, including Hanoi with 12%, the agency said.";
        assert_eq!(without_list_en(s, Some("the agency")), s);
        assert_eq!(
            without_list_vi("Theo WHO, dịch lan ra 3 nước, gồm Lào và Campuchia."),
            "Theo WHO, dịch lan ra 3 nước."
        );
        assert_eq!(
            core_en("Three cases were found, sparking fears, officials said."),
            "Three cases were found, sparking fears, officials said"
        );
    }

    #[test]
    fn a_long_bullet_loses_its_examples_and_describing_asides_but_no_figure_name_or_quote() {
        let long = "Sichuan University, a regional university that grew fast, had overtaken Stanford University, the Massachusetts Institute of Technology and Oxford University, according to the index, which is compiled every year by the journal's editors.";
        assert_eq!(
            compress(long, None),
            "Sichuan University had overtaken Stanford University, the Massachusetts Institute of Technology and Oxford University, according to the index."
        );
        let named = "Sichuan University, a regional university in southwest China, had overtaken Stanford, Oxford and the University of Tokyo in less than two years of steady growth in output.";
        assert_eq!(compress(named, None), named, "an aside with a name stays");
        let quoted = "\"The plant, which opened in the spring, will close,\" the company said in a statement on its website that was posted early on Friday morning.";
        assert_eq!(compress(quoted, None), quoted, "never cut inside a quote");
        let clause = "As Emily Feng reports for NPR, the first cases came to light last week, when authorities in Beijing announced that two infected individuals sought treatment at a hospital in the capital.";
        assert_eq!(
            compress(clause, None),
            clause,
            "a main clause is not an aside"
        );
        let stated = "Officials had hoped the outbreak would stay small, the virus spread to the capital within days, and hospitals there ran out of beds for the sick by the end of the first week.";
        assert!(
            compress(stated, None).contains("the virus spread"),
            "a clause between commas stays"
        );
        let short = "The plant, which opened in May, will close.";
        assert_eq!(compress(short, None), short, "a short bullet is left alone");
        let listed = "The United States continued to lead China in critical technologies, namely artificial intelligence (AI), biotechnology, semiconductors, space and quantum, according to a report released on Thursday by Harvard University.";
        assert_eq!(
            compress(listed, None),
            "The United States continued to lead China in critical technologies, according to a report released on Thursday by Harvard University."
        );
    }

    #[test]
    fn a_long_bullet_states_the_fact_first_and_its_source_after() {
        let said = "The authors of the Critical and Emerging Technologies Index, released by the university's Belfer Centre for Science and International Affairs, said the US maintained its competitive edge because of large-scale American public and private investment.";
        assert_eq!(
            compress(
                said,
                Some("The authors of the Critical and Emerging Technologies Index")
            ),
            "The US maintained its competitive edge because of large-scale American public and private investment, according to the authors of the Critical and Emerging Technologies Index."
        );
        // Left as written: a pronoun whose antecedent is the source, the time of the saying, a
        // described source with a figure, a quotation.
        for (text, source) in [
            (
                "The company, which makes chips and memory for phones and computers in Asia, said it would cut 1,200 jobs in its plants next year as demand for phones fell sharply.",
                "The company",
            ),
            (
                "The central bank of the country, which sets the rates of the whole region and more, said on Thursday that inflation had fallen to 3.2% in the month of May.",
                "The central bank of the country",
            ),
            (
                "The ministry, which employs 12,000 people across the whole of the country and abroad, said the new rules for imports of steel and aluminium would come into force soon.",
                "The ministry",
            ),
            (
                "The mayor of the city, speaking to reporters outside the town hall on a cold morning, said \"we will rebuild every home that was lost in the floods this year\".",
                "The mayor of the city",
            ),
        ] {
            let out = compress(text, Some(source));
            assert!(
                out.starts_with(source) && !out.contains("according to"),
                "{out}"
            );
        }
    }

    #[test]
    fn a_vietnamese_heading_made_of_an_assertion_keeps_who_asserts_it() {
        let g = crate::glossary::Glossary::built_in();
        let text = "Prosecutors said the former minister took $2 million in bribes from 2019 to 2023.\n\nThe trial opens in Hanoi next month.";
        let a = crate::extract::from_text("https://e.com/a", "A", text, None);
        let cs = crate::claims::extract(&a, &g)
            .into_iter()
            .map(ClaimRecord::new)
            .collect();
        let vi = |jobs: &[Job<'_>]| -> Vec<Outcome> {
            jobs.iter()
                .map(|j| Outcome {
                    vi: j.kind.map(|_| {
                        if j.text.starts_with("Prosecutors") {
                            "Theo công tố viên, cựu bộ trưởng đã nhận hối lộ 2 triệu USD giai đoạn 2019–2023."
                        } else {
                            "Phiên tòa mở tại Hà Nội vào tháng tới."
                        }
                        .to_string()
                    }),
                    engine: Some("openai".into()),
                    ..Outcome::default()
                })
                .collect()
        };
        let memory = |_: &str| None;
        let ctx = Ctx {
            vietnamese: &vi,
            glossary: &g,
            memory: &memory,
            limits: rank::Limits {
                min: 1,
                max: 6,
                exact: Some(2),
                approved_only: false,
            },
            max_stories: 8,
        };
        let (b, _) = build(
            NaiveDate::from_ymd_opt(2025, 6, 5).unwrap(),
            vec![(a, cs)],
            &ctx,
        )
        .unwrap();
        let heading = b.items[0].headline.vi.as_deref().unwrap();
        assert!(heading.starts_with("Theo công tố viên"), "{heading}");
        // The claim stays a bullet: a measure of what is published reads the bullets.
        assert!(
            b.items[0]
                .vi
                .iter()
                .any(|v| v.text.starts_with("Theo công tố viên"))
        );
    }

    #[test]
    fn the_core_of_a_claim_never_cuts_a_quotation() {
        let s = "Acme Corp chief executive Jane Doe on Monday called the 12% rise in revenue \"a triumph for the company, which we earned through hard work\".";
        let core = core_en(s);
        assert_eq!(core.matches('"').count() % 2, 0, "{core}");
    }

    #[test]
    fn bullets_lose_their_lead_ins() {
        assert_eq!(
            shorten("However, while China largely trailed the US, it remained competitive."),
            "While China largely trailed the US, it remained competitive."
        );
        assert_eq!(
            shorten("But the team said the US lead may be vulnerable."),
            "The team said the US lead may be vulnerable."
        );
    }
}
