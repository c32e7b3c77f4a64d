//! Assistance requests: what someone asks for (`The key ask from Municipal Director
//! Leyzaola was for equipment primarily vests and armored cars and training in
//! professionalism and leadership`), split into items by the item terms of the vocabulary,
//! with who asked and a category.

use super::text::{sentences, tokens, Token};
use super::vocab::Vocab;

/// One requested item, before it is dated.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub requester: Option<String>,
    pub item: String,
    pub category: String,
    pub sentence: String,
    /// Byte offset in the paragraph, to date it by what the text said before.
    pub offset: usize,
}

/// Words that begin a new item in a run-on list (`some technology lots of intelligence
/// sharing limited equipment`).
const QUANTIFIERS: &[&str] = &[
    "some",
    "lots",
    "limited",
    "more",
    "better",
    "additional",
    "a",
    "an",
    "increased",
    "greater",
    "further",
    "new",
];
/// Words that end an item: what follows is a comment on the request, not the thing asked
/// for. (A purpose, `to facilitate patrols`, stays: it often says what the thing is.)
const ITEM_STOPS: &[&[&str]] = &[
    &["rather", "than"],
    &["stating"],
    &["because"],
    &["but"],
    &["noting"],
    &["saying"],
    &["although"],
    &["while"],
    &["whereas"],
    &["however"],
];
/// After `asked`, a question, not a request.
const QUESTION_WORDS: &[&str] = &[
    "what", "whether", "if", "how", "why", "when", "where", "who", "about", "which",
];
const MAX_ITEM_WORDS: usize = 16;

fn phrase_at(toks: &[Token], i: usize, phrase: &[String]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.lower == *w))
}

fn item_term_at(vocab: &Vocab, toks: &[Token], i: usize) -> Option<(usize, String)> {
    // Candidates share the first word; the list keeps the longest first.
    vocab
        .items_by_first
        .get(toks[i].lower.as_ref())?
        .iter()
        .map(|&k| &vocab.items[k])
        .find(|(words, _)| phrase_at(toks, i, words))
        .map(|(words, cat)| (words.len(), cat.clone()))
}

/// The requests of one paragraph.
pub fn requests(vocab: &Vocab, text: &str, flat: bool) -> Vec<Item> {
    let mut out = Vec::new();
    if !vocab.mentions_request(text) {
        return out;
    }
    for sentence in sentences(text, flat) {
        let s = &text[sentence.clone()];
        if !vocab.mentions_request(s) {
            continue;
        }
        // `Why are health workers asking for money?` asks nothing of anyone.
        if s.trim_end()
            .trim_end_matches(['"', '”', '\'', '’', ')'])
            .ends_with('?')
        {
            continue;
        }
        let toks = tokens(s);
        // Every trigger in the sentence; each object runs to the next one.
        let mut triggers: Vec<(usize, usize)> = Vec::new(); // (start, end exclusive)
        let mut i = 0;
        while i < toks.len() {
            if let Some(p) = vocab
                .request_phrases
                .iter()
                .find(|p| phrase_at(&toks, i, p))
            {
                triggers.push((i, i + p.len()));
                i += p.len();
            } else {
                i += 1;
            }
        }
        for (n, &(start, end)) in triggers.iter().enumerate() {
            let limit = triggers
                .get(n + 1)
                .map(|t| requester_start(&toks, t.0))
                .unwrap_or(toks.len());
            let Some(object_start) = object_start(vocab, &toks, start, end, limit) else {
                continue;
            };
            // A question (`asking for money?`) asks nothing of anyone.
            if (end..limit)
                .find(|&k| is_break(&toks[k]))
                .is_some_and(|k| toks[k].text == "?")
            {
                continue;
            }
            let requester = requester(&toks, start);
            let quote = if flat {
                let a = toks[requester_start(&toks, start)].range.start;
                let b = toks[limit.saturating_sub(1).max(object_start)].range.end;
                squash(&s[a..b])
            } else {
                squash(s)
            };
            let items = split_items(vocab, &toks, object_start, limit);
            let tail = shared_tail(&toks, &items);
            for (n, &(a, b, ref category)) in items.iter().enumerate() {
                let mut item = squash(&s[toks[a].range.start..toks[b - 1].range.end]);
                if let Some(t) = tail.filter(|_| n + 1 < items.len() && b - a <= 3) {
                    item = format!(
                        "{item} {}",
                        squash(
                            &s[toks[t].range.start..toks[items[items.len() - 1].1 - 1].range.end]
                        )
                    );
                }
                let item = item
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string();
                if item.is_empty() {
                    continue;
                }
                out.push(Item {
                    requester: requester.clone(),
                    item,
                    category: category.clone(),
                    sentence: quote.clone(),
                    offset: sentence.start + toks[a].range.start,
                });
            }
        }
    }
    out
}

