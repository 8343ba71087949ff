//! Claim review: approve, reject or edit a claim in the store, with the checks an editor needs.
//!
//! An approved or edited claim is used as reviewed in the next brief, a rejected one never
//! appears, and an edit's Vietnamese is remembered for the same English text (the store's
//! translation memory). Invalid edits are refused before anything is written.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::model::{Claim, ReviewStatus};
use crate::store::Store;

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
) -> Result<Claim> {
    let claim = store
        .claim(id)?
        .with_context(|| format!("no claim with id {id} (see `bantin review list`)"))?;
    match action {
        Action::Approve => store.review(&claim, ReviewStatus::Approved, None, None, editor)?,
        Action::Reject => store.review(&claim, ReviewStatus::Rejected, None, None, editor)?,
        Action::Edit { en, vi } => {
            let en = en.map(|s| s.trim().to_string());
            let vi = vi.map(|s| s.trim().to_string());
            if en.is_none() && vi.is_none() {
                bail!("edit of {id} needs --en TEXT, --vi TEXT or both");
            }
            for (flag, text) in [("--en", &en), ("--vi", &vi)] {
                if let Some(t) = text {
                    if t.is_empty() {
                        bail!("edit of {id}: {flag} is empty");
                    }
                    if t.len() > 2000 {
                        bail!("edit of {id}: {flag} is over 2000 bytes");
                    }
                    if t.contains('\n') {
                        bail!("edit of {id}: {flag} must be one line (a bullet)");
                    }
                }
            }
            if let Some(v) = &vi {
                let facts =
                    crate::check::gate::Facts::new(&claim.text, claim.figures.clone(), glossary);
                if let Err(r) = facts.check(v) {
                    bail!(
                        "edit of {id}: the Vietnamese does not pass the gate ({r}); nothing was saved"
                    );
                }
            }
            store.review(
                &claim,
                ReviewStatus::Edited,
                en.as_deref(),
                vi.as_deref(),
                editor,
            )?;
        }
    }
    store.claim(id)?.context("claim vanished during review")
}

/// Claims to review, of one day or all.
pub fn list(store: &Store, day: Option<NaiveDate>) -> Result<Vec<Claim>> {
    store.claims(day)
}

/// One line per claim for `review list`.
pub fn line(c: &Claim) -> String {
    let vi = if c.vi.is_some() { "vi" } else { "--" };
    let text: String = c.en.chars().take(90).collect();
    let missing = c
        .vi_missing
        .as_deref()
        .map(|m| format!("  [{m}]"))
        .unwrap_or_default();
    format!(
        "{}  {:<9} {:<10} {}  {}{}",
        c.id,
        c.status.as_str(),
        c.kind.as_str(),
        vi,
        text,
        missing
    )
}
