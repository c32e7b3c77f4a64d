//! Violence figures: a number of people harmed by violence, or of violent events, that the
//! text states as fact (FACTS.md): `40 police had died`, `killing 16 civilians, including 9
//! children`, `three car bombs exploded`, `Tijuana's share of Mexico's total killings dropping
//! from 11 % to 4%`. Each number is its own figure, with its class (killed, injured,
//! kidnapped, casualties, attacks), who was harmed, the place and period the sentence or its
//! paragraph gives, and how sure the rule is.
//!
//! The terms and the words that rule a figure out are data (`violence_terms.csv`,
//! `violence_context.csv`); what is here is how a number is tied to a term in a sentence.

use super::text::{has_number, number_at, sentences, tokens, Number, Token, WEEKDAYS};
use super::vocab::{TermForm, ViolenceTerm, Vocab};
use crate::model::ViolenceFigure;

/// Words after a number that make it something else: a duration, an age, money, a size.
const NOT_A_COUNT_AFTER: &[&str] = &[
    "year",
    "years",
    "year-old",
    "years-old",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "million",
    "billion",
    "dollars",
    "usd",
    "pesos",
    "euros",
    // Other currencies the releases count in (`payments of 2,000 Dinars ... to the families
    // of fighters who were killed or wounded`).
    "dinars",
    "dinar",
    "pounds",
    "riyals",
    "rials",
    "rupees",
    "shekels",
    "yuan",
    "francs",
    "yen",
    "lira",
    "liras",
    "km",
    "kilometers",
    "miles",
    "meters",
    "kilos",
    "kilograms",
    "tons",
    "pm",
    "am",
    "o'clock",
    "o’clock",
    "cars",
    "vehicles",
    "member",
    "members",
    "page",
    "pages",
    // `90,000 records of incidents`: a count of papers about the harm.
    "records",
    "documents",
    "files",
    "cables",
    "reports",
    "articles",
    "photos",
    "photographs",
    "videos",
    "emails",
    "seats",
    "votes",
    "degrees",
    "times",
    "th",
    "st",
    "nd",
    "rd",
    "percentage",
    "points",
    "per",
];
/// Words before a number that make it a reference, a rank or a name, not a count.
const NOT_A_COUNT_BEFORE: &[&str] = &[
    "para",
    "paras",
    "paragraph",
    "paragraphs",
    "ref",
    "reftel",
    "no",
    "number",
    "page",
    "pages",
    "section",
    "article",
    "resolution",
    "telegram",
    "cable",
    "chapter",
    "route",
    "highway",
    "aged",
    "age",
    "ages",
    "$",
    "usd",
    "flight",
    "room",
    "apartment",
    "unit",
    "code",
    "phase",
    "version",
    "tab",
    "annex",
    "item",
    "point",
    "grade",
    "level",
    "category",
    "class",
    "top",
    "g",
    "p",
    "past",
    "half",
    "quarter",
];
/// Words that may stand between a term and the number it is said of (`killing at least 62`,
/// `killed along with seven hostages`, `death toll rose to 45`).
const QUALIFIERS: &[&str] = &[
    "at",
    "least",
    "more",
    "than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "up",
    "to",
    "another",
    "an",
    "estimated",
    "roughly",
    "approximately",
    "as",
    "many",
    "along",
    "with",
    "including",
    "of",
    "whom",
    "a",
    "total",
    "only",
    "just",
    "still",
    "further",
    "additional",
    "the",
    "reportedly",
    "fewer",
    "less",
    "under",
    "perhaps",
    "possibly",
    "well",
    "still",
    "by",
    "roughly",
    "nearly",
    "upwards",
];
/// Words that tie a counted noun to its number: `the death toll rose to 45`, `killings
/// dropping from 11 %`, `casualties numbered 300`.
const LINKS: &[&str] = &[
    "toll",
    "tolls",
    "rose",
    "risen",
    "climbed",
    "reached",
    "stood",
    "hit",
    "totaled",
    "totalled",
    "numbered",
    "dropping",
    "dropped",
    "fell",
    "falling",
    "increased",
    "decreased",
    "declined",
    "grew",
    "jumped",
    "was",
    "were",
    "is",
    "are",
    "from",
    "number",
    "figure",
    "count",
    "tally",
    "share",
    "exceeded",
    "surpassed",
    "topped",
];
/// Words that say a number moved (`dropping from 11 % to 4%`): the two ends are two figures,
/// not a range.
const CHANGES: &[&str] = &[
    "dropping",
    "dropped",
    "drop",
    "fell",
    "falling",
    "fall",
    "rose",
    "rising",
    "rise",
    "risen",
    "increased",
    "increasing",
    "increase",
    "decreased",
    "decreasing",
    "decrease",
    "declined",
    "declining",
    "decline",
    "grew",
    "growing",
    "jumped",
    "doubled",
    "up",
    "down",
    "climbed",
];
/// Participles that describe the people counted rather than do something to them (`relief
/// workers associated with the Red Crescent were kidnapped`, `13 people reportedly killed`);
/// any other `-ed` word between a number and a term is a verb of its own (`2,000 troops
/// deployed to ...`), and the number is not the term's.
const DESCRIPTIVE_PARTICIPLES: &[&str] = &[
    "armed",
    "unarmed",
    "alleged",
    "reported",
    "suspected",
    "estimated",
    "confirmed",
    "associated",
    "unidentified",
    "identified",
    "masked",
    "based",
    "related",
    "affiliated",
    "linked",
    "backed",
    "united",
    "believed",
    "feared",
    "presumed",
    "said",
    "sustained",
    "suffered",
    "received",
    "stationed",
    "posted",
    "assigned",
    "deployed",
    "unnamed",
    "named",
    "uniformed",
    "beaten",
    "stoned",
    "hacked",
    "burned",
    "tortured",
    "shot",
    "stabbed",
    "gunned",
    "hanged",
    "strangled",
    "bombed",
    "ambushed",
    "attacked",
    "targeted",
    "caught",
    "trapped",
    "injured",
    "wounded",
    "seriously",
    "critically",
    "badly",
    "slightly",
    "fatally",
];
/// Modal and intention words that make what follows a hypothesis or forecast (`could kill
/// thousands`, `2,000 pregnant mothers will die`, `threatened to kill`).
const HYPOTHETICAL: &[&str] = &[
    "could",
    "would",
    "might",
    "may",
    "will",
    "can",
    "should",
    "shall",
    "must",
    "threatened",
    "threatens",
    "threatening",
    "threaten",
    "plans",
    "planned",
    "planning",
    "plotted",
    "plotting",
    "vowed",
    "tried",
    "attempted",
    "intended",
    "expected",
    "if",
    "unless",
    "risk",
    "risks",
    "wants",
    "want",
];
/// Words that may stand between a modal and its verb (`could also be killed`).
const MODAL_FILLERS: &[&str] = &[
    "be",
    "been",
    "have",
    "not",
    "also",
    "still",
    "all",
    "only",
    "likely",
    "possibly",
    "easily",
    "eventually",
    "soon",
    "then",
    "to",
    "further",
    "more",
    "even",
    "get",
    "end",
    "up",
];
/// Verbs a hypothesis causes a counted harm with (`could cause 100 deaths`).
const CAUSES: &[&str] = &[
    "cause", "leave", "result", "lead", "mean", "bring", "see", "kill", "claim",
];
/// Who a figure counts, when the text does not name them more closely.
const GENERIC_VICTIMS: &[&str] = &["people", "persons", "others", "individuals", "more"];
/// Words that never open a victim's name (`killing two of ...`).
const VICTIM_SKIP: &[&str] = &[
    "of", "the", "their", "his", "her", "its", "our", "other", "those", "these", "them", "were",
    "was", "are", "is", "had", "have", "has", "been", "being", "be", "who", "that", "which", "and",
    "or", "at", "least", "in", "on", "by", "as",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
/// Context words that name who reports or suffers a harm, not violence itself.
const REPORTERS_OF_HARM: &[&str] = &[
    "police",
    "policemen",
    "officers",
    "security",
    "military",
    "troops",
    "soldiers",
    "civilians",
    "civilian",
];
/// How sure a rule is. The report shows 0.5 and above by default.
const DIRECT: f64 = 0.95; // `killing at least 62`, `13 policemen were killed`
const CLOSE: f64 = 0.9; // `two security guards at the entrance were killed`
const LISTED: f64 = 0.85; // `16 civilians, including 9 children`: the term of the figure before
const LINKED: f64 = 0.8; // `the death toll rose to 45`
const FAR: f64 = 0.7; // a long stretch between the number and its term
const WEAK: f64 = 0.6; // `23 hostages` with no verb: taken hostage

fn is_break(t: &Token) -> bool {
    matches!(t.text, ";" | "." | "?" | "!" | "--" | ":")
}

fn is_word(t: &Token, words: &[&str]) -> bool {
    words.contains(&t.lower.as_ref())
}

/// How a number is tied to a violence term.
#[derive(Debug, Clone)]
struct Binding {
    /// The token of the term.
    term_at: usize,
    class: String,
    /// The term's own word, for the measure of a counted noun (`bombs`).
    term: String,
    form: TermForm,
    needs_context: bool,
    /// Who the figure counts, as the text names them.
    victim: Option<String>,
    score: f64,
}

/// A figure read in the current sentence, for the numbers after it to share its term.
struct Read {
    last: usize,
    binding: Binding,
}

/// The violence figures of one paragraph. Only a sentence that mentions violence holds one,
/// so a caller may skip the paragraphs `Vocab::mentions_violence` says nothing of.
///
/// `disaster` says the document is about a disaster, a disease or an accident (most of its
/// harm words are of that kind): there, an ambiguous term (`8,199 dead`) counts only where its
/// own sentence speaks of violence itself, not of the police or the army who report it.
pub fn figures(
    vocab: &Vocab,
    paragraph: usize,
    text: &str,
    flat: bool,
    disaster: bool,
) -> Vec<ViolenceFigure> {
    let mut out: Vec<ViolenceFigure> = Vec::new();
    // Ambiguous terms (`deaths`, `died`) count only where the paragraph speaks of violence.
    let paragraph_context = vocab.violence_context(text);
    let spans = sentences(text, flat);
    for (si, sentence) in spans.iter().enumerate() {
        let s = &text[sentence.clone()];
        if !has_number(s) || !vocab.mentions_violence(s) {
            continue;
        }
        let toks = tokens(s);
        // `Suppose that after you ordered ... killing nine`: a sentence put as a supposition
        // states no figure.
        let supposition = toks
            .iter()
            .find(|t| t.text.chars().next().is_some_and(char::is_alphabetic))
            .is_some_and(|t| is_word(t, &["suppose", "supposing", "imagine"]));
        if supposition {
            continue;
        }
        // A poll's percentages are not figures of violence, whatever they measure.
        let poll = toks
            .iter()
            .any(|t| vocab.excluder(&t.lower) == Some("poll"));
        let sentence_context = toks
            .iter()
            .any(|t| vocab.context.contains(t.lower.as_ref()));
        let mut read: Vec<Read> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some(mut n) = number_at(&toks, i) else {
                i += 1;
                continue;
            };
            i = n.last + 1;
            if !plausible_count(vocab, s, &toks, &n) || n.value <= 0.0 {
                continue;
            }
            // `145 to 160 militants`, `145-160`, `between 145 and 160`, `two or three`: one
            // figure; `dropping from 11 % to 4%`: two.
            let mut value_max = None;
            if let Some(m) = range_end(s, &toks, &n) {
                value_max = Some(m.value);
                n.last = m.last;
                i = m.last + 1;
            }
            // `police arrested six health workers`: a count of people detained, whatever
            // follows.
            if detained(vocab, &toks, &n) {
                continue;
            }
            let Some(b) = bind(vocab, &toks, &n, &read) else {
                continue;
            };
            if b.needs_context && !paragraph_context {
                continue;
            }
            let violent_sentence = toks.iter().any(|t| {
                vocab.context.contains(t.lower.as_ref()) && !is_word(t, REPORTERS_OF_HARM)
            });
            if b.needs_context && disaster && !violent_sentence {
                continue;
            }
            if ruled_out(vocab, &toks, &n, &b) || poll && n.percent {
                continue;
            }
            let mut confidence = b.score;
            if modal_perfect(&toks, b.term_at) {
                confidence *= 0.65;
            }
            if b.needs_context && !sentence_context && b.victim.is_none() {
                confidence *= 0.75;
            }
            if n.percent && b.form != TermForm::Noun {
                confidence *= 0.8;
            }
            if flat {
                confidence *= 0.95;
            }
            let quote = if flat {
                window(s, &toks, n.first, 18)
            } else {
                squash(s)
            };
            let place = place(&toks, n.first).or_else(|| {
                spans[..si].iter().rev().find_map(|r| {
                    let t = tokens(&text[r.clone()]);
                    place(&t, t.len())
                })
            });
            let period = period(&toks, n.first).or_else(|| {
                spans[..si].iter().rev().find_map(|r| {
                    let t = tokens(&text[r.clone()]);
                    period(&t, t.len())
                })
            });
            let measure = measure(&b);
            let unit = if n.percent {
                "percent"
            } else if rate_follows(&toks, n.last) {
                "rate"
            } else {
                "count"
            };
            let figure = ViolenceFigure {
                paragraph: Some(paragraph),
                measure,
                class: b.class.clone(),
                victim: b.victim.clone(),
                value: n.value,
                value_max,
                unit: unit.to_string(),
                place,
                period,
                sentence: quote,
                confidence: (confidence * 100.0).round() / 100.0,
            };
            // `four men ... were kidnapped, killed and dumped`: each verb of the list is a
            // figure of its own class; `killed and wounded` together are casualties, one.
            let mut figures = vec![figure];
            let mut k = b.term_at + 1;
            while b.class != "casualties"
                && k + 1 < toks.len()
                && matches!(toks[k].lower.as_ref(), "," | "and" | "then")
            {
                let mut j = k + 1;
                if toks[j].lower == "and" || toks[j].lower == "then" {
                    j += 1;
                }
                let Some(next) = toks.get(j).and_then(|t| term(vocab, t)) else {
                    break;
                };
                if next.form != TermForm::Verb || next.class.is_empty() {
                    break;
                }
                if figures.iter().all(|f| f.class != next.class) {
                    let mut f = figures[0].clone();
                    f.class = next.class.clone();
                    f.measure = self::measure(&Binding {
                        class: next.class.clone(),
                        ..b.clone()
                    });
                    figures.push(f);
                }
                k = j + 1;
            }
            read.push(Read {
                last: n.last,
                binding: b,
            });
            // The same number of the same harm to the same people, said again in the
            // paragraph, is one figure (FACTS.md); a different source's count names other
            // people or another class.
            for figure in figures {
                let repeated = out.iter().any(|f| {
                    f.value == figure.value
                        && f.unit == figure.unit
                        && f.class == figure.class
                        && (f.sentence == figure.sentence || f.victim == figure.victim)
                });
                if !repeated {
                    out.push(figure);
                }
            }
        }
    }
    out
}

