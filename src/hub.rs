//! Models from the Hugging Face Hub, kept in its standard cache (`$HF_HUB_CACHE`, else
//! `$HF_HOME/hub`, else `~/.cache/huggingface/hub`) in its standard layout, so other tools
//! find them too: `models--{org}--{name}/blobs/{checksum}`, `snapshots/{commit}/{file}` linking
//! to the blob, `refs/{revision}` holding the commit.
//!
//! A pull asks the Hub's API which files the revision has and their checksums (the SHA-256 of
//! large files, the git blob id of the others), downloads only what the cache lacks or holds
//! corrupted, and checks every file before it is linked. The Hub's address is `$HF_ENDPOINT`
//! (`https://huggingface.co` unless set), its token `$HF_TOKEN` when set. Runs never download:
//! only `bantin model pull` and `run --download-model` do.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use sha1::Digest as _;

/// The files of a Marian model that translation needs; weights come separately.
pub const MARIAN_FILES: &[&str] = &[
    "config.json",
    "source.spm",
    "target.spm",
    "vocab.json",
    "target_vocab.json",
    "tokenizer_config.json",
    "generation_config.json",
];

/// The files without which a folder is no Marian model (besides its weights).
pub const REQUIRED: &[&str] = &["config.json", "source.spm", "target.spm", "vocab.json"];

/// Weights, in order of preference: candle reads both.
pub const WEIGHTS: &[&str] = &["model.safetensors", "pytorch_model.bin"];

/// The Hub's address.
pub fn endpoint() -> String {
    std::env::var("HF_ENDPOINT")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "https://huggingface.co".into())
        .trim_end_matches('/')
        .to_string()
}

/// The cache folder.
pub fn cache_dir() -> PathBuf {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = var("HF_HUB_CACHE") {
        return d;
    }
    if let Some(d) = var("HF_HOME") {
        return d.join("hub");
    }
    let cache = var("XDG_CACHE_HOME")
        .or_else(|| var("HOME").map(|h| h.join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("huggingface").join("hub")
}

/// A model repository in the cache.
#[derive(Debug, Clone)]
pub struct Repo {
    /// `org/name`.
    pub id: String,
    /// Its folder in the cache.
    pub dir: PathBuf,
}

impl Repo {
    pub fn new(cache: &Path, id: &str) -> Result<Repo> {
        let ok = id.split('/').count() == 2
            && id
                .split('/')
                .all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains(['\\', ':']));
        if !ok {
            bail!("model {id:?} is not a Hub repository name like Helsinki-NLP/opus-mt-en-vi");
        }
        Ok(Repo {
            id: id.to_string(),
            dir: cache.join(format!("models--{}", id.replace('/', "--"))),
        })
    }

    /// The snapshot of a revision in the cache, if the revision was pulled and its files are
    /// there: a commit, a branch or a tag.
    pub fn snapshot(&self, revision: &str) -> Option<PathBuf> {
        let commit = if is_commit(revision) {
            revision.to_string()
        } else {
            valid_revision(revision).ok()?;
            std::fs::read_to_string(self.dir.join("refs").join(revision))
                .ok()?
                .trim()
                .to_string()
        };
        if !is_commit(&commit) {
            return None;
        }
        let dir = self.dir.join("snapshots").join(commit);
        // Everything translation needs, so a pull cut short is not taken for a model.
        let complete = REQUIRED.iter().all(|f| dir.join(f).is_file())
            && WEIGHTS.iter().any(|w| dir.join(w).is_file());
        complete.then_some(dir)
    }
}

/// A branch or tag name that stays inside `refs/`: no empty, `.` or `..` part, no leading
/// slash, no backslash or colon.
fn valid_revision(rev: &str) -> Result<()> {
    let ok = !rev.is_empty()
        && !rev.contains(['\\', ':'])
        && rev
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..");
    anyhow::ensure!(ok, "revision {rev:?} is not a branch, tag or commit name");
    Ok(())
}

fn is_commit(rev: &str) -> bool {
    rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The Hub's account of a revision.
#[derive(Debug, Deserialize)]
struct RevisionInfo {
    sha: String,
    #[serde(default)]
    siblings: Vec<Sibling>,
}

#[derive(Debug, Deserialize)]
struct Sibling {
    rfilename: String,
    #[serde(default, rename = "blobId")]
    blob_id: Option<String>,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    lfs: Option<Lfs>,
}

#[derive(Debug, Deserialize)]
struct Lfs {
    sha256: String,
    size: u64,
}

/// How a file is checked: its SHA-256 (large files), or its git blob id (SHA-1 of
/// `blob {len}\0` and the bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Checksum {
    Sha256(String),
    GitBlob(String),
}

impl Checksum {
    /// The blob's name in the cache: what the Hub sends as its ETag.
    fn name(&self) -> &str {
        match self {
            Checksum::Sha256(h) | Checksum::GitBlob(h) => h,
        }
    }

    fn of_file(&self, path: &Path) -> Result<bool> {
        let mut f = std::fs::File::open(path)?;
        let len = f.metadata()?.len();
        let digest = match self {
            Checksum::Sha256(_) => digest(sha2::Sha256::new(), &mut f)?,
            Checksum::GitBlob(_) => {
                let mut h = sha1::Sha1::new();
                h.update(format!("blob {len}\0").as_bytes());
                digest(h, &mut f)?
            }
        };
        Ok(digest.eq_ignore_ascii_case(self.name()))
    }
}

/// The hex digest of what `hasher` has, then all of `r`.
fn digest<H: sha1::Digest>(mut hasher: H, r: &mut impl Read) -> std::io::Result<String> {
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&hasher.finalize()));
        }
        hasher.update(&buf[..n]);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a pull did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pulled {
    /// The snapshot folder.
    pub dir: PathBuf,
    /// The commit.
    pub commit: String,
    /// Files downloaded now.
    pub downloaded: Vec<String>,
    /// Files the cache already held, checked.
    pub cached: Vec<String>,
    /// Bytes downloaded.
    pub bytes: u64,
}

