//! The editor's desk: review in the browser (`bantin serve`).
//!
//! One page per day with the brief's stories in order; per claim the English and Vietnamese
//! bullets, the source sentence in its paragraph with its figures marked, who wrote the
//! Vietnamese and what the gate said; approve, reject and edit as plain HTML forms, so the page
//! works without script (`desk.js` only adds keyboard shortcuts). Edits go through
//! [`crate::review::apply`], the gate and store of `bantin review`; a refused edit is kept as a
//! draft and shown with its reason. A preview renders the day's brief as it will be published,
//! and Publish writes the site as `bantin publish` does.
//!
//! Security: every page is rendered by autoescaping templates; every POST carries the
//! process's CSRF token; responses carry a strict Content-Security-Policy; on loopback the Host
//! header must name loopback (no DNS rebinding); bound to any other address, every request
//! needs the token printed at start. Files are read only from the store and the published site.

pub mod view;

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use anyhow::{Context, Result, anyhow};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::pipeline::{self, Env};
use crate::review::{self, Filter};
use crate::store::Store;

/// The stylesheet and script the pages load (compiled in; served from the desk's origin).
const CSS: &str = include_str!("../../templates/desk/desk.css");
const JS: &str = include_str!("../../templates/desk/desk.js");

/// The policy of every desk page: nothing but the desk's own script, style and forms.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// The policy of published pages opened through the desk: their inline style, no script.
const SITE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                        form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
/// The largest form the desk reads (an edit is two bullets and a token).
const MAX_FORM: usize = 64 * 1024;
const TOKEN_COOKIE: &str = "bantin_desk";

/// A desk being served.
pub struct Running {
    addr: SocketAddr,
    token: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The access token, when it is bound beyond loopback.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Its base URL, `http://addr/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until the process ends.
    pub fn wait(mut self) -> Result<()> {
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| anyhow!("the desk stopped abnormally"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the desk for `config`'s store on `addr` (port 0: any free port) in a thread of its
/// own. Any address but loopback requires a token: one is generated (see [`Running::token`]).
pub fn start(
    config: Config,
    templates: Option<&Path>,
    addr: SocketAddr,
    publishing: Publishing,
) -> Result<Running> {
    let mut env = Env::new(config.clone(), templates)?;
    let store = Store::open(&env.config.store)?;
    env.learn_terms(&store)?;
    let terms = store.terms_stamp()?;
    drop(store);
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let token = (!addr.ip().is_loopback())
        .then(|| random_hex(32))
        .transpose()?;
    let hosts = addr.ip().is_loopback().then(|| {
        let port = addr.port();
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
    });
    let desk = Arc::new(Desk {
        config,
        publishing,
        env: RwLock::new((env, terms)),
        templates: templates.map(Path::to_path_buf),
        csrf: random_hex(32)?,
        token: token.clone(),
        hosts,
    });
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Store work runs on these: a few more than the cores, so reads overlap a write's wait
        // without a thread (and a page in memory) per waiting request.
        .max_blocking_threads(8)
        .enable_io()
        .build()
        .context("cannot start the desk's runtime")?;
    let thread = std::thread::Builder::new()
        .name("desk".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                axum::serve(listener, router(desk))
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .context("the desk stopped")
            })
        })?;
    Ok(Running {
        addr,
        token,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Where and how Publish writes the site: as `bantin publish --site DIR --format F`.
#[derive(Debug, Clone, Default)]
pub struct Publishing {
    /// The site folder (default: the output folder's `site`).
    pub site: Option<PathBuf>,
    /// The front-matter dialect.
    pub format: crate::publish::Format,
}

/// What every request shares.
struct Desk {
    config: Config,
    publishing: Publishing,
    /// Glossary and templates, with the store's terms learned (and the store's
    /// [`Store::terms_stamp`] then).
    env: RwLock<(Env, (usize, Option<String>))>,
    templates: Option<PathBuf>,
    csrf: String,
    token: Option<String>,
    /// The Host headers accepted on loopback.
    hosts: Option<Vec<String>>,
}

impl Desk {
    fn store(&self) -> Result<Store, Fail> {
        Ok(Store::open(&self.config.store)?)
    }

    /// The published pages' folder.
    fn public(&self) -> PathBuf {
        self.publishing
            .site
            .clone()
            .unwrap_or_else(|| self.config.output.join("site"))
            .join("public")
    }

    /// Renders a desk template with the CSRF token added.
    fn page(&self, name: &str, view: impl Serialize) -> Result<Response, Fail> {
        let mut ctx = serde_json::to_value(view).map_err(anyhow::Error::from)?;
        if let Some(o) = ctx.as_object_mut() {
            o.insert("csrf".into(), self.csrf.clone().into());
        }
        let env = self
            .env
            .read()
            .map_err(|_| anyhow!("desk state poisoned"))?;
        let html = env.0.templates.render(name, &ctx)?;
        Ok(html_response(StatusCode::OK, html))
    }

    /// Learns the terms editors added or taught again since the desk last looked (`bantin
    /// review term`).
    fn refresh_terms(&self, store: &Store) -> Result<()> {
        let n = store.terms_stamp()?;
        let stale = self.env.read().map(|e| e.1 != n).unwrap_or(true);
        if stale {
            let config = self.config.clone();
            let mut env = Env::new(config, self.templates.as_deref())?;
            env.learn_terms(store)?;
            if let Ok(mut e) = self.env.write() {
                *e = (env, n);
            }
        }
        Ok(())
    }
}

