//! The daily job as a checklist: fetch, extract, claims, brief, write. The only place (with
//! `main`) that sequences side effects.
//!
//! Every stage writes through the store in its own transactions, and output files are written
//! atomically before a day's brief is recorded, so a run killed at any point and started again
//! loses nothing and finishes the job. A day is briefed again only when what it is made from
//! (articles, claims, review state, memory, options) has changed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use crate::brief;
use crate::claims;
use crate::config::Config;
use crate::extract;
use crate::fetch::feeds;
use crate::fetch::web::{Outcome, Settings, Want, Web};
use crate::fetch::{self, SourceKind};
use crate::glossary::Glossary;
use crate::model::{Article, Brief, ClaimRecord};
use crate::model::{FeedItem, Validators};
use crate::publish::write;
use crate::rank;
use crate::render::Templates;
use crate::store::Store;
use crate::translate::chain::{Chain, EngineStats, Slot};
use crate::translate::remote;

/// Options of one run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this day.
    pub date: Option<NaiveDate>,
    /// Do not touch the network.
    pub offline: bool,
    /// Render only approved claims.
    pub approved_only: bool,
    /// Fixed bullets per article.
    pub max_bullets: Option<usize>,
    /// Show a progress bar.
    pub progress: bool,
    /// Fetch addresses in private ranges (also the config's `allow_private`).
    pub allow_private: bool,
    /// Sources folder instead of the config's.
    pub sources: Option<PathBuf>,
}

/// What reading one source did.
#[derive(Debug, Default, Clone)]
pub struct SourceReport {
    /// The source's name.
    pub name: String,
    /// Items its feed or sitemap lists (1 for a page source; saved pages for a folder).
    pub seen: usize,
    /// Items not fetched before (from any source, on any day).
    pub new: usize,
    /// Pages downloaded (or read from disk) and stored.
    pub fetched: usize,
    /// Feeds and pages the server said were unchanged (304).
    pub not_modified: usize,
    /// What was skipped, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// What a run did, for the one-screen report.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages seen in the sources.
    pub found: usize,
    /// Pages new or changed in the store.
    pub new_pages: usize,
    /// Articles extracted (new or changed).
    pub extracted: usize,
    /// Articles unchanged since the last run.
    pub unchanged: usize,
    /// Pages or sources skipped, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Per source: items seen, new, fetched, not modified, skipped.
    pub sources: Vec<SourceReport>,
    /// Articles not in English, by language (ISO 639-1; `und` when unknown): kept, not briefed.
    pub languages: BTreeMap<String, usize>,
    /// Opinion and analysis pieces in English: kept, not briefed.
    pub opinion: usize,
    /// Claims of the articles in the store.
    pub claims: usize,
    /// Days briefed now.
    pub days: Vec<DayReport>,
    /// Days already briefed and unchanged.
    pub days_unchanged: usize,
    /// What each Vietnamese engine did, in the configured order.
    pub engines: Vec<(String, EngineStats)>,
    /// How to get the translation model, when the engines are the default and it is missing.
    pub model_hint: Option<String>,
    /// Time taken.
    pub elapsed: Duration,
}

impl Report {
    /// What a scheduled job must notice: a source file that could not be read, a source of
    /// which nothing could be fetched, a day with articles but no brief. `run` finishes what it
    /// can, then exits non-zero when there is any.
    pub fn problems(&self) -> Vec<String> {
        // Not failures: offline runs leave web sources alone; patterns exclude on purpose.
        let benign =
            |why: &str| why.starts_with("offline:") || why == "excluded by the source's patterns";
        let mut out = Vec::new();
        for sr in &self.sources {
            if sr.fetched + sr.not_modified == 0
                && let Some((what, why)) = sr.skipped.iter().find(|(_, why)| !benign(why))
            {
                out.push(format!(
                    "source {}: nothing fetched ({what}: {why})",
                    sr.name
                ));
            }
        }
        for d in &self.days {
            if d.items == 0 && d.articles > 0 {
                out.push(format!(
                    "{}: {} articles but no brief (no claim passed the checks)",
                    d.date, d.articles
                ));
            }
        }
        out
    }
}

/// One briefed day.
#[derive(Debug)]
pub struct DayReport {
    pub date: NaiveDate,
    pub items: usize,
    pub articles: usize,
    pub bullets_en: usize,
    pub bullets_vi: usize,
    pub needs_translation: usize,
    pub dropped: usize,
    pub dir: PathBuf,
    /// Why the claims waiting for Vietnamese have none, one reason a claim.
    pub missing: Vec<String>,
}

/// Everything the stages share.
pub struct Env {
    pub config: Config,
    pub glossary: Glossary,
    pub templates: Templates,
    pub tz: Tz,
}

impl Env {
    /// Loads glossary and templates for a config.
    pub fn new(config: Config, templates_dir: Option<&Path>) -> Result<Self> {
        let glossary = Glossary::load(&config.glossary)?;
        let dir = templates_dir
            .map(Path::to_path_buf)
            .or_else(|| config.templates.clone());
        let templates = Templates::load(dir.as_deref())?;
        let tz = config.tz()?;
        Ok(Env {
            config,
            glossary,
            templates,
            tz,
        })
    }