/// `killed (police)`, `attacks (car bombs)`, `kidnapped`: the class, and who or what.
fn measure(b: &Binding) -> String {
    match (&b.victim, b.form) {
        (Some(v), _) => format!("{} ({v})", b.class),
        (None, TermForm::Noun) if !b.term.starts_with(&b.class[..4]) => {
            format!("{} ({})", b.class, b.term)
        }
        _ => b.class.clone(),
    }
}

/// `6 and 7-year old children`, `5 to 10-year-olds`: the first number is an age too.
fn age_pair(rest: &str) -> bool {
    let Some(tail) = ["and ", "or ", "to "]
        .iter()
        .find_map(|w| rest.trim_start().strip_prefix(w))
    else {
        return false;
    };
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && {
        let after = &tail[digits..];
        after.starts_with("-year")
            || after.starts_with(" year-old")
            || after.starts_with(" years old")
    }
}

/// A number that counts something: not a year, a date, a clock time, an age, a rank, a
/// reference, money or a duration.
fn plausible_count(vocab: &Vocab, s: &str, toks: &[Token], n: &Number) -> bool {
    let t = &toks[n.first];
    if n.digits && !n.percent && (1900.0..=2100.0).contains(&n.value) && t.text.len() == 4 {
        return false;
    }
    // `between 1860 and the 1948 War`: a year of an earlier century, after a preposition,
    // or after `and` when a year stands before it (`1860 and 1890`); `13 killed and 1200
    // injured` counts.
    let year_pair = n.first >= 2
        && is_word(&toks[n.first - 1], &["and", "to"])
        && toks[n.first - 2].text.len() == 4
        && toks[n.first - 2].text.bytes().all(|b| b.is_ascii_digit());
    if n.digits
        && t.text.len() == 4
        && (1000.0..1900.0).contains(&n.value)
        && n.first > 0
        && (year_pair
            || is_word(
                &toks[n.first - 1],
                &[
                    "in", "since", "between", "from", "until", "by", "of", "during", "before",
                    "after", "circa",
                ],
            ))
    {
        return false;
    }
    if t.text.starts_with('$') || t.text.contains('.') && !n.percent {
        return false;
    }
    // `9/11`, `10-12-2009`, `C-130`: part of a date, a name or a number of a thing.
    let (a, b) = (toks[n.first].range.start, toks[n.last].range.end);
    let before_char = s[..a].chars().next_back();
    let after_char = s[b..].chars().next();
    if matches!(before_char, Some('/' | '-' | '#'))
        || matches!(after_char, Some('/'))
        || s[b..].starts_with("-year")
        || age_pair(&s[b..])
        || before_char.is_some_and(|c| c.is_alphabetic())
        // `1m Tirtzu`: OCR's digit for a letter, run into the word.
        || n.digits && after_char.is_some_and(|c| c.is_alphabetic())
        // `1) ... and 2) Q's regime must stop killing civilians`: a list's marker.
        || n.digits && after_char == Some(')')
    {
        return false;
    }
    let after = toks.get(n.last + 1).map(|x| x.lower.as_ref()).unwrap_or("");
    let before = if n.first > 0 {
        toks[n.first - 1].lower.as_ref()
    } else {
        ""
    };
    // `No. 2`: a rank.
    let rank = matches!(before, "no." | "nos.")
        || before == "." && n.first >= 2 && toks[n.first - 2].lower == "no";
    if NOT_A_COUNT_AFTER.contains(&after)
        || after.ends_with("-year-old")
        || after.starts_with("year-")
        || rank
    {
        return false;
    }
    // `capable of providing intensive medical assistance to 600 casualties`, `beds for 200
    // wounded`: a capacity, not a toll.
    let capacity = n.first >= 2
        && is_word(&toks[n.first - 1], &["to", "for"])
        && toks[n.first.saturating_sub(6)..n.first - 1]
            .iter()
            .any(|x| {
                matches!(
                    x.lower.as_ref(),
                    "assistance"
                        | "care"
                        | "treatment"
                        | "treat"
                        | "treating"
                        | "beds"
                        | "capacity"
                        | "capable"
                        | "accommodate"
                )
            });
    if capacity {
        return false;
    }
    // `Sept. 11`, `Nov. 4`: a month abbreviated with its stop.
    let abbreviated_month =
        before == "." && n.first >= 2 && MONTHS.contains(&toks[n.first - 2].lower.as_ref());
    let dated =
        n.digits && (MONTHS.contains(&before) || MONTHS.contains(&after) || abbreviated_month);
    if NOT_A_COUNT_BEFORE.contains(&before) || dated {
        return false;
    }
    // `one` is a pronoun unless it counts someone: `one person was injured`, `killed one
    // demonstrator`.
    let mut q = n.first;
    while q > 0
        && n.first - q < 3
        && is_word(&toks[q - 1], &["at", "least", "only", "another", "just"])
    {
        q -= 1;
    }
    let verb_before = q > 0 && term(vocab, &toks[q - 1]).is_some_and(|x| x.form == TermForm::Verb);
    let verb_after = (n.last + 1..(n.last + 5).min(toks.len())).any(|k| {
        term(vocab, &toks[k]).is_some_and(|x| x.form == TermForm::Verb && !x.class.is_empty())
    }) && toks
        .get(n.last + 1)
        .is_some_and(|x| x.text.chars().all(char::is_lowercase) && x.lower != "of");
    if t.lower == "one"
        && !verb_before
        && !verb_after
        && !matches!(
            after,
            "person"
                | "police"
                | "policeman"
                | "officer"
                | "soldier"
                | "civilian"
                | "man"
                | "woman"
                | "child"
                | "killed"
                | "dead"
                | "wounded"
                | "injured"
                | "attack"
                | "bomb"
                | "hostage"
                | "american"
        )
        && !toks
            .get(n.last + 2)
            .is_some_and(|x| matches!(x.lower.as_ref(), "officer" | "killed" | "wounded"))
    {
        return false;
    }
    // `the 28th`, `a 10-member team`
    !t.lower.ends_with("th") && !after.starts_with('-')
}

