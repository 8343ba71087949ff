//! English claim text in, Vietnamese parts out: attribution, cue and body, for the claim templates.
//!
//! The built-in engine ([`Rules`]) works phrase by phrase from the glossary: every English word
//! must be covered by a glossary entry, a figure (rendered the Vietnamese way) or a proper name
//! (kept as written). Noun phrases are reordered head-first as Vietnamese does. A sentence with
//! any word it cannot cover is refused as a whole ([`Untranslatable`]) and goes to review: a
//! Vietnamese bullet is never half English. Engines sit behind the [`Translate`] trait; the
//! translation memory is consulted before any engine (see `brief`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::claims::{figures, vietnamese};
use crate::glossary::{Entry, Glossary, Pos};
use crate::model::{Attribution, Figure, FigureKind};

mod remote;
mod shape;
mod shorten;
mod usage;

pub use remote::Remote;
use shape::check_shape;
pub use shorten::shorter;

/// The pieces a Vietnamese claim template needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ViParts {
    /// Who said it, in Vietnamese, when the sentence says.
    pub source: Option<String>,
    /// The Vietnamese cue ("cho biết", "cảnh báo"), or `theo` for "according to".
    pub cue: Option<String>,
    /// The claim itself.
    pub body: String,
    /// A whole sentence already (a translation server's): written as it is, not through the
    /// claim-kind templates (which would, for one, put a translated quote in quotation marks
    /// that no English source can match).
    #[serde(default)]
    pub whole: bool,
}

/// Why a sentence could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot render in Vietnamese: {0}")]
pub struct Untranslatable(pub String);

/// The separate gaps in a reason: `no Vietnamese for "a", "b"` is two, `"a"` and `"b"`.
pub fn gaps(reason: &str) -> Vec<String> {
    match reason.strip_prefix("no Vietnamese for \"") {
        Some(rest) if !rest.starts_with("the ") => rest
            .trim_end_matches('"')
            .split("\", \"")
            .map(|w| format!("no Vietnamese for \"{w}\""))
            .collect(),
        _ => vec![reason.to_string()],
    }
}

/// Every gap in these reasons with the number of claims it stops, most first (ties by name).
pub fn tally<'a>(reasons: impl IntoIterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for g in reasons.into_iter().flat_map(gaps) {
        *counts.entry(g).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    out
}