    /// The Vietnamese engines of a run in the configured order, behind the gate, with the
    /// store as their cache; `offline`: no server is asked, stored answers and the rules are
    /// used.
    pub fn chain<'a>(&'a self, store: &'a Store, offline: bool) -> Result<Chain<'a>> {
        let agent = self.config.agent();
        let mut slots = Vec::new();
        let hub = crate::hub::cache_dir();
        for name in &self.config.engine_order(&hub) {
            let e = &self.config.engines;
            let server: Option<Result<Box<dyn remote::Engine>>> =
                match (name.as_str(), &e.openai, &e.libretranslate) {
                    ("marian", _, _) => Some(
                        crate::translate::marian::Marian::open(&self.config.marian(), &hub)
                            .map(|x| Box::new(x) as Box<dyn remote::Engine>),
                    ),
                    ("openai", Some(c), _) => Some(
                        remote::OpenAi::new(c, &agent)
                            .map(|x| Box::new(x) as Box<dyn remote::Engine>),
                    ),
                    ("libretranslate", _, Some(c)) => Some(
                        remote::LibreTranslate::new(c, &agent)
                            .map(|x| Box::new(x) as Box<dyn remote::Engine>),
                    ),
                    _ => None,
                };
            // A server that cannot be set up (its key is not in the environment) is skipped
            // and said so in the report: the run goes on with the other engines.
            slots.push(match server {
                None => Slot::Rules,
                Some(Ok(engine)) => Slot::Remote(engine),
                Some(Err(e)) => Slot::Unavailable {
                    name: name.clone(),
                    why: one_line(&e),
                },
            });
        }
        Ok(Chain::new(
            slots,
            &self.glossary,
            &self.templates,
            store,
            offline,
        ))
    }

    /// Adds the glossary terms editors gave in review (they win over the built-in ones).
    pub fn learn_terms(&mut self, store: &Store) -> Result<()> {
        for term in store.terms()? {
            self.glossary.add_term(term);
        }
        Ok(())
    }

    /// Ranking limits for a run.
    pub fn limits(&self, opts: &Options) -> rank::Limits {
        rank::Limits {
            min: self.config.min_bullets,
            max: self.config.max_bullets,
            exact: opts.max_bullets,
            approved_only: opts.approved_only || self.config.approved_only,
        }
    }

    /// The day an article belongs to, in the configured timezone.
    pub fn day_of(&self, a: &Article) -> Option<NaiveDate> {
        a.published
            .map(|p| p.with_timezone(&self.tz).date_naive())
            .or_else(|| a.fetched_at.map(|f| f.with_timezone(&self.tz).date_naive()))
    }
}

/// Held while a run or a publish writes the store's days and the output folder: a second one
/// started meanwhile waits for it (a scheduled run meeting a manual one), and the lock goes
/// with the process, however it ends.
pub struct RunLock {
    _file: std::fs::File,
}

