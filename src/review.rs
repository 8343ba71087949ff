//! Claim review: approve, reject or edit a claim in the store, with the checks an editor needs.
//!
//! An approved or edited claim is used as reviewed in the next brief, a rejected one never
//! appears, and an edit's Vietnamese is remembered for the same English text (the store's
//! translation memory). Invalid edits are refused before anything is written.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::glossary::{Glossary, Tag, Tags, Term};
use crate::model::{ClaimRecord, Draft, LogEntry, ReviewStatus};
use crate::store::Store;

/// The longest English or Vietnamese a glossary term may hold.
const MAX_TERM_CHARS: usize = 200;

/// Teaches the glossary `term`, kept in the store and used by every later rendering; returns
/// the line that says so. When `glossary` (the built-in one and the configured files, without
/// terms from review) has the word with tags the new term lacks, the line names them: an
/// editor's term brings only its own tags.
pub fn teach(store: &Store, glossary: &Glossary, term: Term, editor: &str) -> Result<String> {
    for (lang, text) in [("English", &term.en), ("Vietnamese", &term.vi)] {
        if text.trim().is_empty() {
            bail!(
                "term {:?} = {:?}: a term needs both its English and its Vietnamese",
                term.en,
                term.vi
            );
        }
        if text.chars().count() > MAX_TERM_CHARS || text.contains('\n') {
            bail!(
                "term {:?}: the {lang} must be one line of at most {MAX_TERM_CHARS} characters",
                term.en
            );
        }
    }
    store.put_term(&term, editor)?;
    let names = |tags: &mut dyn Iterator<Item = Tag>| -> String {
        tags.map(Tag::as_str).collect::<Vec<_>>().join(", ")
    };
    let mut line = format!(
        "glossary: {} ({}) = {}",
        term.en,
        term.pos.as_str(),
        term.vi
    );
    if !term.tags.is_empty() {
        line += &format!(" [{}]", names(&mut term.tags.iter().copied()));
    }
    let given: Tags = term.tags.iter().copied().collect();
    if let Some(before) = glossary.tags_of(&term.en, term.pos) {
        let mut lost = before.iter().filter(|t| !given.has(*t)).peekable();
        if lost.peek().is_some() {
            line += &format!(
                "\n  the glossary's own entry is also tagged {}: add --tag for each to keep it",
                names(&mut lost)
            );
        }
    }
    Ok(line)
}

/// The longest bullet an edit may hold.
pub const MAX_CHARS: usize = 1000;

/// What an editor does to a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Approve,
    Reject,
    Edit {
        en: Option<String>,
        vi: Option<String>,
    },
}

/// Applies an action to claim `id`; returns the claim as it now stands.
/// An edit's Vietnamese passes the gate every engine's does ([`crate::check::gate`]):
/// the claim's figures, names and negation, in Vietnamese.
pub fn apply(
    store: &mut Store,
    id: &str,
    action: Action,
    editor: &str,
    glossary: &crate::glossary::Glossary,
) -> Result<ClaimRecord> {
    let record = store
        .claim(id)?
        .with_context(|| format!("no claim with id {id} (see `bantin review list`)"))?;
    match action {
        Action::Approve => store.review(&record, ReviewStatus::Approved, None, None, editor)?,
        Action::Reject => store.review(&record, ReviewStatus::Rejected, None, None, editor)?,
        Action::Edit { en, vi } => {
            let en = en.map(|s| s.trim().to_string());
            let vi = vi.map(|s| s.trim().to_string());
            if en.is_none() && vi.is_none() {
                bail!("edit of {id} needs --en TEXT, --vi TEXT or both");
            }
            for (lang, text) in [("English", &en), ("Vietnamese", &vi)] {
                if let Some(t) = text {
                    if t.is_empty() {
                        bail!("edit of {id}: the {lang} is empty");
                    }
                    if t.chars().count() > MAX_CHARS {
                        bail!(
                            "edit of {id}: the {lang} is over {MAX_CHARS} characters (a bullet is one sentence)"
                        );
                    }
                    if t.contains('\n') {
                        bail!("edit of {id}: the {lang} must be one line (a bullet)");
                    }
                }
            }
            // The English states only what the article does: its figures, quotes and names.
            let claim = &record.claim;
            if let Some(e) = &en
                && let Some(a) = store.article(&claim.article)?
            {
                let published = a.published.map(|p| p.date_naive());
                let figures = crate::claims::figures::find(&a.text, published);
                let source = crate::check::Source::new(&a.text, figures, published);
                if let Err(r) = crate::check::english(e, &source) {
                    store.put_draft(id, Some(e), vi.as_deref(), &r, editor)?;
                    return Err(Refused {
                        id: id.to_string(),
                        reason: r,
                    }
                    .into());
                }
            }
            if let Some(v) = &vi {
                let facts =
                    crate::check::gate::Facts::new(&claim.text, claim.figures.clone(), glossary);
                if let Err(r) = facts.check(v) {
                    // Kept as the claim's draft, to be fixed, never lost.
                    let reason = r.to_string();
                    store.put_draft(id, en.as_deref(), Some(v), &reason, editor)?;
                    return Err(Refused {
                        id: id.to_string(),
                        reason,
                    }
                    .into());
                }
            }
            store.review(
                &record,
                ReviewStatus::Edited,
                en.as_deref(),
                vi.as_deref(),
                editor,
            )?;
        }
    }
    store.claim(id)?.context("claim vanished during review")
}