/// Where the object of a trigger begins: right after it, or after the `for` / `to` of
/// `asked Governor Schwarzenegger ... to share`, never after a question word.
fn object_start(
    vocab: &Vocab,
    toks: &[Token],
    start: usize,
    end: usize,
    limit: usize,
) -> Option<usize> {
    let head = toks[start].lower.as_ref();
    let bare_verb = matches!(head, "asked" | "asks" | "ask" | "asking") && end - start == 1;
    let mut k = end;
    if bare_verb {
        // `asked X for Y`, `asked X to do Y`
        let mut found = None;
        for j in end..(end + 10).min(limit) {
            let w = toks[j].lower.as_ref();
            if QUESTION_WORDS.contains(&w) {
                return None;
            }
            if w == "for" {
                found = Some(j + 1);
                break;
            }
            // `asked X to share`: a request only with a verb of giving or doing for the asker.
            if w == "to" {
                if !toks
                    .get(j + 1)
                    .is_some_and(|v| vocab.object_verbs.contains(v.lower.as_ref()))
                {
                    return None;
                }
                found = Some(j + 1);
                break;
            }
        }
        k = found?;
    } else if toks
        .get(k)
        .is_some_and(|t| QUESTION_WORDS.contains(&t.lower.as_ref()))
    {
        return None;
    }
    // `The key ask ... was for`, `requests from officials ... for`
    if head == "key"
        || (head.starts_with("request") && toks.get(end - 1).is_some_and(|t| t.lower == "from"))
    {
        let j = (k..(k + 12).min(limit)).find(|&j| toks[j].lower == "for")?;
        k = j + 1;
    }
    (k < limit).then_some(k)
}

/// The token where the requester's words begin, before the trigger: the capitalized words
/// that open its clause (`He suggested`, `The Mexican delegation specifically requested`),
/// looking back at most six words.
fn requester_start(toks: &[Token], trigger: usize) -> usize {
    let capital = |t: &Token| t.text.chars().next().is_some_and(|c| c.is_uppercase());
    let lo = trigger.saturating_sub(6);
    let mut k = trigger;
    while k > lo && !matches!(toks[k - 1].text, "." | ";" | "--" | ":" | "?" | "!") {
        k -= 1;
    }
    // In text without punctuation, the clause opens at the nearest capitalized word.
    match (k..trigger).rev().find(|&j| capital(&toks[j])) {
        Some(mut j) => {
            while j > k && capital(&toks[j - 1]) {
                j -= 1;
            }
            j
        }
        None => k,
    }
}

/// Who asked: the words before the trigger, without auxiliaries (`The key ask from
/// Municipal Director Leyzaola was for` -> `Municipal Director Leyzaola`).
fn requester(toks: &[Token], trigger: usize) -> Option<String> {
    let head = toks[trigger].lower.as_ref();
    if head == "key" || head.starts_with("request") {
        // The asker is named after `from`.
        let from = (trigger..(trigger + 4).min(toks.len())).find(|&j| toks[j].lower == "from")?;
        let words: Vec<&str> = toks[from + 1..(from + 6).min(toks.len())]
            .iter()
            .take_while(|t| !matches!(t.lower.as_ref(), "was" | "is" | "were" | "for" | "to"))
            .map(|t| t.text)
            .collect();
        return (!words.is_empty()).then(|| words.join(" "));
    }
    const SKIP: &[&str] = &[
        "had",
        "has",
        "have",
        "was",
        "were",
        "also",
        "then",
        "specifically",
        "finally",
        "repeatedly",
        "he",
        "noted",
        "believe",
        "they",
        "where",
        "that",
        "the",
        "would",
        "will",
    ];
    let start = requester_start(toks, trigger);
    let words: Vec<&str> = toks[start..trigger]
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphanumeric))
        .map(|t| t.text)
        .collect();
    let trimmed: Vec<&str> = words
        .iter()
        .rev()
        .skip_while(|w| SKIP.contains(&w.to_lowercase().as_str()))
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let name: Vec<&str> = trimmed
        .iter()
        .rev()
        .take_while(|w| {
            !SKIP.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(|c| c.is_uppercase())
        })
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // A clause fragment (`BUT IT'S JUST A BREATHER AND`) names nobody.
    const NOT_A_NAME: &[&str] = &[
        "and", "but", "or", "it's", "just", "if", "not", "clear", "which", "who", "what", "why",
        "how",
    ];
    if name
        .iter()
        .any(|w| NOT_A_NAME.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    if name.is_empty() {
        // A pronoun is still who asked.
        let pronoun = words
            .iter()
            .rev()
            .find(|w| matches!(w.to_lowercase().as_str(), "he" | "she" | "they" | "we"));
        return pronoun.map(|p| p.to_string());
    }
    Some(name.join(" "))
}

