//! The figures-and-attribution metric of `../shared/bench/figures/` (README "Scoring" and
//! SPEC.md "Scoring details"), over gold JSON lines and the JSON `bantin claims` prints.
//!
//! Pure: gold records and predictions in, scores out. The caller runs the predictor.

use std::collections::BTreeMap;

use serde_json::Value;

/// Scores of one run over a labelled set.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Sentences scored.
    pub sentences: usize,
    /// Predicted figures, gold figures, and matched pairs.
    pub predicted: usize,
    pub gold: usize,
    pub matched: usize,
    /// Matched pairs whose compared fields agree.
    pub value_ok: usize,
    /// Per kind: (predicted, gold, matched, value_ok).
    pub per_kind: BTreeMap<String, [usize; 4]>,
    /// Sentences whose attribution matches, and of the attributed ones (gold not null).
    pub attribution_ok: usize,
    pub attributed: usize,
    pub attributed_ok: usize,
    /// Runs that failed (no `figures` list).
    pub failures: usize,
    /// One line per mistake, for `--verbose`.
    pub mistakes: Vec<String>,
}

impl Report {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 1.0 } else { a as f64 / b as f64 }
    }
    /// Matched predictions over predictions.
    pub fn precision(&self) -> f64 {
        Self::ratio(self.matched, self.predicted)
    }
    /// Matched gold over gold.
    pub fn recall(&self) -> f64 {
        Self::ratio(self.matched, self.gold)
    }
    /// Matched pairs with equal values over matched pairs.
    pub fn value_accuracy(&self) -> f64 {
        Self::ratio(self.value_ok, self.matched)
    }
    /// Sentences with the right attribution (or rightly none) over sentences.
    pub fn attribution_accuracy(&self) -> f64 {
        Self::ratio(self.attribution_ok, self.sentences)
    }
    /// The same over sentences whose gold attribution is not null.
    pub fn attributed_accuracy(&self) -> f64 {
        Self::ratio(self.attributed_ok, self.attributed)
    }

    /// The README's summary line.
    pub fn summary(&self) -> String {
        format!(
            "figures P={:.3} R={:.3} value={:.3} attribution={:.3} failures={}",
            self.precision(),
            self.recall(),
            self.value_accuracy(),
            self.attribution_accuracy(),
            self.failures
        )
    }
}

impl std::fmt::Display for Report {
    /// Per kind, attribution, and the summary line, as `bantin eval figures` prints them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (kind, [p, g, m, v]) in &self.per_kind {
            writeln!(
                f,
                "  {kind:<9} predicted {p:>3}  gold {g:>3}  P={:.3} R={:.3} value={:.3}",
                Self::ratio(*m, *p),
                Self::ratio(*m, *g),
                Self::ratio(*v, *m),
            )?;
        }
        writeln!(
            f,
            "{} sentences; attribution on attributed sentences {}/{} = {:.3}",
            self.sentences,
            self.attributed_ok,
            self.attributed,
            self.attributed_accuracy()
        )?;
        writeln!(f, "{}", self.summary())
    }
}