/// The first `n` gaps of a tally, as `gap (count), ...`.
pub fn top_gaps(tally: &[(String, usize)], n: usize) -> String {
    tally
        .iter()
        .take(n)
        .map(|(g, k)| format!("{g} ({k})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A translation engine: English claim text in, Vietnamese parts out.
pub trait Translate {
    /// The engine's name, for the run report and `vi_origin`.
    fn name(&self) -> &str;
    /// Renders one sentence (with its attribution, if the claims stage found one).
    fn translate(&self, input: &Input<'_>) -> Result<ViParts, Untranslatable>;
}

/// One sentence to translate.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The English text.
    pub text: &'a str,
    /// Its attribution, if any.
    pub attribution: Option<&'a Attribution>,
    /// Publication date, to resolve relative dates.
    pub published: Option<NaiveDate>,
}

/// The built-in rule engine over the glossary.
pub struct Rules<'g> {
    glossary: &'g Glossary,
}

impl<'g> Rules<'g> {
    /// An engine over `glossary`.
    pub fn new(glossary: &'g Glossary) -> Self {
        Rules { glossary }
    }

    /// Renders a noun phrase or clause in Vietnamese, or says which word it could not cover.
    pub fn phrase(
        &self,
        text: &str,
        published: Option<NaiveDate>,
    ) -> Result<String, Untranslatable> {
        self.render(text, published, false, Speaker::Unknown)
    }

    /// Renders a whole clause, refusing the shapes the rules are known to get wrong.
    pub fn sentence(
        &self,
        text: &str,
        published: Option<NaiveDate>,
    ) -> Result<String, Untranslatable> {
        self.render(text, published, true, Speaker::Unknown)
    }

    /// `speaker`: who said the sentence, when it is what someone said; a country's "it" is
    /// that country ("nước này"), and another speaker's opening "it" is left out, as
    /// Vietnamese does ("The company said it would cut" = "Công ty cho biết sẽ cắt giảm").
    fn render(
        &self,
        text: &str,
        published: Option<NaiveDate>,
        whole_clause: bool,
        speaker: Speaker,
    ) -> Result<String, Untranslatable> {
        let figs = figures::find(text, published);
        let toks = tokenize(text, &figs);
        let country_speaks = speaker == Speaker::Country;
        let chunks = self.chunk(&toks, &figs, country_speaks).and_then(|mut c| {
            // Not before "be": "it would be provided" is a thing, not the speaker.
            let at = c.iter().position(|f| f.en == "it" && f.pos == Pos::Pron);
            let drop_it = speaker == Speaker::Organisation
                && at.is_some_and(|k| {
                    k == 0
                        && c.get(k + 1)
                            .is_some_and(|n| matches!(n.pos, Pos::Aux | Pos::Verb))
                        && !c[k + 1..]
                            .iter()
                            .take_while(|n| {
                                matches!(n.pos, Pos::Aux | Pos::Be | Pos::Adv | Pos::Neg)
                            })
                            .any(|n| {
                                n.pos == Pos::Be || n.en.ends_with(" been") || n.en.ends_with(" be")
                            })
                });
            if drop_it && let Some(k) = at {
                c.remove(k);
            } else if speaker == Speaker::Organisation && at.is_some() {
                // "nó" is not how Vietnamese news refers back to a ministry or a company.
                return Err(Untranslatable(
                    "\"it\" for the organisation that spoke needs an editor".into(),
                ));
            }
            if whole_clause {
                check_shape(&c, drop_it)?;
            }
            Ok(c)
        });
        let chunks = chunks?;
        let words = assemble(chunks);
        if words
            .windows(2)
            .any(|w| w[0] == w[1] && w[0].chars().all(char::is_alphabetic))
        {
            return Err(Untranslatable(format!(
                "\"{}\" would come out twice",
                words
                    .windows(2)
                    .find(|w| w[0] == w[1])
                    .map(|w| w[0].as_str())
                    .unwrap_or("")
            )));
        }
        Ok(finish(&words))
    }

    fn chunk(
        &self,
        toks: &[Tok],
        figs: &[Figure],
        country_speaks: bool,
    ) -> Result<Vec<Chunk>, Untranslatable> {
        // "That support cost Clinton": "this"/"that" before a word that is a noun or a verb.
        if let (Some(Tok::Word(a)), Some(Tok::Word(b))) = (toks.first(), toks.get(1))
            && matches!(a.to_lowercase().as_str(), "this" | "that")
            && self
                .glossary
                .lookup_all(&[b.as_str()])
                .is_some_and(|(_, es)| {
                    es.iter().any(|e| e.pos == Pos::Noun) && es.iter().any(|e| e.pos == Pos::Verb)
                })
        {
            return Err(Untranslatable(format!(
                "\"{a} {b}\" needs an editor (noun or verb?)"
            )));
        }
        let mut out: Vec<Chunk> = Vec::new();
        // Every word the glossary lacks, so that an editor can teach them all at once.
        let mut unknown: Vec<String> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Punct(p) => {
                    out.push(Chunk::new(p, Pos::Conj, Kind::Punct));
                    i += 1;
                }
                Tok::Fig(idx) => {
                    let f = &figs[*idx];
                    if toks.get(i + 1) == Some(&Tok::Punct("-".into()))
                        || (f.kind == FigureKind::Count
                            && f.text.rsplit_once('-').is_some_and(|(_, last)| {
                                // "twenty-one" is a number; "six-try" is not.
                                !matches!(
                                    last.to_lowercase().as_str(),
                                    "one"
                                        | "two"
                                        | "three"
                                        | "four"
                                        | "five"
                                        | "six"
                                        | "seven"
                                        | "eight"
                                        | "nine"
                                )
                            }))
                    {
                        // "a six-try victory" is not six victories.
                        return Err(Untranslatable(format!(
                            "the compound \"{}-...\" needs an editor",
                            f.text
                        )));
                    }
                    let mut vi = vietnamese::render(f)
                        .ok_or_else(|| Untranslatable(format!("figure \"{}\"", f.text)))?;
                    // "in late February" = "vào cuối tháng 2".
                    let part_of = out
                        .last()
                        .filter(|c| f.kind == FigureKind::Date && c.vi == c.en)
                        .and_then(|c| match c.en.as_str() {
                            "late" => Some("cuối"),
                            "early" => Some("đầu"),
                            "mid" => Some("giữa"),
                            _ => None,
                        })
                        .filter(|_| vi.contains("tháng") || vi.contains("năm"));
                    if let Some(part) = part_of {
                        out.pop();
                        vi = match vi.strip_prefix("vào ") {
                            Some(rest) => format!("vào {part} {rest}"),
                            None => format!("{part} {vi}"),
                        };
                        if out.last().is_some_and(|c| c.en == "in") {
                            out.pop();
                            if !vi.starts_with("vào ") {
                                vi = format!("vào {vi}");
                            }
                        }
                    }
                    // A hedge the figure carries is rendered with it: drop its English words.
                    if f.qualifier.is_some() {
                        // "nearly 95,000" is "gần 95.000": just under, not about.
                        if out
                            .last()
                            .is_some_and(|c| matches!(c.en.as_str(), "nearly" | "almost"))
                            && let Some(rest) = vi.strip_prefix("khoảng ")
                        {
                            vi = format!("gần {rest}");
                        }
                        drop_hedge(&mut out);
                    }
                    let prev_prep = out
                        .last()
                        .filter(|c| c.pos == Pos::Prep || c.en == "until")
                        .map(|c| c.en.clone());
                    if f.kind == FigureKind::Ordinal {
                        // "the second woman" = "người phụ nữ thứ hai": after the noun.
                        let vi = match f.value.as_ref().and_then(crate::model::Scalar::num) {
                            Some(1.0) => "đầu tiên".to_string(),
                            _ => vi,
                        };
                        out.push(Chunk {
                            vi,
                            en: f.text.clone(),
                            ..Chunk::new(&f.text, Pos::Adj, Kind::Ordinal)
                        });
                        i += 1;
                        continue;
                    }
                    if f.kind == FigureKind::Date
                        && f.value.is_none()
                        && !vi.starts_with("vào ")
                        && !vi.starts_with("hôm ")
                    {
                        // An unresolved weekday or month: "vào thứ Hai".
                        vi = format!("vào {vi}");
                    }
                    if f.kind == FigureKind::Duration && f.text.chars().all(|c| c.is_ascii_digit())
                    {
                        // ", 22," after a name is an age.
                        vi = vi.replace(" năm", " tuổi");
                    }
                    let kind = match f.kind {
                        FigureKind::Date => Kind::Date,
                        FigureKind::Range if f.unit.as_deref() == Some("year") => Kind::Date,
                        FigureKind::Count | FigureKind::Ratio => Kind::Quantity,
                        FigureKind::Duration => Kind::Duration,
                        _ => Kind::Value,
                    };
                    // "earlier this week" = "đầu tuần này", "later this year" = "cuối năm nay".
                    if kind == Kind::Date
                        && let Some(part) = out.last().and_then(|c| match c.en.as_str() {
                            "earlier" => Some("đầu"),
                            "later" => Some("cuối"),
                            _ => None,
                        })
                        && let Some(rest) = vi.strip_prefix("vào ")
                        && ["tuần này", "tháng này", "năm nay"].contains(&rest)
                    {
                        out.pop();
                        vi = format!("vào {part} {rest}");
                    }
                    match (kind, prev_prep.as_deref()) {
                        // "by 2008" = "đến năm 2008"; "to September", "until 20 January" = "đến".
                        (Kind::Date, Some("by" | "to" | "until"))
                            if f.kind != FigureKind::Range =>
                        {
                            out.pop();
                            vi = format!("đến {}", vi.trim_start_matches("vào "));
                        }
                        // "up 2.6% on 2003" = "tăng 2,6% so với năm 2003".
                        (Kind::Date, Some("on"))
                            if out.len() >= 2
                                && out[out.len() - 2].kind == Kind::Value
                                && f.text.len() == 4 =>
                        {
                            out.pop();
                            vi = format!("so với {vi}");
                        }
                        (Kind::Date, Some("in" | "on" | "at" | "during" | "from")) => {
                            out.pop();
                            if f.kind == FigureKind::Range {
                                vi = format!("trong {vi}");
                            }
                        }
                        (Kind::Date, None) if f.kind == FigureKind::Range => {
                            vi = format!("trong {vi}")
                        }
                        (Kind::Duration, Some("for")) => {
                            out.pop();
                            vi = format!("trong {vi}");
                        }
                        // "for the three months" = "trong 3 tháng".
                        (Kind::Duration, None)
                            if out.len() >= 2
                                && out[out.len() - 1].en == "the"
                                && out[out.len() - 2].en == "for" =>
                        {
                            out.truncate(out.len() - 2);
                            vi = format!("trong {vi}");
                        }
                        (Kind::Duration, Some("in" | "within")) => {
                            out.pop();
                            vi = format!("trong vòng {vi}");
                        }
                        _ => {}
                    }
                    let pos = match kind {
                        Kind::Quantity => Pos::Det,
                        Kind::Date | Kind::Duration => Pos::Adv,
                        _ => Pos::Noun,
                    };
                    // A figure's English stays as written: its text is matched against spans.
                    out.push(Chunk {
                        vi,
                        en: f.text.clone(),
                        ..Chunk::new(&f.text, pos, kind)
                    });
                    i += 1;
                }
                Tok::Word(_) => {
                    let mut words: Vec<&str> = Vec::new();
                    let mut j = i;
                    while let Some(Tok::Word(w)) = toks.get(j) {
                        words.push(w);
                        j += 1;
                    }
                    let (n, mut chunk) = match self.word_chunk(
                        &words,
                        &out,
                        out.iter().all(|c| c.kind == Kind::Punct),
                    ) {
                        Ok(found) => found,
                        Err(Gap::Word(w)) => {
                            if !unknown.contains(&w) {
                                unknown.push(w);
                            }
                            i += 1;
                            continue;
                        }
                        Err(Gap::Other(e)) => return Err(e),
                    };
                    // "it" after a country, or in what a country said, is "nước này", as
                    // Vietnamese news writes it, not the "nó" used for things.
                    if chunk.pos == Pos::Pron
                        && matches!(chunk.en.as_str(), "it" | "its")
                        && out
                            .iter()
                            .rev()
                            .find(|c| c.pos == Pos::Name)
                            .map_or(country_speaks, |c| c.country)
                    {
                        chunk.vi = chunk.vi.replace("nó", "nước này");
                    }
                    out.push(chunk);
                    i += n;
                }
            }
        }
        if !unknown.is_empty() {
            return Err(Untranslatable(format!(
                "no Vietnamese for {}",
                unknown
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        merge_names(&mut out);
        // "spokesman for the airline" = "người phát ngôn của hãng hàng không": a glossary noun
        // that ends in its "of" ends the noun phrase there, before what it belongs to.
        let mut i = 0;
        while i < out.len() {
            if out[i].pos == Pos::Noun
                && out[i].kind == Kind::Word
                && (out[i].en.ends_with(" of") || out[i].en.ends_with(" for"))
            {
                let (head, of_vi) = match out[i].vi.strip_suffix(" của") {
                    Some(h) => (h.to_string(), "của"),
                    None => (out[i].vi.clone(), ""),
                };
                if let Some((en, _)) = out[i].en.rsplit_once(' ') {
                    out[i].en = en.to_string();
                }
                out[i].vi = head;
                let mut of = Chunk::new("of", Pos::Prep, Kind::Word);
                of.vi = of_vi.into();
                out.insert(i + 1, of);
            }
            i += 1;
        }
        // "CBS Sports NFL Insider": a capitalised common word between two names kept as
        // written is part of a name the glossary lacks.
        for i in 1..out.len().saturating_sub(1) {
            let kept = |c: &Chunk| c.pos == Pos::Name && !c.en_cased().is_empty();
            if out[i].pos == Pos::Noun
                && out[i].kind == Kind::Word
                && out[i].original.starts_with(char::is_uppercase)
                && kept(&out[i - 1])
                && kept(&out[i + 1])
            {
                return Err(Untranslatable(format!(
                    "the name \"{} {} {}\" needs an editor",
                    out[i - 1].original,
                    out[i].original,
                    out[i + 1].original
                )));
            }
        }
        // "fined for his role" = "phạt vì vai trò": the reason for a penalty or praise.
        for i in 1..out.len() {
            if out[i].en != "for" {
                continue;
            }
            let verb = out[..i]
                .iter()
                .rev()
                .take_while(|c| c.kind != Kind::Punct)
                .find(|c| c.pos == Pos::Verb)
                .map(|c| c.head_word().to_string());
            if verb.is_some_and(|v| REASON_VERBS.iter().any(|r| v.starts_with(r))) {
                out[i].vi = "vì".into();
            }
        }
        // "public schools" = "trường công": a noun before a noun is its adjective reading.
        for i in 0..out.len().saturating_sub(1) {
            if out[i].pos == Pos::Noun
                && out[i].kind == Kind::Word
                && out[i + 1].pos == Pos::Noun
                && let Some((1, es)) = self.glossary.lookup_all(&[out[i].original.as_str()])
                && let Some(adj) = es.iter().find(|e| e.pos == Pos::Adj)
            {
                out[i].vi = adj.vi.clone();
                out[i].pos = Pos::Adj;
            }
        }
        usage::news_usage(&mut out, figs);
        resolve_readings(&mut out);
        if let Some(why) = out.iter().find_map(|c| c.unsure.clone()) {
            return Err(Untranslatable(why));
        }
        if let Some(c) = out
            .iter()
            .find(|c| DEFERRED.contains(&c.en.as_str()) && c.vi == c.en)
        {
            return Err(Untranslatable(format!("no Vietnamese for \"{}\"", c.en)));
        }
        // A time opener is set off by a comma, as Vietnamese writes it: "Năm 2025, ...".
        if out.first().is_some_and(|c| c.kind == Kind::Date)
            && out.get(1).is_some_and(|c| c.kind != Kind::Punct)
        {
            out.insert(1, Chunk::new(",", Pos::Conj, Kind::Punct));
        }
        Ok(out)
    }

    /// The chunk for the longest glossary match at the start of `words`, or a proper name.
    fn word_chunk(
        &self,
        words: &[&str],
        before: &[Chunk],
        at_start: bool,
    ) -> Result<(usize, Chunk), Gap> {
        let prev = before.last();
        let w = words[0];
        // "times were different": "thời gian" is not it; "three times" is a count.
        if w.eq_ignore_ascii_case("times") && !prev.is_some_and(|p| p.kind == Kind::Quantity) {
            return Err(Gap::Word(w.to_string()));
        }
        // "Boston-based": a compound the rules cannot turn around.
        if w.ends_with("-based") || w.ends_with("-wide") {
            return Err(Gap::Word(w.to_string()));
        }
        if w == "'s" || w == "’s" {
            return Ok((1, Chunk::new("'s", Pos::Prep, Kind::Possessive)));
        }
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if DEFERRED.contains(&w) && self.glossary.lookup(&words[..1]).is_none() {
            // Decided once the words after it are known (see `resolve_readings`).
            return Ok((1, Chunk::new(w, Pos::Conj, Kind::Word)));
        }
        if w.eq_ignore_ascii_case("to") && self.glossary.lookup(&words[..1]).is_none() {
            return Ok((1, self.to(words.get(1..).unwrap_or_default(), before)));
        }
        // "West and the festival's organizers": opening a sentence, a word that is also a name
        // may be either; with a glossary reading of one word only, it waits for an editor.
        if at_start
            && capitalised
            && crate::glossary::is_also_a_name(w)
            && self
                .glossary
                .lookup_cased(words, true)
                .is_some_and(|(n, es)| {
                    n == 1
                        && es
                            .iter()
                            .all(|e| e.entity.is_none() && matches!(e.pos, Pos::Noun | Pos::Adj))
                })
        {
            return Err(Gap::Other(Untranslatable(format!(
                "\"{w}\" opening a sentence may be a name and needs an editor"
            ))));
        }
        if let Some((n, entries)) = self.glossary.lookup_cased(words, at_start || !capitalised) {
            // "following a fever", "including four": a preposition, whatever comes before.
            let prep_ing = (n == 1 && w.ends_with("ing"))
                .then(|| entries.iter().find(|e| e.pos == Pos::Prep))
                .flatten();
            // "the opening try": a word read only as a verb where a noun must be is a sense
            // the glossary lacks.
            let noun_slot = prev.is_some_and(|p| {
                matches!(p.pos, Pos::Det | Pos::Adj) && matches!(p.kind, Kind::Word | Kind::Ordinal)
            });
            if n == 1
                && prep_ing.is_none()
                && noun_slot
                && entries.iter().all(|e| e.pos == Pos::Verb)
            {
                return Err(Gap::Word(w.to_string()));
            }
            // "the Paris Club offer", "Mendes' second Bond film": a noun after a name inside a
            // noun phrase.
            let in_np = prev.is_some_and(|p| p.pos == Pos::Name)
                && before.len() >= 2
                && (matches!(before[before.len() - 2].pos, Pos::Det | Pos::Adj)
                    || before[before.len() - 2].kind == Kind::Possessive);
            let np_noun = in_np
                .then(|| entries.iter().find(|e| e.pos == Pos::Noun))
                .flatten();
            let entry = prep_ing
                .or(np_noun)
                .unwrap_or_else(|| pick(entries, prev, at_start));
            // "The New America Foundation": a country after a name kept as written is part of
            // that name, which the glossary lacks.
            if matches!(entry.entity, Some((crate::model::EntityKind::Country, _)))
                && prev.is_some_and(|p| p.pos == Pos::Name && !p.en_cased().is_empty())
                && words
                    .get(n)
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                return Err(Gap::Other(Untranslatable(format!(
                    "the name \"{} {}\" needs an editor",
                    prev.map(|p| p.original.as_str()).unwrap_or(""),
                    words[..n].join(" ")
                ))));
            }
            return Ok((n, from_entry(&words[..n].join(" "), entry)));
        }
        let is_name = w.chars().next().is_some_and(char::is_uppercase)
            || w.chars().any(|c| c.is_ascii_digit())
            || (w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.'));
        // A capitalised title or common noun is not a name: kept as written it would leave
        // English in the Vietnamese ("Mỹ President Donald Trump").
        if is_name && TITLES.contains(&w.to_lowercase().trim_end_matches('.')) {
            return Err(Gap::Other(Untranslatable(format!(
                "no Vietnamese for the title \"{w}\""
            ))));
        }
        // "Employers", "Ultimately", "Back" opening a sentence: common words, not names.
        let lower = w.to_lowercase();
        let common = at_start
            && (NOT_NAMES.contains(&lower.as_str())
                || ["ists", "ions", "ments", "ness", "ies"]
                    .iter()
                    .any(|s| lower.ends_with(s) && lower.len() > s.len() + 3)
                // "Ultimately", not "Kelly"; "Employers", not "Reuters".
                || (lower.ends_with("ly") && lower.len() > 8)
                || ((lower.ends_with("ers") || lower.ends_with("ors")) && lower.len() >= 8)
                // "Confidence is", "Backbench Labour MP": a common English word, unless a
                // name follows ("Bill Gates", "Rose Byrne").
                || (crate::glossary::is_english_word(&lower)
                    && !words.get(1).is_some_and(|n| {
                        n.chars().next().is_some_and(char::is_uppercase)
                            || matches!(*n, "'s" | "’s")
                    })));
        // "Pickets were in place": a plural with a plural verb is a common noun.
        let plural_subject = at_start
            && lower.ends_with('s')
            && words
                .get(1)
                .is_some_and(|n| matches!(*n, "were" | "are" | "have" | "do"));
        if common || plural_subject {
            return Err(Gap::Word(w.to_string()));
        }
        if is_name && !(at_start && self.glossary.lookup(&[&w.to_lowercase()]).is_some()) {
            let mut c = Chunk::new(w, Pos::Name, Kind::Word);
            c.vi = w.to_string();
            return Ok((1, c));
        }
        Err(Gap::Word(w.to_string()))
    }
}

impl Rules<'_> {
    /// "to": dropped between two verbs ("agreed to pay" = "đồng ý trả"), "để" before a verb of
    /// purpose ("went there to vote"), "đến" before a place or amount ("went to Italy").
    fn to(&self, next: &[&str], before: &[Chunk]) -> Chunk {
        let prev = before.last();
        let verb_next = next.first().is_some_and(|_| {
            self.glossary
                .lookup_all(next)
                .is_some_and(|(_, es)| es.iter().any(|e| e.pos == Pos::Verb))
        });
        // "force workers to retire" = "buộc người lao động nghỉ hưu": no "để" after the
        // object of a verb of making or letting.
        let mut depth = 0i32;
        let last_verb = before
            .iter()
            .rev()
            .take_while(|c| {
                match c.vi.as_str() {
                    ")" => depth += 1,
                    "(" => depth -= 1,
                    _ => {}
                }
                !(depth == 0
                    && c.kind == Kind::Punct
                    && matches!(c.vi.as_str(), "," | ";" | ":" | "–" | "—"))
            })
            .find(|c| c.pos == Pos::Verb);
        let controlled = verb_next
            && prev.is_some_and(|p| matches!(p.pos, Pos::Noun | Pos::Name | Pos::Pron))
            && last_verb.is_some_and(|v| CONTROL.contains(&v.vi.as_str()));
        // "went to Italy" = "đến Ý"; after other verbs "to" is another word ("responded to" =
        // "ứng phó với", "talked to" = "nói chuyện với") that the glossary must give as a phrase.
        let motion = |c: &Chunk| MOTION.contains(&c.vi.as_str());
        // "link the station to a park": after the object of a verb that is not one of going.
        // "an alternative to China": after a noun with no verb of going before it either.
        let after_object = prev.is_some_and(|p| {
            matches!(p.pos, Pos::Noun | Pos::Pron | Pos::Name) && !TRAVEL.contains(&p.vi.as_str())
        }) && !last_verb.is_some_and(motion);
        // "returned to the issue": going back to a place, or to a subject, which is another word.
        let back_to_what = prev.is_some_and(|p| {
            matches!(p.vi.as_str(), "trở về" | "trở lại" | "quay lại")
                && !next
                    .first()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        });
        // "rose to 5.2%", "doubled to 2 million": a change and the figure it reached ("lên",
        // "xuống", set once the figure is read).
        let change_to = next.is_empty()
            && prev.is_some_and(|p| {
                p.pos == Pos::Verb && (p.vi.starts_with("tăng") || p.vi.starts_with("giảm"))
            });
        // "lent $500 million to the airline", "sold the factory to a firm": "cho".
        let given_to = !verb_next
            && last_verb.is_some_and(|v| GIVING.contains(&v.vi.as_str()))
            && prev.is_some_and(|p| {
                matches!(p.pos, Pos::Noun | Pos::Name | Pos::Pron)
                    || matches!(p.kind, Kind::Value | Kind::Quantity)
            });
        // "sentenced the former mayor to 12 years": the term follows directly.
        let term_to = next.is_empty() && last_verb.is_some_and(|v| v.vi == "kết án");
        let unsure = (!verb_next
            && !change_to
            && !given_to
            && !term_to
            && (prev.is_some_and(|p| p.pos == Pos::Verb && !motion(p))
                || after_object
                || back_to_what)
            && next.first().is_none_or(|w| *w != "have"))
        .then(|| {
            format!(
                "\"{} to\" needs an editor",
                prev.map(|p| p.original.as_str()).unwrap_or("")
            )
        });
        // "claims to have shot down" = "tuyên bố đã bắn hạ".
        let have_next = next.first().is_some_and(|w| *w == "have");
        // "was expected then to continue": an adverb between the verb and "to".
        let verb_before_adverb = prev.is_some_and(|p| p.pos == Pos::Adv)
            && before.len() >= 2
            && matches!(before[before.len() - 2].pos, Pos::Verb | Pos::Aux);
        let vi = match (verb_next, prev.map(|p| p.pos)) {
            _ if controlled => "",
            (true, _) if verb_before_adverb => {
                return Chunk {
                    unsure: Some(format!(
                        "\"{} to\" needs an editor",
                        prev.map(|p| p.original.as_str()).unwrap_or("")
                    )),
                    ..Chunk::new("to", Pos::Aux, Kind::Word)
                };
            }
            // "vital to improve" = "quan trọng để cải thiện".
            (true, Some(Pos::Adj))
                if prev.is_some_and(|p| PURPOSE_ADJ.contains(&p.vi.as_str())) =>
            {
                "để"
            }
            (true, Some(Pos::Verb | Pos::Aux | Pos::Adj)) => "",
            (false, Some(Pos::Verb)) if have_next => "",
            (true, _) => "để",
            _ if given_to => "cho",
            _ if term_to => "",
            (false, _) => "đến",
        };
        let mut c = Chunk::new(
            "to",
            if verb_next { Pos::Aux } else { Pos::Prep },
            Kind::Word,
        );
        c.vi = vi.to_string();
        c.unsure = unsure;
        c
    }
}

/// Verbs whose "for" gives a reason ("fined for", "arrested for"), "vì" and not "cho".
const REASON_VERBS: &[&str] = &[
    "fine",
    "arrest",
    "jail",
    "sentenc",
    "punish",
    "blam",
    "criticis",
    "criticiz",
    "prais",
    "thank",
    "apologis",
    "apologiz",
    "sue",
    "suing",
    "suspend",
    "banned",
    "fired",
    "detain",
    "investigat",
    "condemn",
    "reward",
    "penalis",
    "penaliz",
    "treat",
    "hospitali",
];

/// Who said a sentence, for what its opening "it" stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Speaker {
    Unknown,
    Country,
    Organisation,
}

/// Nouns for bodies that speak of themselves as "it": "the company said it would".
const ORGANISATIONS: &[&str] = &[
    "company",
    "firm",
    "group",
    "government",
    "ministry",
    "army",
    "military",
    "agency",
    "bank",
    "council",
    "court",
    "department",
    "party",
    "union",
    "organisation",
    "organization",
    "airline",
    "carmaker",
    "automaker",
    "manufacturer",
    "retailer",
    "club",
    "board",
    "committee",
    "authority",
    "network",
    "newspaper",
    "university",
    "hospital",
    "regulator",
    "commission",
    "institute",
    "foundation",
    "charity",
    "embassy",
    "administration",
    "coalition",
    "alliance",
    "league",
    "federation",
    "association",
    "studio",
    "publisher",
    "broadcaster",
    "maker",
    "developer",
    "provider",
    "lender",
    "insurer",
    "operator",
    "startup",
    "business",
    "ministry",
    "parliament",
    "senate",
    "campaign",
    "team",
];

/// Verbs with no object, so no passive: "was arrested and appeared in court" is not "bị xuất
/// hiện".
const INTRANSITIVE: &[&str] = &[
    "appeared",
    "died",
    "returned",
    "arrived",
    "remained",
    "stayed",
    "pleaded",
    "escaped",
    "survived",
    "resigned",
    "testified",
    "lived",
    "worked",
    "walked",
    "happened",
    "occurred",
    "disappeared",
    "collapsed",
    "complained",
    "apologised",
    "apologized",
    "declined",
    "refused",
    "agreed",
];

/// Kinds of place whose name follows with "of" in English and directly in Vietnamese.
const PLACE_KINDS: &[&str] = &[
    "thành phố",
    "thị trấn",
    "tỉnh",
    "làng",
    "bang",
    "đảo",
    "hòn đảo",
    "vùng",
    "khu vực",
    "quận",
    "huyện",
    "cảng",
    "thủ đô",
    "vương quốc",
];

/// Verbs of giving, after whose object "to" is "cho": "lent $500 million to the airline".
const GIVING: &[&str] = &[
    "cho vay",
    "bán",
    "trả",
    "tặng",
    "trao",
    "cấp",
    "quyên góp",
    "cung cấp",
    "chuyển giao",
    "trao tặng",
    "viện trợ",
];

/// Nouns of travel, after which "to" is "đến": "a visit to New Hampshire".
const TRAVEL: &[&str] = &[
    "chuyến thăm",
    "chuyến đi",
    "chuyến bay",
    "hành trình",
    "đường",
];

/// Vietnamese verbs of going and sending, after which "to" is "đến".
const MOTION: &[&str] = &[
    "đi",
    "đến",
    "chuyển",
    "trở lại",
    "trở về",
    "quay lại",
    "gửi",
    "đưa",
    "bay",
    "sơ tán",
    "trục xuất",
    "mang",
    "di dời",
    "di chuyển",
    "xuất khẩu",
    "vận chuyển",
    "tăng",
    "giảm",
    "lên",
    "chạy",
];

/// Vietnamese verbs whose object does what follows "to" ("help them to track").
const CONTROL: &[&str] = &[
    "buộc",
    "yêu cầu",
    "kêu gọi",
    "cho phép",
    "giúp",
    "ra lệnh",
    "muốn",
    "khuyến khích",
    "thuyết phục",
    "mời",
    "cảnh báo",
    "thúc giục",
    "cấm",
];

/// Vietnamese adjectives after which "to" + verb is a purpose ("vital to improve").
const PURPOSE_ADJ: &[&str] = &["quan trọng", "cần thiết", "thiết yếu", "then chốt", "đủ"];

/// Where things are posted or shown: "on" before them is "trên".
const MEDIA: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "tiktok",
    "website",
    "page",
    "site",
    "tv",
    "television",
    "radio",
    "screen",
    "media",
    "internet",
    "web",
    "platform",
    "channel",
    "app",
];

/// Vietnamese nouns that are never counted with "các" ("revenues" = "doanh thu").
const MASS: &[&str] = &[
    "tiền lương",
    "lương",
    "doanh thu",
    "lợi nhuận",
    "doanh số",
    "giá",
    "thu nhập",
    "chi phí",
    "cuộc sống",
    "thông tin",
    "nợ",
    "tiền",
    "dữ liệu",
    "bằng chứng",
    "thiệt hại",
    "lạm phát",
    "thương mại",
    "đầu tư",
];

/// Capitalised words that open sentences and are never names.
const NOT_NAMES: &[&str] = &[
    "here",
    "there",
    "back",
    "now",
    "then",
    "still",
    "yet",
    "also",
    "even",
    "just",
    "instead",
    "meanwhile",
    "today",
    "tonight",
    "indeed",
    "besides",
    "otherwise",
    "overall",
    "elsewhere",
    "nevertheless",
    "nonetheless",
    "thus",
    "hence",
    "anyway",
    "well",
    "so",
    "too",
    "perhaps",
    "play",
    "match",
    "game",
    "half",
    "second",
    "first",
];

/// Words with no reading of their own: "as" opening a clause is "khi", "up 2.6%" is "tăng
/// 2,6%"; any other use is a gap.
const DEFERRED: &[&str] = &["as", "up", "down", "late", "early", "mid"];

/// Why a word could not be covered: a word the glossary lacks (the sentence goes on, to find
/// every such word) or a reason that stops the sentence.
enum Gap {
    Word(String),
    Other(Untranslatable),
}

/// The rules first, then a translation server when one is configured: a sentence the rules
/// render is never sent anywhere.
pub struct Engines<'g> {
    pub rules: Rules<'g>,
    pub remote: Option<Remote>,
}

