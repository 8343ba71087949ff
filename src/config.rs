//! Configuration: one TOML file, every key optional, unknown keys refused with their name.
//!
//! `parse` reads text, `load` reads a file; paths in the file are relative to the folder it is in.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono_tz::Tz;
use serde::Deserialize;

/// Everything a run can be told.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder of source files (`*.toml`, one per source).
    pub sources: PathBuf,
    /// Folder the daily briefs are written to.
    pub output: PathBuf,
    /// The SQLite store.
    pub store: PathBuf,
    /// Folder of templates overriding the built-in ones by name.
    pub templates: Option<PathBuf>,
    /// Extra glossary files or folders, on top of the built-in glossary.
    pub glossary: Vec<PathBuf>,
    /// IANA timezone that decides which day an article belongs to.
    pub timezone: String,
    /// Stories of a day told in full; the others get one line each ("Also today").
    pub max_stories: usize,
    /// Most bullets per article (the default scales with the article's length up to this).
    pub max_bullets: usize,
    /// Fewest bullets per article.
    pub min_bullets: usize,
    /// Render only claims an editor approved.
    pub approved_only: bool,
    /// Largest page accepted, in bytes.
    pub max_page_bytes: usize,
    /// Fewest body words for a page to count as an article.
    pub min_article_words: usize,
    /// User agent for HTTP requests.
    pub user_agent: String,
    /// HTTP timeout in seconds (whole request); connecting has its own, shorter one.
    pub timeout_secs: u64,
    /// Contact URL or address named in the user agent, so a publisher can reach the operator.
    pub contact: String,
    /// Seconds between two requests to one host (robots.txt may ask for more).
    pub host_interval_secs: f64,
    /// Retries of a request that timed out, was reset, or got 429 or 5xx.
    pub retries: u32,
    /// First retry delay in milliseconds; it doubles each time, plus jitter.
    pub backoff_ms: u64,
    /// Fetch addresses in private, loopback and link-local ranges (refused by default).
    pub allow_private: bool,
    /// The Vietnamese engines, in the order they are tried for each claim.
    pub vietnamese: Vietnamese,
    /// The engines' settings, by name.
    pub engines: Engines,
    /// The table `[vietnamese]` and `[engines.*]` replaced; refused with a pointer to them.
    translator: Option<toml::Value>,
    /// The languages the old detector could assign; the text decides now. Refused with a word why.
    languages: Option<toml::Value>,
    /// Obey robots.txt (on by default).
    pub obey_robots: bool,
    /// Pages fetched at once, each on a different host.
    pub concurrency: usize,
    /// Name recorded as the editor for review actions.
    pub editor: String,
    /// Site title used by `publish`.
    pub site_title: String,
    /// Base URL used by `publish` for the feed.
    pub base_url: String,
}

/// `[vietnamese]`: which engines write the Vietnamese, tried in order for each claim.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Vietnamese {
    /// Engine names: `marian`, `openai`, `libretranslate`, `rules`. Empty (the default):
    /// `["marian", "rules"]` when the Marian model is in the cache, else `["rules"]`.
    pub engines: Vec<String>,
}

/// `[engines.*]`: each engine's settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Engines {
    /// Any OpenAI-compatible chat-completions server (Ollama, llama.cpp, vLLM, hosted APIs).
    pub openai: Option<Server>,
    /// A LibreTranslate server.
    pub libretranslate: Option<Server>,
    /// A Marian model on this machine (defaults when the table is absent).
    pub marian: Option<Marian>,
}

/// `[engines.marian]`: a Marian translation model from the Hugging Face Hub, run locally.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Marian {
    /// The Hub repository.
    pub model: String,
    /// A branch, tag or commit of it.
    pub revision: String,
    /// CPU threads (0: all cores).
    pub threads: usize,
    /// Longest Vietnamese, in tokens.
    pub max_tokens: usize,
    /// Sentences decoded together.
    pub batch: usize,
    /// Send figures and names as placeholders the model copies, restored the Vietnamese way.
    pub protect: bool,
}

