//! Finds where JSON paths (`services[3].owner`) are in a file's text.
//!
//! Written here rather than taken from a crate: we only need the offsets of the paths
//! problems name, in text already known to be valid JSON, and a span-keeping JSON parser
//! would parse the whole (possibly very large) document a second time into a tree and
//! add to the size of the web build, for no gain.

use std::collections::BTreeMap;

use crate::path::{FieldPath, Step};

/// Byte offset of the value at `path`, or of the deepest part of it that exists.
/// A text that is not a field path locates the document itself.
pub fn locate(text: &str, path: &str) -> usize {
    offsets(text, [path])[0]
}

/// 1-based line and column (in characters, as [`line_column`] gives them) of the value at
/// each of `paths`, or of the deepest part of it that exists ([`locate`]). One pass over
/// the text, however many paths: a file with a problem in every record is not read once
/// per problem.
pub fn locate_all<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Vec<(usize, usize)> {
    line_columns(text, &offsets(text, paths))
}

/// [`locate`] of each of `paths`, in one pass.
fn offsets<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Vec<usize> {
    let mut wanted = Wanted::default();
    let mut count = 0;
    for (i, path) in paths.into_iter().enumerate() {
        wanted.insert(i, path.parse::<FieldPath>().unwrap_or_default().steps());
        count += 1;
    }
    let mut offsets = vec![0; count];
    let b = text.as_bytes();
    walk(b, skip_ws(b, 0), wanted, &mut offsets);
    offsets
}

/// The paths sought below one value, as a tree of their steps.
#[derive(Default)]
struct Wanted {
    /// Every path (by number) at this value or below it.
    paths: Vec<usize>,
    next: BTreeMap<Step, Wanted>,
}

impl Wanted {
    fn insert(&mut self, path: usize, steps: &[Step]) {
        self.paths.push(path);
        if let Some((first, rest)) = steps.split_first() {
            self.next.entry(first.clone()).or_default().insert(path, rest);
        }
    }
}

/// Places every path of `wanted` at the value starting at `pos` (the deepest part of
/// them found so far), descends into the members and elements they continue into, and
/// gives the offset just past the value. The first of two members with one name is the
/// one located.
fn walk(b: &[u8], pos: usize, mut wanted: Wanted, offsets: &mut [usize]) -> usize {
    for &path in &wanted.paths {
        offsets[path] = pos;
    }
    if wanted.next.is_empty() {
        return skip_value(b, pos);
    }
    match b.get(pos) {
        Some(b'{') => {
            let mut i = skip_ws(b, pos + 1);
            while b.get(i) == Some(&b'"') {
                let end = skip_string(b, i);
                let name = b.get(i + 1..end.saturating_sub(1)).unwrap_or_default();
                i = skip_ws(b, end);
                if b.get(i) != Some(&b':') {
                    return b.len();
                }
                let value = skip_ws(b, i + 1);
                let member = std::str::from_utf8(name).ok().and_then(|n| wanted.next.remove(&Step::Key(n.to_owned())));
                let end = match member {
                    Some(member) => walk(b, value, member, offsets),
                    None => skip_value(b, value),
                };
                i = skip_ws(b, end);
                if b.get(i) == Some(&b',') {
                    i = skip_ws(b, i + 1);
                }
            }
            (i + 1).min(b.len())
        }
        Some(b'[') => {
            let mut i = skip_ws(b, pos + 1);
            let mut k = 0;
            while i < b.len() && b[i] != b']' {
                let end = match wanted.next.remove(&Step::Index(k)) {
                    Some(element) => walk(b, i, element, offsets),
                    None => skip_value(b, i),
                };
                i = skip_ws(b, end);
                if b.get(i) == Some(&b',') {
                    i = skip_ws(b, i + 1);
                }
                k += 1;
            }
            (i + 1).min(b.len())
        }
        _ => skip_value(b, pos),
    }
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

/// [`line_column`] of each of `offsets`, in one pass over the text.
fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut column) = (0, 1, 1);
    for i in order {
        let mut offset = offsets[i].min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        for c in text[at..offset].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        at = offset;
        found[i] = (line, column);
    }
    found
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

    /// Paths found, missing in part, repeated, not paths, into a repeated member and
    /// across lines: each where locating it alone from the start put it.
    #[test]
    fn locate_all_gives_each_path_where_locating_it_alone_does() {
        let text = "{\"a\": [{\"x\": 1},\n {\"x\": \"é,]}\", \"y\": [2, 3]}], \"a\": 4,\n\"ü\": {\"k\": null}}";
        let paths =
            ["a[1].y[1]", "a[0].x", "a[1].missing", "a[5]", "ü.k", "a[1].y[1]", "", "not a [path", "a[]", "a.b"];
        let expected = [(2, 25), (1, 14), (2, 2), (1, 7), (3, 12), (2, 25), (1, 1), (1, 1), (1, 7), (1, 7)];
        assert_eq!(locate_all(text, paths), expected);
    }

    #[test]
    fn locate_falls_back_to_deepest_existing_part() {
        let text = "{\"a\": [{\"x\": 1}]}";
        let off = locate(text, "a[0].missing");
        assert_eq!(&text[off..off + 1], "{");
    }
}