impl Translate for Engines<'_> {
    fn name(&self) -> &str {
        "rules"
    }

    fn translate(&self, input: &Input<'_>) -> Result<ViParts, Untranslatable> {
        match self.rules.translate(input) {
            Ok(p) => Ok(p),
            Err(rules_why) => match &self.remote {
                Some(r) => r
                    .translate(input)
                    .map_err(|e| Untranslatable(format!("{}; {}", rules_why.0, e.0))),
                None => Err(rules_why),
            },
        }
    }
}

/// Titles and ranks written with a capital before a name: never passed through as names.
const TITLES: &[&str] = &[
    "mp",
    "mps",
    "mep",
    "president",
    "vice",
    "minister",
    "prime",
    "chancellor",
    "secretary",
    "senator",
    "sen",
    "representative",
    "rep",
    "governor",
    "gov",
    "mayor",
    "judge",
    "justice",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "officer",
    "detective",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "professor",
    "prof",
    "dr",
    "mr",
    "mrs",
    "ms",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ambassador",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coach",
    "manager",
    "interim",
    "acting",
    "deputy",
    "former",
    "leader",
    "speaker",
    "attorney",
];

impl Translate for Rules<'_> {
    fn name(&self) -> &str {
        "rules"
    }

    fn translate(&self, input: &Input<'_>) -> Result<ViParts, Untranslatable> {
        let text = input.text.trim().trim_end_matches(['.', '!']).trim();
        const QUOTES: [char; 3] = ['“', '”', '"'];
        let quote = || Untranslatable("a direct quote needs an editor".into());
        if text.ends_with('?') {
            return Err(Untranslatable("a question needs an editor".into()));
        }
        // "population, reported a ...": the tail of a sentence split in the wrong place.
        if text.chars().next().is_some_and(char::is_lowercase) && !text.starts_with("iP") {
            return Err(Untranslatable(
                "a sentence that starts in lowercase is a fragment".into(),
            ));
        }
        // "claims to have shot down a U.S.": a sentence split after an abbreviation.
        static CUT_AT_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b(?:a|an|the)\s+(?:[A-Z]\.){2,}$").expect("abbreviation regex")
        });
        if CUT_AT_ABBREVIATION.is_match(input.text.trim()) {
            return Err(Untranslatable(
                "a sentence cut after an abbreviation is a fragment".into(),
            ));
        }
        // "While the dollar was supported by recent U.S.": a subordinate clause with no main
        // clause is a fragment (here of a sentence split after "U.S.").
        let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
        if matches!(
            first.as_str(),
            "while" | "when" | "although" | "though" | "because" | "if" | "unless" | "whereas"
        ) && !text.contains(',')
        {
            return Err(Untranslatable(format!(
                "a clause opened by \"{first}\" with no main clause is a fragment"
            )));
        }
        let split = split_attribution(text, input.attribution);
        if split.source.as_deref().is_some_and(|s| s.contains(QUOTES)) {
            return Err(quote());
        }
        let source = match &split.source {
            Some(s) => Some(self.source_phrase(s, input.published)?),
            None => None,
        };
        let speaker = split
            .source
            .as_deref()
            .map_or(Speaker::Unknown, |s| self.speaker(s));
        let clause = |t: &str| self.render(t, input.published, true, speaker);
        // A quotation is never translated inside quotation marks (no English source could
        // match it); a sentence whose quote sits in a trailing clause may still be rendered
        // without that clause, as may one that fails whole.
        let whole = (!split.body.contains(QUOTES)).then(|| clause(&split.body));
        let body = match whole {
            Some(Ok(b)) => b,
            whole => self
                .leaner(&split.body, input.published)
                .into_iter()
                .filter(|s| !s.contains(QUOTES))
                .find_map(|s| clause(&s).ok())
                .ok_or_else(|| match whole {
                    Some(Err(e)) => e,
                    _ => quote(),
                })?,
        };
        if body.trim().is_empty() {
            return Err(Untranslatable("empty sentence".into()));
        }
        Ok(ViParts {
            source,
            cue: split.cue.map(|c| cue_vi(&c).to_string()),
            body,
            whole: false,
        })
    }
}

