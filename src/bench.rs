//! Benchmarks: how fast extraction and the brief stage run over a folder of saved pages, on one
//! core, with the quality of extraction when a ground truth is given. Each returns a report
//! that prints as the `bench` command shows it.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::config::Config;
use crate::fetch;
use crate::model::{ClaimRecord, Fetched};
use crate::pipeline::{self, Env, Options};
use crate::store::Store;
use crate::{claims, extract};

/// Per-item times in milliseconds, sorted, and the pass times in seconds, sorted.
struct Timings {
    items: Vec<f64>,
    passes: Vec<f64>,
}

impl Timings {
    fn new(mut items: Vec<f64>, mut passes: Vec<f64>) -> Self {
        items.sort_by(f64::total_cmp);
        passes.sort_by(f64::total_cmp);
        Timings { items, passes }
    }

    /// The item time at quantile `q`.
    fn pct(&self, q: f64) -> f64 {
        self.items[((self.items.len() - 1) as f64 * q).round() as usize]
    }

    /// The median pass.
    fn median(&self) -> f64 {
        self.passes[self.passes.len() / 2]
    }
}

/// Peak resident memory of this process, from /proc (Linux), as printed: MB or "?".
pub fn peak_rss_mb() -> String {
    let read = || -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    };
    read().map_or("?".into(), |m| m.to_string())
}

/// What `bench extract` measured.
pub struct ExtractBench {
    pages: usize,
    timings: Timings,
    failed: usize,
    peak_rss: String,
    /// With a ground truth: pages scored, and corpus P, R, F1.
    quality: Option<(usize, f64, f64, f64)>,
    /// Every page: its name, its kind in the ground truth (`page_type`), the verdict, and its
    /// score against the truth.
    pub pages_seen: Vec<PageResult>,
}

/// One page of `bench extract`.
pub struct PageResult {
    pub name: String,
    /// The ground truth's `page_type` ("article", "listing", ...), when it has one.
    pub kind: Option<String>,
    /// `ok`, `not_article`, `paywalled`, `js_shell`, `truncated`, or `failed`.
    pub verdict: &'static str,
    pub score: Option<crate::eval::PageScore>,
}

impl ExtractBench {
    /// One line a page, tab-separated: name, kind, verdict, precision, recall.
    pub fn scores_tsv(&self) -> String {
        let num = |v: Option<f64>| v.map_or("-".into(), |v| format!("{v:.4}"));
        let mut out = String::from("page\tkind\tverdict\tprecision\trecall\n");
        for p in &self.pages_seen {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                p.name,
                p.kind.as_deref().unwrap_or("-"),
                p.verdict,
                num(p.score.and_then(|s| s.precision)),
                num(p.score.and_then(|s| s.recall)),
            ));
        }
        out
    }
}

impl std::fmt::Display for ExtractBench {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = &self.timings;
        writeln!(
            f,
            "extract: {} pages, median of {} passes {:.3}s on one core: {:.1} pages/s (best pass {:.1}); per page p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms; peak RSS {} MB; {} failed",
            self.pages,
            t.passes.len(),
            t.median(),
            self.pages as f64 / t.median().max(1e-9),
            self.pages as f64 / t.passes[0].max(1e-9),
            t.pct(0.5),
            t.pct(0.95),
            t.pct(1.0),
            self.peak_rss,
            self.failed
        )?;
        if let Some((n, p, r, f1)) = self.quality {
            writeln!(f, "quality: {n} pages scored: F1={f1:.4} P={p:.4} R={r:.4}")?;
        }
        let mut kinds: Vec<&str> = self
            .pages_seen
            .iter()
            .filter_map(|p| p.kind.as_deref())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        if !kinds.is_empty() {
            writeln!(
                f,
                "by kind: pages, quality, verdicts (an article / paywalled, truncated or script-only / not an article / failed)"
            )?;
        }
        for kind in kinds {
            let pages: Vec<&PageResult> = self
                .pages_seen
                .iter()
                .filter(|p| p.kind.as_deref() == Some(kind))
                .collect();
            let scores: Vec<_> = pages.iter().filter_map(|p| p.score).collect();
            let (p, r, f1) = crate::eval::corpus(&scores);
            let count = |v: &[&str]| pages.iter().filter(|p| v.contains(&p.verdict)).count();
            let not = count(&["not_article"]);
            writeln!(
                f,
                "  {kind:<14} {:>4}  F1={f1:.4} P={p:.4} R={r:.4}  {} / {} / {} / {}  not an article {:.1}%",
                pages.len(),
                count(&["ok"]),
                count(&["paywalled", "truncated", "js_shell"]),
                not,
                count(&["failed"]),
                100.0 * not as f64 / pages.len().max(1) as f64,
            )?;
        }
        Ok(())
    }
}