impl RunLock {
    /// Takes the lock beside `store` (`bantin.sqlite.lock`), calling `waiting` with its path
    /// first when another process holds it.
    pub fn acquire(store: &Path, waiting: impl FnOnce(&Path)) -> Result<RunLock> {
        let mut name = store.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting(&path);
                file.lock()
                    .with_context(|| format!("cannot lock {}", path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        Ok(RunLock { _file: file })
    }
}

/// The daily job.
pub fn run(env: &Env, store: &mut Store, opts: &Options) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    gather(env, store, opts, &mut report)?;
    extract_all(env, store, opts, &mut report)?;
    brief_days(env, store, opts, &mut report)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// One page to fetch for a source.
struct Job {
    source: usize,
    item: FeedItem,
    validators: Option<Validators>,
    interval: Option<Duration>,
}

/// Stage 1: reads every source into the store: saved folders from disk, feeds, sitemaps and
/// pages from the web (politely; see [`fetch::web`]). Offline, web sources are skipped and
/// what the store holds is used.
pub fn gather(env: &Env, store: &Store, opts: &Options, report: &mut Report) -> Result<()> {
    let dir = opts
        .sources
        .clone()
        .unwrap_or_else(|| env.config.sources.clone());
    let mut sources = Vec::new();
    for (file, source) in fetch::load_sources(&dir)? {
        match source {
            Ok(s) => sources.push((file, s)),
            Err(e) => report.sources.push(SourceReport {
                name: file.display().to_string(),
                skipped: vec![(file.display().to_string(), one_line(&e))],
                ..SourceReport::default()
            }),
        }
    }
    let web = if opts.offline {
        None
    } else {
        Some(Web::new(Settings::from_config(
            &env.config,
            opts.allow_private,
        ))?)
    };
    // robots.txt is asked once a day per site: what earlier runs fetched is reused.
    if let Some(web) = &web {
        for (origin, text) in store.robots(24)? {
            web.preload_robots(&origin, text);
        }
    }
    let mut jobs: Vec<Job> = Vec::new();
    let mut queued: HashSet<String> = HashSet::new();
    for (file, src) in &sources {
        let location = src
            .url
            .clone()
            .or_else(|| src.path.as_ref().map(|p| p.display().to_string()))
            .unwrap_or_default();
        store.put_source(
            &src.name,
            &format!("{:?}", src.kind).to_lowercase(),
            &location,
            &src.lang,
        )?;
        let mut sr = SourceReport {
            name: src.name.clone(),
            ..SourceReport::default()
        };
        let index = report.sources.len();
        match src.kind {
            SourceKind::Dir => {
                let base = file.parent().unwrap_or(Path::new("."));
                let dir = base.join(src.path.clone().unwrap_or_else(|| PathBuf::from(".")));
                let saved = fetch::Saved {
                    source: src.name.clone(),
                    max_bytes: env.config.max_page_bytes,
                };
                for page in fetch::saved_pages(&dir)? {
                    report.found += 1;
                    sr.seen += 1;
                    match saved.fetch(&page.display().to_string()) {
                        Ok(f) => {
                            let new = store.put_page(&f)?;
                            report.new_pages += usize::from(new);
                            sr.new += usize::from(new);
                            sr.fetched += 1;
                        }
                        Err(e) => sr.skipped.push((page.display().to_string(), one_line(&e))),
                    }
                }
            }
            SourceKind::Page | SourceKind::Feed | SourceKind::Sitemap => {
                let Some(url) = &src.url else {
                    sr.skipped
                        .push((src.name.clone(), "a web source needs a url".into()));
                    report.sources.push(sr);
                    continue;
                };
                let Some(web) = &web else {
                    sr.skipped
                        .push((url.clone(), "offline: using what is stored".into()));
                    report.sources.push(sr);
                    continue;
                };
                let filter = match src.filter() {
                    Ok(f) => f,
                    Err(e) => {
                        sr.skipped.push((src.name.clone(), one_line(&e)));
                        report.sources.push(sr);
                        continue;
                    }
                };
                let interval = src
                    .rate_limit_secs
                    .map(|s| Duration::from_secs_f64(s.max(0.0)));
                let items = if src.kind == SourceKind::Page {
                    vec![FeedItem {
                        link: feeds::canonical(url),
                        title: None,
                        published: None,
                        summary: None,
                    }]
                } else {
                    match read_listing(web, store, url, interval, 0) {
                        Ok(Some(items)) => items,
                        Ok(None) => {
                            sr.not_modified += 1;
                            Vec::new()
                        }
                        Err(e) => {
                            sr.skipped.push((url.clone(), one_line(&e)));
                            Vec::new()
                        }
                    }
                };
                let listed = items.len();
                // Links that failed on an earlier run are asked again for a week.
                let mut items = items;
                if src.kind != SourceKind::Page {
                    for p in store.pending_links(&src.name, 7)? {
                        if !items.iter().any(|i| i.link == p.link) {
                            items.push(p);
                        }
                    }
                }
                for (k, item) in items.into_iter().enumerate() {
                    if k < listed {
                        sr.seen += 1;
                        report.found += 1;
                    }
                    if !filter.admits(&item.link) {
                        sr.skipped.push((
                            item.link.clone(),
                            "excluded by the source's patterns".into(),
                        ));
                        continue;
                    }
                    // A listed link is fetched once, whatever source or day lists it again; a
                    // page source is asked each run, conditionally.
                    if src.kind != SourceKind::Page && store.link_fetched(&item.link)? {
                        continue;
                    }
                    if !queued.insert(item.link.clone()) {
                        continue;
                    }
                    sr.new += 1;
                    jobs.push(Job {
                        source: index,
                        validators: store.validators(&item.link)?,
                        item,
                        interval,
                    });
                }
            }
        }
        report.sources.push(sr);
    }
    if let Some(web) = &web {
        fetch_pages(env, store, web, jobs, report)?;
        for (origin, text) in web.fetched_robots() {
            store.put_robots(&origin, text.as_deref())?;
        }
    }
    for sr in &report.sources {
        report.skipped.extend(sr.skipped.iter().cloned());
    }
    Ok(())
}

/// A feed's or sitemap's items, or `None` when the server says it has not changed. A page in
/// place of a feed is searched for its feed link; a sitemap index is followed one level.
fn read_listing(
    web: &Web,
    store: &Store,
    url: &str,
    interval: Option<Duration>,
    depth: usize,
) -> Result<Option<Vec<FeedItem>>> {
    let validators = store.validators(url)?;
    let (page, fresh) = match web.get(url, Want::Feed, validators.as_ref(), interval)? {
        Outcome::NotModified => return Ok(None),
        Outcome::Fetched(page, v) => (page, v),
    };
    let head =
        String::from_utf8_lossy(&page.body[..page.body.len().min(1024)]).to_ascii_lowercase();
    let html = page
        .content_type
        .as_deref()
        .is_some_and(|c| c.contains("text/html"))
        || head.trim_start().starts_with("<!doctype html")
        || head.contains("<html");
    let items = if html {
        let text = String::from_utf8_lossy(&page.body);
        let feed = feeds::discover(&text, &page.url)
            .with_context(|| format!("{url} is a page that names no feed"))?;
        if depth > 0 {
            anyhow::bail!("{url}: the feed link leads to another page");
        }
        return read_listing(web, store, &feed, interval, depth + 1);
    } else if feeds::is_sitemap(&page.body) {
        let items =
            feeds::parse_sitemap(&page.body).with_context(|| format!("{url}: broken sitemap"))?;
        if String::from_utf8_lossy(&page.body).contains("<sitemapindex") && depth == 0 {
            let mut all = Vec::new();
            for child in items {
                if let Some(more) = read_listing(web, store, &child.link, interval, depth + 1)? {
                    all.extend(more);
                }
            }
            all
        } else {
            items
        }
    } else {
        feeds::parse_feed(&page.body, &page.url).with_context(|| format!("{url}: broken feed"))?
    };
    // Validators are kept only once the listing was read: a broken feed is fetched in full
    // next time.
    store.put_validators(url, &fresh)?;
    Ok(Some(items))
}

/// Fetches the queued pages: hosts in parallel (up to `concurrency`), each host's pages one
/// after another at its pace; results are stored as they arrive.
fn fetch_pages(
    env: &Env,
    store: &Store,
    web: &Web,
    jobs: Vec<Job>,
    report: &mut Report,
) -> Result<()> {
    let mut by_host: BTreeMap<String, Vec<Job>> = BTreeMap::new();
    for job in jobs {
        let host = url::Url::parse(&job.item.link)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .unwrap_or_default();
        by_host.entry(host).or_default().push(job);
    }
    let queue = std::sync::Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let workers = env.config.concurrency.max(1);
    let (tx, rx) = std::sync::mpsc::channel::<(Job, Result<Outcome>)>();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || {
                loop {
                    let Some(host_jobs) = queue.lock().unwrap_or_else(|e| e.into_inner()).pop()
                    else {
                        return;
                    };
                    for job in host_jobs {
                        let r = web.get(
                            &job.item.link,
                            Want::Page,
                            job.validators.as_ref(),
                            job.interval,
                        );
                        if tx.send((job, r)).is_err() {
                            return;
                        }
                    }
                }
            });
        }
        drop(tx);
        for (job, result) in rx {
            let sr = &mut report.sources[job.source];
            let name = sr.name.clone();
            let link = job.item.link.clone();
            match result {
                Ok(Outcome::NotModified) => {
                    sr.not_modified += 1;
                    store.put_link(&link, &name, None, &job.item, "fetched")?;
                }
                Ok(Outcome::Fetched(mut page, validators)) => {
                    page.source = name.clone();
                    page.site_hint = Some(name.clone());
                    page.published_hint = job
                        .item
                        .published
                        .map(|p| p.with_timezone(&env.tz).date_naive());
                    report.new_pages += usize::from(store.put_page(&page)?);
                    store.put_validators(&link, &validators)?;
                    store.put_link(&link, &name, Some(&page.url), &job.item, "fetched")?;
                    sr.fetched += 1;
                }
                Err(e) => {
                    let why = one_line(&e);
                    store.put_link(&link, &name, None, &job.item, &format!("skipped: {why}"))?;
                    sr.skipped.push((link, why));
                }
            }
        }
        Ok(())
    })
}