static DOCUMENT_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<doc>.+?)\s+(?:released|published|issued|compiled|produced)?\s*(?P<when>(?:on|in|last)\s+\S+(?:\s\d{1,2},?\s\d{4})?)?\s*by\s+(?P<org>.+)$")
        .expect("document regex")
});

impl Rules<'_> {
    /// Who a source is, for what the "it" of what it said stands for: a country speaking of
    /// itself is "nước này" ("China said it ..."); an organisation is the "it" of what it said
    /// ("The company said it would"); a person never is ("He said it would be provided").
    fn speaker(&self, source: &str) -> Speaker {
        let words: Vec<&str> = source.split_whitespace().collect();
        let entity = self
            .glossary
            .lookup(&words)
            .filter(|(n, _)| *n == words.len())
            .and_then(|(_, e)| e.entity.as_ref().map(|(kind, _)| *kind));
        let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        match entity {
            Some(crate::model::EntityKind::Country) => Speaker::Country,
            Some(crate::model::EntityKind::Organisation) => Speaker::Organisation,
            _ if ORGANISATIONS.contains(&head.as_str()) => Speaker::Organisation,
            _ => Speaker::Unknown,
        }
    }

    /// "a report released on Thursday by Harvard University" -> "báo cáo ngày 5/6/2025 của ĐH Harvard".
    fn source_phrase(
        &self,
        s: &str,
        published: Option<NaiveDate>,
    ) -> Result<String, Untranslatable> {
        if let Some(c) = DOCUMENT_BY.captures(s) {
            let doc = self.phrase(&c["doc"], published)?;
            let org = self.phrase(&c["org"], published)?;
            let when = match c.name("when") {
                Some(w) => format!(" {}", self.phrase(w.as_str(), published)?),
                None => String::new(),
            };
            return Ok(format!("{doc}{when} của {org}"));
        }
        self.phrase(s, published)
    }
}

/// A sentence with its attribution clause taken out.
struct Split {
    source: Option<String>,
    cue: Option<String>,
    body: String,
}

static ACCORDING_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:according to)\s+(?P<src>[^,]+),\s*(?P<body>.+)$").expect("regex")
});
static ACCORDING_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<body>.+?),?\s+(?i:according to)\s+(?P<src>[^,]+)$").expect("regex")
});

/// A lead-in that is a time: "This year", "On Monday", "In 2025", "Last week".
static TIME_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:year|month|week|day|today|yesterday|morning|afternoon|evening|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{4})$")
        .expect("time lead regex")
});