/// Extraction over every saved page of `dir`, `rounds` times; scored against `truth` (the
/// benchmark's `{id: {"articleBody"}}` JSON) when given.
pub fn extract(
    config: &Config,
    dir: &Path,
    truth: Option<&Path>,
    rounds: usize,
) -> Result<ExtractBench> {
    let truth: Option<serde_json::Map<String, serde_json::Value>> = match truth {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            let v: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", p.display()))?;
            Some(
                v.as_object()
                    .cloned()
                    .with_context(|| format!("{} is not a JSON object of pages", p.display()))?,
            )
        }
        None => None,
    };
    let pages = fetch::saved_pages(dir)?;
    if pages.is_empty() {
        bail!("no *.html or *.html.gz pages in {}", dir.display());
    }
    // Read every page first: the timing is extraction alone.
    let saved = fetch::Saved {
        source: "bench".into(),
        max_bytes: config.max_page_bytes,
    };
    let fetched: Vec<(String, Fetched)> = pages
        .iter()
        .map(|p| Ok((fetch::page_stem(p), saved.fetch(&p.display().to_string())?)))
        .collect::<Result<_>>()?;
    let limits = config.limits();
    let rounds = rounds.max(1);
    let mut times = Vec::with_capacity(fetched.len() * rounds);
    let mut texts = Vec::with_capacity(fetched.len());
    let mut verdicts = Vec::with_capacity(fetched.len());
    let mut failed = 0;
    let mut passes = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let started = Instant::now();
        for (_, page) in &fetched {
            let t = Instant::now();
            let result = extract::extract(page, &limits);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            if round == 0 {
                let (text, verdict) = match result {
                    Ok(Some(a)) => (a.text, a.verdict.as_str()),
                    Ok(None) => (String::new(), "not_article"),
                    Err(_) => {
                        failed += 1;
                        (String::new(), "failed")
                    }
                };
                texts.push(text);
                verdicts.push(verdict);
            }
        }
        passes.push(started.elapsed().as_secs_f64());
    }
    let peak_rss = peak_rss_mb();
    // Scored after the clock stops: the timing is extraction alone.
    let pages_seen: Vec<PageResult> = fetched
        .iter()
        .zip(texts.iter().zip(&verdicts))
        .map(|((name, _), (text, verdict))| {
            let page = truth.as_ref().and_then(|gt| gt.get(name));
            PageResult {
                name: name.clone(),
                kind: page
                    .and_then(|p| p.get("page_type"))
                    .and_then(|k| k.as_str())
                    .map(str::to_string),
                verdict,
                score: page
                    .and_then(|p| p.get("articleBody"))
                    .and_then(|b| b.as_str())
                    .map(|body| crate::eval::score_page(body, text)),
            }
        })
        .collect();
    let quality = truth.as_ref().map(|_| {
        let scores: Vec<_> = pages_seen.iter().filter_map(|p| p.score).collect();
        let (p, r, f) = crate::eval::corpus(&scores);
        (scores.len(), p, r, f)
    });
    Ok(ExtractBench {
        pages: fetched.len(),
        timings: Timings::new(times, passes),
        failed,
        peak_rss,
        quality,
        pages_seen,
    })
}

/// What `bench brief` measured.
pub struct BriefBench {
    articles: usize,
    claims: usize,
    not_articles: usize,
    timings: Timings,
    /// The slowest article's page name.
    slowest: String,
    peak_rss: String,
}

