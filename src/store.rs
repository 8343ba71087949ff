//! The SQLite store: pages, articles, claims, review state, translation memory and briefs.
//!
//! One file, WAL mode, every write of a stage in one transaction so a run killed at any point
//! leaves either the old or the new state. Schema changes are migrations keyed by `user_version`.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::glossary::{Tag, Term};
use crate::model::{
    Article, Brief, ClaimRecord, Day, Draft, Fetched, LogEntry, ReviewStatus, ViOrigin,
};

const MIGRATIONS: &[&str] = &[
    r"
CREATE TABLE sources (name TEXT PRIMARY KEY, kind TEXT NOT NULL, location TEXT NOT NULL, lang TEXT NOT NULL);
CREATE TABLE pages (
  url TEXT PRIMARY KEY, source TEXT NOT NULL, fetched_at TEXT NOT NULL, content_type TEXT,
  body BLOB NOT NULL, body_hash TEXT NOT NULL, published_hint TEXT, site_hint TEXT);
CREATE TABLE articles (
  url TEXT PRIMARY KEY, day TEXT, content_hash TEXT NOT NULL, json TEXT NOT NULL, extracted_at TEXT NOT NULL);
CREATE TABLE skipped (url TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE claims (id TEXT PRIMARY KEY, article TEXT NOT NULL, day TEXT, position INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX claims_by_article ON claims(article);
CREATE INDEX claims_by_day ON claims(day);
CREATE TABLE reviews (
  claim TEXT PRIMARY KEY, status TEXT NOT NULL, en TEXT, vi TEXT, editor TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE review_log (
  id INTEGER PRIMARY KEY, claim TEXT NOT NULL, action TEXT NOT NULL, en TEXT, vi TEXT, editor TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE memory (en TEXT PRIMARY KEY, vi TEXT NOT NULL, editor TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE briefs (day TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, json TEXT NOT NULL, at TEXT NOT NULL);
",
    r"
CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, at TEXT NOT NULL);
CREATE TABLE links (
  link TEXT PRIMARY KEY, source TEXT NOT NULL, final_url TEXT, title TEXT, published TEXT,
  status TEXT NOT NULL, first_seen TEXT NOT NULL, at TEXT NOT NULL);
",
    r"
CREATE TABLE terms (en TEXT NOT NULL, pos TEXT NOT NULL, vi TEXT NOT NULL, editor TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (en, pos));
",
    r"
CREATE TABLE robots (origin TEXT PRIMARY KEY, body BLOB, at TEXT NOT NULL);
",
    r"
ALTER TABLE links ADD COLUMN summary TEXT;
",
    r"
CREATE TABLE engine_calls (
  key TEXT PRIMARY KEY, engine TEXT NOT NULL, model TEXT NOT NULL, prompt_version TEXT NOT NULL,
  input TEXT NOT NULL, output TEXT, failure TEXT, verdict TEXT NOT NULL, at TEXT NOT NULL);
",
    r"
CREATE TABLE drafts (
  claim TEXT PRIMARY KEY, en TEXT, vi TEXT, reason TEXT NOT NULL, editor TEXT NOT NULL, at TEXT NOT NULL);
",
    r"
ALTER TABLE claims ADD COLUMN waiting INTEGER NOT NULL DEFAULT 1;
UPDATE claims SET waiting = COALESCE(json_extract(json, '$.needs_translation'), 1);
CREATE INDEX claims_waiting_by_day ON claims(day, waiting, id);
",
    r"
ALTER TABLE claims ADD COLUMN drafted INTEGER NOT NULL DEFAULT 0;
UPDATE claims SET drafted = json_extract(json, '$.vi_draft') IS NOT NULL;
DROP INDEX claims_waiting_by_day;
CREATE INDEX claims_waiting_by_day ON claims(day, waiting, drafted, id);
CREATE TABLE published (day TEXT PRIMARY KEY, json TEXT NOT NULL, at TEXT NOT NULL);
",
    r"
ALTER TABLE terms ADD COLUMN tags TEXT NOT NULL DEFAULT '';
",
    // A claim row keeps what extraction made; what the brief made of it is a record of its own,
    // keyed by the claim's id (review state already was: `reviews`).
    r"
CREATE TABLE renderings (claim TEXT PRIMARY KEY, json TEXT NOT NULL);
INSERT INTO renderings(claim, json)
  SELECT id, json_remove(json, '$.id', '$.article', '$.kind', '$.text', '$.span', '$.paragraph',
                         '$.figures', '$.attribution', '$.entities', '$.status')
  FROM claims;
UPDATE claims SET json = json_remove(json, '$.salience', '$.en', '$.vi', '$.vi_origin', '$.status',
                                     '$.needs_translation', '$.vi_missing', '$.vi_engine',
                                     '$.vi_draft', '$.rejected');
",
];

/// The store.
pub struct Store {
    db: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let db = Connection::open(path)
            .with_context(|| format!("cannot open store {}", path.display()))?;
        // Another bantin (a run, the desk, a brief) may hold the store: wait for it.
        db.busy_timeout(std::time::Duration::from_secs(30))?;
        wal(&db).with_context(|| format!("cannot open store {}", path.display()))?;
        db.pragma_update(None, "synchronous", "NORMAL")?;
        Self::init(db).with_context(|| format!("cannot prepare store {}", path.display()))
    }

    /// A store in memory, for tests.
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut db: Connection) -> Result<Self> {
        let version: i64 = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version > MIGRATIONS.len() {
            bail!("the store was written by a newer bantin (schema {version})");
        }
        if version < MIGRATIONS.len() {
            // Two processes opening a new store at once: the second waits for the first's
            // write lock, then sees its migrations done.
            let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            for (i, m) in MIGRATIONS.iter().enumerate().skip(now.max(0) as usize) {
                tx.execute_batch(m)?;
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            tx.commit()?;
        }
        Ok(Store { db })
    }

    /// Records a source.
    pub fn put_source(&self, name: &str, kind: &str, location: &str, lang: &str) -> Result<()> {
        self.db.execute(
            "INSERT INTO sources(name, kind, location, lang) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(name) DO UPDATE SET kind = ?2, location = ?3, lang = ?4",
            params![name, kind, location, lang],
        )?;
        Ok(())
    }

    /// Stores a fetched page (compressed); returns whether it is new or changed.
    pub fn put_page(&self, page: &Fetched) -> Result<bool> {
        let hash = crate::sha256_hex(&page.body);
        let old: Option<String> = self
            .db
            .query_row(
                "SELECT body_hash FROM pages WHERE url = ?1",
                [&page.url],
                |r| r.get(0),
            )
            .optional()?;
        if old.as_deref() == Some(hash.as_str()) {
            return Ok(false);
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&page.body)?;
        let body = gz.finish()?;
        self.db.execute(
            "INSERT INTO pages(url, source, fetched_at, content_type, body, body_hash, published_hint, site_hint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(url) DO UPDATE SET source = ?2, fetched_at = ?3, content_type = ?4, body = ?5,
               body_hash = ?6, published_hint = ?7, site_hint = ?8",
            params![
                page.url,
                page.source,
                page.fetched_at.to_rfc3339(),
                page.content_type,
                body,
                hash,
                page.published_hint.map(|d| d.to_string()),
                page.site_hint
            ],
        )?;
        Ok(true)
    }

    /// Stores what a brief made of claims (Vietnamese, its origin, what is missing), in one
    /// transaction; the claims themselves are not written, and claims no longer stored are
    /// ignored.
    pub fn put_renderings(&self, claims: &[ClaimRecord]) -> Result<()> {
        let tx = self.db.unchecked_transaction()?;
        for c in claims {
            tx.execute(
                "UPDATE renderings SET json = ?2 WHERE claim = ?1",
                params![c.claim.id, serde_json::to_string(&c.rendering)?],
            )?;
            tx.execute(
                "UPDATE claims SET waiting = ?2, drafted = ?3 WHERE id = ?1",
                params![
                    c.claim.id,
                    c.rendering.needs_translation,
                    c.rendering.vi_draft.is_some()
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// robots.txt files fetched in the last `hours` hours: (origin, text; `None` for none).
    pub fn robots(&self, hours: i64) -> Result<Vec<(String, Option<Vec<u8>>)>> {
        let since = (Utc::now() - chrono::Duration::hours(hours)).to_rfc3339();
        let mut st = self
            .db
            .prepare("SELECT origin, body FROM robots WHERE at >= ?1")?;
        let rows = st.query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.map(|r| r.map_err(Into::into)).collect()
    }

    /// Keeps a robots.txt for the next runs.
    pub fn put_robots(&self, origin: &str, body: Option<&[u8]>) -> Result<()> {
        self.db.execute(
            "INSERT INTO robots(origin, body, at) VALUES (?1, ?2, ?3)
             ON CONFLICT(origin) DO UPDATE SET body = ?2, at = ?3",
            params![origin, body, Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// Adds (or replaces) a glossary term an editor gave in review.
    pub fn put_term(&self, term: &Term, editor: &str) -> Result<()> {
        let tags: Vec<&str> = term.tags.iter().map(|t| t.as_str()).collect();
        self.db.execute(
            "INSERT INTO terms(en, pos, vi, tags, editor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(en, pos) DO UPDATE SET vi = ?3, tags = ?4, editor = ?5, at = ?6",
            params![
                term.en,
                term.pos.as_str(),
                term.vi,
                tags.join(", "),
                editor,
                Utc::now().to_rfc3339()
            ],
        )?;
        Ok(())
    }

    /// Every glossary term from review, oldest first. A tag this bantin does not know (one a
    /// newer bantin wrote) is left out: the term still counts.
    pub fn terms(&self) -> Result<Vec<Term>> {
        let mut st = self
            .db
            .prepare("SELECT en, pos, vi, tags FROM terms ORDER BY at, en")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut terms = Vec::new();
        for row in rows {
            let (en, pos, vi, tags) = row?;
            let pos = pos
                .parse()
                .with_context(|| format!("glossary term {en:?} in the store"))?;
            let tags = tags.split(',').filter_map(|t| t.parse::<Tag>().ok());
            terms.push(Term::taught(&en, pos, &vi, tags));
        }
        Ok(terms)
    }

    /// Changes whenever a term is taught or taught again: (how many, when last).
    pub fn terms_stamp(&self) -> Result<(usize, Option<String>)> {
        Ok(self
            .db
            .query_row("SELECT COUNT(*), MAX(at) FROM terms", [], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get(1)?))
            })?)
    }

    /// The validators stored for a URL, for a conditional request.
    pub fn validators(&self, url: &str) -> Result<Option<crate::model::Validators>> {
        Ok(self
            .db
            .query_row(
                "SELECT etag, last_modified FROM validators WHERE url = ?1",
                [url],
                |r| {
                    Ok(crate::model::Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Remembers a response's validators (nothing when it gave none).
    pub fn put_validators(&self, url: &str, v: &crate::model::Validators) -> Result<()> {
        if v.etag.is_none() && v.last_modified.is_none() {
            return Ok(());
        }
        self.db.execute(
            "INSERT INTO validators(url, etag, last_modified, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, at = ?4",
            params![url, v.etag, v.last_modified, Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// Whether a (canonical) link was already fetched, from any source on any day.
    pub fn link_fetched(&self, link: &str) -> Result<bool> {
        Ok(self
            .db
            .query_row(
                "SELECT 1 FROM links WHERE link = ?1 AND status = 'fetched'",
                [link],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Links of a source first seen in the last `days` days that were not fetched (a server
    /// error, a timeout): asked again on the next runs even when the feed has not changed.
    pub fn pending_links(&self, source: &str, days: i64) -> Result<Vec<crate::model::FeedItem>> {
        let since = (Utc::now() - chrono::Duration::days(days)).to_rfc3339();
        let mut st = self.db.prepare(
            "SELECT link, title, published, summary FROM links
             WHERE source = ?1 AND status <> 'fetched' AND first_seen >= ?2 ORDER BY first_seen",
        )?;
        let rows = st.query_map(params![source, since], |r| {
            Ok(crate::model::FeedItem {
                link: r.get(0)?,
                title: r.get(1)?,
                published: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|p| chrono::DateTime::parse_from_rfc3339(&p).ok())
                    .map(|p| p.with_timezone(&Utc)),
                summary: r.get(3)?,
            })
        })?;
        rows.map(|r| r.map_err(Into::into)).collect()
    }

    /// Records what happened to a link: `fetched`, or why not; keeps the first sighting, the
    /// URL it redirected to, and the feed's title, date and summary for it.
    pub fn put_link(
        &self,
        link: &str,
        source: &str,
        final_url: Option<&str>,
        item: &crate::model::FeedItem,
        status: &str,
    ) -> Result<()> {
        let now = Utc::now().to_rfc3339();
        self.db.execute(
            "INSERT INTO links(link, source, final_url, title, published, status, first_seen, at, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
             ON CONFLICT(link) DO UPDATE SET final_url = COALESCE(?3, final_url), status = ?6, at = ?7,
               summary = COALESCE(?8, summary)",
            params![
                link,
                source,
                final_url,
                item.title,
                item.published.map(|p| p.to_rfc3339()),
                status,
                now,
                item.summary
            ],
        )?;
        Ok(())
    }

    /// Every stored page, for an offline run.
    pub fn pages(&self) -> Result<Vec<Fetched>> {
        let mut st = self.db.prepare(
            "SELECT url, source, fetched_at, content_type, body, published_hint, site_hint FROM pages ORDER BY url",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (url, source, at, ct, gz, hint, site) = row?;
            let mut body = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut body)
                .with_context(|| format!("stored page {url} is corrupt"))?;
            out.push(Fetched {
                url,
                source,
                body,
                content_type: ct,
                published_hint: hint.and_then(|h| h.parse().ok()),
                site_hint: site,
                fetched_at: chrono::DateTime::parse_from_rfc3339(&at)
                    .map(|d| d.with_timezone(&Utc))
                    .unwrap_or_else(|_| Utc::now()),
            });
        }
        Ok(out)
    }

    /// Stores an article and its claims in one transaction, keeping review state (reviews and
    /// drafts are kept by claim id). `key` identifies what was read: the text and the claims the
    /// current rules find in it (see [`Store::article_key`]). Claims stored anew have no
    /// rendering yet, so the brief of their day (the old one's too, if the day moved) is marked
    /// to be made again: the next brief renders them, from the engines' stored answers.
    pub fn put_article(
        &mut self,
        article: &Article,
        day: Option<NaiveDate>,
        claims: &[ClaimRecord],
        key: &str,
    ) -> Result<()> {
        let tx = self.db.transaction()?;
        let day = day.map(|d| d.to_string());
        tx.execute(
            "UPDATE briefs SET fingerprint = '' WHERE day IN (SELECT day FROM articles WHERE url = ?1) OR day = ?2",
            params![article.url, day],
        )?;
        tx.execute(
            "INSERT INTO articles(url, day, content_hash, json, extracted_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(url) DO UPDATE SET day = ?2, content_hash = ?3, json = ?4, extracted_at = ?5",
            params![article.url, day, key, serde_json::to_string(article)?, Utc::now().to_rfc3339()],
        )?;
        tx.execute("DELETE FROM skipped WHERE url = ?1", [&article.url])?;
        tx.execute(
            "DELETE FROM renderings WHERE claim IN (SELECT id FROM claims WHERE article = ?1)",
            [&article.url],
        )?;
        tx.execute("DELETE FROM claims WHERE article = ?1", [&article.url])?;
        for (i, c) in claims.iter().enumerate() {
            tx.execute(
                "INSERT INTO claims(id, article, day, position, json, waiting, drafted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET article = ?2, day = ?3, position = ?4, json = ?5, waiting = ?6, drafted = ?7",
                params![
                    c.claim.id,
                    c.claim.article,
                    day,
                    i as i64,
                    serde_json::to_string(&c.claim)?,
                    c.rendering.needs_translation,
                    c.rendering.vi_draft.is_some()
                ],
            )?;
            tx.execute(
                "INSERT INTO renderings(claim, json) VALUES (?1, ?2)
                 ON CONFLICT(claim) DO UPDATE SET json = ?2",
                params![c.claim.id, serde_json::to_string(&c.rendering)?],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The key a stored article was stored under, to skip unchanged ones. The key covers the
    /// claims as well as the text, so new claim rules re-read an unchanged page.
    pub fn article_key(&self, url: &str) -> Result<Option<String>> {
        Ok(self
            .db
            .query_row(
                "SELECT content_hash FROM articles WHERE url = ?1",
                [url],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records why a page was not made into an article.
    pub fn put_skipped(&self, url: &str, reason: &str) -> Result<()> {
        self.db.execute(
            "INSERT INTO skipped(url, reason, at) VALUES (?1, ?2, ?3)
             ON CONFLICT(url) DO UPDATE SET reason = ?2, at = ?3",
            params![url, reason, Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// Every article, with its day.
    pub fn articles(&self) -> Result<Vec<(Option<NaiveDate>, Article)>> {
        let mut st = self
            .db
            .prepare("SELECT day, json FROM articles ORDER BY url")?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (day, json) = row?;
            let a: Article = serde_json::from_str(&json).context("stored article is corrupt")?;
            out.push((day.and_then(|d| d.parse().ok()), a));
        }
        Ok(out)
    }

    /// The claims of an article in text order, with review applied.
    pub fn claims_of(&self, article: &str) -> Result<Vec<ClaimRecord>> {
        let mut st = self.db.prepare(
            "SELECT c.json, g.json, r.status, r.en, r.vi FROM claims c JOIN renderings g ON g.claim = c.id
             LEFT JOIN reviews r ON r.claim = c.id
             WHERE c.article = ?1 ORDER BY c.position",
        )?;
        let rows = st.query_map([article], review_row)?;
        rows.map(|r| r.map_err(Into::into).and_then(apply_review))
            .collect()
    }

    /// How many claims the store holds.
    pub fn claim_count(&self) -> Result<usize> {
        let n: i64 = self
            .db
            .query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// One claim by id, with review applied.
    pub fn claim(&self, id: &str) -> Result<Option<ClaimRecord>> {
        let row = self
            .db
            .query_row(
                "SELECT c.json, g.json, r.status, r.en, r.vi FROM claims c JOIN renderings g ON g.claim = c.id
             LEFT JOIN reviews r ON r.claim = c.id WHERE c.id = ?1",
                [id],
                review_row,
            )
            .optional()?;
        row.map(apply_review).transpose()
    }

    /// Claims of a day (or all days), with review applied, in article and text order.
    pub fn claims(&self, day: Option<NaiveDate>) -> Result<Vec<ClaimRecord>> {
        let sql = "SELECT c.json, g.json, r.status, r.en, r.vi FROM claims c JOIN renderings g ON g.claim = c.id
             LEFT JOIN reviews r ON r.claim = c.id
                   WHERE (?1 IS NULL OR c.day = ?1) ORDER BY c.day, c.article, c.position";
        let mut st = self.db.prepare(sql)?;
        let rows = st.query_map([day.map(|d| d.to_string())], review_row)?;
        rows.map(|r| r.map_err(Into::into).and_then(apply_review))
            .collect()
    }

    /// Records a review action; an edit's Vietnamese text goes to the translation memory.
    pub fn review(
        &mut self,
        claim: &ClaimRecord,
        status: ReviewStatus,
        en: Option<&str>,
        vi: Option<&str>,
        editor: &str,
    ) -> Result<()> {
        let now = Utc::now().to_rfc3339();
        let tx = self.db.transaction()?;
        tx.execute(
            "INSERT INTO reviews(claim, status, en, vi, editor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(claim) DO UPDATE SET status = ?2, en = COALESCE(?3, en), vi = COALESCE(?4, vi), editor = ?5, at = ?6",
            params![claim.claim.id, status.as_str(), en, vi, editor, now],
        )?;
        tx.execute(
            "INSERT INTO review_log(claim, action, en, vi, editor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![claim.claim.id, status.as_str(), en, vi, editor, now],
        )?;
        tx.execute("DELETE FROM drafts WHERE claim = ?1", [&claim.claim.id])?;
        if let Some(vi) = vi {
            // Remembered for the same English text, the sentence's own and the editor's.
            for key in [claim.claim.text.as_str(), en.unwrap_or(&claim.rendering.en)] {
                tx.execute(
                    "INSERT INTO memory(en, vi, editor, at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(en) DO UPDATE SET vi = ?2, editor = ?3, at = ?4",
                    params![key, vi, editor, now],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Keeps an edit the gate refused, replacing the claim's earlier draft.
    pub fn put_draft(
        &self,
        claim: &str,
        en: Option<&str>,
        vi: Option<&str>,
        reason: &str,
        editor: &str,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO drafts(claim, en, vi, reason, editor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(claim) DO UPDATE SET en = ?2, vi = ?3, reason = ?4, editor = ?5, at = ?6",
            params![claim, en, vi, reason, editor, Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// The refused edits of a day's claims (or of all), by claim id.
    pub fn drafts(&self, day: Option<NaiveDate>) -> Result<Vec<Draft>> {
        let mut st = self.db.prepare(
            "SELECT d.claim, d.en, d.vi, d.reason, d.editor, d.at FROM drafts d JOIN claims c ON c.id = d.claim
             WHERE (?1 IS NULL OR c.day = ?1) ORDER BY d.claim",
        )?;
        let rows = st.query_map([day.map(|d| d.to_string())], draft_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Withdraws a claim's refused edit.
    pub fn clear_draft(&self, claim: &str) -> Result<()> {
        self.db
            .execute("DELETE FROM drafts WHERE claim = ?1", [claim])?;
        Ok(())
    }

    /// The refused edit of one claim, if there is one.
    pub fn draft(&self, claim: &str) -> Result<Option<Draft>> {
        Ok(self
            .db
            .query_row(
                "SELECT claim, en, vi, reason, editor, at FROM drafts WHERE claim = ?1",
                [claim],
                draft_row,
            )
            .optional()?)
    }

    /// The day a claim belongs to.
    pub fn claim_day(&self, id: &str) -> Result<Option<NaiveDate>> {
        let day: Option<Option<String>> = self
            .db
            .query_row("SELECT day FROM claims WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(day.flatten().and_then(|d| d.parse().ok()))
    }

    /// Days that have claims, newest first: the day, its claims, and how many wait for an
    /// editor (no Vietnamese passed the gate, not rejected; see [`crate::review::needs_editor`]).
    pub fn days(&self) -> Result<Vec<Day>> {
        let mut st = self.db.prepare(
            "SELECT c.day, COUNT(*),
                    SUM(c.waiting AND r.vi IS NULL AND COALESCE(r.status, 'pending') != 'rejected'
                        AND NOT (c.drafted AND COALESCE(r.status = 'approved', 0))),
                    (SELECT 1 FROM briefs b WHERE b.day = c.day)
             FROM claims c LEFT JOIN reviews r ON r.claim = c.id
             WHERE c.day IS NOT NULL GROUP BY c.day ORDER BY c.day DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (d, n, waiting, briefed) = row?;
            if let Ok(date) = d.parse() {
                out.push(Day {
                    date,
                    claims: n as usize,
                    waiting: waiting.unwrap_or(0) as usize,
                    briefed: briefed.is_some(),
                });
            }
        }
        Ok(out)
    }

    /// One article by URL.
    pub fn article(&self, url: &str) -> Result<Option<Article>> {
        let json: Option<String> = self
            .db
            .query_row("SELECT json FROM articles WHERE url = ?1", [url], |r| {
                r.get(0)
            })
            .optional()?;
        json.map(|j| serde_json::from_str(&j).context("stored article is corrupt"))
            .transpose()
    }

    /// The stored brief of a day, if it was made.
    pub fn brief(&self, day: NaiveDate) -> Result<Option<Brief>> {
        let json: Option<String> = self
            .db
            .query_row(
                "SELECT json FROM briefs WHERE day = ?1",
                [day.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).context("stored brief is corrupt"))
            .transpose()
    }

    /// The review history of a claim.
    pub fn review_log(&self, claim: &str) -> Result<Vec<LogEntry>> {
        let mut st = self.db.prepare(
            "SELECT action, en, vi, editor, at FROM review_log WHERE claim = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([claim], |r| {
            Ok(LogEntry {
                action: r.get(0)?,
                en: r.get(1)?,
                vi: r.get(2)?,
                editor: r.get(3)?,
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The editor's Vietnamese for an English text, if one was approved before.
    pub fn memory(&self, en: &str) -> Result<Option<String>> {
        Ok(self
            .db
            .query_row("SELECT vi FROM memory WHERE en = ?1", [en], |r| r.get(0))
            .optional()?)
    }

    /// Every translation-memory entry.
    pub fn memory_all(&self) -> Result<Vec<(String, String)>> {
        let mut st = self.db.prepare("SELECT en, vi FROM memory ORDER BY en")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The fingerprint a day's brief was made from, if it was made.
    pub fn brief_fingerprint(&self, day: NaiveDate) -> Result<Option<String>> {
        Ok(self
            .db
            .query_row(
                "SELECT fingerprint FROM briefs WHERE day = ?1",
                [day.to_string()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a day's brief with the fingerprint of what it was made from.
    pub fn put_brief(&self, brief: &Brief, fingerprint: &str) -> Result<()> {
        self.db.execute(
            "INSERT INTO briefs(day, fingerprint, json, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(day) DO UPDATE SET fingerprint = ?2, json = ?3, at = ?4",
            params![
                brief.date.to_string(),
                fingerprint,
                serde_json::to_string(brief)?,
                Utc::now().to_rfc3339()
            ],
        )?;
        Ok(())
    }

    /// Marks the stored briefs of `days` (all when `None`) as published: what readers see of a
    /// day stays as it was published until it is published again.
    pub fn mark_published(&self, days: Option<&[NaiveDate]>) -> Result<usize> {
        let now = Utc::now().to_rfc3339();
        let n = match days {
            None => self.db.execute(
                "INSERT INTO published(day, json, at) SELECT day, json, ?1 FROM briefs WHERE true
                 ON CONFLICT(day) DO UPDATE SET json = excluded.json, at = excluded.at",
                [&now],
            )?,
            Some(days) => {
                let mut n = 0;
                for d in days {
                    n += self.db.execute(
                        "INSERT INTO published(day, json, at) SELECT day, json, ?2 FROM briefs WHERE day = ?1
                         ON CONFLICT(day) DO UPDATE SET json = excluded.json, at = excluded.at",
                        params![d.to_string(), now],
                    )?;
                }
                n
            }
        };
        Ok(n)
    }

    /// The briefs as they were published, oldest first.
    pub fn published(&self) -> Result<Vec<Brief>> {
        let mut st = self.db.prepare("SELECT json FROM published ORDER BY day")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|j| serde_json::from_str(&j?).context("published brief is corrupt"))
            .collect()
    }

    /// Every stored brief, oldest first.
    pub fn briefs(&self) -> Result<Vec<Brief>> {
        let mut st = self.db.prepare("SELECT json FROM briefs ORDER BY day")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|j| serde_json::from_str(&j?).context("stored brief is corrupt"))
            .collect()
    }

    /// Row counts per table, for reports and idempotence checks.
    pub fn counts(&self) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        for t in [
            "pages",
            "articles",
            "skipped",
            "claims",
            "renderings",
            "reviews",
            "memory",
            "briefs",
        ] {
            let n: i64 = self
                .db
                .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
            out.push((t.to_string(), n));
        }
        Ok(out)
    }
}

/// Puts the store in WAL mode. Switching needs the file to itself, and SQLite answers "busy"
/// at once instead of calling the busy handler: two processes making a new store at the same
/// time wait for each other here.
fn wal(db: &Connection) -> rusqlite::Result<()> {
    let mut waited = 0;
    loop {
        let mode: rusqlite::Result<String> =
            db.pragma_query_value(None, "journal_mode", |r| r.get(0));
        if mode.as_deref().is_ok_and(|m| m.eq_ignore_ascii_case("wal")) {
            return Ok(());
        }
        match db.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && waited < 30_000 =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
                waited += 50;
            }
            other => return other.map(|_| ()),
        }
    }
}

/// A row of `drafts` in column order.
fn draft_row(r: &rusqlite::Row) -> rusqlite::Result<Draft> {
    Ok(Draft {
        claim: r.get(0)?,
        en: r.get(1)?,
        vi: r.get(2)?,
        reason: r.get(3)?,
        editor: r.get(4)?,
        at: r.get(5)?,
    })
}

/// A claim row: the claim's JSON, its rendering's, and its row of `reviews` (status, English,
/// Vietnamese).
type ReviewRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn review_row(r: &rusqlite::Row) -> rusqlite::Result<ReviewRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// A stored claim with its row of `reviews` (status, the editor's English and Vietnamese)
/// applied: review state is kept apart from what the brief made of the claim and wins over it.
fn apply_review((claim, rendering, status, en, vi): ReviewRow) -> Result<ClaimRecord> {
    let mut record = ClaimRecord {
        claim: serde_json::from_str(&claim).context("stored claim is corrupt")?,
        rendering: serde_json::from_str(&rendering).context("stored rendering is corrupt")?,
        status: status
            .as_deref()
            .and_then(ReviewStatus::parse)
            .unwrap_or_default(),
    };
    let c = &mut record.rendering;
    if let Some(en) = en {
        c.en = en;
    }
    if let Some(vi) = vi {
        // The editor's text: what stopped the engines and the rules is no longer the claim's.
        c.vi = Some(vi);
        c.vi_origin = Some(ViOrigin::Human);
        c.vi_engine = None;
        c.vi_missing = None;
        c.vi_draft = None;
        c.needs_translation = false;
    }
    // Approved with the rules' draft: the draft is its Vietnamese, as the brief publishes it.
    // (An edit of the English alone approves no Vietnamese.)
    if record.status == ReviewStatus::Approved
        && c.vi.is_none()
        && let Some(draft) = c.vi_draft.take()
    {
        c.vi = Some(draft);
        c.vi_origin = Some(ViOrigin::Template);
        c.vi_engine = Some("rules".into());
        c.vi_missing = None;
        c.needs_translation = false;
    }
    Ok(record)
}

/// Engine answers are kept in the store: the same request later is answered from it.
impl crate::translate::chain::Cache for Store {
    fn answer(&self, key: &str) -> Option<Result<String, String>> {
        let row: Option<(Option<String>, Option<String>)> = self
            .db
            .query_row(
                "SELECT output, failure FROM engine_calls WHERE key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ok()
            .flatten();
        row.map(|(output, failure)| output.ok_or_else(|| failure.unwrap_or_default()))
    }

    fn remember(&self, call: &crate::translate::chain::Call<'_>) {
        let (output, failure) = match call.output {
            Ok(o) => (Some(o), None),
            Err(f) => (None, Some(f)),
        };
        // A cache that cannot be written costs a request next time, nothing else.
        let _ = self.db.execute(
            "INSERT INTO engine_calls(key, engine, model, prompt_version, input, output, failure, verdict, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(key) DO UPDATE SET output = ?6, failure = ?7, verdict = ?8, at = ?9",
            params![
                call.key,
                call.engine,
                call.model,
                call.prompt_version,
                call.input,
                output,
                failure,
                call.verdict,
                Utc::now().to_rfc3339()
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A claim record with a rendering: ranked, waiting for an editor, with a rule draft.
    fn record() -> ClaimRecord {
        let mut record = crate::model::tests::record();
        record.rendering.salience = 0.5;
        record.rendering.needs_translation = true;
        record
    }

    #[test]
    fn a_store_that_kept_renderings_inside_claim_rows_reads_the_same_claims_once_migrated() {
        // A store as the bantin before renderings had their table left it: the flat record
        // (claim, rendering and status) in the claim row, review state in `reviews`.
        let mut db = Connection::open_in_memory().unwrap();
        let before = MIGRATIONS.len() - 1;
        let tx = db.transaction().unwrap();
        for m in &MIGRATIONS[..before] {
            tx.execute_batch(m).unwrap();
        }
        tx.pragma_update(None, "user_version", before as i64)
            .unwrap();
        tx.commit().unwrap();
        let old = record();
        db.execute(
            "INSERT INTO claims(id, article, day, position, json, waiting, drafted)
             VALUES (?1, ?2, '2025-06-06', 0, ?3, 1, 1)",
            params![
                old.claim.id,
                old.claim.article,
                serde_json::to_string(&old).unwrap()
            ],
        )
        .unwrap();
        db.execute(
            "INSERT INTO reviews(claim, status, editor, at) VALUES (?1, 'approved', 'ed', 'now')",
            [&old.claim.id],
        )
        .unwrap();

        let store = Store::init(db).unwrap();
        let mut expected = old.clone();
        expected.status = ReviewStatus::Approved;
        expected.rendering.vi = expected.rendering.vi_draft.take();
        expected.rendering.vi_origin = Some(ViOrigin::Template);
        expected.rendering.vi_engine = Some("rules".into());
        expected.rendering.needs_translation = false;
        assert_eq!(store.claims(None).unwrap(), vec![expected]);
        // The claim row now holds the claim alone, as extraction made it.
        let json: String = store
            .db
            .query_row("SELECT json FROM claims", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            serde_json::to_value(&old.claim).unwrap()
        );
    }

    #[test]
    fn a_brief_writes_renderings_without_touching_the_claims_they_render() {
        let mut store = Store::open_in_memory().unwrap();
        let mut r = record();
        let article = crate::extract::from_text(&r.claim.article, "t", &r.claim.text, None);
        store
            .put_article(&article, None, std::slice::from_ref(&r), "key")
            .unwrap();
        let claim_json = |s: &Store| -> String {
            s.db.query_row("SELECT json FROM claims", [], |row| row.get(0))
                .unwrap()
        };
        let written = claim_json(&store);
        r.rendering.vi = Some("Xuất khẩu tăng 5% lên 12 tỷ USD.".into());
        r.rendering.needs_translation = false;
        store.put_renderings(std::slice::from_ref(&r)).unwrap();
        assert_eq!(claim_json(&store), written);
        assert_eq!(store.claim(&r.claim.id).unwrap(), Some(r.clone()));
        // Read anew, the claim's rendering goes with its old self: nothing made of it yet.
        store
            .put_article(&article, None, &[ClaimRecord::new(r.claim.clone())], "key2")
            .unwrap();
        let count: i64 = store
            .db
            .query_row("SELECT COUNT(*) FROM renderings", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 1);
        assert_eq!(
            store.claim(&r.claim.id).unwrap(),
            Some(ClaimRecord::new(r.claim))
        );
    }
}