fn split_attribution(text: &str, attribution: Option<&Attribution>) -> Split {
    let plain = |body: &str| Split {
        source: None,
        cue: None,
        body: body.to_string(),
    };
    let Some(a) = attribution else {
        return plain(text);
    };
    if a.cue.eq_ignore_ascii_case("according to") {
        for re in [&*ACCORDING_LEAD, &*ACCORDING_TAIL] {
            if let Some(c) = re.captures(text) {
                return Split {
                    source: Some(c["src"].trim().to_string()),
                    cue: Some("according to".into()),
                    body: c["body"].trim().to_string(),
                };
            }
        }
        return plain(text);
    }
    let src = regex::escape(&a.source);
    let cue = regex::escape(&a.cue);
    // "..., X said" / "..., said X, role" at the end.
    let tail = Regex::new(&format!(
        r"^(?P<body>.+?),\s+(?:{src}\s+(?:also\s+)?{cue}|{cue}\s+{src})(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|last\s+week|this\s+week))?(?:,.*)?$"
    ));
    if let Ok(re) = tail
        && let Some(c) = re.captures(text)
    {
        return Split {
            source: Some(a.source.clone()),
            cue: Some(a.cue.clone()),
            body: c["body"].to_string(),
        };
    }
    // "X said (that) ..." at the start, possibly after a lead-in set off by a comma or a time
    // ("This year the index showed"); any other word before the source is part of it ("CBS"
    // of "CBS Sports NFL Insider X has reported").
    let lead = Regex::new(&format!(
        r"^(?:(?P<pre>[^,]+?)(?P<comma>,)?\s+)?{src}\s+(?:also\s+|previously\s+|has\s+|have\s+)?{cue}\s+(?:that\s+)?(?P<body>.+)$"
    ));
    // "warned against proposed changes": not what was said but what it was about.
    const NOT_A_CLAUSE: &[&str] = &[
        "against", "of", "about", "on", "for", "in", "to", "with", "from", "over", "by",
    ];
    if let Ok(re) = lead
        && let Some(c) = re.captures(text)
        && !c["body"]
            .split_whitespace()
            .next()
            .is_some_and(|w| NOT_A_CLAUSE.contains(&w.to_lowercase().as_str()))
        && c.name("pre")
            .is_none_or(|p| c.name("comma").is_some() || TIME_LEAD.is_match(p.as_str()))
    {
        let body = match c.name("pre") {
            Some(p) => format!("{}, {}", p.as_str(), &c["body"]),
            None => c["body"].to_string(),
        };
        return Split {
            source: Some(a.source.clone()),
            cue: Some(a.cue.clone()),
            body,
        };
    }
    plain(text)
}

/// The Vietnamese verb for an English cue of saying.
pub fn cue_vi(cue: &str) -> &'static str {
    match cue.to_ascii_lowercase().as_str() {
        "according to" | "per" => "theo",
        "found" | "finds" | "showed" | "shows" | "revealed" => "cho thấy",
        "warned" | "warns" | "cautioned" => "cảnh báo",
        "urged" | "urges" => "kêu gọi",
        "estimated" | "estimates" => "ước tính",
        "predicted" | "predicts" | "forecast" | "forecasts" | "projected" | "projects" => "dự báo",
        "announced" | "announces" => "công bố",
        "wrote" | "writes" => "viết",
        "argued" | "argues" | "claimed" | "claims" | "asserted" | "insisted" => "khẳng định",
        "noted" | "notes" | "observed" => "lưu ý",
        "reported" | "reports" => "cho biết",
        "believes" => "tin rằng",
        "concluded" | "concludes" => "kết luận",
        "suggested" | "suggests" => "gợi ý",
        "confirmed" | "confirms" => "xác nhận",
        _ => "cho biết",
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Fig(usize),
    Punct(String),
}

fn tokenize(text: &str, figs: &[Figure]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some((idx, f)) = figs.iter().enumerate().find(|(_, f)| f.span[0] == i) {
            out.push(Tok::Fig(idx));
            i = f.span[1];
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if text[i..].starts_with("'s ")
            || text[i..].starts_with("’s ")
            || text[i..] == *"'s"
            || text[i..] == *"’s"
        {
            out.push(Tok::Word("'s".into()));
            i += if text[i..].starts_with('\'') { 2 } else { 4 };
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < text.len() {
                if figs.iter().any(|f| f.span[0] == i) {
                    break;
                }
                let ch = text[i..].chars().next().expect("char boundary");
                let keep = ch.is_alphanumeric()
                    || (matches!(ch, '-' | '.' | '\'' | '’' | '&')
                        && text[i + ch.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                        && !(matches!(ch, '\'' | '’')
                            && text[i + ch.len_utf8()..].starts_with('s')
                            && !text[i + ch.len_utf8() + 1..].starts_with(char::is_alphanumeric)));
                if !keep {
                    // "U.S." keeps its final dot.
                    if ch == '.' && text[start..i].contains('.') {
                        i += 1;
                    }
                    break;
                }
                i += ch.len_utf8();
            }
            out.push(Tok::Word(text[start..i].to_string()));
            continue;
        }
        // "Mendes' second film": the possessive of a name ending in s.
        if matches!(c, '\'' | '’')
            && text[..i].ends_with('s')
            && text[i + c.len_utf8()..].starts_with(' ')
            && matches!(out.last(), Some(Tok::Word(_)))
        {
            out.push(Tok::Word("'s".into()));
            i += c.len_utf8();
            continue;
        }
        // "--" is one dash.
        if text[i..].starts_with("--") {
            out.push(Tok::Punct("–".into()));
            i += 2;
            continue;
        }
        out.push(Tok::Punct(c.to_string()));
        i += c.len_utf8();
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// An ordinal figure, rendered as an adjective after its noun.
    Ordinal,
    Punct,
    Possessive,
    Date,
    Quantity,
    Duration,
    Value,
}

#[derive(Debug, Clone)]
struct Chunk {
    vi: String,
    pos: Pos,
    plural: bool,
    en: String,
    kind: Kind,
    /// Set for a glossary entity: a country is referred back to as "nước này".
    country: bool,
    /// A verb whose passive takes "bị".
    adverse: bool,
    /// The English as written.
    original: String,
    /// A noun's Vietnamese after a number, when it differs.
    counted: Option<String>,
    /// Why this reading cannot be trusted; the sentence is refused once every missing word
    /// has been listed.
    unsure: Option<String>,
}

impl Chunk {
    fn new(en: &str, pos: Pos, kind: Kind) -> Self {
        Chunk {
            original: en.to_string(),
            counted: None,
            unsure: None,
            vi: en.to_string(),
            pos,
            plural: false,
            en: en.to_lowercase(),
            kind,
            country: false,
            adverse: false,
        }
    }
}

/// Chooses between a word's parts of speech from the word before it: a noun after a
/// determiner or adjective ("the report"), a verb after a subject or auxiliary ("it reports").
fn pick<'e>(entries: &'e [Entry], prev: Option<&Chunk>, at_start: bool) -> &'e Entry {
    let want = match prev.map(|p| (p.pos, p.kind)) {
        _ if at_start => Some(Pos::Noun),
        Some((_, Kind::Possessive)) | Some((Pos::Det | Pos::Adj | Pos::Prep, _)) => Some(Pos::Noun),
        Some((
            Pos::Name | Pos::Pron | Pos::Noun | Pos::Aux | Pos::Neg | Pos::Adv | Pos::Rel,
            _,
        )) => Some(Pos::Verb),
        _ => None,
    };
    let found = want.and_then(|w| entries.iter().find(|e| e.pos == w));
    // Where a noun is wanted and the word has none, its adjective reading comes next
    // ("against planned cuts"), before any verb.
    let adjective = || {
        (want == Some(Pos::Noun))
            .then(|| entries.iter().find(|e| e.pos == Pos::Adj))
            .flatten()
    };
    found.or_else(adjective).unwrap_or(&entries[0])
}

fn from_entry(en: &str, e: &Entry) -> Chunk {
    Chunk {
        original: en.to_string(),
        counted: e.counted.clone(),
        vi: e.vi.clone(),
        pos: e.pos,
        plural: e.plural,
        en: en.to_lowercase(),
        kind: Kind::Word,
        country: matches!(e.entity, Some((crate::model::EntityKind::Country, _))),
        adverse: e.adverse,
        unsure: None,
    }
}

/// Drops the English hedge words ("less than", "about") just before a figure.
fn drop_hedge(out: &mut Vec<Chunk>) {
    const HEDGES: &[&str] = &[
        "less",
        "than",
        "more",
        "fewer",
        "at",
        "least",
        "up",
        "to",
        "nearly",
        "almost",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "over",
        "under",
        "below",
        "just",
        "an",
        "estimated",
        "short",
        "of",
        "exceeded",
        "exceeding",
        "less than",
        "more than",
        "at least",
        "up to",
        "fewer than",
    ];
    let mut dropped = 0;
    while let Some(last) = out.last() {
        if dropped < 3 && last.kind == Kind::Word && HEDGES.contains(&last.en.as_str()) {
            out.pop();
            dropped += 1;
        } else {
            break;
        }
    }
}

