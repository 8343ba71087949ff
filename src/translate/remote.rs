//! Translation engines other than the rules, the I/O edge of the Vietnamese (the local model is
//! in [`super::marian`]): an OpenAI-compatible chat-completions
//! server (Ollama, llama.cpp, vLLM, LM Studio, hosted APIs) and a LibreTranslate server. Each
//! is probed once per run, retried politely, and never trusted: what it answers goes through
//! the gate like every other sentence.

use std::sync::LazyLock;
use std::time::Duration;

use regex::Regex;

/// Bumped whenever what is sent changes, so cached answers to an older prompt are not reused.
pub const PROMPT_VERSION: &str = "vi-1";

/// One sentence for a server.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The English sentence exactly as in the article.
    pub text: String,
    /// The article's headline, as context.
    pub headline: Option<String>,
    /// The claim's figures: as written in English, and the Vietnamese way.
    pub figures: Vec<(String, String)>,
    /// The claim's names and terms with the glossary's Vietnamese (or as written).
    pub names: Vec<(String, String)>,
}

/// Why a server gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// It answered, but not with a translation (malformed, empty): a rejection, remembered.
    Answer(String),
    /// It could not be asked (refused, unreachable, overloaded): tried again on the next run.
    Down(String),
    /// It refused the credentials: not asked again this run.
    Refused(String),
}

/// A translation server.
pub trait Engine: Send + Sync {
    /// The name in the config and the report: `openai`, `libretranslate`.
    fn name(&self) -> &'static str;
    /// The model answering, for the cache key.
    fn model(&self) -> &str;
    /// Requests in flight.
    fn concurrency(&self) -> usize;
    /// Whether the server is up and serves what is configured.
    fn probe(&self) -> Result<(), String>;
    /// The request body for a sentence (also the cache key's input).
    fn request(&self, ask: &Ask) -> String;
    /// Sends a request body; returns the Vietnamese.
    fn send(&self, body: &str, ask: &Ask) -> Result<String, Failure>;
    /// Runs on this machine: asked even when a run is offline.
    fn local(&self) -> bool {
        false
    }
    /// Answers many sentences at once, in order, when the engine batches (a local model);
    /// servers answer one request at a time (`None`).
    fn send_batch(&self, _asks: &[Ask]) -> Option<Vec<Result<String, Failure>>> {
        None
    }
}

/// The HTTP side shared by the servers: where, client, key, pace, retries.
struct Http {
    /// Base URL, without a trailing slash.
    base: String,
    client: reqwest::blocking::Client,
    api_key: Option<String>,
    /// Requests in flight.
    concurrency: usize,
    /// Longest wait a Retry-After may ask for.
    max_wait: Duration,
}

impl Http {
    fn new(server: &crate::config::Server, agent: &str) -> anyhow::Result<Self> {
        let timeout_secs = server.timeout_secs;
        use anyhow::Context;
        let api_key = match server.api_key_env.as_deref() {
            Some(var) => Some(std::env::var(var).with_context(|| {
                format!("api_key_env names {var}, which is not set in the environment")
            })?),
            None => None,
        };
        let client = reqwest::blocking::Client::builder()
            .user_agent(agent)
            .timeout(Duration::from_secs(timeout_secs.max(1)))
            .connect_timeout(Duration::from_secs(timeout_secs.clamp(1, 10)))
            .build()
            .context("cannot build the engine's HTTP client")?;
        Ok(Http {
            base: server.url.trim_end_matches('/').to_string(),
            client,
            api_key,
            concurrency: server.concurrency.max(1),
            max_wait: Duration::from_secs(30),
        })
    }

    /// A request with the key, when there is one.
    fn authed(&self, req: reqwest::blocking::RequestBuilder) -> reqwest::blocking::RequestBuilder {
        match &self.api_key {
            Some(k) => req.bearer_auth(k),
            None => req,
        }
    }