/// The other end of a range that starts with `n`.
fn range_end(s: &str, toks: &[Token], n: &Number) -> Option<Number> {
    let next = n.last + 1;
    let between_hyphen = toks.get(next).is_some_and(|t| {
        let gap = &s[toks[n.last].range.end..t.range.start];
        matches!(gap.trim(), "-" | "–" | "—") && t.text.starts_with(|c: char| c.is_ascii_digit())
    });
    let start = if between_hyphen {
        next
    } else {
        let w = toks.get(next)?.lower.as_ref();
        let between = n.first > 0 && toks[n.first - 1].lower == "between";
        let ok = match w {
            "to" => true,
            "or" => true,
            "and" => between,
            _ => false,
        };
        if !ok {
            return None;
        }
        next + 1
    };
    if start >= toks.len() {
        return None;
    }
    let m = number_at(toks, start)?;
    if m.percent != n.percent || m.value <= n.value {
        return None;
    }
    // A number that moved (`dropping from 11 % to 4%`, `rose from 20 to 30`) is two figures.
    let lo = n.first.saturating_sub(4);
    if toks[lo..n.first].iter().any(|t| is_word(t, CHANGES)) {
        return None;
    }
    // `one to two` is a pair of counts only when both are small and the second is larger.
    Some(m)
}