/// Readings that depend on the next word: "her" before a verb or at the end is the person
/// ("against her" = "chống lại bà"), "this" before a verb is "điều này", "that" after a verb
/// of saying opens what was said ("ruled that" = "phán quyết rằng"), "there is" is "có", "in"
/// before a place is "tại".
fn resolve_readings(chunks: &mut Vec<Chunk>) {
    let mut absorbed: Vec<usize> = Vec::new();
    for i in 0..chunks.len() {
        let next = chunks.get(i + 1).map(|n| (n.pos, n.kind));
        let prev = i.checked_sub(1).map(|p| chunks[p].pos);
        let noun_next = matches!(
            next,
            Some((Pos::Noun | Pos::Name | Pos::Adj | Pos::Det, _))
                | Some((_, Kind::Quantity | Kind::Value))
        );
        let as_clause = chunks[i].en == "as"
            && chunks[i + 1..]
                .iter()
                .take_while(|n| n.kind != Kind::Punct)
                .any(|n| matches!(n.pos, Pos::Verb | Pos::Aux | Pos::Be));
        // "after a cliff collapsed", "before resuming": a clause, not a noun.
        let clause_after = matches!(chunks[i].en.as_str(), "after" | "before")
            && chunks[i + 1..]
                .iter()
                .take_while(|n| n.kind != Kind::Punct)
                .any(|n| matches!(n.pos, Pos::Be | Pos::Aux | Pos::Verb));
        let first_of_kind = chunks[i].en == "to"
            && chunks[..i]
                .iter()
                .rev()
                .take_while(|n| n.kind != Kind::Punct && n.pos != Pos::Verb)
                .any(|n| n.kind == Kind::Ordinal || n.en == "last");
        // "for the first time" = "lần đầu tiên".
        if chunks[i].en == "time" && i >= 1 && chunks[i - 1].kind == Kind::Ordinal {
            let ord = std::mem::take(&mut chunks[i - 1].vi);
            chunks[i].vi = format!("lần {ord}");
            chunks[i].pos = Pos::Adv;
            if i >= 2 && matches!(chunks[i - 2].en.as_str(), "the" | "a") {
                chunks[i - 2].vi = String::new();
            }
            if i >= 3 && chunks[i - 3].en == "for" {
                chunks[i - 3].vi = String::new();
            }
            continue;
        }
        // "there were 3,248 cases reported" = "có 3.248 ca bệnh được ghi nhận".
        if chunks[i].pos == Pos::Verb
            && chunks[i].en.ends_with("ed")
            && i >= 1
            && chunks[i - 1].pos == Pos::Noun
            && chunks[..i].iter().any(|n| n.en.starts_with("there "))
        {
            let vi = match chunks[i].vi.as_str() {
                "đưa tin" => "ghi nhận".to_string(),
                v => v.to_string(),
            };
            chunks[i].vi = format!("được {vi}");
            continue;
        }
        if chunks[i].en.starts_with("there ") && chunks[i].vi == "có" {
            chunks[i].pos = Pos::Verb;
        }
        let comma_before = i > 0 && chunks[i - 1].vi == ",";
        let value_before = i >= 2 && chunks[i - 2].kind == Kind::Value;
        let owner_next = chunks
            .get(i + 2)
            .is_some_and(|n| n.kind == Kind::Possessive);
        // "caused its shares to lose" = "khiến cổ phiếu mất".
        let causes = chunks[i].vi == "gây ra"
            && chunks[i + 1..]
                .iter()
                .take_while(|n| n.kind != Kind::Punct)
                .any(|n| n.en == "to" && n.vi.is_empty());
        // "when they move" = "khi họ chuyển đi".
        let moves_alone = chunks[i].pos == Pos::Verb
            && chunks[i].vi == "chuyển"
            && chunks.get(i + 1).is_none_or(|n| n.kind == Kind::Punct);
        let on_media = chunks[i].en == "on"
            && chunks[i + 1..]
                .iter()
                .find(|n| !(matches!(n.pos, Pos::Det | Pos::Adj) || n.kind == Kind::Possessive))
                .is_some_and(|n| {
                    let w = n.en.rsplit(' ').next().unwrap_or("");
                    MEDIA
                        .iter()
                        .any(|m| w == *m || w.strip_suffix('s') == Some(m))
                });
        let indefinite = i > 0 && matches!(chunks[i - 1].en.as_str(), "a" | "an" | "new");
        let there_next = chunks.get(i + 1).is_some_and(|n| n.en.starts_with("there"));
        // "for the three months" = "trong 3 tháng".
        let for_period = chunks[i].en == "for"
            && chunks[i + 1..]
                .iter()
                .skip_while(|n| n.en == "the")
                .take(2)
                .map(|n| (n.kind, n.vi.as_str()))
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| {
                    w[0].0 == Kind::Quantity
                        && matches!(
                            w[1].1,
                            "tháng" | "năm" | "tuần" | "ngày" | "giờ" | "phút" | "thập kỷ"
                        )
                });
        let the_next = chunks.get(i + 1).is_some_and(|n| n.en == "the");
        // "up from 56": a change from a value.
        let from_value = chunks.get(i + 1).is_some_and(|n| n.en == "from")
            && chunks
                .get(i + 2)
                .is_some_and(|n| matches!(n.kind, Kind::Value | Kind::Quantity));
        let c = &mut chunks[i];
        match c.en.as_str() {
            "her" if !noun_next => {
                c.vi = "bà".into();
                c.pos = Pos::Pron;
            }
            "this" | "that" if prev.is_none() && matches!(next, Some((Pos::Verb, _))) => {
                c.vi = "điều này".into();
                c.pos = Pos::Pron;
            }
            // "don't change that" = "không thay đổi điều đó".
            "that" if prev == Some(Pos::Verb) && matches!(next, None | Some((_, Kind::Punct))) => {
                c.vi = "điều đó".into();
                c.pos = Pos::Pron;
            }
            "that" if c.pos == Pos::Rel && prev == Some(Pos::Verb) => c.vi = "rằng".into(),
            "in" if matches!(next, Some((Pos::Name, _))) => c.vi = "tại".into(),
            // "director Sam Mendes" = "đạo diễn Sam Mendes".
            "director" if matches!(next, Some((Pos::Name, _))) => c.vi = "đạo diễn".into(),
            // "on his Facebook page", "on social media" = "trên ...".
            "on" if on_media => c.vi = "trên".into(),
            // "remains the main area" = "vẫn là lĩnh vực chính".
            "remain" | "remains" | "remained"
                if c.pos == Pos::Verb && matches!(next, Some((Pos::Det | Pos::Noun, _))) =>
            {
                c.vi = format!("{} là", c.vi)
            }
            "for" if for_period => c.vi = "trong".into(),
            _ if causes => c.vi = "khiến".into(),
            _ if moves_alone => c.vi = "chuyển đi".into(),
            // "a new competition" is a contest; "competition" alone is rivalry.
            "competition" if indefinite && c.pos == Pos::Noun => c.vi = "cuộc thi".into(),
            // "64 pence, or 6%" = "64 xu, tức 6%".
            "or" if matches!(next, Some((_, Kind::Value))) && value_before => c.vi = "tức".into(),
            // "both sued" = "đều kiện".
            "both"
                if matches!(prev, Some(Pos::Name | Pos::Noun | Pos::Pron))
                    && matches!(next, Some((Pos::Verb | Pos::Aux | Pos::Be, _))) =>
            {
                c.vi = "đều".into();
                c.pos = Pos::Adv;
            }
            // "just 4 minutes" = "chỉ 4 phút", "just arrived" = "vừa đến", "just north of" =
            // "ngay phía bắc".
            "just" if c.pos == Pos::Adv => {
                c.vi = match next {
                    Some((_, Kind::Quantity | Kind::Value | Kind::Duration)) => "chỉ",
                    Some((Pos::Verb, _)) => "vừa",
                    _ => "ngay",
                }
                .into()
            }
            // "and then won" = "và sau đó giành"; "different then" = "khác khi đó".
            "then"
                if c.pos == Pos::Adv
                    && !matches!(next, Some((Pos::Verb | Pos::Aux, _)))
                    && !there_next =>
            {
                c.vi = "khi đó".into()
            }
            // "closed at 1130p" = "ở mức 11,3 GBP".
            "at" if matches!(next, Some((_, Kind::Value))) => c.vi = "ở mức".into(),
            // "won at Newcastle" = "thắng tại Newcastle": "giành" needs what was won.
            _ if c.pos == Pos::Verb
                && c.vi == "giành"
                && !matches!(next, Some((Pos::Noun | Pos::Det | Pos::Adj | Pos::Name, _)))
                && !matches!(next, Some((_, Kind::Quantity | Kind::Value))) =>
            {
                c.vi = "thắng".into()
            }
            // "Jones, who did not win" = "Jones, người không giành".
            "who" if c.pos == Pos::Rel && comma_before => c.vi = "người".into(),
            // "the member of the movement" = "thành viên của phong trào".
            "of" if prev == Some(Pos::Noun) && the_next => c.vi = "của".into(),
            // "the woman from Kabul" = "người phụ nữ đến từ Kabul".
            "from"
                if prev == Some(Pos::Noun)
                    && matches!(next, Some((Pos::Name, _)))
                    && !owner_next =>
            {
                c.vi = "đến từ".into()
            }
            // "Like X, Y ..." opens with "Cũng như".
            "like" if prev.is_none() && c.pos == Pos::Prep => c.vi = "cũng như".into(),
            // "the first man to win" = "người đàn ông đầu tiên giành".
            "to" if c.vi == "để" && first_of_kind => c.vi = String::new(),
            // "as" opening a clause ("as the forces seek ...") is "khi"; "as" before a noun
            // alone ("served as president") is left to the glossary's phrases.
            "as" if c.vi == "as" && as_clause && prev.is_some() => {
                c.vi = "khi".into();
                c.pos = Pos::Conj;
            }
            // "up 2.6% on 2003": a change, not a direction.
            "up" | "down" if matches!(next, Some((_, Kind::Value))) || from_value => {
                c.vi = if c.en == "up" { "tăng" } else { "giảm" }.into();
                c.pos = Pos::Verb;
                // "sales were up 1%" = "doanh số tăng 1%": no copula.
                if prev == Some(Pos::Be) {
                    absorbed.push(i - 1);
                }
            }
            // "after a cliff collapsed" = "sau khi vách đá sụp đổ".
            "after" | "before" if clause_after && !c.vi.ends_with(" khi") => {
                c.vi = format!("{} khi", c.vi);
            }
            "most" if matches!(next, Some((Pos::Noun, _))) && prev != Some(Pos::Det) => {
                c.vi = "hầu hết".into();
                c.pos = Pos::Det;
            }
            "there"
                if matches!(next, Some((Pos::Be, _)))
                    && (prev.is_none() || matches!(prev, Some(Pos::Conj))) =>
            {
                c.vi = "có".into();
                c.pos = Pos::Verb;
                absorbed.push(i + 1);
            }
            _ => {}
        }
    }
    // The words another took in ("is" of "there is") go.
    let mut k = 0;
    chunks.retain(|_| {
        k += 1;
        !absorbed.contains(&(k - 1))
    });
}

/// Consecutive proper names ("Ethan Kessler") form one name.
fn merge_names(chunks: &mut Vec<Chunk>) {
    // "University of North Carolina", "Centers for Disease Control": one name, as written.
    let mut i = 1;
    while i + 1 < chunks.len() {
        let kept = |c: &Chunk| c.pos == Pos::Name && !c.en_cased().is_empty();
        // "Proceedings of the Royal Society B", "Battle of the Sibuyan Sea".
        if chunks[i].en == "of"
            && i + 2 < chunks.len()
            && chunks[i + 1].en == "the"
            && kept(&chunks[i - 1])
            && kept(&chunks[i + 2])
        {
            let next = chunks[i + 2].clone();
            let last = &mut chunks[i - 1];
            last.vi = format!("{} of the {}", last.vi, next.vi);
            last.en = format!("{} of the {}", last.en, next.en);
            chunks.drain(i..i + 3);
            continue;
        }
        if matches!(chunks[i].en.as_str(), "of" | "for" | "in")
            && kept(&chunks[i - 1])
            && kept(&chunks[i + 1])
            && (chunks[i].en != "in" || chunks[i + 1].original.split(' ').count() == 1)
        {
            let (of, next) = (chunks[i].en.clone(), chunks[i + 1].clone());
            let last = &mut chunks[i - 1];
            last.vi = format!("{} {of} {}", last.vi, next.vi);
            last.en = format!("{} {of} {}", last.en, next.en);
            chunks.drain(i..i + 2);
            continue;
        }
        i += 1;
    }
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    for c in chunks.drain(..) {
        // A capitalised word the glossary knows, right before a name kept as written, is part
        // of that name: "French Open" is not "Open Pháp".
        if let Some(last) = out.last_mut()
            && last.pos == Pos::Adj
            && last.en_cased().is_empty()
            && last.vi != last.en
            && last.kind == Kind::Word
            && last.original.chars().next().is_some_and(char::is_uppercase)
            && c.pos == Pos::Name
            && !c.en_cased().is_empty()
        {
            last.vi = format!("{} {}", last.original, c.vi);
            last.en = format!("{} {}", last.en, c.en);
            last.pos = Pos::Name;
            continue;
        }
        if let Some(last) = out.last_mut()
            && last.pos == Pos::Name
            && c.pos == Pos::Name
            && last.vi == last.en_cased()
            && c.vi == c.en_cased()
        {
            last.vi = format!("{} {}", last.vi, c.vi);
            last.en = format!("{} {}", last.en, c.en);
            continue;
        }
        out.push(c);
    }
    *chunks = out;
}