/// Stage 2 and 3: extracts every stored page and finds its claims.
pub fn extract_all(
    env: &Env,
    store: &mut Store,
    opts: &Options,
    report: &mut Report,
) -> Result<()> {
    let pages = store.pages()?;
    let bar = progress(opts.progress, pages.len() as u64, "extract");
    let limits = env.config.limits();
    for page in &pages {
        bar.inc(1);
        match extract::extract(page, &limits) {
            Ok(Some(article)) if article.verdict != crate::model::Verdict::Ok => {
                let reason = format!("{} (not summarised)", article.verdict.as_str());
                store.put_skipped(&page.url, &reason)?;
                report.skipped.push((page.url.clone(), reason));
            }
            Ok(Some(article)) => {
                // Only English is briefed; other articles are kept, without claims.
                let lang = article.lang.clone().unwrap_or_else(|| "und".into());
                let english = lang == "en";
                if !english {
                    *report.languages.entry(lang.clone()).or_default() += 1;
                }
                // Claims are a pure function of the article: recomputing them is cheap, and a
                // store written by older rules is brought up to date.
                let claims: Vec<ClaimRecord> = if english {
                    claims::extract(&article, &env.glossary)
                        .into_iter()
                        .map(ClaimRecord::new)
                        .collect()
                } else {
                    Vec::new()
                };
                let key = crate::sha256_hex(
                    format!(
                        "{}{}",
                        article.content_hash,
                        serde_json::to_string(&claims)?
                    )
                    .as_bytes(),
                );
                if store.article_key(&article.url)?.as_deref() == Some(key.as_str()) {
                    report.unchanged += 1;
                    continue;
                }
                store.put_article(&article, env.day_of(&article), &claims, &key)?;
                if !english {
                    store.put_skipped(&page.url, &not_english(&lang))?;
                }
                report.extracted += 1;
            }
            Ok(None) => {
                let reason =
                    "not an article (too little body text, or a list of links or a shop page)";
                store.put_skipped(&page.url, reason)?;
                report.skipped.push((page.url.clone(), reason.into()));
            }
            Err(e) => {
                let reason = one_line(&e);
                store.put_skipped(&page.url, &reason)?;
                report.skipped.push((page.url.clone(), reason));
            }
        }
    }
    bar.finish_and_clear();
    report.claims = store.claim_count()?;
    Ok(())
}

/// Why an article is not briefed: "language de (German), not English"; a Vietnamese page is
/// what bantin writes, not what it reads.
pub fn not_english(lang: &str) -> String {
    match lang {
        "vi" => "language vi (Vietnamese): bantin briefs English sources into Vietnamese, it does not translate Vietnamese pages".into(),
        "und" => "language unknown, not English".into(),
        _ => format!("language {lang} ({}), not English", extract::lang::name(lang)),
    }
}