/// The violence term `n` is said of, and how sure that is.
fn bind(vocab: &Vocab, toks: &[Token], n: &Number, read: &[Read]) -> Option<Binding> {
    let mut best: Option<Binding> = None;
    let mut consider = |b: Option<Binding>| {
        if let Some(b) = b {
            if best.as_ref().is_none_or(|x| b.score > x.score) {
                best = Some(b);
            }
        }
    };
    consider(backward(vocab, toks, n));
    consider(forward(vocab, toks, n));
    consider(listed(vocab, toks, n, read));
    best
}

fn term<'v>(vocab: &'v Vocab, t: &Token) -> Option<&'v ViolenceTerm> {
    vocab.violence.get(t.lower.as_ref())
}

/// A term before the number: a verb said of it (`killing at least 16 civilians`, `killed
/// along with seven hostages`), or a counted noun linked to it (`the death toll rose to 45`,
/// `killings dropping from 11 %`). Only qualifiers and links may stand between.
fn backward(vocab: &Vocab, toks: &[Token], n: &Number) -> Option<Binding> {
    let lo = n.first.saturating_sub(7);
    let mut linked = false;
    for k in (lo..n.first).rev() {
        let t = &toks[k];
        if is_break(t) {
            return None;
        }
        if let Some(term) = term(vocab, t) {
            let victim = victim_after(toks, n);
            // `stabbing to death eight school children`: `to death` is said of the number
            // as a verb is.
            let to_death = t.lower == "death" && k > 0 && toks[k - 1].lower == "to";
            let form = if to_death { TermForm::Verb } else { term.form };
            return match form {
                TermForm::Verb if !linked || n.first - k <= 4 => {
                    // `killed` as an adjective of the number before it (`13 victims killed
                    // and five wounded`) is not said of this one.
                    Some(Binding {
                        term_at: k,
                        class: together(vocab, toks, k).unwrap_or_else(|| term.class.clone()),
                        term: t.lower.to_string(),
                        form: term.form,
                        needs_context: term.needs_context && !to_death,
                        victim,
                        score: if n.first - k <= 3 { DIRECT } else { CLOSE },
                    })
                }
                TermForm::Noun if linked => Some(Binding {
                    term_at: k,
                    // `the massacre of 38 Israeli civilians` counts the dead; `three
                    // massacres` counts the events.
                    class: if victim.is_some()
                        && matches!(t.lower.as_ref(), "massacre" | "massacres")
                        && toks.get(k + 1).is_some_and(|x| x.lower == "of")
                    {
                        "killed".to_string()
                    } else {
                        term.class.clone()
                    },
                    term: t.lower.to_string(),
                    form: term.form,
                    needs_context: term.needs_context,
                    victim: None,
                    score: LINKED,
                }),
                _ => None,
            };
        }
        if is_word(t, LINKS) {
            linked = true;
            continue;
        }
        // `the murder of three people`, `the deaths of about twenty young men`, `the
        // killing of two trainers`, `the slaughter of four Americans`
        if t.lower == "of"
            && k > 0
            && term(vocab, &toks[k - 1]).is_some_and(|x| x.form != TermForm::Victim)
        {
            linked = true;
            continue;
        }
        if is_word(t, QUALIFIERS) || t.text == "," {
            continue;
        }
        // `Tijuana's share of Mexico's total killings dropping from`: a possessive and an
        // adjective may stand inside the counted noun's phrase once a link word is seen.
        if linked && (t.text.ends_with("'s") || t.text.ends_with("’s") || t.lower == "total") {
            continue;
        }
        return None;
    }
    None
}

