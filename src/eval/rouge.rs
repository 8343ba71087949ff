//! ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 the way Google's `rouge-score` package computes them:
//! lower-case, every character outside `a-z0-9` a separator, Porter stemming (NLTK's) of
//! tokens longer than three characters, summary-level LCS over newline-separated sentences.

use std::collections::HashMap;

use super::porter;

/// Precision, recall and F1 of one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf(hits: usize, predicted: usize, reference: usize) -> Prf {
    let precision = if predicted == 0 {
        0.0
    } else {
        hits as f64 / predicted as f64
    };
    let recall = if reference == 0 {
        0.0
    } else {
        hits as f64 / reference as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

/// rouge-score's default tokenizer with stemming on.
pub fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.len() > 3 {
                porter::stem(t)
            } else {
                t.to_string()
            }
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn ngrams(toks: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut m = HashMap::new();
    if toks.len() >= n {
        for w in toks.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// ROUGE-N between a reference and a prediction (each a whole text).
pub fn rouge_n(reference: &str, predicted: &str, n: usize) -> Prf {
    let r = tokens(reference);
    let p = tokens(predicted);
    let rg = ngrams(&r, n);
    let pg = ngrams(&p, n);
    let hits: usize = rg
        .iter()
        .map(|(g, c)| (*c).min(pg.get(g).copied().unwrap_or(0)))
        .sum();
    prf(hits, pg.values().sum::<usize>(), rg.values().sum::<usize>())
}

/// Indices into `a` of one longest common subsequence with `b` (rouge-score's backtrack).
fn lcs_indices(a: &[String], b: &[String]) -> Vec<usize> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            t[i][j] = if a[i - 1] == b[j - 1] {
                t[i - 1][j - 1] + 1
            } else {
                t[i - 1][j].max(t[i][j - 1])
            };
        }
    }
    let (mut i, mut j) = (n, m);
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            out.push(i - 1);
            i -= 1;
            j -= 1;
        } else if t[i][j - 1] > t[i - 1][j] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    out.reverse();
    out
}

fn sentences(text: &str) -> Vec<Vec<String>> {
    text.split('\n')
        .filter(|s| !s.is_empty())
        .map(tokens)
        .collect()
}

/// ROUGE-Lsum: summary-level LCS, sentences separated by newlines.
pub fn rouge_lsum(reference: &str, predicted: &str) -> Prf {
    let r = sentences(reference);
    let p = sentences(predicted);
    let m: usize = r.iter().map(Vec::len).sum();
    let n: usize = p.iter().map(Vec::len).sum();
    if m == 0 || n == 0 {
        return Prf::default();
    }
    let mut count_r: HashMap<&str, usize> = HashMap::new();
    let mut count_p: HashMap<&str, usize> = HashMap::new();
    for t in r.iter().flatten() {
        *count_r.entry(t).or_insert(0) += 1;
    }
    for t in p.iter().flatten() {
        *count_p.entry(t).or_insert(0) += 1;
    }
    let mut hits = 0;
    for rs in &r {
        let mut union: Vec<usize> = p.iter().flat_map(|ps| lcs_indices(rs, ps)).collect();
        union.sort_unstable();
        union.dedup();
        for i in union {
            let t = rs[i].as_str();
            let (Some(cp), Some(cr)) = (count_p.get(t).copied(), count_r.get(t).copied()) else {
                continue;
            };
            if cp > 0 && cr > 0 {
                hits += 1;
                count_p.insert(t, cp - 1);
                count_r.insert(t, cr - 1);
            }
        }
    }
    prf(hits, n, m)
}

/// ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 of one prediction against one reference, each given as
/// sentences.
pub fn scores(reference: &[String], predicted: &[String]) -> [f64; 3] {
    let r = reference.join("\n");
    let p = predicted.join("\n");
    [
        rouge_n(&r, &p, 1).f1,
        rouge_n(&r, &p, 2).f1,
        rouge_lsum(&r, &p).f1,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_and_disjoint_ones_zero() {
        let a = vec!["The cat sat on the mat.".to_string()];
        assert_eq!(scores(&a, &a), [1.0, 1.0, 1.0]);
        let b = vec!["Dogs bark loudly.".to_string()];
        assert_eq!(scores(&a, &b), [0.0, 0.0, 0.0]);
    }

    #[test]
    fn tokens_are_lower_case_alphanumeric_and_stemmed() {
        assert_eq!(
            tokens("Prosecutors' RULING, 1989!"),
            vec!["prosecutor", "rule", "1989"]
        );
    }
}