/// The articles a brief is made of, by day: English, and not opinion (a brief reports:
/// opinion and analysis pieces are kept and counted, not briefed). Returns the days and how
/// many opinion pieces were left out.
pub fn briefable(store: &Store) -> Result<(BTreeMap<NaiveDate, Vec<Article>>, usize)> {
    let mut by_day: BTreeMap<NaiveDate, Vec<Article>> = BTreeMap::new();
    let mut opinion = 0;
    for (day, a) in store.articles()? {
        if a.lang.as_deref() != Some("en") {
            continue;
        }
        if a.opinion {
            opinion += 1;
            continue;
        }
        if let Some(d) = day {
            by_day.entry(d).or_default().push(a);
        }
    }
    Ok((by_day, opinion))
}

/// A day's brief as it stands in the store now (review state, memory, stored engine answers),
/// without writing anything: what the desk previews. `None` when the day has no articles.
pub fn preview(env: &Env, store: &Store, day: NaiveDate) -> Result<Option<Brief>> {
    let (mut by_day, _) = briefable(store)?;
    let Some(articles) = by_day.remove(&day) else {
        return Ok(None);
    };
    let mut entries = Vec::new();
    for a in articles {
        let cs = store.claims_of(&a.url)?;
        entries.push((a, cs));
    }
    let chain = env.chain(store, true)?;
    let opts = Options {
        offline: true,
        ..Options::default()
    };
    Ok(Some(make_brief(env, store, &chain, &opts, day, entries)?.0))
}

