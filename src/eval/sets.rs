//! The measures run over the benchmark sets: reads a set, runs bantin on every item as its
//! command would, scores it, and returns a report that prints as `bantin eval` shows it.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::{figures, rouge};
use crate::glossary::Glossary;
use crate::model::ClaimRecord;
use crate::pipeline::{self, Env, Options};
use crate::store::Store;

/// The records of a JSON-lines file (blank lines skipped); a bad line is an error naming it.
pub fn read_jsonl(file: &Path) -> Result<Vec<serde_json::Value>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("{} line {}: not JSON", file.display(), n + 1))
        })
        .collect()
}

/// Scores `bantin claims --text` over a labelled JSON-lines file, in process, one sentence at a
/// time exactly as the command would see it.
pub fn figures(glossary: &Glossary, file: &Path) -> Result<figures::Report> {
    let mut report = figures::Report::default();
    for gold in read_jsonl(file)? {
        let sentence = gold["text"].as_str().unwrap_or("").to_string();
        let published = gold["published"]
            .as_str()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let predicted = std::panic::catch_unwind(|| {
            let found = crate::claims::figures::find(&sentence, published);
            let cs = crate::claims::from_text(&sentence, "file://eval", published, glossary);
            serde_json::json!({"figures": found, "claims": cs})
        })
        .ok();
        figures::score(&mut report, &gold, predicted.as_ref());
    }
    Ok(report)
}

/// What `eval rouge` measured: bantin's briefs and Lead-N against the references, and the
/// Vietnamese of the selected claims.
pub struct Rouge {
    bullets: usize,
    articles: usize,
    /// Mean best F1 per metric (R1, R2, RLsum): bantin, then Lead-N.
    means: [[f64; 3]; 2],
    selected: usize,
    in_vietnamese: usize,
    /// Why the claims left in English have no Vietnamese, one reason a claim.
    missing: Vec<String>,
    /// `bantin.jsonl` and `lead.jsonl` lines.
    summaries: [Vec<String>; 2],
    /// `id<TAB>bullet` of every Vietnamese bullet.
    vi_lines: Vec<String>,
    /// `id<TAB>claim<TAB>why` of every selected claim left in English.
    refused: Vec<String>,
}

impl Rouge {
    /// Writes `bantin.jsonl`, `lead.jsonl`, `bantin.vi.tsv`, `vi-refused.tsv` and
    /// `vi-gaps.tsv` into `dir`.
    pub fn write_predictions(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let gaps: Vec<String> = crate::translate::tally(self.missing.iter().map(String::as_str))
            .iter()
            .map(|(g, n)| format!("{n}\t{g}"))
            .collect();
        for (name, lines) in [
            ("bantin.jsonl", &self.summaries[0]),
            ("lead.jsonl", &self.summaries[1]),
            ("bantin.vi.tsv", &self.vi_lines),
            ("vi-refused.tsv", &self.refused),
            ("vi-gaps.tsv", &gaps),
        ] {
            let p = dir.join(name);
            std::fs::write(&p, lines.join("\n") + "\n")
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Rouge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "vietnamese: {} of {} selected claims rendered fully ({:.1}%)",
            self.in_vietnamese,
            self.selected,
            100.0 * self.in_vietnamese as f64 / self.selected.max(1) as f64
        )?;
        let gaps = crate::translate::tally(self.missing.iter().map(String::as_str));
        if !gaps.is_empty() {
            writeln!(
                f,
                "vietnamese gaps (what stops the most claims): {}",
                crate::translate::top_gaps(&gaps, 12)
            )?;
        }
        let b = self.bullets;
        for (k, name) in [format!("bantin-{b}"), format!("lead-{b}")]
            .iter()
            .enumerate()
        {
            writeln!(
                f,
                "{name:<10} R1={:.2} R2={:.2} RLsum={:.2}  ({} articles, F1 x100)",
                100.0 * self.means[k][0],
                100.0 * self.means[k][1],
                100.0 * self.means[k][2],
                self.articles.max(1)
            )?;
        }
        Ok(())
    }
}