impl std::fmt::Display for BriefBench {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = &self.timings;
        writeln!(
            f,
            "brief: {} articles ({} claims, {} pages not articles), median of {} passes {:.3}s on one core: {:.1} articles/s; per article p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({}); peak RSS {} MB",
            self.articles,
            self.claims,
            self.not_articles,
            t.passes.len(),
            t.median(),
            self.articles as f64 / t.median().max(1e-9),
            t.pct(0.5),
            t.pct(0.95),
            t.pct(1.0),
            self.slowest,
            self.peak_rss,
        )
    }
}

/// The brief stage (claims, ranking, Vietnamese, the checks) per article of `dir`, each
/// extracted first and untimed, built as every command builds a brief
/// ([`pipeline::make_brief`]).
pub fn brief(config: Config, dir: &Path, rounds: usize) -> Result<BriefBench> {
    let pages = fetch::saved_pages(dir)?;
    let env = Env::new(config, None)?;
    let saved = fetch::Saved {
        source: "bench".into(),
        max_bytes: env.config.max_page_bytes,
    };
    let limits = env.config.limits();
    // Extract every page first: the timing is the brief stage alone.
    let mut articles = Vec::new();
    let mut not_articles = 0;
    for p in &pages {
        let page = saved.fetch(&p.display().to_string());
        match page.and_then(|page| extract::extract(&page, &limits)) {
            Ok(Some(a)) => articles.push((fetch::page_stem(p), a)),
            _ => not_articles += 1,
        }
    }
    if articles.is_empty() {
        bail!("no article pages in {}", dir.display());
    }
    let store = Store::open_in_memory()?;
    let chain = env.chain(&store, false)?;
    let opts = Options::default();
    let rounds = rounds.max(1);
    let mut times: Vec<(f64, usize)> = Vec::with_capacity(articles.len() * rounds);
    let mut passes = Vec::with_capacity(rounds);
    let mut claims_total = 0;
    for round in 0..rounds {
        let started = Instant::now();
        for (k, (_, a)) in articles.iter().enumerate() {
            // Copied before the clock starts: `make_brief` takes its articles.
            let entry = a.clone();
            let t = Instant::now();
            let cs: Vec<ClaimRecord> = claims::extract(a, &env.glossary)
                .into_iter()
                .map(ClaimRecord::new)
                .collect();
            if round == 0 {
                claims_total += cs.len();
            }
            let day = env
                .day_of(a)
                .unwrap_or_else(|| chrono::Utc::now().date_naive());
            pipeline::make_brief(&env, &store, &chain, &opts, day, vec![(entry, cs)])?;
            times.push((t.elapsed().as_secs_f64() * 1000.0, k));
        }
        passes.push(started.elapsed().as_secs_f64());
    }
    let slowest = times
        .iter()
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| articles[*k].0.clone())
        .unwrap_or_default();
    Ok(BriefBench {
        articles: articles.len(),
        claims: claims_total,
        not_articles,
        timings: Timings::new(times.into_iter().map(|(t, _)| t).collect(), passes),
        slowest,
        peak_rss: peak_rss_mb(),
    })
}

/// What `bench translate` measured for a Marian model.
pub struct TranslateBench {
    model: String,
    parameters: usize,
    sentences: usize,
    batch: usize,
    threads: usize,
    load_secs: f64,
    /// Seconds per pass over all sentences, sorted.
    passes: Vec<f64>,
    /// Tokens the model decoded in one pass.
    tokens: usize,
    peak_rss: String,
    /// chrF (character 6-grams, beta 2) of the raw output against both references.
    chrf: Option<f64>,
    /// Per way of sending (figures and names as placeholders or as written): answers
    /// published by the gate, of claims asked.
    gate: Vec<(bool, usize, usize)>,
}

impl std::fmt::Display for TranslateBench {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let median = self.passes[self.passes.len() / 2];
        writeln!(
            f,
            "translate: {} ({:.1}M parameters), {} sentences in batches of {} on {} threads: loaded in {:.2}s; median of {} passes {:.3}s: {:.2} sentences/s, {:.0} tokens/s; peak RSS {} MB",
            self.model,
            self.parameters as f64 / 1e6,
            self.sentences,
            self.batch,
            self.threads,
            self.load_secs,
            self.passes.len(),
            median,
            self.sentences as f64 / median.max(1e-9),
            self.tokens as f64 / median.max(1e-9),
            self.peak_rss,
        )?;
        if let Some(c) = self.chrf {
            writeln!(
                f,
                "quality: chrF {:.1} against the two references",
                c * 100.0
            )?;
        }
        for (protect, published, asked) in &self.gate {
            let way = if *protect {
                "figures and names as placeholders"
            } else {
                "figures and names as written"
            };
            writeln!(
                f,
                "gate ({way}): {published} of {asked} claims published ({:.0}%)",
                100.0 * *published as f64 / (*asked).max(1) as f64
            )?;
        }
        Ok(())
    }
}

