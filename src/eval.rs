//! The project's own quality measures, implemented from the benchmarks' READMEs.
//!
//! Extraction: tokens are maximal runs of Python-`\w` characters (alphanumeric or `_`),
//! 4-token shingles as a multiset, per-page TP/FP/FN normalised to sum 1, corpus precision and
//! recall as means over pages, F1 from the two means. Pure: texts in, scores out; `sets` runs
//! them over the benchmark files.

pub mod figures;
mod porter;
pub mod rouge;
pub mod sets;

use std::collections::HashMap;

/// Tokens the way Python's `re` finds `\w+` on a `str`.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c == '_' || is_py_alnum(c)))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Python's `str.isalnum()` for one character: Unicode letters (L*) and numbers (N*).
fn is_py_alnum(c: char) -> bool {
    c.is_alphanumeric() && !is_mark(c)
}

/// Combining marks are not `\w` in Python (Rust's `is_alphanumeric` already excludes most).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks.to_vec(), 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Precision and recall of one page; `None` precision when the prediction has no shingle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    /// Precision, when the prediction is not empty.
    pub precision: Option<f64>,
    /// Recall, when the truth is not empty.
    pub recall: Option<f64>,
}

/// Corpus chrF (character n-grams up to 6, spaces left out, recall weighted by beta = 2, as
/// sacrebleu computes it), each output against its best-matching reference.
pub fn chrf(outputs: &[String], references: &[Vec<&str>]) -> f64 {
    const N: usize = 6;
    fn grams(text: &str, n: usize) -> HashMap<Vec<char>, usize> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut out = HashMap::new();
        for w in chars.windows(n) {
            *out.entry(w.to_vec()).or_insert(0) += 1;
        }
        out
    }
    /// Per order: matches, n-grams of the output, n-grams of the reference.
    fn stats(out: &str, reference: &str) -> [(usize, usize, usize); N] {
        let mut s = [(0, 0, 0); N];
        for (k, slot) in s.iter_mut().enumerate() {
            let (o, r) = (grams(out, k + 1), grams(reference, k + 1));
            let matches = o
                .iter()
                .map(|(g, c)| (*c).min(*r.get(g).unwrap_or(&0)))
                .sum();
            *slot = (matches, o.values().sum(), r.values().sum());
        }
        s
    }
    fn score(s: &[(usize, usize, usize); N]) -> f64 {
        let (mut p, mut r, mut orders) = (0.0, 0.0, 0.0);
        for &(m, o, rf) in s {
            if o == 0 || rf == 0 {
                continue;
            }
            p += m as f64 / o as f64;
            r += m as f64 / rf as f64;
            orders += 1.0;
        }
        if orders == 0.0 {
            return 0.0;
        }
        let (p, r) = (p / orders, r / orders);
        let b2 = 4.0;
        if p + r == 0.0 {
            0.0
        } else {
            (1.0 + b2) * p * r / (b2 * p + r)
        }
    }
    let mut total = [(0, 0, 0); N];
    for (out, refs) in outputs.iter().zip(references) {
        let best = refs
            .iter()
            .map(|r| stats(out, r))
            .max_by(|a, b| score(a).total_cmp(&score(b)));
        if let Some(best) = best {
            for (t, s) in total.iter_mut().zip(best) {
                *t = (t.0 + s.0, t.1 + s.1, t.2 + s.2);
            }
        }
    }
    score(&total)
}

/// Scores one predicted body against the reference body.
pub fn score_page(truth: &str, predicted: &str) -> PageScore {
    let tt = tokens(truth);
    let pt = tokens(predicted);
    let t = shingles(&tt);
    let p = shingles(&pt);
    let mut tp = 0.0;
    let mut fp = 0.0;
    let mut fn_ = 0.0;
    for (s, &tc) in &t {
        let pc = p.get(s).copied().unwrap_or(0);
        tp += tc.min(pc) as f64;
        fn_ += tc.saturating_sub(pc) as f64;
    }
    for (s, &pc) in &p {
        let tc = t.get(s).copied().unwrap_or(0);
        fp += pc.saturating_sub(tc) as f64;
    }
    let total = tp + fp + fn_;
    if total > 0.0 {
        tp /= total;
        fp /= total;
        fn_ /= total;
    }
    let (pr, rc) = if fp == 0.0 && fn_ == 0.0 {
        (1.0, 1.0)
    } else {
        (
            if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 },
            if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 },
        )
    };
    PageScore {
        precision: (!p.is_empty()).then_some(pr),
        recall: (!t.is_empty()).then_some(rc),
    }
}

/// Corpus precision, recall and F1 from page scores.
pub fn corpus(scores: &[PageScore]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(scores.iter().filter_map(|s| s.precision).collect());
    let r = mean(scores.iter().filter_map(|s| s.recall).collect());
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(
            tokens("Hello, world_1! Việt Nam 12,5%"),
            vec!["Hello", "world_1", "Việt", "Nam", "12", "5"]
        );
    }

    #[test]
    fn identical_texts_score_one_and_empty_predictions_lower_recall_only() {
        let t = "one two three four five six";
        assert_eq!(
            score_page(t, t),
            PageScore {
                precision: Some(1.0),
                recall: Some(1.0)
            }
        );
        let empty = score_page(t, "");
        assert_eq!(empty.precision, None);
        assert_eq!(empty.recall, Some(0.0));
        let (p, r, _) = corpus(&[score_page(t, t), empty]);
        assert_eq!((p, r), (1.0, 0.5));
    }
}