/// Stage 4 and 5 alone: briefs every day that needs it (or `opts.date`) and writes its files.
pub fn brief(env: &Env, store: &mut Store, opts: &Options) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    brief_days(env, store, opts, &mut report)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Publishes the stored briefs of `days` (every stored brief when `None`) and writes the site
/// of every published day into `dir` (default: the output folder's `site`). A day published
/// earlier keeps what it was published with. Returns the files written and the number of days.
pub fn publish(
    env: &Env,
    store: &Store,
    dir: Option<&Path>,
    format: crate::publish::Format,
    days: Option<&[NaiveDate]>,
) -> Result<(Vec<PathBuf>, usize)> {
    let dir = dir.map_or_else(|| env.config.output.join("site"), Path::to_path_buf);
    // A site written before published briefs were kept showed every stored brief: so it stays.
    if days.is_some()
        && store.published()?.is_empty()
        && dir.join("public").join("index.html").exists()
    {
        store.mark_published(None)?;
    }
    if store.mark_published(days)? == 0 {
        anyhow::bail!(
            "no briefs to publish in {}{}: run `bantin run` first",
            env.config.store.display(),
            days.map(|d| format!(
                " for {}",
                d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .unwrap_or_default()
        );
    }
    let briefs = store.published()?;
    let s = crate::publish::Site {
        title: &env.config.site_title,
        base_url: &env.config.base_url,
    };
    let files = crate::publish::publish(&briefs, &env.templates, &dir, format, &s)?;
    Ok((files, briefs.len()))
}

/// Stage 4 and 5: briefs every day that needs it and writes its files.
fn brief_days(env: &Env, store: &mut Store, opts: &Options, report: &mut Report) -> Result<()> {
    let (mut by_day, opinion) = briefable(store)?;
    report.opinion += opinion;
    if let Some(d) = opts.date {
        by_day.retain(|k, _| *k == d);
        if by_day.is_empty() {
            anyhow::bail!(
                "no articles for {d} (days follow the timezone {})",
                env.config.timezone
            );
        }
    }
    let bar = progress(opts.progress, by_day.len() as u64, "brief");
    let chain = env.chain(store, opts.offline)?;
    for (day, articles) in by_day {
        bar.inc(1);
        let mut entries = Vec::new();
        for a in articles {
            let cs = store.claims_of(&a.url)?;
            entries.push((a, cs));
        }
        let fp = fingerprint(&entries, store, opts)?;
        let dir = env.config.output.join(day.to_string());
        let unchanged = store.brief_fingerprint(day)?.as_deref() == Some(fp.as_str())
            && dir.join("brief.md").exists();
        if unchanged && opts.date.is_none() {
            report.days_unchanged += 1;
            continue;
        }
        let n_articles = entries.len();
        let (b, claims) = make_brief(env, store, &chain, opts, day, entries)?;
        write_day(env, &dir, &b, &claims)?;
        // Review sees what the brief made of each claim: its Vietnamese, or why there is none.
        store.put_renderings(&claims)?;
        store.put_brief(&b, &fp)?;
        report.days.push(DayReport {
            date: day,
            items: b.items.len(),
            articles: n_articles,
            bullets_en: b.items.iter().map(|i| i.en.len()).sum(),
            bullets_vi: b.items.iter().map(|i| i.vi.len()).sum(),
            needs_translation: b.items.iter().map(|i| i.needs_translation.len()).sum(),
            dropped: b.items.iter().map(|i| i.dropped.len()).sum(),
            dir,
            missing: claims
                .iter()
                .filter(|c| c.rendering.needs_translation)
                .filter_map(|c| c.rendering.vi_missing.clone())
                .collect(),
        });
    }
    bar.finish_and_clear();
    report.engines = chain.stats();
    let order = env.config.engine_order(&crate::hub::cache_dir());
    if env.config.vietnamese.engines.is_empty() && !order.iter().any(|e| e == "marian") {
        let model = env.config.marian().model;
        let size = if model == crate::config::Marian::default().model {
            " (about 300 MB)"
        } else {
            ""
        };
        report.model_hint = Some(format!(
            "no translation model on this machine: `bantin model pull` downloads {model}{size} for the Vietnamese of later runs"
        ));
    }
    Ok(())
}

/// Builds one day's brief: the one way every command builds one (`run`, `brief`, `bench
/// brief`, `eval rouge`), with the translation memory of `store` and the engines of `chain`.
pub fn make_brief(
    env: &Env,
    store: &Store,
    chain: &Chain,
    opts: &Options,
    day: NaiveDate,
    entries: Vec<brief::Entry>,
) -> Result<(Brief, Vec<ClaimRecord>)> {
    // Opinion and analysis pieces are not briefed, whichever command asks.
    let entries: Vec<brief::Entry> = entries.into_iter().filter(|(a, _)| !a.opinion).collect();
    let memory = |en: &str| store.memory(en).ok().flatten();
    let vietnamese = |jobs: &[crate::translate::chain::Job<'_>]| chain.render(jobs);
    let ctx = brief::Ctx {
        vietnamese: &vietnamese,
        glossary: &env.glossary,
        memory: &memory,
        limits: env.limits(opts),
        max_stories: env.config.max_stories,
    };
    brief::build(day, entries, &ctx)
}

/// Writes `brief.en.md`, `brief.vi.md` (when the day has Vietnamese), `brief.md` and
/// `claims.json` into `dir`.
pub fn write_day(env: &Env, dir: &Path, b: &Brief, claims: &[ClaimRecord]) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let en = env.templates.brief(b, "en")?;
    write(&dir.join("brief.en.md"), &en)?;
    // A day without Vietnamese has no Vietnamese page (a stale one from an earlier run goes).
    let vi = if b.has_vi() {
        let vi = env.templates.brief(b, "vi")?;
        write(&dir.join("brief.vi.md"), &vi)?;
        vi
    } else {
        let stale = dir.join("brief.vi.md");
        if stale.exists() {
            std::fs::remove_file(&stale)
                .with_context(|| format!("cannot remove {}", stale.display()))?;
        }
        String::new()
    };
    write(&dir.join("brief.md"), &env.templates.brief_both(&en, &vi)?)?;
    write(
        &dir.join("claims.json"),
        &(serde_json::to_string_pretty(claims)? + "\n"),
    )?;
    Ok(())
}

fn fingerprint(entries: &[brief::Entry], store: &Store, opts: &Options) -> Result<String> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(format!("{:?}{:?}", opts.approved_only, opts.max_bullets));
    for (a, cs) in entries {
        h.update(&a.url);
        h.update(&a.content_hash);
        for c in cs {
            let r = &c.rendering;
            h.update(&c.claim.id);
            h.update(c.status.as_str());
            h.update(&r.en);
            // Only an editor's Vietnamese decides: the engine's is recomputed each brief.
            if r.vi_origin == Some(crate::model::ViOrigin::Human) {
                h.update(r.vi.as_deref().unwrap_or(""));
            }
        }
    }
    for t in store.terms()? {
        h.update(format!("{}\u{1}{}\u{1}{}", t.en, t.pos.as_str(), t.vi));
        // Terms without tags hash as they did before tags existed.
        for tag in &t.tags {
            h.update(format!("\u{1}{}", tag.as_str()));
        }
    }
    for (en, vi) in store.memory_all()? {
        h.update(en);
        h.update(vi);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn progress(show: bool, len: u64, label: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(label.to_string());
    bar
}

/// An error chain on one line.
pub fn one_line(e: &anyhow::Error) -> String {
    format!("{e:#}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line per Vietnamese engine: requests, cache hits, accepted, rejected by reason.
pub fn engines_report(engines: &[(String, EngineStats)]) -> String {
    let mut s = String::new();
    for (name, st) in engines {
        let rejected: Vec<String> = st
            .rejected
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let rejected = if rejected.is_empty() {
            "0".to_string()
        } else {
            rejected.join(", ")
        };
        if name == "rules" {
            s.push_str(&format!(
                "  engine rules: drafts for review {}  accepted (approved) {}  rejected by the gate {}\n",
                st.drafts, st.accepted, rejected
            ));
        } else {
            s.push_str(&format!(
                "  engine {name}: requests {}  cache hits {}  accepted {}  rejected {}  failed {}{}\n",
                st.requests,
                st.cache_hits,
                st.accepted,
                rejected,
                st.failed,
                st.skipped
                    .as_deref()
                    .map(|w| format!("  skipped: {w}"))
                    .unwrap_or_default()
            ));
        }
    }
    s
}

/// The one-screen run report.
pub fn print_report(r: &Report) -> String {
    let mut s = String::new();
    s.push_str("bantin run report\n");
    s.push_str(&format!(
        "  pages found {}  new or changed {}  articles extracted {}  unchanged {}  skipped {}\n",
        r.found,
        r.new_pages,
        r.extracted,
        r.unchanged,
        r.skipped.len()
    ));
    for (what, why) in r.skipped.iter().take(10) {
        s.push_str(&format!("    skipped {what}: {why}\n"));
    }
    if r.skipped.len() > 10 {
        s.push_str(&format!("    ... and {} more\n", r.skipped.len() - 10));
    }
    for sr in &r.sources {
        s.push_str(&format!(
            "  source {}: items {}  new {}  fetched {}  not modified {}  skipped {}\n",
            sr.name,
            sr.seen,
            sr.new,
            sr.fetched,
            sr.not_modified,
            sr.skipped.len()
        ));
    }
    if r.opinion > 0 {
        s.push_str(&format!(
            "  opinion and analysis (kept, not briefed: a brief reports): {} articles\n",
            r.opinion
        ));
    }
    if !r.languages.is_empty() {
        let mut by: Vec<(&String, &usize)> = r.languages.iter().collect();
        by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = by.iter().map(|(l, n)| format!("{l} {n}")).collect();
        s.push_str(&format!(
            "  not English (kept, not briefed): {} articles: {}\n",
            r.languages.values().sum::<usize>(),
            list.join(", ")
        ));
        if r.languages.contains_key("vi") {
            s.push_str(&format!("    {}\n", not_english("vi")));
        }
    }
    s.push_str(&format!("  claims in store {}\n", r.claims));
    for d in &r.days {
        s.push_str(&format!(
            "  {}: {} items from {} articles, bullets en {} vi {} ({:.0}% in Vietnamese), needs translation {}, dropped by check {} -> {}\n",
            d.date,
            d.items,
            d.articles,
            d.bullets_en,
            d.bullets_vi,
            100.0 * d.bullets_vi as f64 / d.bullets_en.max(1) as f64,
            d.needs_translation,
            d.dropped,
            d.dir.display()
        ));
    }
    let (en, vi) = r
        .days
        .iter()
        .fold((0, 0), |(e, v), d| (e + d.bullets_en, v + d.bullets_vi));
    if en > 0 {
        s.push_str(&format!(
            "  Vietnamese: {vi} of {en} selected claims rendered fully ({:.0}%); {} wait for an engine or an editor (needs_translation)\n",
            100.0 * vi as f64 / en as f64,
            en - vi.min(en)
        ));
        s.push_str(&engines_report(&r.engines));
        if let Some(hint) = &r.model_hint {
            s.push_str(&format!("  {hint}\n"));
        }
        let gaps =
            crate::translate::tally(r.days.iter().flat_map(|d| &d.missing).map(String::as_str));
        if !gaps.is_empty() {
            s.push_str(&format!(
                "  what stops the most (teach words with `bantin review term`): {}\n",
                crate::translate::top_gaps(&gaps, 6)
            ));
        }
    }
    let problems = r.problems();
    if !problems.is_empty() {
        s.push_str(&format!(
            "  problems (the run exits with status 1): {}\n",
            problems.len()
        ));
        for p in &problems {
            s.push_str(&format!("    {p}\n"));
        }
    }
    if r.days_unchanged > 0 {
        s.push_str(&format!(
            "  {} day(s) already briefed and unchanged\n",
            r.days_unchanged
        ));
    }
    s.push_str(&format!("  time {:.2}s\n", r.elapsed.as_secs_f64()));
    s
}

/// A page from a path or a URL: `bantin extract`, `claims` and `brief` read their input so.
/// An address the operator typed is theirs to choose, private or not; robots.txt and the
/// other manners still hold.
pub fn page(config: &Config, input: &str) -> Result<crate::model::Fetched> {
    if fetch::is_url(input) {
        let web = Web::new(Settings::from_config(config, true))?;
        match web.get(input, Want::Page, None, None)? {
            Outcome::Fetched(page, _) => Ok(page),
            Outcome::NotModified => anyhow::bail!("{input}: not modified"),
        }
    } else {
        let saved = fetch::Saved {
            source: "cli".into(),
            max_bytes: config.max_page_bytes,
        };
        saved.fetch(input)
    }
}

/// The article of a page from a path or a URL; `published` is the day to assume when the
/// page gives none, and wins over the page's own when its sidecar gives one.
pub fn article(config: &Config, input: &str, published: Option<NaiveDate>) -> Result<Article> {
    let mut page = page(config, input)?;
    if page.published_hint.is_none() {
        page.published_hint = published;
    }
    let mut a = extract::extract(&page, &config.limits())
        .with_context(|| format!("cannot extract {input}"))?
        .with_context(|| format!("{input} is {}", NOT_AN_ARTICLE))?;
    if let (Some(p), true) = (published, page.published_hint.is_some())
        && a.published.map(|d| d.date_naive()) != Some(p)
    {
        a.published = p.and_hms_opt(0, 0, 0).map(|d| d.and_utc().fixed_offset());
    }
    Ok(a)
}

/// The claims of a page (a path or a URL) or, with `text`, of a plain-text file, and every
/// figure of its text: what `bantin claims` prints. `published` is the day relative dates
/// resolve against when the page gives none.
pub fn read_claims(
    env: &Env,
    page: Option<&str>,
    text: Option<&Path>,
    published: Option<NaiveDate>,
) -> Result<(Vec<crate::model::Figure>, Vec<ClaimRecord>)> {
    let (figures, claims) = match (page, text) {
        (_, Some(file)) => {
            let t = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let url = format!("file://{}", file.display());
            let cs = claims::from_text(&t, &url, published, &env.glossary);
            (claims::figures::find(&t, published), cs)
        }
        (Some(input), None) => {
            let article = article(&env.config, input, published)?;
            let p = article.published.map(|d| d.date_naive()).or(published);
            (
                claims::figures::find(&article.text, p),
                claims::extract(&article, &env.glossary),
            )
        }
        (None, None) => anyhow::bail!("claims needs a page (path or URL) or --text FILE"),
    };
    Ok((figures, claims.into_iter().map(ClaimRecord::new).collect()))
}

/// What a page that is not an article is told.
pub const NOT_AN_ARTICLE: &str =
    "not an article (too little body text, or a list of links or a shop page)";

/// An article made from a plain-text file: paragraphs split on blank lines, the file's name
/// as its title.
pub fn text_article(file: &Path, published: Option<NaiveDate>) -> Result<Article> {
    let t =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let title = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("text")
        .to_string();
    Ok(extract::from_text(
        &format!("file://{}", file.display()),
        &title,
        &t,
        published,
    ))
}

/// A brief of articles given on the command line (`bantin brief`): review state, memory and
/// engine answers from the store when it exists (a missing store is empty, or made when a
/// server is configured, so its answers are kept). Returns the brief, its claims, and what
/// the engines skipped.
pub fn brief_of(
    env: &Env,
    articles: Vec<Article>,
    published: Option<NaiveDate>,
    opts: &Options,
) -> Result<(Brief, Vec<ClaimRecord>, Vec<String>)> {
    let servers = env
        .config
        .engine_order(&crate::hub::cache_dir())
        .iter()
        .any(|e| e != "rules");
    let store = if env.config.store.exists() || servers {
        Store::open(&env.config.store)?
    } else {
        Store::open_in_memory()?
    };
    let mut entries = Vec::new();
    for a in articles {
        let mut cs = Vec::new();
        for c in claims::extract(&a, &env.glossary) {
            cs.push(match store.claim(&c.id)? {
                Some(stored) => stored,
                None => ClaimRecord::new(c),
            });
        }
        entries.push((a, cs));
    }
    let day = entries
        .iter()
        .find_map(|(a, _)| env.day_of(a))
        .or(published)
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let chain = env.chain(&store, false)?;
    let (b, claims) = make_brief(env, &store, &chain, opts, day, entries)?;
    let skipped = chain.skipped();
    Ok((b, claims, skipped))
}

/// What `extract --batch` did.
pub struct Batch {
    pub pages: usize,
    pub failed: usize,
    pub seconds: f64,
}

impl std::fmt::Display for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} pages in {:.2}s: {:.1} pages/s, peak memory {} MB, {} failed",
            self.pages,
            self.seconds,
            self.pages as f64 / self.seconds.max(1e-9),
            crate::bench::peak_rss_mb(),
            self.failed
        )
    }
}

/// Extracts every saved page of `dir` into `out/<name>.json` ([`crate::model::ArticleRecord`],
/// or `{"error", "text": ""}`); `failed` is told each page that could not be read, on one line.
pub fn extract_batch(
    config: &Config,
    dir: &Path,
    out: &Path,
    failed: impl Fn(&Path, &str),
) -> Result<Batch> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let pages = fetch::saved_pages(dir)?;
    let limits = config.limits();
    let saved = fetch::Saved {
        source: "batch".into(),
        max_bytes: config.max_page_bytes,
    };
    let started = Instant::now();
    let mut n_failed = 0;
    for p in &pages {
        let name = fetch::page_stem(p);
        let result = saved
            .fetch(&p.display().to_string())
            .and_then(|f| extract::extract(&f, &limits));
        let json = match result {
            Ok(Some(a)) => serde_json::to_string(&crate::model::ArticleRecord::from(&a))?,
            Ok(None) => serde_json::json!({"error": "not an article", "text": ""}).to_string(),
            Err(e) => {
                n_failed += 1;
                failed(p, &one_line(&e));
                serde_json::json!({"error": one_line(&e), "text": ""}).to_string()
            }
        };
        write(&out.join(format!("{name}.json")), &json)?;
    }
    Ok(Batch {
        pages: pages.len(),
        failed: n_failed,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, fetched: usize, skipped: &[&str]) -> SourceReport {
        SourceReport {
            name: name.into(),
            seen: fetched + skipped.len(),
            fetched,
            skipped: skipped
                .iter()
                .map(|w| ("x".into(), w.to_string()))
                .collect(),
            ..SourceReport::default()
        }
    }

    #[test]
    fn a_source_that_fetched_nothing_or_a_day_without_a_brief_is_a_problem_and_offline_is_not() {
        let day = |items, articles| DayReport {
            date: NaiveDate::from_ymd_opt(2025, 6, 5).unwrap(),
            items,
            articles,
            bullets_en: 0,
            bullets_vi: 0,
            needs_translation: 0,
            dropped: 0,
            dir: PathBuf::new(),
            missing: Vec::new(),
        };
        let r = Report {
            sources: vec![
                source("feed down", 0, &["HTTP 503"]),
                source("one bad page of many", 3, &["not HTML"]),
                source("offline", 0, &["offline: using what is stored"]),
                source("filtered", 0, &["excluded by the source's patterns"]),
            ],
            days: vec![day(0, 2), day(3, 4)],
            ..Report::default()
        };
        let p = r.problems();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("feed down") && p[0].contains("HTTP 503"));
        assert!(p[1].contains("2025-06-05: 2 articles but no brief"));
    }
}
