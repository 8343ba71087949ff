//! A fetcher a publisher would not block: one request per host per interval, robots.txt
//! obeyed, conditional GET, retries with backoff for what is worth retrying, a body cap
//! enforced while reading, and no requests into private networks unless allowed.
//!
//! Thread-safe: several hosts are fetched at once by the caller, each host's requests wait
//! for their slot here.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::Utc;
use reqwest::StatusCode;
use reqwest::header::{
    CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};

use crate::config::Config;
use crate::model::{Fetched, Validators};

/// What is expected at a URL: decides which content types are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// An HTML or XHTML page.
    Page,
    /// A feed or sitemap: XML or JSON (and HTML, for feed discovery).
    Feed,
}

/// The result of a request.
#[derive(Debug)]
pub enum Outcome {
    /// A body, with the validators to send next time.
    Fetched(Fetched, Validators),
    /// 304: what is stored is current.
    NotModified,
}

/// Settings of the fetcher.
#[derive(Debug, Clone)]
pub struct Settings {
    pub agent: String,
    pub timeout: Duration,
    pub max_bytes: usize,
    pub interval: Duration,
    pub retries: u32,
    pub backoff: Duration,
    pub allow_private: bool,
    pub obey_robots: bool,
}

impl Settings {
    /// The settings a config asks for; `allow_private` may also come from the command line.
    pub fn from_config(c: &Config, allow_private: bool) -> Self {
        Settings {
            agent: c.agent(),
            timeout: Duration::from_secs(c.timeout_secs.max(1)),
            max_bytes: c.max_page_bytes,
            interval: Duration::from_secs_f64(c.host_interval_secs.max(0.0)),
            retries: c.retries,
            backoff: Duration::from_millis(c.backoff_ms),
            allow_private: allow_private || c.allow_private,
            obey_robots: c.obey_robots,
        }
    }
}

/// One line of the request log, for reports and politeness checks.
#[derive(Debug, Clone)]
pub struct Logged {
    pub host: String,
    pub url: String,
    pub at: Instant,
}

/// One origin's robots.txt: its text (`None`: none, everything allowed), the parsed rules,
/// and whether it was fetched in this run and may be kept for the next ones.
struct RobotsEntry {
    text: Option<Vec<u8>>,
    robot: Arc<Option<texting_robots::Robot>>,
    keep: bool,
}

/// What asking for a robots.txt gave.
enum RobotsAnswer {
    /// A body, or none (4xx): kept for a day.
    Known(Option<Vec<u8>>),
    /// A server error or no answer: this run only (a 5xx closes the host).
    Passing(Option<Vec<u8>>),
}

/// The polite fetcher.
pub struct Web {
    client: reqwest::blocking::Client,
    settings: Settings,
    /// When each host may be asked next.
    slots: Mutex<HashMap<String, Instant>>,
    /// robots.txt per origin.
    robots: Mutex<HashMap<String, RobotsEntry>>,
    /// Every request sent, in order.
    pub log: Mutex<Vec<Logged>>,
}

/// Whether an address is one an operator's feed must not make bantin probe.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1])
        }
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || (v6.segments()[0] & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_private(IpAddr::V4(v4)))
        }
    }
}

/// The private address a URL's host is written as ("127.0.0.1", "[::1]"), or "localhost".
/// Other names are checked where they are resolved ([`PublicOnly`]), once per connection.
fn private_host(url: &url::Url) -> Option<String> {
    match url.host()? {
        url::Host::Ipv4(ip) => is_private(IpAddr::V4(ip)).then(|| ip.to_string()),
        url::Host::Ipv6(ip) => is_private(IpAddr::V6(ip)).then(|| ip.to_string()),
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost").then(|| d.to_string()),
    }
}