fn router(desk: Arc<Desk>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/day/{date}", get(day))
        .route("/day/{date}/preview", get(preview))
        .route("/day/{date}/publish", post(publish))
        .route("/claim/{id}", post(claim))
        .route("/site/{*path}", get(site))
        .route("/site", get(|| async { Redirect::to("/site/index.html") }))
        .route("/site/", get(|| async { Redirect::to("/site/index.html") }))
        .route("/static/desk.css", get(|| async { asset("text/css", CSS) }))
        .route(
            "/static/desk.js",
            get(|| async { asset("text/javascript", JS) }),
        )
        .layer(axum::middleware::from_fn_with_state(desk.clone(), guard))
        .with_state(desk)
}

/// Why a request failed, as the editor sees it.
enum Fail {
    NotFound(String),
    Bad(String),
    Forbidden(String),
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Fail {
    fn from(e: anyhow::Error) -> Self {
        Fail::Internal(e)
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        let (status, msg) = match self {
            Fail::NotFound(m) => (StatusCode::NOT_FOUND, m),
            Fail::Bad(m) => (StatusCode::BAD_REQUEST, m),
            Fail::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            Fail::Internal(e) => {
                let m = pipeline::one_line(&e);
                eprintln!("desk: {m}");
                (StatusCode::INTERNAL_SERVER_ERROR, m)
            }
        };
        let html = format!(
            "<!doctype html><meta charset=utf-8><title>{code} {reason} · bantin desk</title><link rel=stylesheet href=\"/static/desk.css\">\
             <main class=fail><h1>{code} {reason}</h1><p>{}</p><p><a href=\"/\">Back to the desk</a></p></main>",
            escape(&msg),
            code = status.as_u16(),
            reason = status.canonical_reason().unwrap_or("")
        );
        html_response(status, html)
    }
}

/// Runs store work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Fail> + Send + 'static,
) -> Result<T, Fail> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Fail::Internal(anyhow!("desk task failed: {e}")))?
}

fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

