//! The `bantin` command line: parses, calls the library, prints the error chain once.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use bantin::bench;
use bantin::config::Config;
use bantin::eval::sets;
use bantin::extract;
use bantin::pipeline::{self, Env, Options};
use bantin::publish;
use bantin::render::Templates;
use bantin::review;
use bantin::store::Store;

#[derive(Parser)]
#[command(
    name = "bantin",
    version,
    about = "English news in, reviewed English + Vietnamese bullet briefs out"
)]
struct Cli {
    /// Config file (default: sources/config.toml when it exists).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Folder of templates overriding the built-in ones by name.
    #[arg(long, global = true)]
    templates: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The daily job: sources -> articles -> claims -> briefs under output/<date>/.
    Run {
        /// Only this day (YYYY-MM-DD, in the configured timezone).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Use only what is stored or saved on disk; no network.
        #[arg(long)]
        offline: bool,
        /// Render only claims an editor approved.
        #[arg(long)]
        approved_only: bool,
        /// Bullets per article (default scales with length).
        #[arg(long)]
        max_bullets: Option<usize>,
        /// Sources folder (default: the config's `sources`).
        #[arg(long)]
        sources: Option<PathBuf>,
        /// Fetch addresses in private, loopback and link-local ranges.
        #[arg(long)]
        allow_private: bool,
        /// Download the translation model first when the cache lacks it (`model pull`).
        #[arg(long)]
        download_model: bool,
    },
    /// Fetch every source into the store (feeds, sitemaps, pages, saved folders) and report
    /// per source.
    Fetch {
        /// Sources folder (default: the config's `sources`).
        #[arg(long)]
        sources: Option<PathBuf>,
        /// Fetch addresses in private, loopback and link-local ranges.
        #[arg(long)]
        allow_private: bool,
    },
    /// One page (HTML or .html.gz, path or URL) to an article record.
    Extract {
        /// The page.
        input: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Every *.html and *.html.gz in this folder.
        #[arg(long)]
        batch: Option<PathBuf>,
        /// Where --batch writes <name>.json files.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// An article's claims and figures as JSON.
    Claims {
        /// A page (path or URL).
        input: Option<String>,
        /// A plain-text file instead of a page.
        #[arg(long)]
        text: Option<PathBuf>,
        /// Publication date, to resolve relative dates.
        #[arg(long)]
        published: Option<NaiveDate>,
        /// Print JSON (the only format).
        #[arg(long)]
        json: bool,
    },
    /// A brief for the given articles.
    Brief {
        /// Pages (paths or URLs).
        inputs: Vec<String>,
        /// Plain-text files instead of pages.
        #[arg(long)]
        text: Vec<PathBuf>,
        /// Publication date for text input or pages without one.
        #[arg(long)]
        published: Option<NaiveDate>,
        /// Bullets per article.
        #[arg(long)]
        max_bullets: Option<usize>,
        /// Write brief.en.md, brief.vi.md, brief.md and claims.json here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print {"en", "vi", "takeaway", "claims"} as JSON.
        #[arg(long)]
        json: bool,
        /// Render only claims approved in the store.
        #[arg(long)]
        approved_only: bool,
    },
    /// Review claims in the store.
    Review {
        #[command(subcommand)]
        action: ReviewCmd,
    },
    /// The editor's desk in the browser: review a day's claims, preview and publish.
    Serve {
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on; any but loopback needs the access token printed at start.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Site folder Publish writes (default: output/site), as `bantin publish --site`.
        #[arg(long)]
        site: Option<PathBuf>,
        /// Front-matter dialect Publish writes, as `bantin publish --format`.
        #[arg(long, value_enum, default_value = "zola")]
        format: publish::Format,
    },
    /// Write the stored briefs into a static site (Markdown + front matter, HTML, feed).
    Publish {
        /// Site folder (default: output/site).
        #[arg(long)]
        site: Option<PathBuf>,
        /// Front-matter dialect.
        #[arg(long, value_enum, default_value = "zola")]
        format: publish::Format,
    },
    /// Measure a stage on a benchmark folder (speed, memory and, with --truth, quality).
    Bench {
        #[command(subcommand)]
        what: BenchCmd,
    },
    /// Score bantin against a labelled set with the set's own metric.
    Eval {
        #[command(subcommand)]
        what: EvalCmd,
    },
    /// Translation models in the Hugging Face cache.
    Model {
        #[command(subcommand)]
        action: ModelCmd,
    },
    /// Built-in templates.
    Templates {
        #[command(subcommand)]
        action: TemplatesCmd,
    },
}

#[derive(Subcommand)]
enum ReviewCmd {
    /// List claims (of one day, or all), those that need an editor first.
    List {
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Only claims with no Vietnamese that passed the gate.
        #[arg(long, conflicts_with_all = ["rejected", "edited", "approved"])]
        needs_translation: bool,
        /// Only claims with an engine answer or an edit the gate refused.
        #[arg(long, conflicts_with_all = ["edited", "approved"])]
        rejected: bool,
        /// Only claims approved with an editor's text.
        #[arg(long, conflicts_with = "approved")]
        edited: bool,
        /// Only claims approved as they are.
        #[arg(long)]
        approved: bool,
        /// The claims as JSON (an array of claim records).
        #[arg(long)]
        json: bool,
    },
    /// Show one claim as a card: source sentence, figures, both texts, the gate's reasons, history.
    Show {
        id: String,
        /// The claim record and its history as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Approve a claim as it is.
    Approve { id: String },
    /// Reject a claim: it never appears in a brief.
    Reject { id: String },
    /// Replace a claim's English and/or Vietnamese text.
    Edit {
        id: String,
        #[arg(long)]
        en: Option<String>,
        #[arg(long)]
        vi: Option<String>,
        /// Only to say which day the claim is from (ignored otherwise).
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Teach the glossary a word or phrase: used for every later Vietnamese rendering.
    Term {
        /// The English word or phrase (lower case unless it is a name).
        en: String,
        /// Its Vietnamese.
        vi: String,
        /// Part of speech: noun, name, adj, adv, verb, aux, be, prep, conj, det, pron, rel, neg.
        #[arg(long, default_value = "noun")]
        pos: String,
        /// A word class the rules ask about, as in the lexicon (`rise`, `motion`, ...);
        /// repeat it or separate with commas. A term brings only the tags it is given.
        #[arg(long, value_delimiter = ',')]
        tag: Vec<String>,
    },
}

#[derive(Subcommand)]
enum BenchCmd {
    /// Extraction over every page of DIR: pages/s, per-page p50/p95/max, peak memory, and
    /// precision/recall/F1 against a ground-truth JSON ({id: {articleBody}}).
    Extract {
        dir: PathBuf,
        #[arg(long)]
        truth: Option<PathBuf>,
        /// Passes over the pages; the median pass's speed is reported (the machine is noisy).
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Also write every page's kind, verdict, precision and recall here (TSV).
        #[arg(long)]
        scores: Option<PathBuf>,
    },
    /// A Marian translation model over English sentences with Vietnamese references
    /// (../shared/bench/vietnamese/dev.jsonl): sentences/s, peak memory, chrF, and claims
    /// the gate publishes with figures and names sent as placeholders and as written.
    Translate {
        /// The sentences (JSON lines with `text`, `published`, `vi_ref`, `vi_ref2`).
        sentences: PathBuf,
        /// A folder of model files (default: the configured model in the cache).
        #[arg(long, conflicts_with = "tiny")]
        model: Option<PathBuf>,
        /// A tiny model with random weights, written for the run (what tests use).
        #[arg(long)]
        tiny: bool,
        /// Passes over the sentences; the median pass's speed is reported.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// The brief stage over every page of DIR, extracted first and untimed: claims, ranking,
    /// Vietnamese and the faithfulness check per article; articles/s, per-article p50/p95/max,
    /// the slowest article, peak memory.
    Brief {
        dir: PathBuf,
        /// Passes over the articles; the median pass's speed is reported.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// A load check of the desk: a store of CLAIMS claims made in a temporary folder from the
    /// configured sources, then CLIENTS editors reading and saving for SECONDS; latency
    /// percentiles and errors per kind of request.
    Desk {
        #[arg(long, default_value_t = 40_000)]
        claims: usize,
        #[arg(long, default_value_t = 50)]
        clients: usize,
        #[arg(long, default_value_t = 30.0)]
        seconds: f64,
    },
}

#[derive(Subcommand)]
enum EvalCmd {
    /// Figures and attribution over a labelled JSON-lines file (../shared/bench/figures/):
    /// precision, recall, value and attribution accuracy, per kind too.
    Figures {
        file: PathBuf,
        /// Print every mistake (extra, missed, wrong value, wrong attribution).
        #[arg(long)]
        verbose: bool,
    },
    /// ROUGE-1/2/Lsum F1 (rouge-score's conventions) of bantin's English bullets and of Lead-N
    /// against the reference summaries of a JSON-lines file (../shared/bench/summarization/).
    Rouge {
        file: PathBuf,
        /// Bullets per article (and N of Lead-N).
        #[arg(long, default_value_t = 3)]
        max_bullets: usize,
        /// Also write both systems' predictions as {"id", "summary"} lines into this folder.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ModelCmd {
    /// Download a Marian model (default: the configured one, Helsinki-NLP/opus-mt-en-vi) into
    /// the Hugging Face cache, checking every file; what is there already is kept.
    Pull {
        /// The Hub repository.
        name: Option<String>,
        /// A branch, tag or commit (default: the configured revision, `main`).
        #[arg(long)]
        revision: Option<String>,
    },
    /// The models in the cache, their size, and which one runs.
    List,
}

#[derive(Subcommand)]
enum TemplatesCmd {
    /// Write the built-in templates into DIR for editing.
    Dump { dir: PathBuf },
}

fn main() -> ExitCode {
    // Piped into `head`, a command line tool ends quietly instead of panicking on EPIPE.
    #[cfg(unix)]
    // SAFETY: resetting a signal disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            // One line, like every other error: the full usage is one `--help` away.
            let text = e.to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut first = lines.next().unwrap_or("error: bad arguments").to_string();
            // "the following required arguments were not provided:" names them on the next line.
            if first.ends_with(':')
                && let Some(next) = lines.next()
            {
                first = format!("{first} {next}");
            }
            eprintln!("{first} (see `bantin --help`)");
            return ExitCode::from(2);
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", pipeline::one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// Downloads the model into the cache and says what was done.
fn pull_model(
    config: &Config,
    name: Option<String>,
    revision: Option<String>,
    only_missing: bool,
) -> Result<()> {
    let progress = std::io::stderr().is_terminal();
    let (name, pulled) = bantin::hub::pull_model(config, name, revision, only_missing, progress)?;
    if let Some(p) = pulled {
        println!("{name}{p}");
    }
    Ok(())
}

/// A fresh scratch folder under the system's temporary folder: made now, never one that was
/// there already.
fn tempfile_dir() -> Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("bantin-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(p) => Config::load(p),
        None => {
            let default = Path::new("sources/config.toml");
            if default.exists() {
                Config::load(default)
            } else {
                Ok(Config::default())
            }
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let config = load_config(cli.config.as_deref())?;
    let templates_dir = cli.templates.clone();
    match cli.command {
        Command::Fetch {
            sources,
            allow_private,
        } => {
            let env = Env::new(config, templates_dir.as_deref())?;
            let store = Store::open(&env.config.store)?;
            let opts = Options {
                allow_private,
                sources,
                ..Options::default()
            };
            let started = std::time::Instant::now();
            let mut report = pipeline::Report::default();
            pipeline::gather(&env, &store, &opts, &mut report)?;
            report.claims = store.claim_count()?;
            report.elapsed = started.elapsed();
            print!("{}", pipeline::print_report(&report));
            Ok(ExitCode::SUCCESS)
        }
        Command::Run {
            date,
            offline,
            approved_only,
            max_bullets,
            sources,
            allow_private,
            download_model,
        } => {
            // The model is a help, not a need: a failed download leaves the run to the other
            // engines, and an offline run downloads nothing.
            if download_model && offline {
                eprintln!("note: --offline downloads nothing; --download-model ignored");
            } else if download_model && let Err(e) = pull_model(&config, None, None, true) {
                eprintln!(
                    "note: {}; the run goes on without it",
                    pipeline::one_line(&e)
                );
            }
            let mut env = Env::new(config, templates_dir.as_deref())?;
            let _lock = pipeline::RunLock::acquire(&env.config.store, waiting)?;
            let mut store = Store::open(&env.config.store)?;
            env.learn_terms(&store)?;
            let opts = Options {
                date,
                offline,
                approved_only,
                max_bullets,
                progress: std::io::stderr().is_terminal(),
                allow_private,
                sources,
            };
            let report = pipeline::run(&env, &mut store, &opts)?;
            print!("{}", pipeline::print_report(&report));
            // A scheduled job notices: what went wrong is in the report, the status says so.
            if report.problems().is_empty() {
                Ok(ExitCode::SUCCESS)
            } else {
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Extract {
            input,
            json,
            batch,
            out,
        } => match (input, batch) {
            (_, Some(dir)) => {
                let out = out.context("--batch needs --out DIR")?;
                let batch = pipeline::extract_batch(&config, &dir, &out, |page, why| {
                    eprintln!("error: {}: {why}", page.display())
                })?;
                eprint!("{batch}");
                Ok(ExitCode::SUCCESS)
            }
            (Some(input), None) => {
                let page = pipeline::page(&config, &input)?;
                let article = extract::extract(&page, &config.limits())
                    .with_context(|| format!("cannot extract {input}"))?
                    .with_context(|| format!("{input} is {}", pipeline::NOT_AN_ARTICLE))?;
                if json {
                    let record = bantin::model::ArticleRecord::from(&article);
                    println!("{}", serde_json::to_string_pretty(&record)?);
                } else if article.verdict != bantin::model::Verdict::Ok {
                    bail!(
                        "{input} is {} (use --json to see what was extracted)",
                        article.verdict.as_str()
                    );
                } else {
                    println!("{}\n\n{}", article.title, article.text);
                }
                Ok(ExitCode::SUCCESS)
            }
            (None, None) => bail!("extract needs a page (path or URL) or --batch DIR --out DIR"),
        },
        Command::Claims {
            input,
            text,
            published,
            json: _,
        } => {
            let env = Env::new(config, templates_dir.as_deref())?;
            let (figures, claims) =
                pipeline::read_claims(&env, input.as_deref(), text.as_deref(), published)?;
            // Written as it is serialised: a huge page's claims never sit in memory twice.
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(
                &mut w,
                &bantin::model::ClaimsRecord {
                    claims: &claims,
                    figures: &figures,
                },
            )?;
            writeln!(w)?;
            w.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Brief {
            inputs,
            text,
            published,
            max_bullets,
            out,
            json,
            approved_only,
        } => brief_cmd(
            config,
            templates_dir.as_deref(),
            inputs,
            text,
            published,
            max_bullets,
            out,
            json,
            approved_only,
        ),
        Command::Review { action } => review_cmd(&config, action),
        Command::Serve {
            port,
            bind,
            site,
            format,
        } => {
            let desk = bantin::desk::start(
                config,
                templates_dir.as_deref(),
                std::net::SocketAddr::new(bind, port),
                bantin::desk::Publishing { site, format },
            )?;
            match desk.token() {
                Some(token) => println!(
                    "desk: {}?token={token}\n  bound beyond loopback: every request needs this token (shown once; open the address above, it is kept in a cookie)",
                    desk.url()
                ),
                None => println!("desk: {} (Ctrl+C stops it)", desk.url()),
            }
            desk.wait()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Publish { site, format } => {
            let env = Env::new(config, templates_dir.as_deref())?;
            let _lock = pipeline::RunLock::acquire(&env.config.store, waiting)?;
            let store = Store::open(&env.config.store)?;
            let (files, days) = pipeline::publish(&env, &store, site.as_deref(), format, None)?;
            let dir = site.unwrap_or_else(|| env.config.output.join("site"));
            println!(
                "wrote {} files for {} days into {}",
                files.len(),
                days,
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            what:
                BenchCmd::Extract {
                    dir,
                    truth,
                    rounds,
                    scores,
                },
        } => {
            let b = bench::extract(&config, &dir, truth.as_deref(), rounds)?;
            if let Some(path) = scores {
                publish::write(&path, &b.scores_tsv())?;
            }
            print!("{b}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            what:
                BenchCmd::Translate {
                    sentences,
                    model,
                    tiny,
                    rounds,
                },
        } => {
            let scratch = tempfile_dir()?;
            let (dir, name) = if tiny {
                let dir = scratch.join("tiny");
                bantin::translate::marian::tiny::write(&dir, Default::default())?;
                (dir, "tiny random Marian".to_string())
            } else {
                bantin::hub::model_dir(&config, model)?
            };
            let b = bench::translate(&config, &dir, &name, &sentences, rounds);
            let _ = std::fs::remove_dir_all(&scratch);
            print!("{}", b?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Model {
            action: ModelCmd::Pull { name, revision },
        } => {
            pull_model(&config, name, revision, false)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Model {
            action: ModelCmd::List,
        } => {
            let cache = bantin::hub::cache_dir();
            let models = bantin::hub::list(&cache)?;
            let configured = config.marian();
            if models.is_empty() {
                println!(
                    "no models in {}; get the translation model with `bantin model pull` ({})",
                    cache.display(),
                    configured.model
                );
            }
            for m in &models {
                println!("{}", bantin::hub::describe(m, &configured.model));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            what: BenchCmd::Brief { dir, rounds },
        } => {
            print!("{}", bench::brief(config, &dir, rounds)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            what:
                BenchCmd::Desk {
                    claims,
                    clients,
                    seconds,
                },
        } => {
            print!("{}", bench::desk(config, claims, clients, seconds)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalCmd::Figures { file, verbose },
        } => {
            let glossary = bantin::glossary::Glossary::load(&config.glossary)?;
            let report = sets::figures(&glossary, &file)?;
            if verbose {
                for m in &report.mistakes {
                    println!("{m}");
                }
            }
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what:
                EvalCmd::Rouge {
                    file,
                    max_bullets,
                    predictions,
                },
        } => {
            let env = Env::new(config, None)?;
            let report = sets::rouge(&env, &file, max_bullets)?;
            if let Some(dir) = &predictions {
                report.write_predictions(dir)?;
            }
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates {
            action: TemplatesCmd::Dump { dir },
        } => {
            let files = Templates::dump(&dir)?;
            println!("wrote {} templates into {}", files.len(), dir.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn brief_cmd(
    config: Config,
    templates_dir: Option<&Path>,
    inputs: Vec<String>,
    text: Vec<PathBuf>,
    published: Option<NaiveDate>,
    max_bullets: Option<usize>,
    out: Option<PathBuf>,
    json: bool,
    approved_only: bool,
) -> Result<ExitCode> {
    let env = Env::new(config, templates_dir)?;
    if inputs.is_empty() && text.is_empty() {
        bail!("brief needs at least one page (path or URL) or --text FILE");
    }
    let mut articles = Vec::new();
    for input in &inputs {
        articles.push(pipeline::article(&env.config, input, published)?);
    }
    for file in &text {
        articles.push(pipeline::text_article(file, published)?);
    }
    let opts = Options {
        max_bullets,
        approved_only,
        ..Options::default()
    };
    let (b, claims, skipped) = pipeline::brief_of(&env, articles, published, &opts)?;
    for why in skipped {
        eprintln!("note: engine {why}; its claims wait for the next engine");
    }
    if let Some(dir) = &out {
        pipeline::write_day(&env, dir, &b, &claims)?;
    }
    if json {
        let record = bantin::model::BriefRecord::from(&b);
        println!("{}", serde_json::to_string_pretty(&record)?);
    } else if out.is_none() {
        print!(
            "{}",
            env.templates.brief_both(
                &env.templates.brief(&b, "en")?,
                &env.templates.brief(&b, "vi")?
            )?
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn review_cmd(config: &Config, action: ReviewCmd) -> Result<ExitCode> {
    let mut store = Store::open(&config.store)?;
    let mut env = Env::new(config.clone(), None)?;
    env.learn_terms(&store)?;
    let glossary = &env.glossary;
    let editor = config.editor.clone();
    match action {
        ReviewCmd::List {
            date,
            needs_translation,
            rejected,
            edited,
            approved,
            json,
        } => {
            let filter = match (needs_translation, rejected, edited, approved) {
                (true, ..) => review::Filter::NeedsTranslation,
                (_, true, ..) => review::Filter::Rejected,
                (_, _, true, _) => review::Filter::Edited,
                (.., true) => review::Filter::Approved,
                _ => review::Filter::All,
            };
            let claims = review::list(&store, date, filter)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&claims)?);
                return Ok(ExitCode::SUCCESS);
            }
            if claims.is_empty() {
                println!(
                    "no claims{}{} in {}",
                    if filter == review::Filter::All {
                        String::new()
                    } else {
                        format!(" that are {}", filter.as_str().replace('_', " "))
                    },
                    date.map(|d| format!(" for {d}")).unwrap_or_default(),
                    config.store.display()
                );
            }
            for c in claims {
                println!("{}", review::line(&c));
            }
        }
        ReviewCmd::Show { id, json } => {
            let c = store
                .claim(&id)?
                .with_context(|| format!("no claim with id {id} (see `bantin review list`)"))?;
            let log = store.review_log(&id)?;
            let draft = store.draft(&id)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({"claim": c, "draft": draft, "history": log})
                    )?
                );
            } else {
                print!("{}", review::card(&c, draft.as_ref(), &log));
            }
        }
        ReviewCmd::Approve { id } => {
            let c = review::apply(&mut store, &id, review::Action::Approve, &editor, glossary)?;
            println!("{}", review::line(&c));
        }
        ReviewCmd::Reject { id } => {
            let c = review::apply(&mut store, &id, review::Action::Reject, &editor, glossary)?;
            println!("{}", review::line(&c));
        }
        ReviewCmd::Term { en, vi, pos, tag } => {
            let tags = tag
                .iter()
                .filter(|t| !t.trim().is_empty())
                .map(|t| t.parse())
                .collect::<Result<Vec<_>>>()?;
            let term = bantin::glossary::Term::taught(en.trim(), pos.parse()?, vi.trim(), tags);
            // What the term replaces is said of the glossary without the terms of review.
            let files = bantin::glossary::Glossary::load(&config.glossary)?;
            println!("{}", review::teach(&store, &files, term, &editor)?);
        }
        ReviewCmd::Edit {
            id,
            en,
            vi,
            date: _,
        } => {
            let c = review::apply(
                &mut store,
                &id,
                review::Action::Edit { en, vi },
                &editor,
                glossary,
            )?;
            println!("{}", review::line(&c));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Says on stderr that another bantin process holds the lock and this one waits.
fn waiting(lock: &Path) {
    eprintln!(
        "another bantin run or publish is writing (lock {}); waiting for it to finish",
        lock.display()
    );
}