/// Scores one sentence: `gold` is a line of the labelled file, `predicted` the JSON the
/// claims command printed for it (`None` when the run failed).
pub fn score(report: &mut Report, gold: &Value, predicted: Option<&Value>) {
    report.sentences += 1;
    let id = gold["id"].as_str().unwrap_or("?");
    let text = gold["text"].as_str().unwrap_or("");
    let gold_figs: Vec<&Value> = gold["figures"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let pred_figs: Option<Vec<&Value>> = predicted
        .and_then(|p| p["figures"].as_array())
        .map(|a| a.iter().collect());
    let failed = pred_figs.is_none();
    if failed {
        report.failures += 1;
        report.mistakes.push(format!("{id}: run failed"));
    }
    let pred_figs = pred_figs.unwrap_or_default();
    report.predicted += pred_figs.len();
    report.gold += gold_figs.len();
    for f in &pred_figs {
        report.per_kind.entry(kind(f)).or_default()[0] += 1;
    }
    for f in &gold_figs {
        report.per_kind.entry(kind(f)).or_default()[1] += 1;
    }
    let pairs = match_figures(&pred_figs, &gold_figs);
    let mut pred_used = vec![false; pred_figs.len()];
    let mut gold_used = vec![false; gold_figs.len()];
    for &(p, g) in &pairs {
        pred_used[p] = true;
        gold_used[g] = true;
        report.matched += 1;
        let k = kind(gold_figs[g]);
        let same = values_agree(pred_figs[p], gold_figs[g]);
        let e = report.per_kind.entry(k).or_default();
        e[2] += 1;
        if same {
            report.value_ok += 1;
            e[3] += 1;
        } else {
            report.mistakes.push(format!(
                "{id}: value {} != gold {}",
                brief_json(pred_figs[p]),
                brief_json(gold_figs[g])
            ));
        }
    }
    for (i, f) in pred_figs.iter().enumerate() {
        if !pred_used[i] {
            report
                .mistakes
                .push(format!("{id}: extra {}  | {text}", brief_json(f)));
        }
    }
    for (i, f) in gold_figs.iter().enumerate() {
        if !gold_used[i] {
            report
                .mistakes
                .push(format!("{id}: missed {}  | {text}", brief_json(f)));
        }
    }
    // Attribution: the first claim whose attribution is not null.
    let gold_attr = &gold["attribution"];
    let pred_source = predicted.and_then(|p| {
        p["claims"].as_array()?.iter().find_map(|c| {
            let a = &c["attribution"];
            (!a.is_null()).then(|| a["source"].as_str().unwrap_or("").to_string())
        })
    });
    let ok = !failed
        && match (gold_attr.is_null(), &pred_source) {
            (true, None) => true,
            (true, Some(_)) | (false, None) => false,
            (false, Some(p)) => {
                let mut golds = vec![gold_attr["source"].as_str().unwrap_or("").to_string()];
                if let Some(alts) = gold_attr["source_alt"].as_array() {
                    golds.extend(alts.iter().filter_map(|a| a.as_str().map(str::to_string)));
                }
                golds.iter().any(|g| source_overlap(p, g) >= 0.5)
            }
        };
    if !gold_attr.is_null() {
        report.attributed += 1;
        report.attributed_ok += usize::from(ok);
    }
    if ok {
        report.attribution_ok += 1;
    } else {
        report.mistakes.push(format!(
            "{id}: attribution {:?} != gold {:?}  | {text}",
            pred_source,
            gold_attr["source"].as_str()
        ));
    }
}

fn kind(f: &Value) -> String {
    f["kind"].as_str().unwrap_or("").to_string()
}

fn brief_json(f: &Value) -> String {
    let mut f = f.clone();
    if let Some(o) = f.as_object_mut() {
        o.remove("span");
    }
    f.to_string()
}

fn span(f: &Value) -> (u64, u64) {
    let s = &f["span"];
    (s[0].as_u64().unwrap_or(0), s[1].as_u64().unwrap_or(0))
}

/// One-to-one matching of overlapping same-kind figures: maximum matching, trying pairs with
/// equal values first, then larger overlap (augmenting paths; sentences hold few figures).
fn match_figures(pred: &[&Value], gold: &[&Value]) -> Vec<(usize, usize)> {
    // Candidate gold for each prediction, best first.
    let cands: Vec<Vec<usize>> = pred
        .iter()
        .map(|p| {
            let (ps, pe) = span(p);
            let mut c: Vec<(bool, u64, usize)> = gold
                .iter()
                .enumerate()
                .filter_map(|(g, gf)| {
                    let (gs, ge) = span(gf);
                    let overlap = pe.min(ge).saturating_sub(ps.max(gs));
                    (overlap > 0 && kind(p) == kind(gf)).then(|| (values_agree(p, gf), overlap, g))
                })
                .collect();
            c.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
            c.into_iter().map(|x| x.2).collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; gold.len()];
    fn augment(
        p: usize,
        cands: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &g in &cands[p] {
            if seen[g] {
                continue;
            }
            seen[g] = true;
            if owner[g].is_none_or(|q| augment(q, cands, owner, seen)) {
                owner[g] = Some(p);
                return true;
            }
        }
        false
    }
    for p in 0..pred.len() {
        let mut seen = vec![false; gold.len()];
        augment(p, &cands, &mut owner, &mut seen);
    }
    owner
        .iter()
        .enumerate()
        .filter_map(|(g, p)| p.map(|p| (p, g)))
        .collect()
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn nums_equal(a: &Value, b: &Value) -> bool {
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x == y || ((x - y).abs() <= 1e-6 * x.abs().max(y.abs())),
        _ => a == b && !a.is_null(),
    }
}

/// Units after the alias table: "kph" is "km/h", "minutes" is "minute".
fn unit(v: &Value) -> String {
    let u = v.as_str().unwrap_or("").trim();
    let lower = u.to_lowercase();
    let singular = match lower.as_str() {
        "seconds" | "secs" | "sec" | "s" => "second",
        "minutes" | "mins" | "min" => "minute",
        "hours" | "hrs" | "hr" | "h" => "hour",
        "days" => "day",
        "weeks" => "week",
        "months" => "month",
        "years" | "yrs" | "yr" => "year",
        "decades" => "decade",
        "centuries" => "century",
        "kph" | "km/hr" | "kmh" => "km/h",
        "percent" | "per cent" | "pct" => "%",
        "litre" | "liter" | "litres" | "liters" | "l" => "L",
        "tonne" | "tonnes" | "metric ton" | "metric tons" => "t",
        "tons" => "ton",
        _ => return u.to_string(),
    };
    singular.to_string()
}

/// Whether a range's gold unit is compared: %, a time unit, a currency code or a unit symbol.
fn range_unit_compared(u: &str) -> bool {
    const TIME: &[&str] = &[
        "second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
    ];
    u == "%"
        || TIME.contains(&u)
        || (u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()))
        || crate::claims::figures::is_unit_symbol(u)
}

/// Whether a matched pair's normalised fields agree (SPEC.md "Scoring details").
pub fn values_agree(p: &Value, g: &Value) -> bool {
    match g["kind"].as_str().unwrap_or("") {
        "count" | "percent" | "ordinal" => nums_equal(&p["value"], &g["value"]),
        "money" => nums_equal(&p["value"], &g["value"]) && p["currency"] == g["currency"],
        "ratio" => {
            nums_equal(&p["numerator"], &g["numerator"])
                && nums_equal(&p["denominator"], &g["denominator"])
        }
        "range" => {
            let gu = unit(&g["unit"]);
            nums_equal(&p["from"], &g["from"])
                && nums_equal(&p["to"], &g["to"])
                && (!range_unit_compared(&gu) || unit(&p["unit"]) == gu)
        }
        "date" => p["value"] == g["value"],
        "duration" | "quantity" => {
            nums_equal(&p["value"], &g["value"]) && unit(&p["unit"]) == unit(&g["unit"])
        }
        _ => false,
    }
}

/// Lower-case alphanumeric tokens without "the", "a", "an" and possessive 's.
fn source_tokens(s: &str) -> Vec<String> {
    let s = s.replace(['’', '‘'], "'");
    let s = s.replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s).to_string();
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty() && !matches!(*t, "the" | "a" | "an"))
        .map(str::to_string)
        .collect()
}