/// An edit the gate refused: the claim is unchanged and the edit is kept as its draft.
#[derive(Debug, thiserror::Error)]
#[error("the gate refused the edit of {id} ({reason}); kept as a draft, the claim is unchanged")]
pub struct Refused {
    /// The claim.
    pub id: String,
    /// The gate's reason.
    pub reason: String,
}

/// Which claims an editor wants to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Filter {
    /// Every claim.
    #[default]
    All,
    /// No Vietnamese passed the gate yet: an editor must write or approve one.
    NeedsTranslation,
    /// An engine's answer or an editor's edit was refused by the gate.
    Rejected,
    /// Approved with an editor's text.
    Edited,
    /// Approved as it is.
    Approved,
}

impl Filter {
    /// Every filter, in the order the desk shows them.
    pub const ALL: [Filter; 5] = [
        Filter::All,
        Filter::NeedsTranslation,
        Filter::Rejected,
        Filter::Edited,
        Filter::Approved,
    ];

    /// The name used in URLs and flags.
    pub fn as_str(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::NeedsTranslation => "needs_translation",
            Filter::Rejected => "rejected",
            Filter::Edited => "edited",
            Filter::Approved => "approved",
        }
    }

    /// Parses a name of [`Filter::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Filter::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Whether claim `c` (with its refused edit, if any) is shown.
    pub fn matches(self, c: &ClaimRecord, draft: Option<&Draft>) -> bool {
        match self {
            Filter::All => true,
            Filter::NeedsTranslation => needs_editor(c),
            Filter::Rejected => !c.rendering.rejected.is_empty() || draft.is_some(),
            Filter::Edited => c.status == ReviewStatus::Edited,
            Filter::Approved => c.status == ReviewStatus::Approved,
        }
    }
}

/// A claim waits for an editor: no Vietnamese has passed the gate and it is not rejected.
pub fn needs_editor(c: &ClaimRecord) -> bool {
    c.rendering.needs_translation && c.status != ReviewStatus::Rejected
}

/// Claims to review, of one day or all, that pass `filter`; those that need an editor first.
pub fn list(store: &Store, day: Option<NaiveDate>, filter: Filter) -> Result<Vec<ClaimRecord>> {
    let drafts = store.drafts(day)?;
    let draft = |id: &str| drafts.iter().find(|d| d.claim == id);
    let mut claims: Vec<ClaimRecord> = store
        .claims(day)?
        .into_iter()
        .filter(|c| filter.matches(c, draft(&c.claim.id)))
        .collect();
    claims.sort_by_key(|c| !needs_editor(c));
    Ok(claims)
}

