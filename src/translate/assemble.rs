//! Chunks to Vietnamese words: noun phrases head first, owners after the thing owned, copula,
//! tense and passive markers placed the Vietnamese way, and the words joined into a sentence.

use super::Untranslatable;
use super::chunk::{Chunk, Kind};
use super::source::ORGANISATIONS;
use super::words::ISSUED;
use crate::glossary::{Pos, Tag};

/// The chunks as a Vietnamese sentence: in Vietnamese order, joined; refused when a word would
/// come out twice in a row.
pub(super) fn sentence(chunks: Vec<Chunk>) -> Result<String, Untranslatable> {
    let words = order(chunks);
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

/// Reorders noun phrases head-first and resolves the copula and auxiliaries.
fn order(chunks: Vec<Chunk>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut pending_owner: Option<String> = None;
    let mut after_verb: Option<String> = None;
    while i < chunks.len() {
        let c = &chunks[i];
        if c.is_np_part() {
            let mut j = i;
            while j < chunks.len() && chunks[j].is_np_part() {
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
                && !chunks[end - 1].has(Tag::Mass)
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
                    Some(Pos::Adj) if next.is_some_and(|n| n.has(Tag::Nominal)) => {
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
                if !chunks[i + 1].has(Tag::Perfect) {
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
                    && chunks[i - 1].has(Tag::Place)
                    && chunks.get(i + 1).is_some_and(|n| n.pos == Pos::Name);
                // "the delivery of the aircraft" = "việc vận chuyển máy bay": what an action
                // noun acts on follows it, not as its owner.
                let acted_on = i > 0 && chunks[i - 1].vi.starts_with("việc ");
                if !place_name
                    && !acted_on
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
                    && !c.has(Tag::Intransitive)
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
            adv.has(Tag::BeforeProgressive).then_some("đang")
        }
        Pos::Be if adv.vi.starts_with('>') => None,
        Pos::Be => match next.pos {
            Pos::Verb if next.adverse => Some("bị"),
            Pos::Verb => Some("được"),
            Pos::Noun | Pos::Name | Pos::Det => Some("là"),
            _ => None,
        },
        Pos::Aux if c.vi == "sẽ" && adv.has(Tag::BeforeFuture) => Some("sẽ"),
        _ => None,
    }
}

fn push_word(out: &mut Vec<String>, c: &Chunk) {
    let v = c.vi.trim_start_matches(['~', '>']);
    if !v.is_empty() {
        out.push(v.to_string());
    }
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
    let mut worth: Option<String> = None;
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
            // "a $5 billion plan" = "kế hoạch trị giá 5 tỷ USD".
            Pos::Noun
                if p.kind == Kind::Value
                    && p.en.starts_with(['$', '£', '€', '¥'])
                    && matches!(parts[0].en.as_str(), "a" | "an") =>
            {
                worth = Some(format!("trị giá {}", p.vi))
            }
            _ => modifiers.push(&p.vi),
        }
    }
    // Counted, some nouns change: "584 ca tử vong", not "584 cái chết".
    let head_vi = match &head.counted {
        Some(c) if has_number => c.as_str(),
        _ => head.vi.as_str(),
    };
    let mut words: Vec<&str> = prefix;
    // "after weeks of criticism" = "sau nhiều tuần chỉ trích", "for years" = "trong nhiều năm".
    if matches!(
        head.en.as_str(),
        "hours" | "days" | "weeks" | "months" | "years" | "decades"
    ) && !parts[..head_idx].iter().any(|p| p.pos == Pos::Det)
    {
        words.push("nhiều");
    }
    if definite_plural && head.plural && !has_number && !head.has(Tag::Mass) {
        // "các người" is not Vietnamese: "những người lao động".
        words.push(if head_vi.starts_with("người ") {
            "những"
        } else {
            "các"
        });
    }
    words.push(head_vi);
    // "the agency report" = "báo cáo của cơ quan": what a body issues is its own; bare, the
    // Vietnamese reads as a verb and its object ("báo cáo cơ quan", "theo dõi viện").
    if ISSUED.contains(&head.en.as_str())
        && parts[..head_idx]
            .iter()
            .any(|p| p.pos == Pos::Noun && ORGANISATIONS.contains(&p.en.as_str()))
    {
        words.push("của");
    }
    words.extend(modifiers.iter().rev());
    words.extend(adjectives.iter().rev());
    words.extend(worth.as_deref());
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