/// Name resolution that drops private addresses, so neither a feed's link nor a redirect nor
/// a DNS answer that changes between check and request can reach a private network.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<std::net::SocketAddr> = (host.as_str(), 0)
                .to_socket_addrs()?
                .filter(|a| !is_private(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(format!("{host} resolves only to private addresses").into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// A small random-enough jitter source (no crypto needed): xorshift seeded by the clock.
fn jitter(max: Duration) -> Duration {
    let mut x = Utc::now().timestamp_subsec_nanos() as u64 ^ 0x9E37_79B9_7F4A_7C15;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    max.mul_f64((x % 1000) as f64 / 1000.0)
}

/// Retry-After in seconds or as an HTTP date, capped.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().to_string();
    let d = if let Ok(secs) = v.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let when = chrono::DateTime::parse_from_rfc2822(&v).ok()?;
        (when.with_timezone(&Utc) - Utc::now()).to_std().ok()?
    };
    Some(d.min(Duration::from_secs(120)))
}

fn accepted(want: Want, content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    let html = ct.contains("html");
    match want {
        Want::Page => html || ct.contains("xml") || ct.starts_with("text/plain"),
        Want::Feed => html || ct.contains("xml") || ct.contains("json") || ct.starts_with("text/"),
    }
}

impl Web {
    /// A fetcher with these settings.
    pub fn new(settings: Settings) -> Result<Self> {
        let allow_private = settings.allow_private;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                return attempt.error("too many redirects (a redirect loop?)");
            }
            // A redirect must not lead into a private network either.
            if !allow_private && private_host(attempt.url()).is_some() {
                return attempt.error("redirect to a private address refused");
            }
            attempt.follow()
        });
        let mut builder = reqwest::blocking::Client::builder();
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(PublicOnly));
        }
        let client = builder
            .user_agent(&settings.agent)
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .redirect(policy)
            .build()
            .context("cannot build the HTTP client")?;
        Ok(Web {
            client,
            settings,
            slots: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
        })
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Waits for the host's next slot and takes it.
    fn wait_turn(&self, host: &str, interval: Duration) {
        loop {
            let wait = {
                let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                match slots.get(host) {
                    Some(&next) if next > now => next - now,
                    _ => {
                        slots.insert(host.to_string(), now + interval);
                        return;
                    }
                }
            };
            std::thread::sleep(wait);
        }
    }

    /// Sends one GET after the host's slot, logging it.
    fn send(
        &self,
        url: &url::Url,
        validators: Option<&Validators>,
        interval: Duration,
    ) -> reqwest::Result<reqwest::blocking::Response> {
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        self.wait_turn(&host, interval);
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Logged {
                host,
                url: url.to_string(),
                at: Instant::now(),
            });
        let mut req = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header(IF_NONE_MATCH, e);
            }
            if let Some(m) = &v.last_modified {
                req = req.header(IF_MODIFIED_SINCE, m);
            }
        }
        req.send()
    }

    /// Rules of the user agent for a robots.txt text (`None` allows everything).
    fn robot_from(&self, text: &Option<Vec<u8>>) -> Option<texting_robots::Robot> {
        let agent = self.settings.agent.split('/').next().unwrap_or("bantin");
        texting_robots::Robot::new(agent, text.as_deref()?).ok()
    }

    /// Hands over a robots.txt kept from an earlier run, so it is not asked for again.
    pub fn preload_robots(&self, origin: &str, text: Option<Vec<u8>>) {
        let robot = Arc::new(self.robot_from(&text));
        self.robots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                origin.to_string(),
                RobotsEntry {
                    text,
                    robot,
                    keep: false,
                },
            );
    }

    /// The robots.txt files fetched in this run that may be kept: (origin, text).
    pub fn fetched_robots(&self) -> Vec<(String, Option<Vec<u8>>)> {
        self.robots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(_, e)| e.keep)
            .map(|(o, e)| (o.clone(), e.text.clone()))
            .collect()
    }

    /// The origin of a URL, as robots.txt is keyed: scheme, host and port.
    pub fn origin(url: &url::Url) -> String {
        format!(
            "{}://{}",
            url.scheme(),
            url.host_str().unwrap_or("").to_ascii_lowercase()
        ) + &url.port().map(|p| format!(":{p}")).unwrap_or_default()
    }

    /// robots.txt of a URL's host: kept from an earlier run, or fetched once in this one.
    fn robots_for(&self, url: &url::Url) -> Arc<Option<texting_robots::Robot>> {
        let key = Self::origin(url);
        if let Some(r) = self
            .robots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return r.robot.clone();
        }
        let (text, keep) = match self.fetch_robots(&key) {
            RobotsAnswer::Known(t) => (t, true),
            RobotsAnswer::Passing(t) => (t, false),
        };
        let robot = Arc::new(self.robot_from(&text));
        self.robots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                key,
                RobotsEntry {
                    text,
                    robot: robot.clone(),
                    keep,
                },
            );
        robot
    }

    /// No robots.txt (4xx) allows all. A server error makes the whole host off limits for this
    /// run, as RFC 9309 asks; no answer at all allows, for this run only.
    fn fetch_robots(&self, origin: &str) -> RobotsAnswer {
        let Ok(url) = url::Url::parse(&format!("{origin}/robots.txt")) else {
            return RobotsAnswer::Passing(None);
        };
        match self.send(&url, None, self.settings.interval) {
            Ok(resp) if resp.status().is_success() => {
                let mut body = Vec::new();
                match resp.take(512 * 1024).read_to_end(&mut body) {
                    Ok(_) => RobotsAnswer::Known(Some(body)),
                    Err(_) => RobotsAnswer::Passing(None),
                }
            }
            Ok(resp) if resp.status().is_server_error() => {
                RobotsAnswer::Passing(Some(b"User-agent: *\nDisallow: /\n".to_vec()))
            }
            Ok(_) => RobotsAnswer::Known(None),
            Err(_) => RobotsAnswer::Passing(None),
        }
    }

    /// Fetches a URL politely. `validators` makes it conditional; `interval` overrides the
    /// configured gap between requests to the host (a source's own rate limit).
    pub fn get(
        &self,
        url_text: &str,
        want: Want,
        validators: Option<&Validators>,
        interval: Option<Duration>,
    ) -> Result<Outcome> {
        let url = url::Url::parse(url_text).with_context(|| format!("{url_text} is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            bail!("{url_text}: only http and https are fetched");
        }
        if !self.settings.allow_private
            && let Some(host) = private_host(&url)
        {
            bail!(
                "{url_text}: the private address {host} is refused; set allow_private = true (or --allow-private) to fetch it"
            );
        }
        let mut interval = interval.unwrap_or(self.settings.interval);
        if self.settings.obey_robots {
            let robot = self.robots_for(&url);
            if let Some(r) = robot.as_ref() {
                if !r.allowed(url.as_str()) {
                    bail!("{url_text}: disallowed by robots.txt");
                }
                if let Some(d) = r.delay {
                    interval = interval.max(Duration::from_secs_f32(d.clamp(0.0, 30.0)));
                }
            }
        }
        let mut attempt = 0;
        loop {
            let backoff = self.settings.backoff * 2u32.saturating_pow(attempt);
            let retry = attempt < self.settings.retries;
            let deadline = Instant::now() + interval + self.settings.timeout;
            match self.send(&url, validators, interval) {
                Err(e)
                    if retry
                        && (e.is_timeout() || e.is_connect() || e.is_request() || e.is_body())
                        && !e.is_redirect() =>
                {
                    std::thread::sleep(backoff + jitter(self.settings.backoff));
                }
                Err(e) => {
                    return Err(anyhow::Error::new(e))
                        .with_context(|| format!("failed to fetch {url_text}"));
                }
                Ok(resp) => {
                    let status = resp.status();
                    if status == StatusCode::NOT_MODIFIED {
                        return Ok(Outcome::NotModified);
                    }
                    if retry
                        && (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error())
                    {
                        let wait = retry_after(resp.headers()).unwrap_or(backoff)
                            + jitter(self.settings.backoff);
                        drop(resp);
                        std::thread::sleep(wait);
                        attempt += 1;
                        continue;
                    }
                    if !status.is_success() {
                        bail!("failed to fetch {url_text}: HTTP {status}");
                    }
                    return self.read(url_text, resp, want, deadline);
                }
            }
            attempt += 1;
        }
    }

    /// Reads the body under the cap and the request's deadline: a body that trickles in never
    /// outlasts the timeout (reqwest's applies to each read, not to the whole body).
    fn read(
        &self,
        url_text: &str,
        mut resp: reqwest::blocking::Response,
        want: Want,
        deadline: Instant,
    ) -> Result<Outcome> {
        let final_url = resp.url().to_string();
        let headers = resp.headers().clone();
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if let Some(ct) = &content_type
            && !accepted(want, ct)
        {
            bail!("failed to fetch {url_text}: content type {ct} is not a web page or feed");
        }
        let max = self.settings.max_bytes;
        let mut body = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = resp
                .read(&mut buf)
                .with_context(|| format!("failed to read the body of {url_text}"))?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
            if body.len() > max {
                bail!("failed to fetch {url_text}: body is over the {max}-byte limit");
            }
            if Instant::now() > deadline {
                bail!(
                    "failed to read the body of {url_text}: timed out after {}s",
                    self.settings.timeout.as_secs()
                );
            }
        }
        let header = |h| {
            headers
                .get(h)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header(ETAG),
            last_modified: header(LAST_MODIFIED),
        };
        Ok(Outcome::Fetched(
            Fetched {
                url: final_url,
                source: "web".into(),
                body,
                content_type,
                published_hint: None,
                site_hint: None,
                fetched_at: Utc::now(),
            },
            validators,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges_are_recognised() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.4",
            "169.254.1.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "100.64.0.1",
            "0.0.0.0",
        ] {
            assert!(is_private(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(!is_private(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn retry_after_reads_seconds() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
    }
}