fn asset(kind: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

/// Checks every request (host, token, CSRF on changes) and sets the security headers.
async fn guard(State(desk): State<Arc<Desk>>, req: Request, next: Next) -> Response {
    let site = req.uri().path().starts_with("/site/");
    let mut res = match check(&desk, req).await {
        Ok(Checked::Pass(req)) => next.run(req).await,
        Ok(Checked::Answer(res)) => res,
        Err(fail) => fail.into_response(),
    };
    let h = res.headers_mut();
    let csp = if site { SITE_CSP } else { CSP };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

enum Checked {
    Pass(Request),
    Answer(Response),
}

async fn check(desk: &Desk, req: Request) -> Result<Checked, Fail> {
    let headers = req.headers();
    if let Some(hosts) = &desk.hosts {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(Fail::Forbidden(format!(
                "the desk answers on {} only, not for host {host:?}",
                hosts[0]
            )));
        }
    }
    if let Some(token) = &desk.token {
        let query_token = req.uri().query().and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "token")
                .map(|(_, v)| v.into_owned())
        });
        if let Some(given) = query_token {
            if !same(&given, token) {
                return Err(Fail::Forbidden("wrong access token".into()));
            }
            // The token goes into a cookie and out of the address bar; the rest stays.
            let path = req.uri().path();
            let path = if path.starts_with('/') && !path.starts_with("//") {
                path
            } else {
                "/"
            };
            let rest: Vec<(String, String)> = req
                .uri()
                .query()
                .map(|q| {
                    url::form_urlencoded::parse(q.as_bytes())
                        .filter(|(k, _)| k != "token")
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect()
                })
                .unwrap_or_default();
            let to = if rest.is_empty() {
                path.to_string()
            } else {
                let q: String = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(rest)
                    .finish();
                format!("{path}?{q}")
            };
            let mut res = Redirect::to(&to).into_response();
            let cookie = format!("{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
            return Ok(Checked::Answer(res));
        }
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer "));
        let given = bearer
            .map(str::to_owned)
            .or_else(|| cookie(headers, TOKEN_COOKIE));
        if !given.is_some_and(|g| same(&g, token)) {
            return Err(Fail::Forbidden(
                "this desk needs its access token (printed when it started): open /?token=TOKEN once".into(),
            ));
        }
    }
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return Ok(Checked::Pass(req));
    }
    // A change: the form must carry this process's CSRF token.
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM)
        .await
        .map_err(|_| Fail::Bad(format!("the form is over {MAX_FORM} bytes")))?;
    let csrf = url::form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    match csrf {
        Some(t) if same(&t, &desk.csrf) => {
            Ok(Checked::Pass(Request::from_parts(parts, Body::from(bytes))))
        }
        Some(_) => Err(Fail::Forbidden(
            "the form's CSRF token is wrong (the desk restarted?): reload the page and try again"
                .into(),
        )),
        None => Err(Fail::Forbidden("the form has no CSRF token".into())),
    }
}

/// Compares secrets in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| anyhow!("no randomness for a token: {e}"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn parse_day(s: &str) -> Result<NaiveDate, Fail> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        Fail::NotFound(format!(
            "{s:?} is not a date (year-month-day, as 2025-06-05)"
        ))
    })
}

/// Claim ids are hex digests and dashes; anything else is refused before the store is asked.
fn claim_id(s: &str) -> Result<&str, Fail> {
    if !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(s)
    } else {
        Err(Fail::Bad(format!("{s:?} is not a claim id")))
    }
}

fn filter_of(name: Option<&str>) -> Result<Filter, Fail> {
    match name {
        None | Some("") => Ok(Filter::All),
        Some(f) => Filter::parse(f).ok_or_else(|| {
            let names: Vec<&str> = Filter::ALL.iter().map(|f| f.as_str()).collect();
            Fail::Bad(format!("no filter {f:?}: one of {}", names.join(", ")))
        }),
    }
}

async fn index(State(desk): State<Arc<Desk>>) -> Result<Response, Fail> {
    blocking(move || {
        let store = desk.store()?;
        let days: Vec<serde_json::Value> = store
            .days()?
            .into_iter()
            .map(|d| {
                serde_json::json!({
                    "date": d.date.to_string(), "date_en": crate::render::date_en(d.date),
                    "claims": d.claims, "waiting": d.waiting, "briefed": d.briefed,
                })
            })
            .collect();
        desk.page("desk/index.html", serde_json::json!({ "days": days }))
    })
    .await
}