/// Split the object into items. Each item term starts an item, unless it continues the one
/// before in the same category (`equipment armored cars ballistic vests`, `an extension of a
/// 16-member security support team`); a new item starts at the list word before its term
/// (`and`, `some`, `lots of`, `more`). The list ends at a break (`--`), a heading run into the
/// text, a long stretch without any item, or a comment (`stating that ...`) with no further
/// item joined by `and`.
fn split_items(
    vocab: &Vocab,
    toks: &[Token],
    from: usize,
    to: usize,
) -> Vec<(usize, usize, String)> {
    let mut terms: Vec<(usize, usize, String)> = Vec::new(); // (start, len, category)
    let mut list_end = to;
    let mut i = from;
    while i < to {
        if is_break(&toks[i]) || caps_run(toks, i, to) {
            list_end = i;
            break;
        }
        if let Some(last) = terms.last() {
            if i - (last.0 + last.1) > MAX_GAP {
                list_end = last.0 + last.1 + MAX_GAP;
                break;
            }
            if comment_at(toks, i) && !and_item_follows(vocab, toks, i, to) {
                list_end = i;
                break;
            }
        }
        if let Some((len, cat)) = item_term_at(vocab, toks, i) {
            terms.push((i, len, cat));
            i += len;
        } else {
            i += 1;
        }
    }
    let mut items: Vec<(usize, usize, String)> = Vec::new(); // (start, end, category)
    let mut prev_end = from;
    for (start, len, cat) in terms {
        let continues = items.last().is_some_and(|(_, _, c)| {
            *c == cat && (start - prev_end <= 3 || !quantifier_between(toks, prev_end, start))
        });
        if continues {
            items.last_mut().unwrap().1 = start + len;
        } else {
            let item_start = boundary_before(toks, prev_end, start);
            if let Some(last) = items.last_mut() {
                last.1 = item_start;
            }
            items.push((item_start, start + len, cat));
        }
        prev_end = start + len;
    }
    // The last item takes the words after its term, to the end of the list.
    if let Some(last) = items.last_mut() {
        last.1 = list_end.min(last.1 + 12).max(last.1);
    }
    for item in &mut items {
        if let Some(stop) = (item.0 + 1..item.1).find(|&k| comment_at(toks, k)) {
            item.1 = stop;
        }
        item.1 = item.1.min(item.0 + MAX_ITEM_WORDS);
        let list_word = |t: &Token| {
            matches!(
                t.lower.as_ref(),
                "and" | "or" | "for" | "plus" | "as" | "well" | "to"
            )
        };
        while item.0 + 1 < item.1 && list_word(&toks[item.0]) {
            item.0 += 1;
        }
        while item.1 > item.0 + 1 && list_word(&toks[item.1 - 1]) {
            item.1 -= 1;
        }
    }
    // `help`, `USG assistance`: a bare appeal names nothing asked for.
    items.retain(|(a, b, cat)| {
        a < b
            && !(cat == "support"
                && b - a <= 3
                && (*a..*b).all(|k| {
                    GENERIC.contains(&toks[k].lower.as_ref())
                        || toks[k].text.chars().all(|c| c.is_uppercase())
                        || matches!(toks[k].lower.as_ref(), "our" | "your" | "some" | "more")
                }))
    });
    items
}

/// `more guards and safety upgrades to the diplomatic mission`: the last item's `to the ...`
/// belongs to the short items before it too.
fn shared_tail(toks: &[Token], items: &[(usize, usize, String)]) -> Option<usize> {
    let (a, b, _) = items.last()?;
    if items.len() < 2 {
        return None;
    }
    (a + 1..b.saturating_sub(1)).find(|&k| {
        matches!(toks[k].lower.as_ref(), "to" | "for" | "at") && toks[k + 1].lower == "the"
    })
}

