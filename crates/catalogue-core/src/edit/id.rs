//! Ids for new records, proposed from their names.

use crate::validate::{is_valid_id, MAX_ID};

/// An id for a new record named `name`: its words in lowercase, joined by hyphens,
/// made unique with a number when `taken` says the id is in use.
pub fn propose_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base = base.trim_end_matches('-').to_owned();
    base.truncate(MAX_ID - 4);
    let base = base.trim_end_matches('-').to_owned();
    let base = if base.is_empty() { "record".to_owned() } else { base };
    debug_assert!(is_valid_id(&base));
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).expect("some number is free")
}

/// Latin letters with diacritics → their base letter, so `Zürich` becomes `zurich`.
/// A table rather than a Unicode-normalization crate: ids only need the common
/// European letters, and the crate's tables would add ~200 KB to the web build.
fn fold_accent(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďđèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťţùúûüūůűųýÿžźż";
    const TO: &str = "aaaaaaaaaccccddeeeeeeeeiiiiiilnnnoooooooorrssstttuuuuuuuuyyzzz";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(match c {
        'ß' => 's',
        'æ' => 'a',
        'œ' => 'o',
        _ => c,
    })
}