/// A client for the Hub.
pub struct Hub {
    endpoint: String,
    cache: PathBuf,
    client: reqwest::blocking::Client,
    token: Option<String>,
    /// Draw a progress bar on the terminal.
    pub progress: bool,
}

impl Hub {
    /// A client for `$HF_ENDPOINT` and the standard cache.
    pub fn new(agent: &str) -> Result<Hub> {
        Hub::with(endpoint(), cache_dir(), agent)
    }

    /// A client for any endpoint and cache folder.
    pub fn with(endpoint: String, cache: PathBuf, agent: &str) -> Result<Hub> {
        let client = reqwest::blocking::Client::builder()
            .user_agent(agent)
            .connect_timeout(Duration::from_secs(15))
            // reqwest's blocking client applies this to each wait (the request, each read of
            // the body), not to the whole download: a stalled transfer fails, a slow one not.
            .timeout(Duration::from_secs(120))
            .build()
            .context("cannot build the HTTP client")?;
        Ok(Hub {
            endpoint: endpoint.trim_end_matches('/').to_string(),
            cache,
            client,
            token: std::env::var("HF_TOKEN").ok().filter(|t| !t.is_empty()),
            progress: true,
        })
    }

    pub fn cache(&self) -> &Path {
        &self.cache
    }

    fn get(&self, url: &str) -> Result<reqwest::blocking::Response> {
        let mut req = self.client.get(url);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        let resp = req
            .send()
            .with_context(|| format!("GET {url}: the Hub cannot be reached"))?;
        let status = resp.status();
        if status.as_u16() == 401 || status.as_u16() == 403 || status.as_u16() == 404 {
            bail!("GET {url}: HTTP {status} (no such model or revision, or it needs HF_TOKEN)");
        }
        if !status.is_success() {
            bail!("GET {url}: HTTP {status}");
        }
        Ok(resp)
    }

