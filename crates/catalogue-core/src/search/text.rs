//! Words: how text is cut into index terms, how close two terms are, and which parts of
//! a text a search matched.

/// Index terms longer than this are not words a person types (hashes, base64); they are
/// skipped so that one pasted blob cannot bloat the vocabulary.
pub const MAX_TERM_CHARS: usize = 40;

/// The words of `text` as byte ranges: runs of letters and digits, at most
/// [`MAX_TERM_CHARS`] long. Everything else separates words, so `postgresql-service` is
/// two words.
fn spans(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    // Byte by byte with a fast path for ASCII, which most text is: this runs over every
    // character of every record when the index is built.
    let bytes = text.as_bytes();
    let char_at = move |i: usize| match bytes[i] {
        b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
        _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
    };
    let mut at = 0;
    std::iter::from_fn(move || loop {
        while at < bytes.len() {
            let (word, width) = char_at(at);
            if word {
                break;
            }
            at += width;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let mut count = 0;
        while at < bytes.len() {
            let (word, width) = char_at(at);
            if !word {
                break;
            }
            at += width;
            count += 1;
        }
        if count <= MAX_TERM_CHARS {
            return Some(start..at);
        }
    })
}

/// Writes the index term of `word` (lowercased) into `out`.
fn normalize(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        // `str::to_lowercase`, not char by char: a final sigma lowercases differently.
        out.push_str(&word.to_lowercase());
    }
}

/// The words of `text` as `(byte range, normalized term)`.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    spans(text).map(|r| {
        let mut term = String::new();
        normalize(&text[r.clone()], &mut term);
        (r, term)
    })
}

/// Calls `f` with the term of each word of `text`, the same as [`words`] without an
/// allocation per word: indexing 100,000 records cuts tens of millions of words.
pub fn each_term(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for r in spans(text) {
        normalize(&text[r], buf);
        f(buf);
    }
}

/// Edit distance between `a` and `b` if it is at most `max`, else `None`; two neighbouring
/// letters swapped count as one edit, as they are one slip of the fingers.
pub fn within_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    DistanceRows::default().within(a, b, max)
}

/// The edit distance between `a` and the closest beginning of `b` (any of its first
/// `a.len() ± max` characters) if it is at most `max`, else `None`: how far a word still
/// being typed is from a word it may become ("kubernets" is one edit from "kubernetes").
pub fn within_prefix_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    DistanceRows::default().within_prefix(a, b, max)
}

/// The other number of an English noun: "emails" for "email", "databases" and "database",
/// "policies" and "policy", "boxes" and "box". A reader types one, the record has the
/// other; neither is a typo. Harman's S-stemmer rules (1991), run both ways. Written here
/// rather than taken from a stemmer crate (Snowball's English in `rust-stemmers`): a whole
/// stemmer also joins "arriving" and "arrival", "deleted" and "deletion", and with the
/// ranking by words matched that put records with boilerplate above the answers
/// (`bench/relevance.mjs` measured it: question MRR 0.84 with these rules, 0.82 with it).
pub fn other_numbers(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if word.chars().count() < 3 || word.chars().any(|c| c.is_ascii_digit()) {
        return out;
    }
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 1 && !s.ends_with(['a', 'e'])) {
        out.push(format!("{stem}y"));
    } else if let Some(stem) = word.strip_suffix("es").filter(|s| !s.ends_with(['a', 'e', 'o'])) {
        out.push(format!("{stem}e"));
        out.push(stem.to_string());
    } else if let Some(stem) = word.strip_suffix('s').filter(|s| !s.ends_with(['u', 's'])) {
        out.push(stem.to_string());
    } else if let Some(stem) = word.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        out.push(format!("{stem}ies"));
    } else {
        let sibilant = word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh");
        out.push(format!("{word}{}", if sibilant { "es" } else { "s" }));
    }
    out
}