    fn get(&self, path: &str) -> Result<serde_json::Value, String> {
        let url = format!("{}{path}", self.base);
        let resp = self
            .authed(self.client.get(&url))
            .send()
            .map_err(|e| format!("GET {url}: {}", short(&e)))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!("GET {url}: HTTP {status}"));
        }
        let bytes = resp
            .bytes()
            .map_err(|e| format!("GET {url}: {}", short(&e)))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| format!("GET {url}: the answer is not JSON ({e})"))
    }

    /// POSTs JSON; 429 waits for Retry-After (bounded), 5xx and timeouts are retried with
    /// backoff, at most twice.
    fn post(&self, path: &str, body: &str) -> Result<Vec<u8>, Failure> {
        const RETRIES: u32 = 2;
        let url = format!("{}{path}", self.base);
        let mut attempt = 0;
        loop {
            let req = self.authed(
                self.client
                    .post(&url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.to_string()),
            );
            let backoff = Duration::from_millis(500 * 2u64.pow(attempt));
            match req.send() {
                Err(e) if attempt < RETRIES && (e.is_timeout() || e.is_connect()) => {
                    std::thread::sleep(backoff);
                }
                Err(e) => return Err(Failure::Down(short(&e))),
                Ok(resp) => {
                    let status = resp.status();
                    if status.is_success() {
                        return resp
                            .bytes()
                            .map(|b| b.to_vec())
                            .map_err(|e| Failure::Down(short(&e)));
                    }
                    if status.as_u16() == 401 || status.as_u16() == 403 {
                        return Err(Failure::Refused(format!(
                            "HTTP {status}: the server refused the key (api_key_env)"
                        )));
                    }
                    let retry = status.as_u16() == 429
                        || status.as_u16() == 408
                        || status.is_server_error();
                    if !retry {
                        // The server's answer to this request, not a passing fault.
                        return Err(Failure::Answer(format!("HTTP {status}")));
                    }
                    if attempt >= RETRIES {
                        return Err(Failure::Down(format!("HTTP {status}")));
                    }
                    let wait = resp
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    std::thread::sleep(wait.unwrap_or(backoff).min(self.max_wait));
                }
            }
            attempt += 1;
        }
    }
}

/// An error without the URL's noise, on one line.
fn short(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the model is told. The conventions, then this claim's names and figures.
const PROMPT: &str = "You translate one English news sentence into Vietnamese for a Vietnamese news bulletin. \
Write one natural Vietnamese sentence as a Vietnamese news editor would, saying exactly what the English says: \
nothing added, nothing left out, a negation kept as a negation. \
Write numbers the Vietnamese way: thousands with \".\", decimals with \",\" (1.800; 12,5%), dates as d/m/yyyy (5/6/2025), \
ratios as 57/64, ranges with an en dash (2019–2023), amounts with tỷ, triệu, nghìn (1,8 tỷ USD). \
Keep names of people, companies and products exactly as written; use the usual Vietnamese names of countries and institutions. \
Say who said it with \"theo X\" or \"X cho biết\". Do not use quotation marks. Answer with the Vietnamese sentence only.";

/// An OpenAI-compatible chat-completions server.
pub struct OpenAi {
    http: Http,
    model: String,
}

impl OpenAi {
    /// A client for `[engines.openai]`; the key is read from the variable it names.
    pub fn new(c: &crate::config::Server, agent: &str) -> anyhow::Result<Self> {
        Ok(OpenAi {
            http: Http::new(c, agent)?,
            model: c.model.clone().unwrap_or_default(),
        })
    }
}

/// "a = b; c = d." after a heading, for the system prompt; nothing for an empty list.
fn glossed(heading: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let list: Vec<String> = pairs.iter().map(|(e, v)| format!("{e} = {v}")).collect();
    format!("\n{heading}: {}.", list.join("; "))
}

impl Engine for OpenAi {
    fn name(&self) -> &'static str {
        "openai"
    }

    fn model(&self) -> &str {
        &self.model
    }

    fn concurrency(&self) -> usize {
        self.http.concurrency
    }

    fn probe(&self) -> Result<(), String> {
        let v = self.http.get("/models")?;
        let ids: Vec<&str> = v["data"]
            .as_array()
            .map(|a| a.iter().filter_map(|m| m["id"].as_str()).collect())
            .unwrap_or_default();
        if ids.is_empty() || ids.contains(&self.model.as_str()) {
            Ok(())
        } else {
            Err(format!(
                "model {} is not served by {} (it has: {})",
                self.model,
                self.http.base,
                ids.join(", ")
            ))
        }
    }

    fn request(&self, ask: &Ask) -> String {
        let system = format!(
            "{PROMPT}{}{}",
            glossed(
                "Names and terms in this sentence, in Vietnamese",
                &ask.names
            ),
            glossed("Its figures, written the Vietnamese way", &ask.figures)
        );
        // The sentence ends the last message, exactly as in the article.
        let user = match &ask.headline {
            Some(h) => format!("Headline of the article: {h}\n\nTranslate:\n{}", ask.text),
            None => format!("Translate:\n{}", ask.text),
        };
        serde_json::json!({
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ],
        })
        .to_string()
    }

    fn send(&self, body: &str, _ask: &Ask) -> Result<String, Failure> {
        let bytes = self.http.post("/chat/completions", body)?;
        let v: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| Failure::Answer(format!("the answer is not JSON ({e})")))?;
        let text = v["choices"][0]["message"]["content"]
            .as_str()
            .ok_or_else(|| {
                Failure::Answer("the answer has no choices[0].message.content".into())
            })?;
        let text = text.trim().trim_matches(['"', '“', '”']).trim();
        if text.is_empty() {
            return Err(Failure::Answer("empty answer".into()));
        }
        Ok(text.to_string())
    }
}