    /// Downloads a Marian model's files of `revision` into the cache; files already there and
    /// intact are not downloaded again.
    pub fn pull(&self, id: &str, revision: &str) -> Result<Pulled> {
        let repo = Repo::new(&self.cache, id)?;
        valid_revision(revision)?;
        let url = format!(
            "{}/api/models/{id}/revision/{}?blobs=true",
            self.endpoint,
            url::form_urlencoded::byte_serialize(revision.as_bytes()).collect::<String>()
        );
        let info: RevisionInfo = serde_json::from_slice(&self.get(&url)?.bytes()?)
            .with_context(|| format!("GET {url}: not the Hub's account of a revision"))?;
        anyhow::ensure!(
            is_commit(&info.sha),
            "GET {url}: the commit {:?} is not a commit id",
            info.sha
        );
        let has = |f: &str| info.siblings.iter().any(|s| s.rfilename == f);
        let weights = WEIGHTS.iter().find(|w| has(w)).with_context(|| {
            format!(
                "{id} at {revision} has no weights ({})",
                WEIGHTS.join(" or ")
            )
        })?;
        for needed in REQUIRED {
            anyhow::ensure!(
                has(needed),
                "{id} at {revision} has no {needed}: not a Marian model"
            );
        }
        let snapshot = repo.dir.join("snapshots").join(&info.sha);
        let blobs = repo.dir.join("blobs");
        std::fs::create_dir_all(&snapshot)
            .and_then(|_| std::fs::create_dir_all(&blobs))
            .with_context(|| format!("cannot create {}", repo.dir.display()))?;
        let mut pulled = Pulled {
            dir: snapshot.clone(),
            commit: info.sha.clone(),
            ..Pulled::default()
        };
        let wanted = info
            .siblings
            .iter()
            .filter(|s| MARIAN_FILES.contains(&s.rfilename.as_str()) || s.rfilename == *weights);
        for file in wanted {
            let (sum, size) = match (&file.lfs, &file.blob_id) {
                (Some(l), _) => (Checksum::Sha256(l.sha256.to_lowercase()), Some(l.size)),
                (None, Some(b)) => (Checksum::GitBlob(b.to_lowercase()), file.size),
                (None, None) => bail!(
                    "the Hub gave no checksum for {}: cannot check it",
                    file.rfilename
                ),
            };
            anyhow::ensure!(
                sum.name().bytes().all(|b| b.is_ascii_hexdigit()),
                "the Hub's checksum for {} is not hexadecimal",
                file.rfilename
            );
            let blob = blobs.join(sum.name());
            if blob.is_file() && sum.of_file(&blob).unwrap_or(false) {
                pulled.cached.push(file.rfilename.clone());
            } else {
                pulled.bytes += self.download(id, &info.sha, &file.rfilename, size, &sum, &blob)?;
                pulled.downloaded.push(file.rfilename.clone());
            }
            link(&blob, &snapshot.join(&file.rfilename))?;
        }
        let refs = repo.dir.join("refs");
        if !is_commit(revision) {
            let ref_file = refs.join(revision);
            if let Some(parent) = ref_file.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&ref_file, &info.sha)
                .with_context(|| format!("cannot write {}", ref_file.display()))?;
        }
        Ok(pulled)
    }

    /// Downloads one file to `blob`, checked against `sum`; returns its size.
    fn download(
        &self,
        id: &str,
        commit: &str,
        file: &str,
        size: Option<u64>,
        sum: &Checksum,
        blob: &Path,
    ) -> Result<u64> {
        let url = format!("{}/{id}/resolve/{commit}/{file}", self.endpoint);
        let mut resp = self.get(&url)?;
        let total = size.or(resp.content_length()).unwrap_or(0);
        let bar = if self.progress {
            indicatif::ProgressBar::new(total)
        } else {
            indicatif::ProgressBar::hidden()
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg:24} {bar:30} {bytes}/{total_bytes} {bytes_per_sec}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(file.to_string());
        // Named by process, so two pulls at once never truncate each other's download.
        let partial = blob.with_extension(format!("{}.incomplete", std::process::id()));
        let copied = std::fs::File::create(&partial)
            .and_then(|mut out| std::io::copy(&mut bar.wrap_read(&mut resp), &mut out))
            .with_context(|| {
                format!(
                    "GET {url}: the download broke off or could not be written to {}",
                    partial.display()
                )
            });
        bar.finish_and_clear();
        // A download that broke off leaves nothing behind.
        let n = copied.inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })?;
        if !sum.of_file(&partial).unwrap_or(false) {
            let _ = std::fs::remove_file(&partial);
            bail!(
                "{file} of {id}: the download does not match the Hub's checksum (corrupted); nothing was kept"
            );
        }
        std::fs::rename(&partial, blob)
            .with_context(|| format!("cannot move the download to {}", blob.display()))?;
        Ok(n)
    }
}

/// Links a snapshot file to its blob (a relative symbolic link, as the Hub's tools make).
fn link(blob: &Path, file: &Path) -> Result<()> {
    if std::fs::symlink_metadata(file).is_ok() {
        std::fs::remove_file(file).with_context(|| format!("cannot replace {}", file.display()))?;
    }
    let target = PathBuf::from("../../blobs").join(blob.file_name().unwrap_or_default());
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, file)
        .with_context(|| format!("cannot link {}", file.display()))?;
    #[cfg(not(unix))]
    std::fs::copy(blob, file).with_context(|| format!("cannot copy to {}", file.display()))?;
    Ok(())
}

/// A model in the cache, for `model list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    /// `org/name`.
    pub id: String,
    /// Branches and tags pulled, with their commits.
    pub refs: Vec<(String, String)>,
    /// Snapshots (commits) held.
    pub snapshots: Vec<String>,
    /// Bytes of all its blobs.
    pub bytes: u64,
    /// Whether a snapshot has what a Marian model needs.
    pub usable: bool,
}

impl std::fmt::Display for Pulled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "@{}: {} files downloaded ({:.1} MB), {} already in the cache, in {}",
            &self.commit[..8.min(self.commit.len())],
            self.downloaded.len(),
            self.bytes as f64 / 1e6,
            self.cached.len(),
            self.dir.display()
        )
    }
}