/// Words that say only that help is wanted.
const GENERIC: &[&str] = &["support", "help", "assistance", "aid"];
/// The most words between two items of one list.
const MAX_GAP: usize = 14;

fn is_break(t: &Token) -> bool {
    matches!(t.text, "--" | "." | ";" | "?" | "!")
}

/// A comment on the request, not part of it: `stating that`, `noting`, `although`.
fn comment_at(toks: &[Token], k: usize) -> bool {
    ITEM_STOPS.iter().any(|s| {
        s.iter()
            .enumerate()
            .all(|(j, w)| toks.get(k + j).is_some_and(|t| t.lower == *w))
    })
}

/// `... rather than how to do operations and support to vetting processes`: the list goes on.
fn and_item_follows(vocab: &Vocab, toks: &[Token], k: usize, to: usize) -> bool {
    (k + 1..(k + 10).min(to)).any(|j| {
        toks[j].lower == "and"
            && (j + 1..(j + 3).min(to)).any(|m| item_term_at(vocab, toks, m).is_some())
    })
}

/// A list word that starts a new item of the same kind (`a more robust presence and better
/// equipment`); an article alone does not (`an extension of a 16-member team`).
fn quantifier_between(toks: &[Token], a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        let w = toks[k].lower.as_ref();
        QUANTIFIERS.contains(&w) && w != "a" && w != "an"
    })
}

/// Where the item holding the term at `term` begins: at the last list word between the
/// previous item and the term.
fn boundary_before(toks: &[Token], prev_end: usize, term: usize) -> usize {
    let mut k = term;
    while k > prev_end {
        let w = toks[k - 1].lower.as_ref();
        if QUANTIFIERS.contains(&w) {
            // `lots of`: the item starts at `lots`.
            return k - 1;
        }
        if matches!(w, "and" | "plus" | "," | "for") {
            return k;
        }
        if w == "of" && k >= 2 && toks[k - 2].lower == "lots" {
            return k - 2;
        }
        k -= 1;
    }
    if term - prev_end <= 3 {
        prev_end
    } else {
        term
    }
}

/// Three or more words in capitals in mixed-case text: a section heading the stripping ran
/// into the paragraph.
fn caps_run(toks: &[Token], i: usize, to: usize) -> bool {
    let caps = |t: &Token| {
        t.text.len() > 1
            && t.text.chars().any(|c| c.is_alphabetic())
            && !t.text.chars().any(|c| c.is_lowercase())
    };
    let run = toks[i..to.min(i + 3)]
        .iter()
        .take_while(|t| caps(t))
        .count();
    run >= 3
        && toks
            .iter()
            .any(|t| t.text.chars().any(|c| c.is_lowercase()))
        && i > 0
        && !caps(&toks[i - 1])
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<String> {
        requests(&Vocab::builtin(), text, super::super::text::stripped(text))
            .into_iter()
            .map(|i| i.item)
            .collect()
    }

    #[test]
    fn run_on_list_of_the_seed() {
        let p1 = "--Assistance requests modest Mexican interlocutors identified discrete areas where they believe the USG can help some technology lots of intelligence sharing limited equipment armored cars ballistic vests training aimed at managing police forces rather than how to do operations and support to vetting processes State and local -- State and local forces are critical";
        let got = items(p1);
        assert_eq!(got.len(), 5, "{got:#?}");
        assert!(got[0].contains("technology"));
        assert!(got[1].contains("intelligence sharing"));
        assert!(got[2].contains("armored cars") && got[2].contains("ballistic vests"));
        assert!(got[3].starts_with("training aimed at managing police forces"));
        assert!(got[4].contains("support to vetting processes"));
    }

    #[test]
    fn key_ask_and_requester() {
        let r = requests(&Vocab::builtin(), "The key ask from Municipal Dirctor Leyzaola was for equipment primarily vests and armored cars and training in professionalism and leadership.", false);
        let got: Vec<&str> = r.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(
            got,
            [
                "equipment primarily vests and armored cars",
                "training in professionalism and leadership"
            ]
        );
        assert_eq!(
            r[0].requester.as_deref(),
            Some("Municipal Dirctor Leyzaola")
        );
    }

    #[test]
    fn questions_are_not_requests() {
        assert!(items(
            "TALBOTT ASKED WHAT STEPS THE GOVERNMENT WOULD TAKE TO SUPPORT THE ELECTION."
        )
        .is_empty());
    }
}