/// A term after the number: `13 policemen were killed`, `15 deaths`, `three car bombs
/// exploded`, `32 militants and 23 captives were killed`. A victim word alone (`23
/// hostages`) waits for a verb; an `-ed` verb of another kind, a clause break, or another
/// count stops the search.
fn forward(vocab: &Vocab, toks: &[Token], n: &Number) -> Option<Binding> {
    // A share is said of what follows `of` (`4 percent of the killings`); any other term
    // after a percentage belongs to another clause.
    if n.percent {
        let k = (n.last + 1..(n.last + 3).min(toks.len())).find(|&k| toks[k].lower == "of")?;
        let j = (k + 1..(k + 4).min(toks.len()))
            .find(|&j| term(vocab, &toks[j]).is_some_and(|t| t.form == TermForm::Noun))?;
        let t = term(vocab, &toks[j])?;
        return Some(Binding {
            term_at: j,
            class: t.class.clone(),
            term: toks[j].lower.to_string(),
            form: t.form,
            needs_context: t.needs_context,
            victim: None,
            score: CLOSE,
        });
    }
    // `bringing to 26 the number of countries`: a count is followed by what it counts.
    if toks.get(n.last + 1).is_some_and(|t| {
        is_word(
            t,
            &[
                "the", "a", "an", "this", "these", "those", "its", "their", "his", "her",
            ],
        )
    }) {
        return None;
    }
    let mut weak: Option<(usize, &ViolenceTerm)> = None;
    let mut hi = (n.last + 14).min(toks.len());
    // Words of an inclusion passed over, which do not count in the distance to the term.
    let mut skipped = 0;
    let mut k = n.last + 1;
    while k < hi {
        let t = &toks[k];
        if is_break(t) {
            break;
        }
        // `20 others including police, protesters and citizens, have been wounded`: an
        // inclusion closed by a comma describes who the number counts, and the verb after
        // it is said of the number (not the verb of the figure before it). An inclusion
        // that holds counts of its own (`16 civilians, including 9 children`) is a list.
        if t.lower == "including" {
            if let Some(verb_at) = inclusion_end(toks, k) {
                skipped += verb_at - k;
                hi = (hi + verb_at - k).min(toks.len());
                k = verb_at;
                continue;
            }
        }
        if let Some(term) = term(vocab, t) {
            match term.form {
                TermForm::Victim => {
                    weak.get_or_insert((k, term));
                    k += 1;
                    continue;
                }
                TermForm::Verb | TermForm::Noun => {
                    // `two gunmen killed 15 people`: the count after the verb is its
                    // object, and this number the perpetrators.
                    if term.form == TermForm::Verb && object_count_follows(toks, k) {
                        return None;
                    }
                    let gap = k - n.last - 1 - skipped;
                    // Who: the words right after the number, up to a list of other counts
                    // (`32 militants and 23 captives were killed`: militants).
                    let own_end = (n.last + 1..k)
                        .find(|&j| {
                            matches!(toks[j].lower.as_ref(), "and" | "or")
                                && number_at(toks, j + 1).is_some()
                        })
                        .unwrap_or(k);
                    // `Five wounded civilians`: the term is an adjective, the people after it.
                    // `one police officer sustained mild injuries`: who, before the verb
                    // of suffering; a counted noun's own words (`car bombs`) name no one.
                    let suffered = (n.last + 1..k).find(|&j| {
                        matches!(
                            toks[j].lower.as_ref(),
                            "sustained" | "suffered" | "received"
                        )
                    });
                    let victim = match (term.form, suffered) {
                        (TermForm::Noun, Some(v)) => victim_between(toks, n.last + 1, v),
                        (TermForm::Noun, None) => None,
                        _ => victim_between(toks, n.last + 1, own_end),
                    }
                    .or_else(|| weak.map(|(w, _)| toks[w].lower.to_string()))
                    .or_else(|| {
                        (k == n.last + 1 && term.form == TermForm::Verb)
                            .then(|| {
                                victim_after(
                                    toks,
                                    &Number {
                                        first: k,
                                        last: k,
                                        ..n.clone()
                                    },
                                )
                            })
                            .flatten()
                    });
                    return Some(Binding {
                        term_at: k,
                        class: together(vocab, toks, k).unwrap_or_else(|| term.class.clone()),
                        term: noun_phrase(toks, suffered.map_or(n.last + 1, |v| v + 1), k),
                        form: term.form,
                        needs_context: term.needs_context,
                        victim,
                        score: if gap <= 4 {
                            DIRECT
                        } else if gap <= 8 {
                            CLOSE
                        } else {
                            FAR
                        },
                    });
                }
            }
        }
        let w = t.lower.as_ref();
        // Another count: one that a list joins (`32 militants and 23 captives were killed`)
        // shares the term; any other takes it for itself.
        if let Some(m) = number_at(toks, k) {
            let joined = (n.last + 1..k).any(|j| matches!(toks[j].lower.as_ref(), "and" | "or"));
            if !joined {
                break;
            }
            k = m.last + 1;
            continue;
        }
        // A conjunction starts another clause unless a count follows it, or it joins the
        // words of one counted noun (`three separate gun and bomb attacks`).
        let joins_noun = matches!(w, "and" | "or")
            && (k + 1..(k + 3).min(hi)).any(|j| {
                term(vocab, &toks[j])
                    .is_some_and(|x| x.form == TermForm::Noun && !x.class.is_empty())
            });
        if joins_noun {
            k += 1;
            continue;
        }
        if matches!(w, "and" | "but" | "while" | "whereas" | "or")
            && !toks
                .get(k + 1)
                .is_some_and(|x| number_at(toks, k + 1).is_some() || x.lower == "at")
        {
            break;
        }
        if vocab.excluder(w) == Some("detention") {
            break;
        }
        // `5,200 troops to the border after the attacks`: a term past a word of time is
        // another event's.
        if matches!(
            w,
            "after" | "before" | "since" | "following" | "amid" | "ahead" | "until"
        ) {
            break;
        }
        let participle = w.len() > 4 && w.ends_with("ed") && !DESCRIPTIVE_PARTICIPLES.contains(&w);
        if participle {
            break;
        }
        if matches!(w, "who" | "which" | "that") && k > n.last + 1 {
            // `13 people who were killed` is fine; `5 cars that ... killed` is not.
            if !toks
                .get(k + 1)
                .is_some_and(|x| matches!(x.lower.as_ref(), "were" | "was" | "had" | "have"))
            {
                break;
            }
        }
        k += 1;
    }
    // `23 hostages`, `holding 40 hostages`: taken hostage, when no verb says otherwise.
    let (w, term) = weak?;
    if term.class.is_empty() || w - n.last > 3 {
        return None;
    }
    Some(Binding {
        term_at: w,
        class: term.class.clone(),
        term: toks[w].lower.to_string(),
        form: TermForm::Noun,
        needs_context: term.needs_context,
        victim: None,
        score: WEAK,
    })
}

