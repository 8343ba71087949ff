//! Every record that flows between bantin's stages: plain serde data, no I/O.
//!
//! Spans are `[start, end)` byte offsets into the UTF-8 text they point into: an
//! [`Article`]'s `text` for paragraphs and claims, the claim's own sentence for nothing else.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize, Serializer};

/// A byte range `[start, end)` into a UTF-8 text.
pub type Span = [usize; 2];

/// A page as it came in: from the web or from a saved file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// The address the page is known by (final URL after redirects, or the one its sidecar gives).
    pub url: String,
    /// Name of the source that brought it.
    pub source: String,
    /// The raw bytes (decompressed if the file was `.html.gz`).
    pub body: Vec<u8>,
    /// Content type, when an HTTP server sent one.
    pub content_type: Option<String>,
    /// Publication date known from outside the page (feed item, sidecar file).
    pub published_hint: Option<NaiveDate>,
    /// Site name known from outside the page.
    pub site_hint: Option<String>,
    /// When it was fetched or read.
    pub fetched_at: DateTime<Utc>,
}

/// The kind of a block of article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// An ordinary paragraph.
    Text,
    /// A sub-heading inside the body.
    Heading,
    /// An item of a list.
    ListItem,
    /// A block quotation.
    Quote,
    /// A row of a data table, cells separated by spaces.
    Row,
}

/// One block of an article body with its place in `Article::text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Byte span in `Article::text`.
    pub span: Span,
    /// What kind of block it is.
    pub kind: Block,
}

/// What a page turned out to be; only `Ok` articles are summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A readable article.
    #[default]
    Ok,
    /// An index page, gallery or other page without an article body.
    NotArticle,
    /// Behind a subscription wall: only a teaser is visible.
    Paywalled,
    /// The text lives in scripts; the HTML alone has none.
    JsShell,
    /// The body stops short ("…", "continue reading").
    Truncated,
}

impl Verdict {
    /// The snake_case name shown in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::NotArticle => "not_article",
            Verdict::Paywalled => "paywalled",
            Verdict::JsShell => "js_shell",
            Verdict::Truncated => "truncated",
        }
    }
}

/// An extracted news article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The address the article was read from.
    pub url: String,
    /// The canonical address the page declares, if any.
    pub canonical_url: Option<String>,
    /// The headline, without the site suffix.
    pub title: String,
    /// The people who wrote it.
    pub byline: Option<String>,
    /// Publication time (RFC 3339 in JSON).
    pub published: Option<DateTime<FixedOffset>>,
    /// Language code (`en`, `vi`, ...).
    pub lang: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The body: paragraphs separated by a blank line.
    pub text: String,
    /// The body's blocks with their byte spans in `text`.
    pub paragraphs: Vec<Paragraph>,
    /// When the page was fetched or read.
    pub fetched_at: Option<DateTime<Utc>>,
    /// SHA-256 of `text`, hex.
    pub content_hash: String,
    /// What the page turned out to be.
    #[serde(default)]
    pub verdict: Verdict,
    /// When the page says it was last changed.
    #[serde(default)]
    pub modified: Option<DateTime<FixedOffset>>,
    /// The page's own summary (its meta description), the lead.
    #[serde(default)]
    pub description: Option<String>,
    /// An opinion or analysis piece (its section, schema.org type or address says so): a
    /// brief reports, so it is kept and not briefed.
    #[serde(default)]
    pub opinion: bool,
}

/// What kind of number a figure is (SPEC.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Count,
    Percent,
    Money,
    Ratio,
    Range,
    Date,
    Duration,
    Quantity,
    Ordinal,
}

impl FigureKind {
    /// The snake_case name of SPEC.md.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Percent => "percent",
            FigureKind::Money => "money",
            FigureKind::Ratio => "ratio",
            FigureKind::Range => "range",
            FigureKind::Date => "date",
            FigureKind::Duration => "duration",
            FigureKind::Quantity => "quantity",
            FigureKind::Ordinal => "ordinal",
        }
    }
}

/// A normalised value: a number, or a date string such as `2025-06-05`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// A number (printed as an integer when it is one).
    Num(f64),
    /// A date or date-like string.
    Text(String),
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(*n as i64),
            Scalar::Num(n) => s.serialize_f64(*n),
            Scalar::Text(t) => s.serialize_str(t),
        }
    }
}