/// One sentence of a Vietnamese bench file (`../shared/bench/vietnamese/*.jsonl`).
#[derive(serde::Deserialize)]
struct Sentence {
    text: String,
    published: Option<chrono::NaiveDate>,
    #[serde(default)]
    vi_ref: Option<String>,
    #[serde(default)]
    vi_ref2: Option<String>,
}

/// A Marian model over the sentences of a JSON-lines file: speed and memory, chrF against the
/// references, and how many of its answers the gate publishes, with figures and names sent as
/// placeholders and as written.
pub fn translate(
    config: &Config,
    dir: &Path,
    name: &str,
    sentences: &Path,
    rounds: usize,
) -> Result<TranslateBench> {
    use crate::translate::chain::{Chain, Job, Slot};
    use crate::translate::marian::Marian;
    let text = std::fs::read_to_string(sentences)
        .with_context(|| format!("cannot read {}", sentences.display()))?;
    let items: Vec<Sentence> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{} line {}: not a sentence", sentences.display(), i + 1))
        })
        .collect::<Result<_>>()?;
    if items.is_empty() {
        bail!("no sentences in {}", sentences.display());
    }
    let settings = config.marian();
    let model = Marian::from_dir(dir, name, &settings);
    let started = Instant::now();
    model.load()?;
    let load_secs = started.elapsed().as_secs_f64();
    let texts: Vec<&str> = items.iter().map(|s| s.text.as_str()).collect();
    let mut passes = Vec::new();
    let mut outputs = Vec::new();
    let mut tokens = 0;
    for _ in 0..rounds.max(1) {
        let (t, before) = (Instant::now(), model.decoded());
        outputs = model.translate(&texts)?;
        passes.push(t.elapsed().as_secs_f64());
        tokens = model.decoded() - before;
    }
    passes.sort_by(f64::total_cmp);
    let refs: Vec<Vec<&str>> = items
        .iter()
        .map(|s| {
            s.vi_ref
                .iter()
                .chain(&s.vi_ref2)
                .map(String::as_str)
                .collect()
        })
        .collect();
    let chrf = refs
        .iter()
        .all(|r| !r.is_empty())
        .then(|| crate::eval::chrf(&outputs, &refs));
    // The gate, both ways: each sentence's first claim through a chain of this model alone.
    let env = Env::new(config.clone(), None)?;
    let mut gate = Vec::new();
    for protect in [true, false] {
        let settings = crate::config::Marian {
            protect,
            ..settings.clone()
        };
        let engine = Marian::from_dir(dir, name, &settings);
        let store = Store::open_in_memory()?;
        let chain = Chain::new(
            vec![Slot::Remote(Box::new(engine))],
            &env.glossary,
            &env.templates,
            &store,
            false,
        );
        let claims: Vec<_> = items
            .iter()
            .filter_map(|s| {
                let a = extract::from_text("text:bench", "bench", &s.text, s.published);
                claims::extract(&a, &env.glossary)
                    .into_iter()
                    .next()
                    .map(|c| (c, s.published))
            })
            .collect();
        let jobs: Vec<Job> = claims
            .iter()
            .map(|(c, published)| Job {
                text: &c.text,
                bullet: &c.text,
                figures: &c.figures,
                kind: Some(c.kind),
                attribution: c.attribution.as_ref(),
                published: *published,
                headline: None,
                approved: false,
            })
            .collect();
        let published = chain
            .render(&jobs)
            .iter()
            .filter(|o| o.vi.is_some())
            .count();
        gate.push((protect, published, jobs.len()));
    }
    Ok(TranslateBench {
        model: name.to_string(),
        parameters: model.parameters(),
        sentences: items.len(),
        batch: settings.batch,
        threads: model.threads(),
        load_secs,
        passes,
        tokens,
        peak_rss: peak_rss_mb(),
        chrf,
        gate,
    })
}