impl Default for Marian {
    fn default() -> Self {
        Marian {
            model: "Helsinki-NLP/opus-mt-en-vi".into(),
            revision: "main".into(),
            threads: 0,
            max_tokens: 256,
            batch: 16,
            protect: true,
        }
    }
}

/// A translation server's table: `[engines.openai]`, `[engines.libretranslate]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Server {
    /// Base URL of the API (`http://127.0.0.1:11434/v1` for Ollama, `http://127.0.0.1:5000`
    /// for LibreTranslate).
    pub url: String,
    /// Model name (an OpenAI-compatible server needs one; LibreTranslate has none).
    pub model: Option<String>,
    /// Environment variable holding the API key; the key is never read from the file.
    pub api_key_env: Option<String>,
    /// Seconds to wait for one answer.
    #[serde(default = "engine_timeout")]
    pub timeout_secs: u64,
    /// Requests in flight.
    #[serde(default = "engine_concurrency")]
    pub concurrency: usize,
}

fn engine_timeout() -> u64 {
    60
}

fn engine_concurrency() -> usize {
    4
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: "sources".into(),
            output: "output".into(),
            store: "output/bantin.sqlite".into(),
            templates: None,
            glossary: Vec::new(),
            timezone: "Asia/Ho_Chi_Minh".into(),
            max_bullets: 6,
            min_bullets: 4,
            max_stories: 8,
            approved_only: false,
            max_page_bytes: 10 * 1024 * 1024,
            min_article_words: 40,
            user_agent: format!("bantin/{}", env!("CARGO_PKG_VERSION")),
            timeout_secs: 20,
            contact: "https://github.com/bantin/bantin".into(),
            host_interval_secs: 1.0,
            retries: 3,
            backoff_ms: 500,
            allow_private: false,
            obey_robots: true,
            concurrency: 4,
            vietnamese: Vietnamese::default(),
            engines: Engines::default(),
            translator: None,
            languages: None,
            editor: "editor".into(),
            site_title: "Bản tin".into(),
            base_url: "https://example.com".into(),
        }
    }
}

impl Config {
    /// Parses a config document.
    pub fn parse(text: &str) -> Result<Self> {
        let c: Config = toml::from_str(text).context("invalid config")?;
        c.tz()?;
        if c.translator.is_some() {
            anyhow::bail!(
                "[translator] is gone: name the engines in [vietnamese] engines = [\"openai\", \"rules\"] and set [engines.openai] url, model (and api_key_env, timeout_secs, concurrency)"
            );
        }
        if c.languages.is_some() {
            anyhow::bail!(
                "`languages` is gone: every article's language is read from its text, and only English articles are briefed; remove the key"
            );
        }
        if let Some(o) = &c.engines.openai {
            anyhow::ensure!(o.model.is_some(), "[engines.openai] needs a model");
        }
        if let Some(l) = &c.engines.libretranslate {
            anyhow::ensure!(
                l.model.is_none(),
                "[engines.libretranslate] takes no model (the server picks it by language)"
            );
        }
        if let Some(m) = &c.engines.marian {
            crate::hub::Repo::new(std::path::Path::new(""), &m.model)
                .context("[engines.marian] model")?;
            anyhow::ensure!(
                m.max_tokens > 0,
                "[engines.marian] max_tokens must be at least 1"
            );
        }
        for name in &c.vietnamese.engines {
            let configured = match name.as_str() {
                "rules" | "marian" => true,
                "openai" => c.engines.openai.is_some(),
                "libretranslate" => c.engines.libretranslate.is_some(),
                other => anyhow::bail!(
                    "vietnamese.engines: unknown engine {other:?} (known: marian, openai, libretranslate, rules)"
                ),
            };
            anyhow::ensure!(
                configured,
                "vietnamese.engines names {name:?} but there is no [engines.{name}] table with its url"
            );
        }
        Ok(c)
    }