impl Chunk {
    /// The first English word: "searching" of "searching for".
    fn head_word(&self) -> &str {
        self.en.split(' ').next().unwrap_or("")
    }

    /// Whether this name is kept as written (not translated by the glossary).
    fn en_cased(&self) -> String {
        if self.vi.to_lowercase() == self.en {
            self.vi.clone()
        } else {
            String::new()
        }
    }
}

/// Reorders noun phrases head-first and resolves the copula and auxiliaries.
fn assemble(chunks: Vec<Chunk>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut pending_owner: Option<String> = None;
    let mut after_verb: Option<String> = None;
    while i < chunks.len() {
        let c = &chunks[i];
        if is_np_part(c) {
            let mut j = i;
            while j < chunks.len() && is_np_part(&chunks[j]) {
                j += 1;
            }
            // The phrase ends at its last noun or name; trailing determiners stand alone.
            let mut end = j;
            while end > i && !matches!(chunks[end - 1].pos, Pos::Noun | Pos::Name) {
                end -= 1;
            }
            if end == i {
                for c in &chunks[i..j] {
                    push_word(&mut out, c);
                }
                i = j;
                continue;
            }
            let np = noun_phrase(&chunks[i..end]);
            if chunks.get(end).is_some_and(|c| c.kind == Kind::Possessive) {
                pending_owner = Some(np);
                i = end + 1;
                continue;
            }
            let np = match pending_owner.take() {
                Some(owner) => format!("{np} của {owner}"),
                None => np,
            };
            // "burning pages" = "đốt các trang": a bare plural object is marked.
            let bare_plural = chunks[end - 1].plural
                && chunks[end - 1].pos == Pos::Noun
                && !MASS.contains(&chunks[end - 1].vi.as_str())
                && !chunks[i..end]
                    .iter()
                    .any(|p| matches!(p.pos, Pos::Det | Pos::Name) || p.kind != Kind::Word);
            // "Officers seized" = "Các sĩ quan thu giữ": so is a bare plural subject.
            let np = if bare_plural && (i == 0 || chunks[i - 1].pos == Pos::Verb) {
                let marker = if np.starts_with("người ") {
                    "những"
                } else {
                    "các"
                };
                format!("{marker} {np}")
            } else {
                np
            };
            out.push(np);
            for c in &chunks[end..j] {
                push_word(&mut out, c);
            }
            i = j;
            continue;
        }
        if let Some(owner) = pending_owner.take() {
            out.push(owner);
        }
        if let Some(marker) = marker_after_adverb(c, chunks.get(i + 1), chunks.get(i + 2)) {
            push_word(&mut out, &chunks[i + 1]);
            out.push(marker.into());
            i += 2;
            continue;
        }
        match c.pos {
            Pos::Be => {
                let next = chunks[i + 1..].iter().find(|n| n.pos != Pos::Adv);
                // "is narrowing" is not a passive.
                let progressive = next.is_some_and(|n| n.head_word().ends_with("ing"));
                if progressive {
                    // "is narrowing" = "đang thu hẹp".
                    out.push("đang".into());
                }
                match next.map(|n| n.pos).filter(|_| !progressive) {
                    Some(Pos::Noun | Pos::Name | Pos::Det) => out.push("là".into()),
                    // "was in a stable condition" = "ở trong tình trạng ổn định".
                    Some(Pos::Prep)
                        if next.is_some_and(|n| matches!(n.en.as_str(), "in" | "at")) =>
                    {
                        out.push("ở".into())
                    }
                    // "is key" = "là then chốt".
                    Some(Pos::Adj)
                        if next.is_some_and(|n| matches!(n.vi.as_str(), "then chốt" | "chính")) =>
                    {
                        out.push("là".into())
                    }
                    Some(Pos::Verb) if next.is_some_and(|n| n.adverse) => out.push("bị".into()),
                    Some(Pos::Verb) => out.push("được".into()),
                    _ => {}
                }
            }
            // "had been searching" = "đã tìm kiếm".
            Pos::Aux
                if c.en.ends_with(" been")
                    && chunks
                        .get(i + 1)
                        .is_some_and(|n| n.pos == Pos::Verb && n.head_word().ends_with("ing")) =>
            {
                push_word(&mut out, c);
            }
            Pos::Aux
                if c.en.ends_with(" been")
                    && chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Verb) =>
            {
                let marker = if chunks[i + 1].adverse {
                    "bị"
                } else {
                    "được"
                };
                out.push(format!("{} {marker}", c.vi));
            }
            // "have now detected" = "hiện đã phát hiện": the adverb comes before "đã".
            Pos::Aux
                if matches!(c.en.as_str(), "has" | "have" | "had")
                    && chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Adv)
                    && chunks.get(i + 2).is_some_and(|n| n.pos == Pos::Verb) =>
            {
                push_word(&mut out, &chunks[i + 1]);
                // "has never failed" = "chưa bao giờ thất bại"; "has already" = "đã".
                if !matches!(
                    chunks[i + 1].vi.as_str(),
                    "chưa bao giờ" | "không bao giờ" | "đã"
                ) {
                    out.push("đã".into());
                }
                i += 2;
                continue;
            }
            Pos::Aux if matches!(c.en.as_str(), "has" | "have" | "had") => {
                let next = chunks.get(i + 1).map(|n| n.pos);
                if matches!(next, Some(Pos::Verb | Pos::Adv | Pos::Neg | Pos::Be)) {
                    out.push("đã".into());
                } else {
                    out.push("có".into());
                }
            }
            Pos::Prep if c.en == "of" => {
                // "the city of Mosul" = "thành phố Mosul": a place's name follows its kind.
                let place_name = i > 0
                    && PLACE_KINDS.contains(&chunks[i - 1].vi.as_str())
                    && chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Name);
                if !place_name
                    && (c.vi == "của" || chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Name))
                {
                    out.push("của".into());
                }
            }
            // "severely injured" = "bị thương nặng": a manner adverb follows its verb.
            Pos::Adv
                if c.vi.starts_with('>')
                    && chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Verb) =>
            {
                after_verb = Some(c.vi[1..].to_string());
            }
            Pos::Verb
                if i > 0
                    && chunks[i - 1].en == "and"
                    && c.head_word().ends_with("ed")
                    // "was charged and appeared in court": a verb with no passive.
                    && !INTRANSITIVE.contains(&c.head_word())
                    && chunks[..i - 1]
                        .iter()
                        .rposition(|n| n.pos == Pos::Verb)
                        .is_some_and(|v| {
                            !chunks[v..i - 1]
                                .iter()
                                .any(|n| n.kind == Kind::Punct || n.pos == Pos::Conj)
                                && chunks[..v]
                                    .iter()
                                    .rev()
                                    .find(|n| n.pos != Pos::Adv)
                                    .is_some_and(|n| n.pos == Pos::Be)
                        }) =>
            {
                // "were convicted ... and sentenced" = "bị kết tội ... và bị kết án".
                let first_adverse = chunks[..i - 1]
                    .iter()
                    .rev()
                    .find(|n| n.pos == Pos::Verb)
                    .is_some_and(|n| n.adverse);
                out.push(
                    if c.adverse || first_adverse {
                        "bị"
                    } else {
                        "được"
                    }
                    .into(),
                );
                push_word(&mut out, c);
            }
            Pos::Verb => {
                // "was injured": "bị" + "làm bị thương" is "bị thương".
                match c.vi.strip_prefix("làm bị ") {
                    Some(rest) if out.last().is_some_and(|w| w.ends_with("bị")) => {
                        out.push(rest.to_string())
                    }
                    // "23 people were killed" = "23 người thiệt mạng", as news says it.
                    _ if c.en == "killed" && out.last().is_some_and(|w| w.ends_with("bị")) => {
                        let last = out.pop().unwrap_or_default();
                        let rest = last.trim_end_matches("bị").trim_end();
                        if !rest.is_empty() {
                            out.push(rest.to_string());
                        }
                        out.push("thiệt mạng".into());
                    }
                    _ => push_word(&mut out, c),
                }
                out.extend(after_verb.take());
            }
            // "had been in the band" = "đã ở trong ban nhạc".
            Pos::Aux
                if c.en.ends_with(" been")
                    && chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Prep) =>
            {
                out.push(format!("{} ở", c.vi));
            }
            _ => push_word(&mut out, c),
        }
        i += 1;
    }
    if let Some(owner) = pending_owner {
        out.push(owner);
    }
    out
}

/// Adverbs that come before "đang" ("is reportedly appealing" = "được cho là đang kháng cáo";
/// but "is steadily narrowing" = "đang dần dần thu hẹp").
const BEFORE_DANG: &[&str] = &[
    "được cho là",
    "bị cho là",
    "có lẽ",
    "cũng",
    "vẫn",
    "còn",
    "hiện",
];

/// Adverbs that come before "sẽ" ("will also" = "cũng sẽ").
const BEFORE_SE: &[&str] = &["cũng", "vẫn", "còn", "đều", "cuối cùng"];

/// The marker or copula that follows `adv` when Vietnamese puts the adverb first: "was also
/// found" = "cũng được phát hiện", "is finally a free woman" = "cuối cùng là ...", "will also" =
/// "cũng sẽ". `None` when the words keep their order.
fn marker_after_adverb(
    c: &Chunk,
    adv: Option<&Chunk>,
    next: Option<&Chunk>,
) -> Option<&'static str> {
    let (adv, next) = (adv.filter(|a| a.pos == Pos::Adv)?, next?);
    match c.pos {
        Pos::Be if next.pos == Pos::Verb && next.head_word().ends_with("ing") => {
            BEFORE_DANG.contains(&adv.vi.as_str()).then_some("đang")
        }
        Pos::Be if adv.vi.starts_with('>') => None,
        Pos::Be => match next.pos {
            Pos::Verb if next.adverse => Some("bị"),
            Pos::Verb => Some("được"),
            Pos::Noun | Pos::Name | Pos::Det => Some("là"),
            _ => None,
        },
        Pos::Aux if c.vi == "sẽ" && BEFORE_SE.contains(&adv.vi.as_str()) => Some("sẽ"),
        _ => None,
    }
}

fn push_word(out: &mut Vec<String>, c: &Chunk) {
    let v = c.vi.trim_start_matches(['~', '>']);
    if !v.is_empty() {
        out.push(v.to_string());
    }
}