async fn day(
    State(desk): State<Arc<Desk>>,
    UrlPath(date): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Fail> {
    let date = parse_day(&date)?;
    let filter = filter_of(q.get("filter").map(String::as_str))?;
    let keep = q
        .get("at")
        .map(|id| claim_id(id).map(str::to_owned))
        .transpose()?;
    let note = q
        .get("note")
        .and_then(|n| NOTES.iter().find(|(k, _)| k == n))
        .map(|(_, text)| *text);
    blocking(move || {
        let store = desk.store()?;
        let claims = store.claims(Some(date))?;
        if claims.is_empty() {
            return Err(Fail::NotFound(format!("no claims for {date}")));
        }
        let brief = store.brief(date)?;
        let mut articles = HashMap::new();
        for c in &claims {
            let url = &c.claim.article;
            if !articles.contains_key(url)
                && let Some(a) = store.article(url)?
            {
                articles.insert(url.clone(), a);
            }
        }
        let drafts = store.drafts(Some(date))?;
        let v = view::day(
            date,
            brief.as_ref(),
            claims,
            &articles,
            &drafts,
            filter,
            keep.as_deref(),
        );
        let mut v = serde_json::to_value(v).map_err(anyhow::Error::from)?;
        if let (Some(o), Some(note), Some(at)) = (v.as_object_mut(), note, &keep) {
            o.insert(
                "note".into(),
                serde_json::json!({ "claim": at, "text": note }),
            );
        }
        desk.page("desk/day.html", v)
    })
    .await
}

async fn preview(
    State(desk): State<Arc<Desk>>,
    UrlPath(date): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Fail> {
    let date = parse_day(&date)?;
    let published = q.get("published").is_some_and(|v| v == "1");
    blocking(move || {
        let store = desk.store()?;
        let env = desk
            .env
            .read()
            .map_err(|_| anyhow!("desk state poisoned"))?;
        let b = pipeline::preview(&env.0, &store, date)?
            .ok_or_else(|| Fail::NotFound(format!("no English articles for {date}")))?;
        let html = |lang: &str| -> Result<String> {
            let md = env.0.templates.brief(&b, lang)?;
            Ok(crate::publish::markdown_to_html(&md))
        };
        let en = html("en")?;
        let vi = if b.has_vi() {
            html("vi")?
        } else {
            String::new()
        };
        let site = desk.public();
        let page = |lang: &str| {
            let name = format!("{date}.{lang}.html");
            site.join(&name).exists().then(|| format!("/site/{name}"))
        };
        let view = serde_json::json!({
            "date": date.to_string(), "date_en": crate::render::date_en(date),
            "en": en, "vi": vi, "published": published,
            "site_en": page("en"), "site_vi": page("vi"),
        });
        drop(env);
        desk.page("desk/preview.html", view)
    })
    .await
}

async fn publish(
    State(desk): State<Arc<Desk>>,
    UrlPath(date): UrlPath<String>,
) -> Result<Response, Fail> {
    let date = parse_day(&date)?;
    blocking(move || {
        // A scheduled run writing the output folder finishes first (waited for before the
        // shared state is read, so the other requests go on meanwhile).
        let _lock = pipeline::RunLock::acquire(&desk.config.store, |_| {})?;
        let mut store = desk.store()?;
        let opts = pipeline::Options {
            date: Some(date),
            offline: true,
            ..pipeline::Options::default()
        };
        if store.claims(Some(date))?.is_empty() {
            return Err(Fail::NotFound(format!(
                "no claims for {date}: nothing to publish"
            )));
        }
        let env = desk
            .env
            .read()
            .map_err(|_| anyhow!("desk state poisoned"))?;
        pipeline::brief(&env.0, &mut store, &opts)?;
        // This day only: the others stay as they were published.
        pipeline::publish(
            &env.0,
            &store,
            desk.publishing.site.as_deref(),
            desk.publishing.format,
            Some(&[date]),
        )?;
        Ok(Redirect::to(&format!("/day/{date}/preview?published=1")).into_response())
    })
    .await
}

/// What a change may tell the editor on the claim it returns to.
const NOTES: &[(&str, &str)] = &[
    (
        "unchanged",
        "Nothing to save: the boxes hold what is saved. To take a text away, reject the claim or write another.",
    ),
    (
        "withdrawn",
        "The refused draft is withdrawn: the boxes hold what is saved.",
    ),
    (
        "emptied",
        "Not approved: the Vietnamese box is empty, but approving would publish the Vietnamese shown before (the saved text or the rules' draft). Write a Vietnamese, put it back, or reject the claim.",
    ),
];

#[derive(serde::Deserialize)]
struct ClaimForm {
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    vi: Option<String>,
    #[serde(default)]
    filter: Option<String>,
}

async fn claim(
    State(desk): State<Arc<Desk>>,
    UrlPath(id): UrlPath<String>,
    axum::Form(form): axum::Form<ClaimForm>,
) -> Result<Response, Fail> {
    let id = claim_id(&id)?.to_string();
    let filter = filter_of(form.filter.as_deref())?;
    blocking(move || {
        let mut store = desk.store()?;
        // What the claim shows now: the boxes are compared with it.
        let saved = store
            .claim(&id)?
            .ok_or_else(|| Fail::NotFound(format!("no claim {id}")))?
            .rendering;
        // What the boxes hold that is not saved: an unchanged rules draft is not a change.
        let en = form
            .en
            .map(|s| collapse_spaces(&s))
            .filter(|s| *s != saved.en);
        let vi_box_empty = form.vi.as_deref().is_some_and(|v| v.trim().is_empty());
        let vi = form.vi.map(|s| collapse_spaces(&s)).filter(|s| {
            !s.is_empty()
                && Some(s) != saved.vi.as_ref()
                && !(saved.vi.is_none() && Some(s) == saved.vi_draft.as_ref())
        });
        let changed = en.is_some() || vi.is_some();
        // The boxes hold the saved text again: a refused draft is withdrawn.
        let withdrawn = !changed && store.draft(&id)?.is_some();
        if withdrawn {
            store.clear_draft(&id)?;
        }
        // An emptied Vietnamese box cannot approve: approving would publish the rules' draft.
        let emptied = vi_box_empty && (saved.vi.is_some() || saved.vi_draft.is_some());
        let action = match form.action.as_deref() {
            Some("approve") if emptied => return Ok(back(&store, &id, filter, Some("emptied"))),
            // Approve approves what the editor sees: changed boxes are an edit, checked first.
            Some("approve") if changed => review::Action::Edit { en, vi },
            Some("approve") => review::Action::Approve,
            Some("reject") => review::Action::Reject,
            Some("edit") if changed => review::Action::Edit { en, vi },
            Some("edit") if withdrawn => return Ok(back(&store, &id, filter, Some("withdrawn"))),
            Some("edit") => return Ok(back(&store, &id, filter, Some("unchanged"))),
            Some(other) => return Err(Fail::Bad(format!("no action {other:?}"))),
            None => return Err(Fail::Bad("the form says no action".into())),
        };
        desk.refresh_terms(&store)?;
        let editor = desk.config.editor.clone();
        let env = desk
            .env
            .read()
            .map_err(|_| anyhow!("desk state poisoned"))?;
        match review::apply(&mut store, &id, action.clone(), &editor, &env.0.glossary) {
            Ok(_) => {}
            // Kept as the claim's draft: the page shows it with the reason.
            Err(e) if e.downcast_ref::<review::Refused>().is_some() => {}
            // Any other refusal of an edit (empty, too long) is kept and shown the same way.
            Err(e) => match action {
                review::Action::Edit { en, vi } => {
                    let reason = pipeline::one_line(&e);
                    let reason = reason
                        .split_once(": ")
                        .map_or(reason.as_str(), |(_, r)| r)
                        .to_string();
                    let cut = |t: Option<String>| {
                        t.map(|t| t.chars().take(review::MAX_CHARS * 2).collect::<String>())
                    };
                    store.put_draft(
                        &id,
                        cut(en).as_deref(),
                        cut(vi).as_deref(),
                        &reason,
                        &editor,
                    )?;
                }
                _ => return Err(Fail::Bad(pipeline::one_line(&e))),
            },
        }
        Ok(back(&store, &id, filter, None))
    })
    .await
}

/// Where a change returns: the claim on its day page, under the same filter, with a note
/// (one of [`NOTES`]) when there is one.
fn back(store: &Store, id: &str, filter: Filter, note: Option<&str>) -> Response {
    let day = store.claim_day(id).ok().flatten();
    let note = note.map(|n| format!("&note={n}")).unwrap_or_default();
    let to = match day {
        // The claim stays on the page whatever the filter, to show what the change did.
        Some(d) => format!("/day/{d}?filter={}&at={id}{note}#c-{id}", filter.as_str()),
        None => "/".to_string(),
    };
    Redirect::to(&to).into_response()
}

/// A text area's value as one bullet line.
fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file of the published site: each segment a plain name, the file inside the site folder.
async fn site(
    State(desk): State<Arc<Desk>>,
    UrlPath(path): UrlPath<String>,
) -> Result<Response, Fail> {
    let plain = |seg: &str| {
        !seg.is_empty()
            && !seg.starts_with('.')
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    if !path.split('/').all(plain) {
        return Err(Fail::NotFound(format!("no published file {path:?}")));
    }
    let kind = match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("xml") => "application/atom+xml",
        Some("css") => "text/css",
        _ => return Err(Fail::NotFound(format!("no published file {path:?}"))),
    };
    blocking(move || {
        let root = desk.public();
        let missing = || Fail::NotFound(format!("no published file {path:?} (publish first)"));
        let root = root.canonicalize().map_err(|_| missing())?;
        let file = root.join(&path).canonicalize().map_err(|_| missing())?;
        if !file.starts_with(&root) {
            return Err(missing());
        }
        let body = std::fs::read(&file).map_err(|_| missing())?;
        Ok(([(header::CONTENT_TYPE, kind)], body).into_response())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_equal_only_when_equal() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }

    #[test]
    fn a_claim_id_is_plain_characters_only() {
        assert!(claim_id("0a1b-c2").is_ok());
        for bad in ["", "../x", "a/b", "a%2fb", "a b"] {
            assert!(claim_id(bad).is_err(), "{bad}");
        }
    }
}