/// A LibreTranslate server. Figures and names go as placeholders and come back the
/// Vietnamese way: MT servers are known to mangle numbers.
pub struct LibreTranslate {
    http: Http,
}

impl LibreTranslate {
    /// A client for `[engines.libretranslate]`.
    pub fn new(c: &crate::config::Server, agent: &str) -> anyhow::Result<Self> {
        Ok(LibreTranslate {
            http: Http::new(c, agent)?,
        })
    }
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\s*(\d{1,2})\s*\]").expect("placeholder regex"));

/// The sentence with each figure and name replaced by `[n]`, and what each `[n]` stands for
/// in Vietnamese.
pub fn protect(ask: &Ask) -> (String, Vec<String>) {
    let mut text = ask.text.clone();
    let mut out = Vec::new();
    // Longest first, so "Maria Lopez" goes before "Maria".
    let mut all: Vec<&(String, String)> = ask.figures.iter().chain(&ask.names).collect();
    all.sort_by_key(|(e, _)| std::cmp::Reverse(e.len()));
    for (en, vi) in all {
        if en.is_empty() || !text.contains(en.as_str()) {
            continue;
        }
        out.push(vi.clone());
        text = text.replacen(en.as_str(), &format!("[{}]", out.len()), 1);
    }
    (text, out)
}

/// The server's answer with every placeholder put back; each must come back once.
pub fn restore(answer: &str, values: &[String]) -> Result<String, String> {
    let mut seen = vec![0usize; values.len()];
    let out = PLACEHOLDER.replace_all(answer, |c: &regex::Captures| {
        let k: usize = c[1].parse().unwrap_or(0);
        match k.checked_sub(1).and_then(|i| values.get(i)) {
            Some(v) => {
                seen[k - 1] += 1;
                v.clone()
            }
            None => c[0].to_string(),
        }
    });
    if let Some(k) = seen.iter().position(|n| *n != 1) {
        return Err(format!(
            "placeholder [{}] came back {} times",
            k + 1,
            seen[k]
        ));
    }
    Ok(out.into_owned())
}

impl Engine for LibreTranslate {
    fn name(&self) -> &'static str {
        "libretranslate"
    }

    fn model(&self) -> &str {
        "libretranslate"
    }

    fn concurrency(&self) -> usize {
        self.http.concurrency
    }

    fn probe(&self) -> Result<(), String> {
        let v = self.http.get("/languages")?;
        let en_vi = v.as_array().is_some_and(|langs| {
            langs.iter().any(|l| {
                l["code"] == "en"
                    && l["targets"]
                        .as_array()
                        .is_some_and(|t| t.iter().any(|x| x == "vi"))
            })
        });
        if en_vi {
            Ok(())
        } else {
            Err(format!("{} does not translate en -> vi", self.http.base))
        }
    }

    fn request(&self, ask: &Ask) -> String {
        let (q, _) = protect(ask);
        let mut body =
            serde_json::json!({"q": q, "source": "en", "target": "vi", "format": "text"});
        if let Some(k) = &self.http.api_key {
            body["api_key"] = serde_json::Value::String(k.clone());
        }
        body.to_string()
    }

    fn send(&self, body: &str, ask: &Ask) -> Result<String, Failure> {
        let bytes = self.http.post("/translate", body)?;
        let v: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| Failure::Answer(format!("the answer is not JSON ({e})")))?;
        let text = v["translatedText"]
            .as_str()
            .ok_or_else(|| Failure::Answer("the answer has no translatedText".into()))?
            .trim();
        if text.is_empty() {
            return Err(Failure::Answer("empty answer".into()));
        }
        let (_, values) = protect(ask);
        restore(text, &values).map_err(Failure::Answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_names_travel_as_placeholders_and_come_back_in_vietnamese() {
        let ask = Ask {
            text: "Havenlink cut 1,200 jobs in 2024.".into(),
            headline: None,
            figures: vec![
                ("1,200".into(), "1.200".into()),
                ("2024".into(), "năm 2024".into()),
            ],
            names: vec![("Havenlink".into(), "Havenlink".into())],
        };
        let (q, values) = protect(&ask);
        assert_eq!(q, "[1] cut [2] jobs in [3].");
        assert_eq!(
            restore("[1] cắt giảm [2] việc làm vào [3].", &values).unwrap(),
            "Havenlink cắt giảm 1.200 việc làm vào năm 2024."
        );
        assert!(restore("[1] cắt giảm việc làm vào [3].", &values).is_err());
    }
}