fn is_np_part(c: &Chunk) -> bool {
    matches!(c.pos, Pos::Noun | Pos::Name | Pos::Adj)
        || (c.pos == Pos::Det && c.kind != Kind::Punct)
}

/// English order (det, number, adjectives, modifiers, head) to Vietnamese (number, plural
/// marker, head, modifiers reversed, adjectives reversed, trailing determiners).
fn noun_phrase(parts: &[Chunk]) -> String {
    let head_idx = parts.len() - 1;
    let head = &parts[head_idx];
    // A title before a name: "US President Donald Trump" -> "tổng thống Mỹ Donald Trump".
    let translated = |p: &Chunk| p.pos == Pos::Name && p.en_cased().is_empty();
    if head.pos == Pos::Name
        && head_idx > 0
        && !translated(head)
        && parts[..head_idx]
            .iter()
            .any(|p| p.pos == Pos::Noun || translated(p))
    {
        return format!("{} {}", noun_phrase(&parts[..head_idx]), head.vi);
    }
    // "Arizona Supreme Court" = "Tòa án Tối cao Arizona": the translated head first.
    if translated(head)
        && parts[..head_idx]
            .iter()
            .any(|p| p.pos == Pos::Name && !translated(p))
        && parts[..head_idx].iter().all(|p| {
            (p.pos == Pos::Name && !translated(p)) || (p.pos == Pos::Det && p.vi.is_empty())
        })
    {
        let owners: Vec<&str> = parts[..head_idx]
            .iter()
            .filter(|p| p.pos == Pos::Name)
            .map(|p| p.vi.as_str())
            .collect();
        return format!("{} {}", head.vi, owners.join(" "));
    }
    if parts
        .iter()
        .all(|p| matches!(p.pos, Pos::Name | Pos::Det) && !p.vi.starts_with('~'))
    {
        return parts
            .iter()
            .filter(|p| !p.vi.is_empty())
            .map(|p| p.vi.as_str())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut prefix: Vec<&str> = Vec::new();
    let mut suffix: Vec<&str> = Vec::new();
    let mut modifiers: Vec<&str> = Vec::new();
    let mut adjectives: Vec<&str> = Vec::new();
    // "the Iran nuclear talks" = "các cuộc đàm phán hạt nhân Iran": the name comes last.
    let mut names: Vec<&str> = Vec::new();
    // "Mendes' second Bond film" = "phim Bond thứ 2 của Mendes": the ordinal comes last.
    let mut ordinals: Vec<&str> = Vec::new();
    let mut definite_plural = false;
    let mut has_number = false;
    for p in &parts[..head_idx] {
        match p.pos {
            Pos::Det if p.kind == Kind::Quantity => {
                has_number = true;
                prefix.push(&p.vi);
            }
            Pos::Det => {
                if matches!(p.en.as_str(), "the" | "these" | "those") {
                    definite_plural = true;
                }
                match p.vi.strip_prefix('~') {
                    Some(s) => suffix.push(s),
                    None if !p.vi.is_empty() => prefix.push(&p.vi),
                    None => {}
                }
            }
            Pos::Adj if p.kind == Kind::Ordinal => ordinals.push(&p.vi),
            // "Historical Chinese documents" = "tài liệu lịch sử Trung Quốc".
            Pos::Adj if p.vi.chars().next().is_some_and(char::is_uppercase) => names.push(&p.vi),
            Pos::Adj => adjectives.push(&p.vi),
            Pos::Name => names.push(&p.vi),
            _ => modifiers.push(&p.vi),
        }
    }
    // Counted, some nouns change: "584 ca tử vong", not "584 cái chết".
    let head_vi = match &head.counted {
        Some(c) if has_number => c.as_str(),
        _ => head.vi.as_str(),
    };
    let mut words: Vec<&str> = prefix;
    if definite_plural && head.plural && !has_number && !MASS.contains(&head_vi) {
        // "các người" is not Vietnamese: "những người lao động".
        words.push(if head_vi.starts_with("người ") {
            "những"
        } else {
            "các"
        });
    }
    words.push(head_vi);
    words.extend(modifiers.iter().rev());
    words.extend(adjectives.iter().rev());
    words.extend(names.iter().rev());
    words.extend(ordinals);
    words.extend(suffix);
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

/// Joins words, fixing the spaces around punctuation, and capitalises nothing.
fn finish(words: &[String]) -> String {
    let mut s = String::new();
    for w in words {
        let no_space_before = matches!(w.as_str(), "," | "." | ";" | ":" | ")" | "!" | "?" | "%");
        if !s.is_empty() && !no_space_before && !s.ends_with('(') {
            s.push(' ');
        }
        s.push_str(w);
    }
    s.replace(" - ", " – ").replace(",,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::attribution;

    fn vi(text: &str) -> Result<ViParts, Untranslatable> {
        let g = Glossary::built_in();
        let rules = Rules::new(&g);
        let a = attribution::find(text);
        rules.translate(&Input {
            text,
            attribution: a.as_ref(),
            published: NaiveDate::from_ymd_opt(2025, 6, 6),
        })
    }

    #[test]
    fn a_leading_phrase_or_an_aside_without_figures_may_be_left_out() {
        let g = Glossary::built_in();
        let rules = Rules::new(&g);
        let lean = rules.leaner(
            "Meanwhile, the firm, which makes parts, cut 300 jobs in Europe",
            None,
        );
        assert!(
            lean.contains(&"the firm cut 300 jobs in Europe".to_string()),
            "{lean:?}"
        );
        // An aside with a figure stays; so does a condition.
        let lean = rules.leaner(
            "The country, located 500 miles east, attracts investors",
            None,
        );
        assert!(lean.iter().all(|s| s.contains("500 miles")), "{lean:?}");
        let lean = rules.leaner("If demand holds, the firm will hire 300 workers", None);
        assert!(
            lean.iter().all(|s| s.starts_with("If demand holds")),
            "{lean:?}"
        );
    }

    #[test]
    fn to_is_a_going_only_after_a_verb_of_going() {
        assert!(vi("The workers moved to Birmingham.").is_ok());
        let e = vi("Boren added to the crisis.").unwrap_err();
        assert!(e.0.contains("\"added to\""), "{e}");
    }

    #[test]
    fn sentences_render_as_an_editor_judged_them_or_are_refused() {
        let judged = include_str!("../../tests/fixtures/vietnamese/judged.tsv");
        let mut wrong = Vec::new();
        for line in judged
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (en, want) = line.split_once('\t').expect("english<TAB>vietnamese");
            let got = match vi(en) {
                Ok(p) => p.body,
                Err(_) => "REFUSED".to_string(),
            };
            if got != want {
                wrong.push(format!("{en}\n  want: {want}\n  got:  {got}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn every_missing_word_of_a_sentence_is_named() {
        let e = vi("The zoning board deliberated endlessly.").unwrap_err();
        assert_eq!(
            gaps(&e.0),
            vec![
                "no Vietnamese for \"zoning\"",
                "no Vietnamese for \"board\"",
                "no Vietnamese for \"deliberated\"",
                "no Vietnamese for \"endlessly\""
            ]
        );
    }

    #[test]
    fn a_trailing_clause_without_figures_may_be_left_out_but_never_a_condition() {
        assert_eq!(
            shorter("The firm cut 300 jobs, citing weak demand in Europe", None),
            vec!["The firm cut 300 jobs"]
        );
        assert!(shorter("The firm will cut 300 jobs, unless demand recovers", None).is_empty());
        assert!(shorter("The firm cut jobs, citing 300 lost orders", None).is_empty());
        assert!(shorter("It leads in AI, space, and energy", None).is_empty());
    }

    #[test]
    fn it_after_a_country_is_that_country() {
        let p = vi("While China largely trailed the US in all key technology fields, it remained competitive and was steadily narrowing the gap, the report found.").unwrap();
        assert!(p.body.contains("nước này vẫn cạnh tranh"), "{}", p.body);
    }

    #[test]
    fn a_title_is_translated_or_refused_never_kept_in_english() {
        let p = vi("US President Donald Trump has drastically cut research funding across numerous fields, including biomedicine, space and climate.").unwrap();
        assert!(
            p.body.starts_with("Tổng thống Mỹ Donald Trump"),
            "{}",
            p.body
        );
        let e = vi("Fisheries Minister Jane Roe cut funding.").unwrap_err();
        assert!(e.0.contains("Minister") || e.0.contains("Fisheries"), "{e}");
        let p = vi("Interior Minister Jane Roe cut funding.").unwrap();
        assert!(
            p.body.starts_with("bộ trưởng Nội vụ Jane Roe"),
            "{}",
            p.body
        );
    }

    #[test]
    fn a_spokesman_for_an_organisation_comes_before_it() {
        let p =
            vi("A spokeswoman for the airline said the flight was cancelled on Monday.").unwrap();
        assert_eq!(
            p.source.as_deref(),
            Some("người phát ngôn của hãng hàng không")
        );
        let p = vi("The head of the agency said the plan was cancelled on Monday.").unwrap();
        assert_eq!(p.source.as_deref(), Some("người đứng đầu của cơ quan"));
    }

    #[test]
    fn renders_a_ratio_claim_with_its_source() {
        let p = vi("According to the Australian think tank tracker, China led in 57 of 64 technologies from 2019 to 2023.").unwrap();
        assert_eq!(p.cue.as_deref(), Some("theo"));
        assert_eq!(
            p.body,
            "Trung Quốc dẫn đầu về 57/64 công nghệ trong giai đoạn 2019–2023"
        );
        assert_eq!(
            p.source.as_deref(),
            Some("công cụ theo dõi viện nghiên cứu Úc")
        );
    }

    #[test]
    fn renders_a_dated_report_as_its_source() {
        let p = vi("The United States continued to lead China in critical technologies, according to a report released on Thursday by Harvard University.").unwrap();
        assert_eq!(
            p.source.as_deref(),
            Some("báo cáo ngày 5/6/2025 của ĐH Harvard")
        );
        assert_eq!(
            p.body,
            "Mỹ tiếp tục dẫn đầu Trung Quốc trong công nghệ trọng yếu"
        );
    }

    #[test]
    fn refuses_a_sentence_with_a_word_it_does_not_know() {
        let e = vi("The zoning board deliberated endlessly.").unwrap_err();
        assert!(e.0.contains("no Vietnamese for"), "{e}");
        assert!(vi("“We will win,” he said.").is_err());
    }

    #[test]
    fn puts_the_owner_after_the_thing_owned() {
        let g = Glossary::built_in();
        let r = Rules::new(&g);
        assert_eq!(
            r.phrase("China's recent progress", None).unwrap(),
            "tiến bộ gần đây của Trung Quốc"
        );
    }
}
