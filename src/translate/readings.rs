//! Readings that depend on the next or previous chunk, settled before assembly ([`settle`]):
//! "her", "this", "that", "there is", the deferred words resolved, and what is still unsure
//! refused.

use super::Untranslatable;
use super::chunk::{Chunk, Kind};
use super::words::{DEFERRED, MEDIA};
use crate::glossary::{Pos, Tag, Tags};

/// Settles the readings that depend on the neighbours, then refuses a reading that cannot be
/// trusted or a deferred word ("as", "up") none of them settled, and sets a time opener off by
/// a comma, as Vietnamese writes it: "Năm 2025, ...".
pub(super) fn settle(chunks: &mut Vec<Chunk>) -> Result<(), Untranslatable> {
    resolve_readings(chunks);
    if let Some(why) = chunks.iter().find_map(|c| c.unsure.clone()) {
        return Err(Untranslatable(why));
    }
    if let Some(c) = chunks
        .iter()
        .find(|c| DEFERRED.contains(&c.en.as_str()) && c.vi == c.en)
    {
        return Err(Untranslatable(format!("no Vietnamese for \"{}\"", c.en)));
    }
    if chunks.first().is_some_and(|c| c.kind == Kind::Date)
        && chunks.get(1).is_some_and(|c| c.kind != Kind::Punct)
    {
        chunks.insert(1, Chunk::new(",", Pos::Conj, Kind::Punct));
    }
    Ok(())
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
        // "the woman from Kabul" comes from there; "planes from Airbus" do not.
        let person_before = i.checked_sub(1).is_some_and(|p| chunks[p].has(Tag::Person));
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
            // "cases reported" are recorded, not news told.
            let vi = if chunks[i].has(Tag::Report) {
                "ghi nhận".to_string()
            } else {
                chunks[i].vi.clone()
            };
            chunks[i].vi = format!("được {vi}");
            // A state reported, not a going: "for" after it is not a purpose; nor is it the
            // verb's own sense any more ("được tăng" is no rise).
            chunks[i].tags = chunks[i].tags.without(Tag::Motion).without_senses();
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
        let causes = chunks[i].has(Tag::Cause)
            && chunks[i + 1..]
                .iter()
                .take_while(|n| n.kind != Kind::Punct)
                .any(|n| n.en == "to" && n.vi.is_empty());
        // "when they move" = "khi họ chuyển đi".
        let moves_alone = chunks[i].pos == Pos::Verb
            && chunks[i].has(Tag::Relocate)
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
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[0].kind == Kind::Quantity && w[1].has(Tag::Period));
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
            "on" if on_media => {
                c.vi = "trên".into();
                c.tags = c.tags.without(Tag::Topic);
            }
            // "remains the main area" = "vẫn là lĩnh vực chính".
            "remain" | "remains" | "remained"
                if c.pos == Pos::Verb && matches!(next, Some((Pos::Det | Pos::Noun, _))) =>
            {
                c.vi = format!("{} là", c.vi)
            }
            "for" if for_period => c.vi = "trong".into(),
            _ if causes => {
                c.vi = "khiến".into();
                c.tags = c.tags.without(Tag::Cause);
            }
            // Nothing follows it: no "to" or "for" of a destination.
            _ if moves_alone => {
                c.vi = "chuyển đi".into();
                c.tags = c.tags.without(Tag::Motion).without(Tag::Relocate);
            }
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
                && c.has(Tag::Win)
                && !matches!(next, Some((Pos::Noun | Pos::Det | Pos::Adj | Pos::Name, _)))
                && !matches!(next, Some((_, Kind::Quantity | Kind::Value))) =>
            {
                c.vi = "thắng".into();
                c.tags = c.tags.without(Tag::Win);
            }
            // "Jones, who did not win" = "Jones, người không giành".
            "who" if c.pos == Pos::Rel && comma_before => c.vi = "người".into(),
            // "the member of the movement" = "thành viên của phong trào".
            "of" if prev == Some(Pos::Noun) && the_next => c.vi = "của".into(),
            // "the woman from Kabul" = "người phụ nữ đến từ Kabul".
            "from"
                if prev == Some(Pos::Noun)
                    && person_before
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
                // A rise or a fall, as the verbs "tăng" and "giảm" are.
                let change = if c.en == "up" { Tag::Rise } else { Tag::Fall };
                c.tags = Tags::default()
                    .with(Tag::Motion)
                    .with(change)
                    .with(Tag::Ambiguous);
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