    /// The Marian model's settings: `[engines.marian]`, or the defaults.
    pub fn marian(&self) -> Marian {
        self.engines.marian.clone().unwrap_or_default()
    }

    /// The engines in the order they are tried: as configured, else the Marian model and
    /// the rules when the model is in the cache `hub`, else the rules.
    pub fn engine_order(&self, hub: &std::path::Path) -> Vec<String> {
        if !self.vietnamese.engines.is_empty() {
            return self.vietnamese.engines.clone();
        }
        let m = self.marian();
        let present = crate::hub::Repo::new(hub, &m.model)
            .ok()
            .and_then(|r| r.snapshot(&m.revision))
            .is_some();
        if present {
            vec!["marian".into(), "rules".into()]
        } else {
            vec!["rules".into()]
        }
    }

    /// Loads a config file; relative paths in it are taken from the file's folder's parent
    /// when the file sits in `sources/`, else from the file's folder.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("in config {}", path.display()))
    }

    /// The configured timezone.
    pub fn tz(&self) -> Result<Tz> {
        self.timezone.parse::<Tz>().map_err(|_| {
            anyhow::anyhow!(
                "timezone = {:?} is not an IANA zone name (try \"Asia/Ho_Chi_Minh\")",
                self.timezone
            )
        })
    }

    /// The user agent sent: the configured one with the contact URL.
    pub fn agent(&self) -> String {
        if self.contact.is_empty() {
            self.user_agent.clone()
        } else {
            format!("{} (+{})", self.user_agent, self.contact)
        }
    }

    /// Extraction limits from the config.
    pub fn limits(&self) -> crate::extract::Limits {
        crate::extract::Limits {
            max_bytes: self.max_page_bytes,
            min_words: self.min_article_words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_refused_by_name() {
        let e = Config::parse("max_bulets = 3").unwrap_err();
        assert!(format!("{e:#}").contains("max_bulets"), "{e:#}");
    }

    #[test]
    fn the_old_languages_key_says_why_it_went() {
        let e = Config::parse("languages = [\"en\", \"vi\"]").unwrap_err();
        assert!(e.to_string().contains("read from its text"), "{e}");
    }

    #[test]
    fn the_old_translator_table_names_the_new_keys() {
        let e = Config::parse("[translator]\nurl = \"http://x\"\nmodel = \"m\"").unwrap_err();
        let e = format!("{e:#}");
        assert!(
            e.contains("[vietnamese]") && e.contains("[engines.openai]"),
            "{e}"
        );
    }

    #[test]
    fn engines_are_read_with_defaults_and_unknown_keys_refused() {
        let c = Config::parse(
            "[vietnamese]\nengines = [\"openai\", \"rules\"]\n[engines.openai]\nurl = \"http://127.0.0.1:1/v1\"\nmodel = \"m\"",
        )
        .unwrap();
        let o = c.engines.openai.unwrap();
        assert_eq!(
            (o.timeout_secs, o.concurrency, o.api_key_env),
            (60, 4, None)
        );
        let e =
            Config::parse("[engines.openai]\nurl = \"u\"\nmodel = \"m\"\nmodle = 1").unwrap_err();
        assert!(format!("{e:#}").contains("modle"));
        let e = Config::parse("[vietnamese]\nengines = [\"openai\"]").unwrap_err();
        assert!(format!("{e:#}").contains("[engines.openai]"));
        assert!(Config::parse("[engines.openai]\nmodel = \"m\"").is_err());
    }

    #[test]
    fn a_bad_timezone_names_the_fix() {
        let e = Config::parse("timezone = \"Saigon\"").unwrap_err();
        assert!(format!("{e:#}").contains("Asia/Ho_Chi_Minh"));
    }
}