impl Scalar {
    /// The number, if this is one.
    pub fn num(&self) -> Option<f64> {
        match self {
            Scalar::Num(n) => Some(*n),
            Scalar::Text(_) => None,
        }
    }
}

/// A figure found in text, typed and normalised as SPEC.md describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The exact substring of the input.
    pub text: String,
    /// Byte span in the text the figure was found in.
    pub span: Span,
    /// The figure's kind.
    pub kind: FigureKind,
    /// Normalised value (count, percent, money, date, duration, quantity, ordinal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Scalar>,
    /// Unit: counted noun, currency-free unit symbol, time unit, or range unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// ISO 4217 code for money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Ratio numerator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// Ratio denominator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// Range start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Scalar>,
    /// Range end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Scalar>,
    /// Date precision: `day`, `week`, `month` or `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<String>,
    /// Hedge: `about`, `more than`, `less than`, `at least`, `up to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The words a relative date was resolved from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<String>,
}

impl Figure {
    /// A figure with only its text, span and kind set.
    pub fn new(text: &str, span: Span, kind: FigureKind) -> Self {
        Figure {
            text: text.to_string(),
            span,
            kind,
            value: None,
            unit: None,
            currency: None,
            numerator: None,
            denominator: None,
            from: None,
            to: None,
            precision: None,
            qualifier: None,
            relative: None,
        }
    }
}

/// Who a claim comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The shortest span naming the source: a person, an organisation or a document.
    pub source: String,
    /// The source's role, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The verb or phrase of saying ("said", "according to").
    pub cue: String,
    /// Byte span of `source` in the article's text, where it is written as is (a quote that
    /// takes the speaker just named points at the sentence naming them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<Span>,
    /// Byte span of `cue` in the article's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<Span>,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Country,
    Organisation,
    Person,
    Product,
    Field,
    Other,
}

/// A named thing mentioned in a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The words as written in the source.
    pub text: String,
    /// Canonical English name.
    pub canonical: String,
    /// What it is.
    pub kind: EntityKind,
    /// Vietnamese name from the glossary, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vi: Option<String>,
}

/// The kind of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Finding,
    Statement,
    Quote,
    Figure,
    Comparison,
    Event,
    Forecast,
}

impl ClaimKind {
    /// The snake_case name used in JSON and template names.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Finding => "finding",
            ClaimKind::Statement => "statement",
            ClaimKind::Quote => "quote",
            ClaimKind::Figure => "figure",
            ClaimKind::Comparison => "comparison",
            ClaimKind::Event => "event",
            ClaimKind::Forecast => "forecast",
        }
    }
}

/// Where a claim's Vietnamese text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViOrigin {
    /// Built-in rules and templates.
    Template,
    /// The translation memory (an editor's earlier text for the same English).
    Memory,
    /// An external translation engine.
    Engine,
    /// An editor, in review.
    Human,
}

/// Where a claim stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Nobody has looked at it yet.
    #[default]
    Pending,
    /// Approved as it is.
    Approved,
    /// Approved with an editor's text.
    Edited,
    /// Never to appear in a brief.
    Rejected,
}

impl ReviewStatus {
    /// The snake_case name stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Approved => "approved",
            ReviewStatus::Edited => "edited",
            ReviewStatus::Rejected => "rejected",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => ReviewStatus::Pending,
            "approved" => ReviewStatus::Approved,
            "edited" => ReviewStatus::Edited,
            "rejected" => ReviewStatus::Rejected,
            _ => return None,
        })
    }

    /// Whether an editor has approved the claim (as is or edited).
    pub fn is_approved(self) -> bool {
        matches!(self, ReviewStatus::Approved | ReviewStatus::Edited)
    }
}

/// A claim: one informative sentence of an article, with its figures and provenance, as
/// extraction made it. Nothing later changes it: what ranking, the brief and the engines make of
/// it is its [`Rendering`], where review has it its [`ReviewStatus`]; a [`ClaimRecord`] holds all
/// three.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id from the article URL and the span.
    pub id: String,
    /// URL of the article it comes from.
    pub article: String,
    /// What kind of claim it is.
    pub kind: ClaimKind,
    /// The source sentence, exactly as in the article.
    pub text: String,
    /// Byte span of `text` in the article's `text`.
    pub span: Span,
    /// Index of the paragraph it is in.
    pub paragraph: usize,
    /// Figures in the sentence; their spans are relative to the article text.
    pub figures: Vec<Figure>,
    /// Who said it, if anyone.
    pub attribution: Option<Attribution>,
    /// Named things it mentions.
    pub entities: Vec<Entity>,
}

