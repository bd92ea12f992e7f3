//! Words: how text is cut into index terms, how close two terms are, and which parts of
//! a text a search matched.

/// Index terms longer than this are not words a person types (hashes, base64); they are
/// skipped so that one pasted blob cannot bloat the vocabulary.
pub const MAX_TERM_CHARS: usize = 40;

/// The words of `text` as `(byte range, normalized term)`: runs of letters and digits,
/// lowercased. Everything else separates words, so `postgresql-service` is two terms.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = chars.next()?;
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        if word.chars().count() > MAX_TERM_CHARS {
            continue;
        }
        return Some((start..end, word.to_lowercase()));
    })
}

/// Levenshtein distance between `a` and `b` if it is at most `max`, else `None`.
///
/// Written here rather than taken from a crate: the search scans the whole vocabulary on
/// every keystroke, so it needs the early exit once a row exceeds `max`, which general
/// edit-distance crates (e.g. `strsim`) do not offer.
pub fn within_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
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
        assert_eq!(within_distance(&chars("postgres"), &chars("postgers"), 2), Some(2));
        assert_eq!(within_distance(&chars("kafka"), &chars("kafak"), 1), None);
        assert_eq!(within_distance(&chars("vpn"), &chars("vpn"), 0), Some(0));
        assert_eq!(within_distance(&chars("invoice"), &chars("invoices"), 1), Some(1));
        assert_eq!(within_distance(&chars("a"), &chars("abcd"), 2), None);
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