/// The references of a summarization item: `references` (several), or `reference` (one).
fn references(v: &serde_json::Value) -> Vec<Vec<String>> {
    let lines = |r: &serde_json::Value| -> Vec<String> {
        r.as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let refs: Vec<Vec<String>> = v["references"]
        .as_array()
        .map(|rs| rs.iter().filter(|r| r.is_array()).map(lines).collect())
        .unwrap_or_default();
    if refs.is_empty() {
        vec![lines(&v["reference"])]
    } else {
        refs
    }
}

/// ROUGE-1/2/Lsum of bantin's English 📌 line and bullets (each article briefed exactly as `bantin brief
/// --max-bullets N` does, through [`pipeline::make_brief`] with the configured store's memory
/// and engine answers) and of Lead-N, over a summarization set.
pub fn rouge(env: &Env, file: &Path, bullets: usize) -> Result<Rouge> {
    let store = if env.config.store.exists() {
        Store::open(&env.config.store)?
    } else {
        Store::open_in_memory()?
    };
    let chain = env.chain(&store, false)?;
    let opts = Options {
        max_bullets: Some(bullets),
        ..Options::default()
    };
    let mut r = Rouge {
        bullets,
        articles: 0,
        means: [[0.0; 3]; 2],
        selected: 0,
        in_vietnamese: 0,
        missing: Vec::new(),
        summaries: [Vec::new(), Vec::new()],
        vi_lines: Vec::new(),
        refused: Vec::new(),
    };
    for v in read_jsonl(file)? {
        let id = v["id"].as_str().unwrap_or("");
        let article = v["article"].as_str().unwrap_or("");
        let title = v["title"].as_str().unwrap_or("");
        let refs = references(&v);
        let a = crate::extract::from_text(&format!("text:{id}"), title, article, None);
        let cs = crate::claims::extract(&a, &env.glossary)
            .into_iter()
            .map(ClaimRecord::new)
            .collect();
        let (b, updated) =
            pipeline::make_brief(env, &store, &chain, &opts, NaiveDate::MIN, vec![(a, cs)])?;
        for c in updated
            .into_iter()
            .filter(|c| c.rendering.needs_translation)
        {
            if let Some(why) = c.rendering.vi_missing {
                r.refused.push(format!("{id}\t{}\t{why}", c.claim.text));
                r.missing.push(why);
            }
        }
        // What a reader reads: the 📌 line, which states the main claims in place of their
        // bullets, and the bullets.
        let ours: Vec<String> = b
            .items
            .first()
            .map(|it| {
                std::iter::once(it.takeaway.en.clone())
                    .filter(|t| !t.is_empty())
                    .chain(it.en.iter().map(|x| x.text.clone()))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(it) = b.items.first() {
            r.selected += it.en.len();
            r.in_vietnamese += it.vi.len();
            r.vi_lines
                .extend(it.vi.iter().map(|bullet| format!("{id}\t{}", bullet.text)));
        }
        let systems = [ours, crate::brief::lead(article, bullets)];
        for (k, summary) in systems.iter().enumerate() {
            // Several references: per metric, the best-matching one counts.
            let mut best = [0.0f64; 3];
            for reference in &refs {
                for (b, s) in best.iter_mut().zip(rouge::scores(reference, summary)) {
                    *b = b.max(s);
                }
            }
            for (mean, b) in r.means[k].iter_mut().zip(best) {
                *mean += b;
            }
            r.summaries[k].push(serde_json::json!({"id": id, "summary": summary}).to_string());
        }
        r.articles += 1;
    }
    let n = r.articles.max(1) as f64;
    for system in &mut r.means {
        for m in system.iter_mut() {
            *m /= n;
        }
    }
    Ok(r)
}