/// The rows of the edit-distance table, kept from one comparison to the next: the
/// search compares a query word with every term of the vocabulary on each keystroke.
///
/// The distance is the optimal string alignment distance (Levenshtein with adjacent
/// transpositions, as Lucene's and MiniSearch's fuzzy matching count them). Written here
/// rather than taken from a crate: the vocabulary scan needs the early exit once a row
/// exceeds `max`, and the prefix form, which edit-distance crates (e.g. `strsim`) do not
/// offer.
#[derive(Default)]
pub struct DistanceRows {
    before: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl DistanceRows {
    /// Edit distance between `a` and `b` if it is at most `max`, else `None`.
    pub fn within(&mut self, a: &[char], b: &[char], max: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        self.fill(a, b, max)?;
        let d = self.prev[b.len()];
        (d <= max).then_some(d)
    }

    /// Edit distance between `a` and the closest beginning of `b`, if it is at most `max`.
    pub fn within_prefix(&mut self, a: &[char], b: &[char], max: usize) -> Option<usize> {
        let b = &b[..b.len().min(a.len() + max)];
        if b.len() + max < a.len() {
            return None;
        }
        self.fill(a, b, max)?;
        let d = self.prev[a.len().saturating_sub(max)..].iter().copied().min()?;
        (d <= max).then_some(d)
    }

    /// Fills the table row by row; the last row ends in `prev`. `None` as soon as a whole
    /// row is above `max`: no later row can come back under it.
    fn fill(&mut self, a: &[char], b: &[char], max: usize) -> Option<()> {
        let (before, prev, cur) = (&mut self.before, &mut self.prev, &mut self.cur);
        for row in [&mut *before, &mut *cur] {
            row.clear();
            row.resize(b.len() + 1, 0);
        }
        prev.clear();
        prev.extend(0..=b.len());
        for (i, &ca) in a.iter().enumerate() {
            cur[0] = i + 1;
            let mut row_min = cur[0];
            for (j, &cb) in b.iter().enumerate() {
                let cost = usize::from(ca != cb);
                let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
                if i > 0 && j > 0 && ca == b[j - 1] && a[i - 1] == cb {
                    d = d.min(before[j - 1] + 1);
                }
                cur[j + 1] = d;
                row_min = row_min.min(d);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(before, prev);
            std::mem::swap(prev, cur);
        }
        Some(())
    }
}

/// A piece of a highlighted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub hit: bool,
}

/// Cuts `text` into segments, marking the words whose term is one of `terms` (the terms
/// a search matched, see [`super::Results::terms`]).
pub fn highlight<'a>(text: &'a str, terms: &std::collections::HashSet<String>) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (range, term) in words(text) {
        if terms.contains(&term) {
            if range.start > at {
                out.push(Segment { text: &text[at..range.start], hit: false });
            }
            out.push(Segment { text: &text[range.clone()], hit: true });
            at = range.end;
        }
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment { text: &text[at..], hit: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn words_split_on_punctuation_and_lowercase() {
        let w: Vec<_> = words("PostgreSQL-service: Café 24x7!").map(|(_, t)| t).collect();
        assert_eq!(w, ["postgresql", "service", "café", "24x7"]);
    }

    #[test]
    fn words_keep_byte_ranges_of_the_original_text() {
        let text = "Ünïcode and ASCII";
        let ranges: Vec<_> = words(text).map(|(r, _)| &text[r]).collect();
        assert_eq!(ranges, ["Ünïcode", "and", "ASCII"]);
    }

    #[test]
    fn distance_is_bounded() {
        assert_eq!(within_distance(&chars("postgres"), &chars("postgers"), 2), Some(1));
        assert_eq!(within_distance(&chars("postgres"), &chars("postgrse"), 2), Some(1));
        assert_eq!(within_distance(&chars("postgres"), &chars("potsgers"), 2), Some(2));
        assert_eq!(within_distance(&chars("kafka"), &chars("kafak"), 1), Some(1), "a swap is one edit");
        assert_eq!(within_distance(&chars("kafka"), &chars("kfkaa"), 1), None);
        assert_eq!(within_distance(&chars("vpn"), &chars("vpn"), 0), Some(0));
        assert_eq!(within_distance(&chars("invoice"), &chars("invoices"), 1), Some(1));
        assert_eq!(within_distance(&chars("a"), &chars("abcd"), 2), None);
    }

    #[test]
    fn a_word_being_typed_is_compared_with_the_beginnings_of_terms() {
        let prefix = |a: &str, b: &str, max| within_prefix_distance(&chars(a), &chars(b), max);
        assert_eq!(prefix("paymnt", "payments", 1), Some(1), "a dropped letter");
        assert_eq!(prefix("pament", "payment", 1), Some(1));
        assert_eq!(prefix("retsore", "restore", 1), Some(1), "a swap");
        assert_eq!(prefix("gatwa", "gateway", 1), Some(1));
        assert_eq!(prefix("kubernets", "kubernetes", 1), Some(1));
        assert_eq!(prefix("payy", "payment", 1), Some(1), "a doubled letter");
        assert_eq!(prefix("pay", "payment", 0), Some(0));
        assert_eq!(prefix("pyment", "gateway", 1), None);
        assert_eq!(prefix("invoicng", "invoicing", 1), Some(1));
    }

    #[test]
    fn highlight_marks_matched_words_only() {
        let terms = ["vpn".to_owned()].into_iter().collect();
        let segs = highlight("Remote VPN access (vpnc)", &terms);
        let hits: Vec<_> = segs.iter().filter(|s| s.hit).map(|s| s.text).collect();
        assert_eq!(hits, ["VPN"]);
        assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), "Remote VPN access (vpnc)");
    }
}
