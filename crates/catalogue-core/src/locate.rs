//! Finds where a JSON path (`services[3].owner`) is in a file's text.
//!
//! Written here rather than taken from a crate: we only need the offset of a handful of
//! paths in text already known to be valid JSON, and a span-keeping JSON parser would
//! parse the whole (possibly very large) document a second time into a tree and add to
//! the size of the web build, for no gain.

use crate::path::{FieldPath, Step};

/// Byte offset of the value at `path`, or of the deepest part of it that exists.
/// A text that is not a field path locates the document itself.
pub fn locate(text: &str, path: &str) -> usize {
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    for step in path.parse::<FieldPath>().unwrap_or_default().steps() {
        match find_child(b, pos, step) {
            Some(p) => pos = p,
            None => break,
        }
    }
    pos
}

/// The JSON path of the innermost value (or object key) around byte `target`: turns
/// the line and column of a type error from `serde_json` into `services[3].tier`.
pub fn path_at(text: &str, target: usize) -> String {
    let b = text.as_bytes();
    let mut path = FieldPath::default();
    let mut pos = skip_ws(b, 0);
    'descend: loop {
        match b.get(pos) {
            Some(b'{') => {
                let mut i = skip_ws(b, pos + 1);
                while b.get(i) == Some(&b'"') {
                    let key_end = skip_string(b, i);
                    let name = String::from_utf8_lossy(&b[i + 1..key_end.saturating_sub(1)]).into_owned();
                    let colon = skip_ws(b, key_end);
                    let value = skip_ws(b, colon + 1);
                    let end = skip_value(b, value);
                    if target <= end {
                        path = path.key(&name);
                        if target < value || b.get(colon) != Some(&b':') {
                            return path.to_string();
                        }
                        pos = value;
                        continue 'descend;
                    }
                    i = skip_ws(b, end);
                    if b.get(i) == Some(&b',') {
                        i = skip_ws(b, i + 1);
                    }
                }
                return path.to_string();
            }
            Some(b'[') => {
                let mut i = skip_ws(b, pos + 1);
                let mut k = 0;
                while i < b.len() && b[i] != b']' {
                    let end = skip_value(b, i);
                    if target <= end {
                        path = path.index(k);
                        pos = i;
                        continue 'descend;
                    }
                    i = skip_ws(b, end);
                    if b.get(i) == Some(&b',') {
                        i = skip_ws(b, i + 1);
                    }
                    k += 1;
                }
                return path.to_string();
            }
            _ => return path.to_string(),
        }
    }
}

/// Byte offset of a 1-based line and column (in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1) };
    text[start..].char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(i, _)| start + i)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&c| c == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Offset just past the string starting at `i` (which is a `"`).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Offset just past the value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => skip_string(b, i),
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            j
        }
    }
}

fn find_child(b: &[u8], pos: usize, step: &Step) -> Option<usize> {
    match (b.get(pos)?, step) {
        (b'{', Step::Key(key)) => {
            let mut i = skip_ws(b, pos + 1);
            while b.get(i) == Some(&b'"') {
                let end = skip_string(b, i);
                let name = &b[i + 1..end.saturating_sub(1)];
                i = skip_ws(b, end);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                let value = skip_ws(b, i + 1);
                if name == key.as_bytes() {
                    return Some(value);
                }
                i = skip_ws(b, skip_value(b, value));
                if b.get(i) == Some(&b',') {
                    i = skip_ws(b, i + 1);
                }
            }
            None
        }
        (b'[', Step::Index(n)) => {
            let mut i = skip_ws(b, pos + 1);
            let mut k = 0;
            while i < b.len() && b[i] != b']' {
                if k == *n {
                    return Some(i);
                }
                i = skip_ws(b, skip_value(b, i));
                if b.get(i) == Some(&b',') {
                    i = skip_ws(b, i + 1);
                }
                k += 1;
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_nested_array_fields() {
        let text = "{\n  \"a\": [\n    {\"x\": 1},\n    {\"x\": \"y,]}\", \"owner\": \"bob\"}\n  ]\n}";
        let off = locate(text, "a[1].owner");
        assert_eq!(&text[off..off + 5], "\"bob\"");
        assert_eq!(line_column(text, off), (4, 28));
    }

    #[test]
    fn path_at_names_the_innermost_value_or_key() {
        let text = "{\"a\": [{\"x\": 1}, {\"y\": [true, \"z\"]}], \"b\": 2}";
        let at = |needle: &str| path_at(text, text.find(needle).unwrap() + needle.len() - 1);
        assert_eq!(at("\"z\""), "a[1].y[1]");
        assert_eq!(at("\"y\""), "a[1].y");
        assert_eq!(at("1}"), "a[0].x");
        assert_eq!(at("2"), "b");
        assert_eq!(offset_of(text, 1, 3), 2);
    }

    #[test]
    fn locate_falls_back_to_deepest_existing_part() {
        let text = "{\"a\": [{\"x\": 1}]}";
        let off = locate(text, "a[0].missing");
        assert_eq!(&text[off..off + 1], "{");
    }
}