/// What ranking, the brief, the engines and an editor's text made of a claim; it belongs to the
/// claim of its [`ClaimRecord`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rendering {
    /// Salience score from ranking (0 before ranking).
    pub salience: f64,
    /// The English bullet text: the sentence shortened, or an editor's text.
    pub en: String,
    /// The Vietnamese bullet text, when it could be made.
    pub vi: Option<String>,
    /// Where `vi` came from.
    pub vi_origin: Option<ViOrigin>,
    /// Set when no complete Vietnamese rendering exists yet: review must supply one.
    pub needs_translation: bool,
    /// Why the Vietnamese could not be rendered (`no Vietnamese for "word"`): what an editor
    /// can teach the glossary with `bantin review term`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vi_missing: Option<String>,
    /// The engine that wrote `vi` (`openai`, `libretranslate`, `rules`), when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vi_engine: Option<String>,
    /// A rule rendering that passed the gate and waits for an editor: review shows it
    /// prefilled; it is published once the claim is approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vi_draft: Option<String>,
    /// Every engine answer the gate refused, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
}

impl Rendering {
    /// Nothing made yet: unranked, the English is the sentence, no Vietnamese.
    pub fn of(claim: &Claim) -> Self {
        Rendering {
            salience: 0.0,
            en: claim.text.clone(),
            vi: None,
            vi_origin: None,
            needs_translation: false,
            vi_missing: None,
            vi_engine: None,
            vi_draft: None,
            rejected: Vec::new(),
        }
    }
}

/// A claim with its rendering and review status: what the store reads back (it keeps the three
/// in rows of their own, keyed by the claim's id), what the brief reads and returns, and what
/// `claims.json` and `review` print. Its JSON is one flat object ([`Claim`]'s fields, then the
/// rendering's with `status` among them, as it always was).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ClaimRecord {
    /// The claim as extraction made it.
    #[serde(flatten)]
    pub claim: Claim,
    /// What was made of it.
    #[serde(flatten)]
    pub rendering: Rendering,
    /// Review state.
    pub status: ReviewStatus,
}

impl ClaimRecord {
    /// A claim as extraction leaves it: nothing made of it, pending review.
    pub fn new(claim: Claim) -> Self {
        ClaimRecord {
            rendering: Rendering::of(&claim),
            claim,
            status: ReviewStatus::Pending,
        }
    }
}

impl Serialize for ClaimRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.rendering;
        FlatClaim {
            claim: &self.claim,
            salience: r.salience,
            en: &r.en,
            vi: r.vi.as_deref(),
            vi_origin: r.vi_origin,
            status: self.status,
            needs_translation: r.needs_translation,
            vi_missing: r.vi_missing.as_deref(),
            vi_engine: r.vi_engine.as_deref(),
            vi_draft: r.vi_draft.as_deref(),
            rejected: &r.rejected,
        }
        .serialize(s)
    }
}

/// The JSON of a [`ClaimRecord`], field for field in the order stores, `claims.json` and
/// `bantin claims` (SPEC.md) have always had: `status` sits among the rendering's fields, so
/// the rendering cannot simply be flattened after the claim.
#[derive(Serialize)]
struct FlatClaim<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    salience: f64,
    en: &'a str,
    vi: Option<&'a str>,
    vi_origin: Option<ViOrigin>,
    status: ReviewStatus,
    needs_translation: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    vi_missing: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vi_engine: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vi_draft: Option<&'a str>,
    #[serde(skip_serializing_if = "<[Rejected]>::is_empty")]
    rejected: &'a [Rejected],
}

/// An engine's Vietnamese that the gate refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// The claim (or `headline:<url>`).
    pub claim: String,
    /// The engine that wrote it.
    pub engine: String,
    /// Why it was refused.
    pub reason: String,
}

/// A text in both languages; Vietnamese may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Bilingual {
    /// English.
    pub en: String,
    /// Vietnamese, when it exists.
    pub vi: Option<String>,
}

/// A source an item of a brief cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The article's URL.
    pub url: String,
    /// The article's headline.
    pub title: String,
    /// The site's name, when known.
    pub site: Option<String>,
}