/// What `bench desk` measured: latency by request kind under concurrent editors.
pub struct DeskBench {
    claims: usize,
    days: usize,
    setup: f64,
    clients: usize,
    seconds: f64,
    /// Per kind: (name, sorted latencies in ms, errors).
    kinds: Vec<(&'static str, Vec<f64>, usize)>,
    peak_rss: String,
}

impl std::fmt::Display for DeskBench {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.kinds.iter().map(|k| k.1.len()).sum();
        let errors: usize = self.kinds.iter().map(|k| k.2).sum();
        writeln!(
            f,
            "desk: {} clients for {:.0}s against a store of {} claims over {} days (set up in {:.0}s): {} requests, {:.0}/s, {} errors; peak RSS {} MB",
            self.clients,
            self.seconds,
            self.claims,
            self.days,
            self.setup,
            total,
            total as f64 / self.seconds.max(1e-9),
            errors,
            self.peak_rss
        )?;
        let mut all: Vec<f64> = self
            .kinds
            .iter()
            .flat_map(|k| k.1.iter().copied())
            .collect();
        all.sort_by(f64::total_cmp);
        for (name, t, err) in self
            .kinds
            .iter()
            .map(|(n, t, e)| (*n, t, *e))
            .chain(std::iter::once(("all", &all, errors)))
        {
            if t.is_empty() {
                continue;
            }
            let pct = |q: f64| t[((t.len() - 1) as f64 * q).round() as usize];
            writeln!(
                f,
                "  {name:<14} {:>6} requests  p50 {:>7.1} ms  p95 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms  errors {err}",
                t.len(),
                pct(0.5),
                pct(0.95),
                pct(0.99),
                pct(1.0)
            )?;
        }
        Ok(())
    }
}