/// A claim as a card to read in a terminal: `review show`.
pub fn card(record: &ClaimRecord, draft: Option<&Draft>, log: &[LogEntry]) -> String {
    let (c, r) = (&record.claim, &record.rendering);
    let mut s = format!(
        "{}  {} {}  ({})\n",
        c.id,
        record.status.as_str(),
        c.kind.as_str(),
        c.article
    );
    s.push_str(&format!("  source   {}\n", c.text));
    if let Some(a) = &c.attribution {
        s.push_str(&format!("  said by  {} ({})\n", a.source, a.cue));
    }
    if !c.figures.is_empty() {
        let f: Vec<String> = c
            .figures
            .iter()
            .map(|f| format!("{} [{}]", f.text, f.kind.as_str()))
            .collect();
        s.push_str(&format!("  figures  {}\n", f.join(", ")));
    }
    s.push_str(&format!("  en       {}\n", r.en));
    match (&r.vi, &r.vi_draft) {
        (Some(vi), _) => {
            let by = r
                .vi_engine
                .clone()
                .or_else(|| {
                    r.vi_origin.map(|o| match o {
                        crate::model::ViOrigin::Human => "editor".to_string(),
                        crate::model::ViOrigin::Memory => "translation memory".to_string(),
                        crate::model::ViOrigin::Template => "rules".to_string(),
                        crate::model::ViOrigin::Engine => "engine".to_string(),
                    })
                })
                .unwrap_or_default();
            s.push_str(&format!("  vi       {vi}  ({by})\n"));
        }
        (None, Some(d)) => s.push_str(&format!("  vi draft {d}  (rules; approve to publish)\n")),
        (None, None) => s.push_str("  vi       none yet\n"),
    }
    if let Some(m) = &r.vi_missing {
        s.push_str(&format!("  why none {m}\n"));
    }
    for refused in &r.rejected {
        s.push_str(&format!(
            "  refused  {}: {}\n",
            refused.engine, refused.reason
        ));
    }
    if let Some(d) = draft {
        s.push_str(&format!(
            "  draft    {} (refused: {})\n",
            d.vi.as_deref().or(d.en.as_deref()).unwrap_or(""),
            d.reason
        ));
    }
    for e in log {
        // To the second: "2026-12-07 10:44:44".
        let at = e.at.get(..19).unwrap_or(&e.at).replace('T', " ");
        s.push_str(&format!("  history  {at} {} by {}\n", e.action, e.editor));
    }
    s
}

/// One line per claim for `review list`.
pub fn line(c: &ClaimRecord) -> String {
    let vi = if c.rendering.vi.is_some() { "vi" } else { "--" };
    let text: String = c.rendering.en.chars().take(90).collect();
    let missing = c
        .rendering
        .vi_missing
        .as_deref()
        .map(|m| format!("  [{m}]"))
        .unwrap_or_default();
    format!(
        "{}  {:<9} {:<10} {}  {}{}",
        c.claim.id,
        c.status.as_str(),
        c.claim.kind.as_str(),
        vi,
        text,
        missing
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Pos;

    #[test]
    fn a_taught_term_keeps_its_tags_and_says_which_tags_of_the_entry_it_replaces_it_lacks() {
        let store = Store::open_in_memory().unwrap();
        let glossary = Glossary::built_in();
        let before = store.terms_stamp().unwrap();

        let said = teach(
            &store,
            &glossary,
            Term::taught("increase", Pos::Verb, "tăng lên", vec![Tag::Rise]),
            "ed",
        )
        .unwrap();
        assert_eq!(
            said,
            "glossary: increase (verb) = tăng lên [rise]\n  the glossary's own entry is also \
             tagged motion, ambiguous: add --tag for each to keep it"
        );
        let terms = store.terms().unwrap();
        assert_eq!(terms.len(), 1);
        assert_eq!(
            (terms[0].vi.as_str(), &terms[0].tags),
            ("tăng lên", &vec![Tag::Rise])
        );
        assert!(terms[0].forms.contains(&"increased".to_string()));
        let taught = store.terms_stamp().unwrap();
        assert_ne!(taught, before);

        // Taught again with every tag (in any order, one twice): nothing is lost, each tag is
        // kept once, and the stamp the desk relearns terms by changes.
        let tags = vec![Tag::Motion, Tag::Rise, Tag::Ambiguous];
        let given = [Tag::Rise, Tag::Ambiguous, Tag::Motion, Tag::Rise];
        let said = teach(
            &store,
            &glossary,
            Term::taught("increase", Pos::Verb, "tăng", given),
            "ed",
        )
        .unwrap();
        assert_eq!(
            said,
            "glossary: increase (verb) = tăng [motion, rise, ambiguous]"
        );
        assert_eq!(store.terms().unwrap()[0].tags, tags);
        assert_ne!(store.terms_stamp().unwrap(), taught);
    }

    #[test]
    fn a_term_without_english_or_vietnamese_or_over_one_line_is_refused_and_not_stored() {
        let store = Store::open_in_memory().unwrap();
        let glossary = Glossary::built_in();
        for (en, vi, why) in [
            (" ", "từ", "needs both"),
            ("word", "", "needs both"),
            ("word", "từ\nmới", "one line"),
            ("word", &"từ ".repeat(100), "at most 200 characters"),
        ] {
            let err = teach(
                &store,
                &glossary,
                Term::taught(en, Pos::Noun, vi, vec![]),
                "ed",
            )
            .unwrap_err()
            .to_string();
            assert!(err.contains(why), "{err}");
        }
        assert!(store.terms().unwrap().is_empty());
    }
}