/// One bullet of a brief in one language, tied to its claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bullet {
    /// The claim it renders.
    pub claim: String,
    /// The bullet text.
    pub text: String,
}

/// A bullet dropped by the faithfulness check, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// The claim it rendered.
    pub claim: String,
    /// `en` or `vi`.
    pub lang: String,
    /// The bullet text that failed.
    pub text: String,
    /// Why it was dropped.
    pub reason: String,
}

/// One story of a brief: one or more articles about the same event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefItem {
    /// The headline in both languages.
    pub headline: Bilingual,
    /// English bullets.
    pub en: Vec<Bullet>,
    /// Vietnamese bullets (only complete renderings).
    pub vi: Vec<Bullet>,
    /// The closing 📌 line in both languages.
    pub takeaway: Bilingual,
    /// The claims the 📌 states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub takeaway_claims: Vec<String>,
    /// Articles the item cites.
    pub sources: Vec<SourceRef>,
    /// Selected claims that still need a Vietnamese text.
    pub needs_translation: Vec<String>,
    /// Bullets that failed the faithfulness check.
    pub dropped: Vec<Dropped>,
    /// Engine answers the gate refused.
    #[serde(default)]
    pub rejected: Vec<Rejected>,
    /// Importance used to order items.
    pub score: f64,
}

/// A day's brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// The day it covers, in the configured timezone.
    pub date: NaiveDate,
    /// Its items, most important first.
    pub items: Vec<BriefItem>,
    /// The day's other stories, beyond `max_stories`: a headline and its sources each.
    #[serde(default)]
    pub also: Vec<AlsoItem>,
}

/// A story of the day told in one line: "Also today".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlsoItem {
    /// Its headline; the Vietnamese when an engine's passed the gate.
    pub headline: Bilingual,
    /// The articles it cites.
    pub sources: Vec<SourceRef>,
}

impl Brief {
    /// Whether any story has Vietnamese bullets: a day without has no Vietnamese page.
    pub fn has_vi(&self) -> bool {
        self.items.iter().any(|i| !i.vi.is_empty())
    }
}

/// The article record `bantin extract --json` prints (and `extract --batch` writes).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRecord<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub byline: Option<&'a str>,
    pub published: Option<String>,
    pub lang: Option<&'a str>,
    pub site_name: Option<&'a str>,
    pub verdict: Verdict,
    pub opinion: bool,
    pub modified: Option<String>,
    pub description: Option<&'a str>,
    pub text: &'a str,
}

impl<'a> From<&'a Article> for ArticleRecord<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleRecord {
            url: &a.url,
            title: &a.title,
            byline: a.byline.as_deref(),
            published: a.published.map(|p| p.to_rfc3339()),
            lang: a.lang.as_deref(),
            site_name: a.site.as_deref(),
            verdict: a.verdict,
            opinion: a.opinion,
            modified: a.modified.map(|p| p.to_rfc3339()),
            description: a.description.as_deref(),
            text: &a.text,
        }
    }
}

/// What `bantin claims` prints: the claims and every figure of the text (SPEC.md).
#[derive(Debug, Clone, Serialize)]
pub struct ClaimsRecord<'a> {
    pub claims: &'a [ClaimRecord],
    pub figures: &'a [Figure],
}

/// What `bantin brief --json` prints: the day's bullets in both languages, the first story's
/// headline and 📌, and what waits or was refused.
#[derive(Debug, Clone, Serialize)]
pub struct BriefRecord<'a> {
    pub en: Vec<&'a str>,
    pub vi: Vec<&'a str>,
    pub takeaway: Pair<'a>,
    /// The claims of the English bullets, in order.
    pub claims: Vec<&'a str>,
    pub dropped: Vec<&'a Dropped>,
    pub needs_translation: Vec<&'a str>,
    pub rejected: Vec<&'a Rejected>,
    pub headline: Pair<'a>,
}

/// A text in both languages, either missing.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Pair<'a> {
    pub en: Option<&'a str>,
    pub vi: Option<&'a str>,
}

impl<'a> Pair<'a> {
    fn of(b: Option<&'a Bilingual>) -> Self {
        Pair {
            en: b.map(|b| b.en.as_str()),
            vi: b.and_then(|b| b.vi.as_deref()),
        }
    }
}