/// Adverbs of how badly someone was hurt (`gravely injured`).
const SEVERITY: &[&str] = &[
    "gravely",
    "seriously",
    "critically",
    "badly",
    "slightly",
    "severely",
    "mortally",
    "lightly",
    "fatally",
];

/// `dead or gravely injured`, `150 killed and wounded`: killed and injured said together of
/// one number are casualties (FACTS.md: killed and wounded together, not separated).
fn together(vocab: &Vocab, toks: &[Token], k: usize) -> Option<String> {
    let first = term(vocab, &toks[k])?;
    if !matches!(first.class.as_str(), "killed" | "injured") {
        return None;
    }
    let conjunction = |t: &Token| matches!(t.lower.as_ref(), "or" | "and" | "and/or");
    let other = |t: &Token| {
        term(vocab, t).is_some_and(|x| {
            matches!(x.class.as_str(), "killed" | "injured")
                && x.class != first.class
                && x.form != TermForm::Noun
        })
    };
    // After: `dead or gravely injured`.
    if toks.get(k + 1).is_some_and(conjunction) {
        let mut j = k + 2;
        while toks.get(j).is_some_and(|t| is_word(t, SEVERITY)) {
            j += 1;
        }
        if toks.get(j).is_some_and(other) {
            return Some("casualties".to_string());
        }
    }
    // Before: `wounding or killing 15 of its passengers`.
    (k >= 2 && conjunction(&toks[k - 1]) && other(&toks[k - 2])).then(|| "casualties".to_string())
}

/// Where the predicate after an inclusion begins: `including police, protesters and
/// citizens, have been wounded` gives the `have` after the closing comma. None when the
/// inclusion holds a number, a clause break or a conjunction of clauses, or no auxiliary
/// follows a comma within a dozen words.
fn inclusion_end(toks: &[Token], including: usize) -> Option<usize> {
    const AUXILIARIES: &[&str] = &["were", "was", "have", "has", "had", "are", "is"];
    let hi = (including + 14).min(toks.len());
    for j in including + 1..hi {
        let t = &toks[j];
        if is_break(t) || number_at(toks, j).is_some() || is_word(t, &["but", "while", "who"]) {
            return None;
        }
        if is_word(t, AUXILIARIES) && toks[j - 1].text == "," && j > including + 2 {
            return Some(j);
        }
    }
    None
}

/// `16 civilians, including 9 children, three women`, `from 11 % to 4%`, `killing at least
/// 15 civilians and six government troops`: a number right after a figure, joined by a list
/// word or a victim's name only, is counted the same way.
fn listed(vocab: &Vocab, toks: &[Token], n: &Number, read: &[Read]) -> Option<Binding> {
    let prev = read.last()?;
    if prev.last >= n.first || n.first - prev.last > 6 {
        return None;
    }
    // `one died and six are absconding`: a number with a predicate of its own.
    if toks.get(n.last + 1).is_some_and(|t| {
        is_word(
            t,
            &[
                "are", "were", "is", "was", "have", "had", "remain", "remained",
            ],
        )
    }) && toks
        .get(n.last + 2)
        .is_some_and(|t| term(vocab, t).is_none())
    {
        return None;
    }
    let between = &toks[prev.last + 1..n.first];
    let own_term = prev.binding.term_at;
    let joins = between.iter().enumerate().all(|(j, t)| {
        prev.last + 1 + j == own_term
            || matches!(
                t.lower.as_ref(),
                "," | "and"
                    | "including"
                    | "to"
                    | "among"
                    | "them"
                    | "of"
                    | "whom"
                    | "plus"
                    | "with"
                    | "at"
                    | "least"
                    | "another"
                    | "more"
                    | "than"
                    | "some"
                    | "nearly"
                    | "about"
            )
            || (t.text.chars().all(|c| c.is_alphabetic() || c == '-')
                && !t.lower.ends_with("ed")
                && !t.lower.ends_with("ing"))
    });
    if !joins || between.len() > 5 {
        return None;
    }
    let mut b = prev.binding.clone();
    b.victim = if n.percent {
        None
    } else {
        victim_after(toks, n).or(b.victim)
    };
    b.score = LISTED;
    Some(b)
}