/// Shared tokens over the larger token count.
pub fn source_overlap(predicted: &str, gold: &str) -> f64 {
    let p = source_tokens(predicted);
    let g = source_tokens(gold);
    let n = p.len().max(g.len());
    if n == 0 {
        return 0.0;
    }
    let mut rest = g.clone();
    let mut common = 0;
    for t in &p {
        if let Some(i) = rest.iter().position(|x| x == t) {
            rest.remove(i);
            common += 1;
        }
    }
    common as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_perfect_prediction_scores_one_everywhere() {
        let gold = json!({"id": "x", "text": "57 of 64 rose 5%, Kessler said.",
            "figures": [{"text": "57 of 64", "span": [0, 8], "kind": "ratio", "numerator": 57, "denominator": 64},
                        {"text": "5%", "span": [14, 16], "kind": "percent", "value": 5}],
            "attribution": {"source": "Ethan Kessler", "cue": "said"}});
        let pred = json!({"figures": gold["figures"].clone(),
            "claims": [{"attribution": {"source": "Kessler", "cue": "said"}}]});
        let mut r = Report::default();
        score(&mut r, &gold, Some(&pred));
        assert_eq!(
            r.summary(),
            "figures P=1.000 R=1.000 value=1.000 attribution=1.000 failures=0"
        );
    }

    #[test]
    fn a_failed_run_counts_its_attribution_wrong_even_when_gold_is_null() {
        let gold = json!({"id": "x", "text": "Nothing.", "figures": [], "attribution": null});
        let mut r = Report::default();
        score(&mut r, &gold, None);
        assert_eq!(r.failures, 1);
        assert_eq!(r.attribution_ok, 0);
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_equal_values() {
        let gold = json!({"id": "x", "text": "",
            "figures": [{"span": [0, 4], "kind": "count", "value": 12},
                        {"span": [5, 9], "kind": "count", "value": 7}],
            "attribution": null});
        let pred =
            json!({"figures": [{"span": [0, 9], "kind": "count", "value": 7}], "claims": []});
        let mut r = Report::default();
        score(&mut r, &gold, Some(&pred));
        assert_eq!((r.matched, r.value_ok, r.gold), (1, 1, 2));
    }

    #[test]
    fn source_overlap_ignores_articles_and_possessives() {
        assert_eq!(source_overlap("the report", "report"), 1.0);
        assert_eq!(source_overlap("Nissan's", "Nissan"), 1.0);
        assert!(source_overlap("Ethan Kessler", "Kessler") >= 0.5);
        assert!(source_overlap("officials", "Kessler") < 0.5);
    }
}