impl<'a> From<&'a Brief> for BriefRecord<'a> {
    fn from(b: &'a Brief) -> Self {
        let first = b.items.first();
        BriefRecord {
            en: b
                .items
                .iter()
                .flat_map(|i| &i.en)
                .map(|x| x.text.as_str())
                .collect(),
            vi: b
                .items
                .iter()
                .flat_map(|i| &i.vi)
                .map(|x| x.text.as_str())
                .collect(),
            takeaway: Pair::of(first.map(|i| &i.takeaway)),
            claims: b
                .items
                .iter()
                .flat_map(|i| &i.en)
                .map(|x| x.claim.as_str())
                .collect(),
            dropped: b.items.iter().flat_map(|i| &i.dropped).collect(),
            needs_translation: b
                .items
                .iter()
                .flat_map(|i| &i.needs_translation)
                .map(String::as_str)
                .collect(),
            rejected: b.items.iter().flat_map(|i| &i.rejected).collect(),
            headline: Pair::of(first.map(|i| &i.headline)),
        }
    }
}

/// Validators of a stored response, for a conditional request (fetch sends them, the store
/// keeps them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One item of a feed or sitemap (fetch reads it, the store keeps it until it is fetched).
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The article's link, canonicalised.
    pub link: String,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub summary: Option<String>,
}

/// The pieces a Vietnamese claim template needs (translate makes them, render fills the
/// template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ViParts {
    /// Who said it, in Vietnamese, when the sentence says.
    pub source: Option<String>,
    /// The Vietnamese cue ("cho biết", "cảnh báo"), or `theo` for "according to".
    pub cue: Option<String>,
    /// The claim itself.
    pub body: String,
}

// Review state the store keeps beside claims, as the desk and `review` read it.

/// An editor's edit the gate refused, kept until a passing edit, an approval or a rejection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The claim it edits.
    pub claim: String,
    /// The English the editor wrote, if any.
    pub en: Option<String>,
    /// The Vietnamese the editor wrote, if any.
    pub vi: Option<String>,
    /// Why the gate refused it.
    pub reason: String,
    /// Who wrote it.
    pub editor: String,
    /// When (RFC 3339).
    pub at: String,
}

/// A day of the store, as the desk lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    /// Its claims.
    pub claims: usize,
    /// Claims waiting for an editor (see `review::needs_editor`).
    pub waiting: usize,
    /// Whether a brief of it is stored.
    pub briefed: bool,
}

/// One entry of the review log.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    /// What was done: approve, reject, edit.
    pub action: String,
    /// The English text after the action.
    pub en: Option<String>,
    /// The Vietnamese text after the action.
    pub vi: Option<String>,
    /// Who did it.
    pub editor: String,
    /// When (RFC 3339).
    pub at: String,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A claim record with something of every part: figures, an attribution, a rule draft.
    pub(crate) fn record() -> ClaimRecord {
        let g = crate::glossary::Glossary::built_in();
        let text = "Exports rose 5% to $12 billion in May, the ministry said.";
        let claim = crate::claims::from_text(text, "https://e.com/a", None, &g)
            .into_iter()
            .next()
            .expect("a claim");
        let mut record = ClaimRecord::new(claim);
        record.rendering.vi_draft = Some("Xuất khẩu tăng 5%.".into());
        record
    }

    #[test]
    fn a_claim_record_is_one_flat_object_in_the_order_stores_have_always_held() {
        let mut record = record();
        record.status = ReviewStatus::Approved;
        let json = serde_json::to_string(&record).expect("serialises");
        let keys = [
            "id",
            "article",
            "kind",
            "text",
            "span",
            "paragraph",
            "figures",
            "attribution",
            "entities",
            "salience",
            "en",
            "vi",
            "vi_origin",
            "status",
            "needs_translation",
            "vi_draft",
        ];
        let value: serde_json::Value = serde_json::from_str(&json).expect("parses");
        assert_eq!(
            value.as_object().map(|o| o.len()),
            Some(keys.len()),
            "{json}"
        );
        // Each key's first appearance: a nested "kind" or "text" comes after the claim's own.
        let at: Vec<Option<usize>> = keys
            .iter()
            .map(|k| json.find(&format!("\"{k}\":")))
            .collect();
        assert!(at.iter().all(Option::is_some), "{json}");
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
        let back: ClaimRecord = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, record);
    }
}