/// A load check of the desk (`bantin serve`): a store of at least `claims` claims is made in a
/// temporary folder from the configured sources (read offline, then copied onto later days and
/// briefed), the desk is started on loopback, and `clients` editors read day pages, previews
/// and the index and approve, reject and edit claims for `seconds`.
pub fn desk(config: Config, claims: usize, clients: usize, seconds: f64) -> Result<DeskBench> {
    use rand_free::Pick;
    let started = Instant::now();
    let dir = tempfile_dir()?;
    let mut config = config;
    config.store = dir.join("bantin.sqlite");
    config.output = dir.join("output");
    config.vietnamese.engines = vec!["rules".into()];
    let env = Env::new(config.clone(), None)?;
    let mut store = Store::open(&config.store)?;
    let opts = Options {
        offline: true,
        ..Options::default()
    };
    let mut report = pipeline::Report::default();
    pipeline::gather(&env, &store, &opts, &mut report)?;
    pipeline::extract_all(&env, &mut store, &opts, &mut report)?;
    let base: Vec<(Option<chrono::NaiveDate>, crate::model::Article)> = store.articles()?;
    let english: Vec<_> = base
        .into_iter()
        .filter(|(d, a)| d.is_some() && a.lang.as_deref() == Some("en"))
        .collect();
    if english.is_empty() {
        bail!("no English articles in {}", config.sources.display());
    }
    let first = english
        .iter()
        .filter_map(|(d, _)| *d)
        .min()
        .unwrap_or_default();
    let last = english
        .iter()
        .filter_map(|(d, _)| *d)
        .max()
        .unwrap_or_default();
    let span = (last - first).num_days() + 1;
    // Copies of the sources' days, each onto days of its own, until the store is big enough.
    let mut copy = 1;
    while store.claim_count()? < claims {
        for (_, a) in &english {
            let mut b = a.clone();
            b.url = format!("{}#copy-{copy}", a.url);
            let shift = chrono::Duration::days(span * copy);
            b.published = a.published.map(|p| p + shift);
            b.fetched_at = a.fetched_at.map(|p| p + shift);
            let cs: Vec<ClaimRecord> = claims::extract(&b, &env.glossary)
                .into_iter()
                .map(ClaimRecord::new)
                .collect();
            let key = crate::sha256_hex(b.url.as_bytes());
            store.put_article(&b, env.day_of(&b), &cs, &key)?;
        }
        copy += 1;
    }
    pipeline::brief(&env, &mut store, &opts)?;
    let days: Vec<chrono::NaiveDate> = store.days()?.into_iter().map(|d| d.date).collect();
    let ids: Vec<(chrono::NaiveDate, Vec<String>)> = days
        .iter()
        .map(|&d| {
            Ok((
                d,
                store
                    .claims(Some(d))?
                    .into_iter()
                    .map(|c| c.claim.id)
                    .collect(),
            ))
        })
        .collect::<Result<_>>()?;
    let n_claims = store.claim_count()?;
    drop(store);
    let setup = started.elapsed().as_secs_f64();

    let desk = crate::desk::start(
        config,
        None,
        "127.0.0.1:0".parse()?,
        crate::desk::Publishing::default(),
    )?;
    let base = desk.url();
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()?;
    let page = http.get(format!("{base}day/{}", days[0])).send()?.text()?;
    let csrf = page
        .split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|s| s.get(..64))
        .context("the day page has no CSRF token")?
        .to_string();
    const KINDS: [&str; 6] = [
        "day page",
        "filtered page",
        "index",
        "preview",
        "approve/reject",
        "edit",
    ];
    let until = Instant::now() + std::time::Duration::from_secs_f64(seconds);
    let results: Vec<Vec<(usize, f64, bool)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|i| {
                let (http, base, csrf, ids) = (&http, &base, &csrf, &ids);
                s.spawn(move || {
                    let mut pick = Pick::new(i as u64 + 1);
                    let mut out = Vec::new();
                    while Instant::now() < until {
                        let (day, day_ids) = &ids[pick.below(ids.len())];
                        let id = &day_ids[pick.below(day_ids.len())];
                        let roll = pick.below(100);
                        let kind = match roll {
                            0..45 => 0,
                            45..60 => 1,
                            60..65 => 2,
                            65..68 => 3,
                            68..90 => 4,
                            _ => 5,
                        };
                        let t = Instant::now();
                        let res = match kind {
                            0 => http.get(format!("{base}day/{day}")).send(),
                            1 => http
                                .get(format!("{base}day/{day}?filter=needs_translation"))
                                .send(),
                            2 => http.get(base.clone()).send(),
                            3 => http.get(format!("{base}day/{day}/preview")).send(),
                            4 => {
                                let action = if roll.is_multiple_of(4) {
                                    "reject"
                                } else {
                                    "approve"
                                };
                                http.post(format!("{base}claim/{id}"))
                                    .form(&[("csrf", csrf.as_str()), ("action", action)])
                                    .send()
                            }
                            _ => http
                                .post(format!("{base}claim/{id}"))
                                .form(&[
                                    ("csrf", csrf.as_str()),
                                    ("action", "edit"),
                                    ("en", &format!("Edited by client {i} at {}.", out.len())),
                                ])
                                .send(),
                        };
                        let ok = res.and_then(|r| {
                            let good = r.status().is_success() || r.status().is_redirection();
                            r.bytes().map(|_| good)
                        });
                        out.push((
                            kind,
                            t.elapsed().as_secs_f64() * 1000.0,
                            ok.unwrap_or(false),
                        ));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    drop(desk);
    let mut kinds: Vec<(&'static str, Vec<f64>, usize)> =
        KINDS.iter().map(|k| (*k, Vec::new(), 0)).collect();
    for (kind, ms, ok) in results.into_iter().flatten() {
        kinds[kind].1.push(ms);
        if !ok {
            kinds[kind].2 += 1;
        }
    }
    for k in &mut kinds {
        k.1.sort_by(f64::total_cmp);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(DeskBench {
        claims: n_claims,
        days: days.len(),
        setup,
        clients,
        seconds,
        kinds,
        peak_rss: peak_rss_mb(),
    })
}

/// A fresh folder under the system's temporary folder.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("bantin-bench-desk-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// A small deterministic generator, so two load runs make the same requests.
mod rand_free {
    pub struct Pick(u64);

    impl Pick {
        pub fn new(seed: u64) -> Self {
            Pick(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
        }

        /// A number in `0..n` (xorshift64*).
        pub fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
        }
    }
}