/// A number right after a verb of detention (`arrested six`, `detained at least 20`).
fn detained(vocab: &Vocab, toks: &[Token], n: &Number) -> bool {
    let mut k = n.first;
    while k > 0 && n.first - k < 4 {
        k -= 1;
        if vocab.excluder(&toks[k].lower) == Some("detention") {
            return true;
        }
        if !is_word(&toks[k], QUALIFIERS) {
            return false;
        }
    }
    false
}

/// After an active verb, a count: the verb's object (`killed 15`).
fn object_count_follows(toks: &[Token], k: usize) -> bool {
    let mut j = k + 1;
    while j < toks.len()
        && j <= k + 4
        && is_word(
            &toks[j],
            &[
                "at",
                "least",
                "more",
                "than",
                "some",
                "nearly",
                "about",
                "over",
                "up",
                "to",
                "an",
                "estimated",
                "almost",
                "around",
                "roughly",
                "approximately",
            ],
        )
    {
        j += 1;
    }
    j < toks.len() && number_at(toks, j).is_some()
}

/// Whether a figure must be struck out: a death by disaster, disease or accident, a sentence
/// of a court, a hypothesis or forecast near the term.
fn ruled_out(vocab: &Vocab, toks: &[Token], n: &Number, b: &Binding) -> bool {
    // Near the number and its term, and back to the start of their clause, where the
    // subject of a verb stands (`an isolated storm destroyed ... and killed at least six`).
    let near = n.first.min(b.term_at);
    let mut lo = near.saturating_sub(6);
    while lo > 0 && !is_break(&toks[lo - 1]) && near - lo < 24 {
        lo -= 1;
    }
    let hi = (n.last.max(b.term_at) + 7).min(toks.len());
    let excluded = toks[lo..hi].iter().enumerate().any(|(j, t)| {
        let close = (lo + j).abs_diff(near) <= 8 || lo + j > near;
        match vocab.excluder(&t.lower) {
            Some("disaster" | "disease" | "accident") => true,
            Some("judicial" | "poll") => close,
            _ => false,
        }
    });
    if excluded {
        return true;
    }
    // A modal that governs the term (`could be killed`, `will die`), or a hypothesis that
    // causes the counted harm (`could cause 100 deaths`).
    let governs = |at: usize| {
        let mut k = at;
        while k > 0 {
            k -= 1;
            let t = &toks[k];
            if is_word(t, HYPOTHETICAL) {
                return true;
            }
            if !is_word(t, MODAL_FILLERS) {
                return false;
            }
        }
        false
    };
    if governs(b.term_at) && !modal_perfect(toks, b.term_at) {
        return true;
    }
    // `to kill 20`: an aim, not a killing.
    if b.term_at > 0 && toks[b.term_at - 1].lower == "to" && b.form == TermForm::Verb {
        let infinitive = !toks[b.term_at].lower.ends_with("ed") || b.term_at < n.first;
        if infinitive && toks[b.term_at].lower != "death" {
            return true;
        }
    }
    let lo = n.first.saturating_sub(3);
    (lo..n.first).any(|k| is_word(&toks[k], CAUSES) && governs(k))
}

/// `may have killed 1,486 civilians`: a modal with `have` and a past participle estimates
/// what happened; it is no forecast.
fn modal_perfect(toks: &[Token], term_at: usize) -> bool {
    term_at >= 2
        && toks[term_at].lower.ends_with("ed")
        && toks[term_at - 1].lower == "have"
        && is_word(
            &toks[term_at - 2],
            &["may", "might", "could", "must", "would"],
        )
}

/// `30 homicides per 100,000`
fn rate_follows(toks: &[Token], last: usize) -> bool {
    (last + 1..(last + 5).min(toks.len())).any(|k| {
        toks[k].lower == "per"
            && toks
                .get(k + 1)
                .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The words between a number and its term that name who was harmed (`13 policemen were
/// killed`, `seven Iranian relief workers associated with ... were kidnapped`).
fn victim_between(toks: &[Token], from: usize, to: usize) -> Option<String> {
    let words: Vec<&str> = toks[from..to]
        .iter()
        .skip_while(|t| VICTIM_SKIP.contains(&t.lower.as_ref()))
        .take_while(|t| {
            t.text.chars().any(char::is_alphabetic)
                && !VICTIM_SKIP.contains(&t.lower.as_ref())
                && (!t.lower.ends_with("ed") || t.lower.starts_with("arm"))
                && !t.lower.ends_with("ly")
        })
        .take(4)
        .map(|t| t.text)
        .collect();
    name_of_victims(&words)
}

/// Who a number counts when its term came first (`killing 16 civilians`, `killing two of
/// Mr. Petraeus's men`).
fn victim_after(toks: &[Token], n: &Number) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut k = n.last + 1;
    if toks.get(k).is_some_and(|t| t.lower == "of") {
        k += 1;
    }
    while k < toks.len() && words.len() < 4 {
        let t = &toks[k];
        if !t.text.chars().any(char::is_alphabetic)
            || matches!(
                t.lower.as_ref(),
                "and"
                    | "or"
                    | "in"
                    | "at"
                    | "on"
                    | "near"
                    | "from"
                    | "by"
                    | "including"
                    | "who"
                    | "that"
                    | "which"
                    | "were"
                    | "was"
                    | "are"
                    | "is"
                    | "after"
                    | "during"
                    | "when"
                    | "as"
                    | "with"
                    | "to"
                    | "for"
                    | "since"
                    | "while"
                    | "this"
                    | "last"
                    | "next"
                    | "yesterday"
                    | "today"
                    | "earlier"
                    | "later"
                    | "overnight"
                    | "the"
                    | "a"
                    | "an"
                    | "had"
                    | "have"
                    | "has"
                    | "but"
                    | "so"
            )
        {
            break;
        }
        // `80 SARG soldiers helped contribute`: a verb ends the name.
        if t.lower.len() > 4 && t.lower.ends_with("ed") && !t.lower.starts_with("arm") {
            break;
        }
        words.push(t.text);
        k += 1;
    }
    name_of_victims(&words)
}

fn name_of_victims(words: &[&str]) -> Option<String> {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "their" | "his" | "her"))
        .collect();
    if words.is_empty() {
        return None;
    }
    let name = words.join(" ");
    if words.len() == 1 && GENERIC_VICTIMS.contains(&name.to_lowercase().as_str()) {
        return Some(name.to_lowercase());
    }
    Some(name)
}