/// Downloads the configured Marian model (or `name` at `revision`) into the cache, checking
/// every file; with `only_missing`, nothing is asked when the cache holds the revision.
/// Returns the model's name and what was done (`None`: it was there).
pub fn pull_model(
    config: &crate::config::Config,
    name: Option<String>,
    revision: Option<String>,
    only_missing: bool,
    progress: bool,
) -> Result<(String, Option<Pulled>)> {
    let m = config.marian();
    let name = name.unwrap_or(m.model);
    let revision = revision.unwrap_or(m.revision);
    let mut hub = Hub::new(&config.agent())?;
    if only_missing && Repo::new(hub.cache(), &name)?.snapshot(&revision).is_some() {
        return Ok((name, None));
    }
    hub.progress = progress;
    let p = hub
        .pull(&name, &revision)
        .with_context(|| format!("cannot pull {name} ({revision})"))?;
    Ok((name, Some(p)))
}

/// The model folder a command uses: `dir` when given, else the configured model's snapshot
/// in the cache, or an error saying how to get one.
pub fn model_dir(
    config: &crate::config::Config,
    dir: Option<PathBuf>,
) -> Result<(PathBuf, String)> {
    if let Some(dir) = dir {
        let name = dir.display().to_string();
        return Ok((dir, name));
    }
    let m = config.marian();
    let dir = Repo::new(&cache_dir(), &m.model)?
        .snapshot(&m.revision)
        .with_context(|| {
            format!(
                "no model {} in the cache: `bantin model pull`, or --model DIR, or --tiny",
                m.model
            )
        })?;
    Ok((dir, m.model))
}

/// What `bantin model list` prints of a cached model; `configured` marks the config's.
pub fn describe(m: &Cached, configured: &str) -> String {
    let refs: Vec<String> = m
        .refs
        .iter()
        .map(|(r, c)| format!("{r}={}", c.chars().take(8).collect::<String>()))
        .collect();
    format!(
        "{:40} {:>8.1} MB  {}{}{}",
        m.id,
        m.bytes as f64 / 1e6,
        if refs.is_empty() {
            "no refs".to_string()
        } else {
            refs.join(" ")
        },
        if m.usable {
            ""
        } else {
            "  (incomplete: not a usable Marian model)"
        },
        if m.id == configured {
            "  <- configured"
        } else {
            ""
        },
    )
}

/// The models in a cache folder, by name.
pub fn list(cache: &Path) -> Result<Vec<Cached>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(cache) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", cache.display())),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(id) = name.strip_prefix("models--") else {
            continue;
        };
        let Some((org, model)) = id.split_once("--") else {
            continue;
        };
        let dir = entry.path();
        let mut refs = Vec::new();
        for r in walk(&dir.join("refs")) {
            if let Ok(commit) = std::fs::read_to_string(&r) {
                let name = r
                    .strip_prefix(dir.join("refs"))
                    .unwrap_or(&r)
                    .to_string_lossy()
                    .to_string();
                refs.push((name, commit.trim().to_string()));
            }
        }
        refs.sort();
        let mut snapshots: Vec<String> = std::fs::read_dir(dir.join("snapshots"))
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        snapshots.sort();
        let bytes = walk(&dir.join("blobs"))
            .iter()
            .filter_map(|p| p.metadata().ok())
            .map(|m| m.len())
            .sum();
        let repo = Repo {
            id: format!("{org}/{model}"),
            dir: dir.clone(),
        };
        let usable = snapshots.iter().any(|s| repo.snapshot(s).is_some());
        out.push(Cached {
            id: repo.id,
            refs,
            snapshots,
            bytes,
            usable,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Files under a folder, recursively.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_names_that_could_leave_the_cache_are_refused() {
        let cache = Path::new("/c");
        assert!(Repo::new(cache, "Helsinki-NLP/opus-mt-en-vi").is_ok());
        for bad in ["../x", "a/../b", "a", "a/b/c", "/a", "a/", "C:/x"] {
            assert!(Repo::new(cache, bad).is_err(), "{bad}");
        }
        for bad in ["../../x", "/etc", "a//b", "", "refs\\x"] {
            assert!(valid_revision(bad).is_err(), "{bad}");
        }
        for good in ["main", "refs/pr/4", "v1.0"] {
            assert!(valid_revision(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn a_git_blob_id_is_checked_the_way_git_computes_it() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x");
        std::fs::write(&f, "hello\n").unwrap();
        // `git hash-object` of "hello\n".
        let sum = Checksum::GitBlob("ce013625030ba8dba906f756967f9e9ca394464a".into());
        assert!(sum.of_file(&f).unwrap());
        assert!(!Checksum::GitBlob("0".repeat(40)).of_file(&f).unwrap());
    }
}