/// A counted noun with the words that say what it is: `car bombs`, `major attacks`.
fn noun_phrase(toks: &[Token], from: usize, term: usize) -> String {
    let mut k = term;
    while k > from && term - k < 2 {
        let t = &toks[k - 1];
        if !t.text.chars().all(|c| c.is_alphabetic() || c == '-')
            || VICTIM_SKIP.contains(&t.lower.as_ref())
            || t.lower.ends_with("ed")
        {
            break;
        }
        k -= 1;
    }
    toks[k..=term]
        .iter()
        .map(|t| t.lower.as_ref())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `in Tijuana`, `near Bir al-Abd`, `in Panjwai District`; `statewide`, `nationwide`: the
/// place nearest the number (`at` = the end of the sentence, for a paragraph's earlier ones).
fn place(toks: &[Token], at: usize) -> Option<String> {
    if let Some(t) = toks
        .iter()
        .find(|t| matches!(t.lower.as_ref(), "statewide" | "nationwide" | "countrywide"))
    {
        return Some(t.lower.to_string());
    }
    let mixed = toks.iter().any(|t| t.text.chars().any(char::is_lowercase));
    if !mixed {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    for (k, t) in toks.iter().enumerate() {
        if !matches!(
            t.lower.as_ref(),
            "in" | "near" | "at" | "outside" | "across"
        ) {
            continue;
        }
        let mut words: Vec<&str> = Vec::new();
        let mut j = k + 1;
        if toks.get(j).is_some_and(|w| w.lower == "the") {
            j += 1;
        }
        while let Some(w) = toks.get(j) {
            let capital = w.text.chars().next().is_some_and(|c| c.is_uppercase());
            let connector = !words.is_empty()
                && matches!(w.lower.as_ref(), "of" | "al" | "el" | "de")
                && toks
                    .get(j + 1)
                    .is_some_and(|x| x.text.chars().next().is_some_and(char::is_uppercase));
            if !(capital || connector)
                || w.text.len() == 1
                || MONTHS.contains(&w.lower.as_ref())
                || WEEKDAYS.contains(&w.lower.as_ref())
                || w.text.len() > 1 && w.text.chars().all(|c| c.is_uppercase()) && w.text.len() > 6
                || words.len() >= 4
            {
                break;
            }
            words.push(w.text);
            j += 1;
        }
        if words.is_empty() {
            continue;
        }
        let d = k.abs_diff(at);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, words.join(" ")));
        }
    }
    best.map(|(_, p)| p)
}

/// When: the year, month, day or span the sentence gives nearest the number (`in 2008`,
/// `through early November`, `in March`, `last week`, `on Friday`).
fn period(toks: &[Token], at: usize) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    let mut offer = |k: usize, text: String| {
        let d = k.abs_diff(at);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, text));
        }
    };
    for (k, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        let year = t.text.len() == 4
            && t.text.chars().all(|c| c.is_ascii_digit())
            && (1940..=2030).contains(&t.text.parse::<i32>().unwrap_or(0));
        if year {
            let month_before = k > 0 && MONTHS.contains(&toks[k - 1].lower.as_ref());
            if !month_before {
                offer(k, t.text.to_string());
            }
            continue;
        }
        if matches!(
            w,
            "through" | "since" | "during" | "in" | "until" | "by" | "early" | "late" | "mid"
        ) {
            let span: Vec<&Token> = toks[k + 1..(k + 4).min(toks.len())]
                .iter()
                .take_while(|x| {
                    MONTHS.contains(&x.lower.as_ref())
                        || matches!(
                            x.lower.as_ref(),
                            "early" | "late" | "mid" | "the" | "end" | "of"
                        )
                        || x.text.len() == 4 && x.text.chars().all(|c| c.is_ascii_digit())
                        || x.text.len() <= 2 && x.text.chars().all(|c| c.is_ascii_digit())
                })
                .collect();
            if span.iter().any(|x| MONTHS.contains(&x.lower.as_ref()))
                && !(w == "in" && span.iter().all(|x| x.lower == "may"))
            {
                let words: Vec<&str> = std::iter::once(t.text)
                    .chain(span.iter().map(|x| x.text))
                    .collect();
                offer(k, words.join(" "));
            }
            continue;
        }
        if matches!(w, "last" | "this" | "past" | "previous") {
            if let Some(x) = toks.get(k + 1) {
                if matches!(
                    x.lower.as_ref(),
                    "week" | "weekend" | "month" | "year" | "night" | "weeks" | "months" | "year's"
                ) {
                    offer(k, format!("{} {}", t.text, x.text));
                }
            }
            continue;
        }
        if WEEKDAYS.contains(&w)
            && k > 0
            && matches!(toks[k - 1].lower.as_ref(), "on" | "since" | "by")
        {
            offer(k, format!("{} {}", toks[k - 1].text, t.text));
        }
        if matches!(w, "yesterday" | "today" | "overnight" | "tonight") {
            offer(k, t.text.to_string());
        }
    }
    best.map(|(_, p)| p)
}

fn window(s: &str, toks: &[Token], at: usize, radius: usize) -> String {
    let a = at.saturating_sub(radius);
    let b = (at + radius).min(toks.len() - 1);
    squash(&s[toks[a].range.start..toks[b].range.end])
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(f64, String, String)> {
        figures(
            &Vocab::builtin(),
            0,
            text,
            super::super::text::stripped(text),
            false,
        )
        .into_iter()
        .map(|f| (f.value, f.unit, f.measure))
        .collect()
    }

    #[test]
    fn the_seed_figures() {
        let p5 = "After a terrible 2008 violence in Baja California Norte state subsided somewhat in 2009 with Tijuana's share of Mexico's total killings dropping from 11 % to 4% High impact crimes including kidnapping car theft and homicide are down significantly Yet the turnaround is not complete and 40 police had died statewide through early November close to the 49 officers lost in 2008 NOTE Just after";
        let got = read(p5);
        let values: Vec<f64> = got.iter().map(|g| g.0).collect();
        assert_eq!(values, [11.0, 4.0, 40.0, 49.0], "{got:?}");
        assert_eq!(got[0].1, "percent");
        assert_eq!(got[1].2, "killed", "the change shares its term");
        assert_eq!(got[2].2, "killed (police)");
    }
}
