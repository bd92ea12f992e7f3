//! Field paths: where a value is in a catalogue document or in one record, written
//! `services[3].support.escalation[0].party`. Problems name them, files are located by
//! them, forms read and write records through them and edits mark references with them:
//! one parser and one writer for all of these.
//!
//! In a pattern (the table of references), `[]` stands for every element of a list:
//! `support.escalation[].party`.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

/// One step of a path: `support.escalation[2].party` is
/// `[Key(support), Key(escalation), Index(2), Key(party)]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
    /// `[]`: every element of a list (patterns only; it names no single value).
    Each,
}

/// A parsed field path. The empty path is the whole value.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(Vec<Step>);

/// Why a text is not a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPath {
    pub path: String,
    pub reason: &'static str,
}

impl fmt::Display for BadPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a field path: {}", self.path, self.reason)
    }
}

impl std::error::Error for BadPath {}

impl FieldPath {
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This path, then the field `key`.
    pub fn key(mut self, key: &str) -> FieldPath {
        self.0.push(Step::Key(key.to_owned()));
        self
    }

    /// This path, then the element `index` of a list.
    pub fn index(mut self, index: usize) -> FieldPath {
        self.0.push(Step::Index(index));
        self
    }

    /// The pattern this path is an instance of: every list index becomes `[]`
    /// (`a[3].b[0]` → `a[].b[]`).
    pub fn generic(&self) -> FieldPath {
        FieldPath(self.0.iter().map(|s| if let Step::Index(_) = s { Step::Each } else { s.clone() }).collect())
    }

    /// The rest of this path below `prefix`, when it starts with it.
    pub fn strip_prefix(&self, prefix: &FieldPath) -> Option<FieldPath> {
        self.0.strip_prefix(prefix.0.as_slice()).map(|rest| FieldPath(rest.to_vec()))
    }

    /// The value at this path, if there is one.
    pub fn get<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        self.0.iter().try_fold(value, |v, step| match step {
            Step::Key(k) => v.get(k),
            Step::Index(i) => v.get(i),
            Step::Each => None,
        })
    }

    /// Sets (or with `None` removes) the value at this path, creating the objects on the
    /// way; a list element that is not there is left alone. An object left empty by a
    /// removal is removed too: the model leaves empty groups (warranty, support model)
    /// out of the file.
    pub fn set(&self, value: &mut Value, new: Option<Value>) {
        fn go(v: &mut Value, steps: &[Step], new: Option<Value>) {
            let Some((first, rest)) = steps.split_first() else { return };
            match first {
                Step::Key(k) => {
                    if !v.is_object() {
                        *v = Value::Object(Default::default());
                    }
                    let obj = v.as_object_mut().expect("made an object");
                    if rest.is_empty() {
                        match new {
                            Some(n) => obj.insert(k.clone(), n),
                            None => obj.remove(k),
                        };
                        return;
                    }
                    let child = obj.entry(k.clone()).or_insert(Value::Null);
                    go(child, rest, new);
                    if child.as_object().is_some_and(|o| o.is_empty()) || child.is_null() {
                        obj.remove(k);
                    }
                }
                Step::Index(i) => {
                    let Some(item) = v.get_mut(*i) else { return };
                    if rest.is_empty() {
                        if let Some(n) = new {
                            *item = n;
                        }
                        return;
                    }
                    go(item, rest, new);
                }
                Step::Each => {}
            }
        }
        go(value, &self.0, new);
    }

    /// Every value matching this pattern in `value`, with its concrete path, in
    /// document order (`[]` steps expand to each element of the list).
    pub fn expand<'v>(&self, value: &'v Value) -> Vec<(FieldPath, &'v Value)> {
        fn walk<'v>(value: &'v Value, steps: &[Step], at: &mut Vec<Step>, out: &mut Vec<(FieldPath, &'v Value)>) {
            let Some((first, rest)) = steps.split_first() else {
                out.push((FieldPath(at.clone()), value));
                return;
            };
            let mut visit = |step: Step, child: &'v Value| {
                at.push(step);
                walk(child, rest, at, out);
                at.pop();
            };
            match first {
                Step::Key(k) => {
                    if let Some(child) = value.get(k) {
                        visit(first.clone(), child);
                    }
                }
                Step::Index(i) => {
                    if let Some(child) = value.get(i) {
                        visit(first.clone(), child);
                    }
                }
                Step::Each => {
                    for (i, child) in value.as_array().into_iter().flatten().enumerate() {
                        visit(Step::Index(i), child);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(value, &self.0, &mut Vec::new(), &mut out);
        out
    }
}

impl FromStr for FieldPath {
    type Err = BadPath;

    /// Keys are separated by dots; each may be followed by list indexes (`[2]`) or `[]`.
    /// Only the first segment may be indexes alone (`[0].name`, a path in a list).
    fn from_str(text: &str) -> Result<FieldPath, BadPath> {
        let bad = |reason| BadPath { path: text.to_owned(), reason };
        let mut steps = Vec::new();
        if text.is_empty() {
            return Ok(FieldPath(steps));
        }
        for (n, segment) in text.split('.').enumerate() {
            let (key, mut rest) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
            if key.contains(']') {
                return Err(bad("a \"]\" without its \"[\""));
            }
            if key.is_empty() && (n > 0 || rest.is_empty()) {
                return Err(bad("a field name is missing"));
            }
            if !key.is_empty() {
                steps.push(Step::Key(key.to_owned()));
            }
            while !rest.is_empty() {
                let Some(inner) = rest.strip_prefix('[') else { return Err(bad("text after a list index")) };
                let Some(end) = inner.find(']') else { return Err(bad("a \"[\" without its \"]\"")) };
                let index = &inner[..end];
                steps.push(if index.is_empty() {
                    Step::Each
                } else if index.bytes().all(|b| b.is_ascii_digit()) {
                    Step::Index(index.parse().map_err(|_| bad("a list index too large"))?)
                } else {
                    return Err(bad("a list index must be a whole number"));
                });
                rest = &inner[end + 1..];
            }
        }
        Ok(FieldPath(steps))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if n == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(i) => write!(f, "[{i}]")?,
                Step::Each => f.write_str("[]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(text: &str) -> FieldPath {
        text.parse().unwrap()
    }

    #[test]
    fn display_and_parse_round_trip() {
        for text in ["", "name", "services[3].owner", "support.escalation[0].party", "a[1][2].b", "[0].name", "a[].b"] {
            assert_eq!(p(text).to_string(), text);
        }
        assert_eq!(
            p("support.escalation[2].party").steps(),
            [Step::Key("support".into()), Step::Key("escalation".into()), Step::Index(2), Step::Key("party".into())]
        );
        assert_eq!(FieldPath::default().key("links").index(1).key("url"), p("links[1].url"));
    }

    #[test]
    fn bad_paths_are_refused() {
        for text in
            [".a", "a.", "a..b", "a[x]", "a[1", "a]", "a[1]b", "a[-1]", "[", "a.[0]", "a[99999999999999999999999]"]
        {
            assert!(text.parse::<FieldPath>().is_err(), "{text} was accepted");
        }
        assert_eq!(
            "a[x]".parse::<FieldPath>().unwrap_err().to_string(),
            "\"a[x]\" is not a field path: a list index must be a whole number"
        );
    }

    #[test]
    fn set_creates_groups_and_removes_them_when_empty() {
        let mut v = json!({"name": "A"});
        p("support.calendar").set(&mut v, Some(json!("office")));
        assert_eq!(p("support.calendar").get(&v), Some(&json!("office")));
        p("support.calendar").set(&mut v, None);
        assert_eq!(v, json!({"name": "A"}));
    }

    #[test]
    fn paths_reach_into_lists() {
        let mut v = json!({"support": {"escalation": [{"party": "a"}, {"party": "b"}]}});
        p("support.escalation[1].party").set(&mut v, Some(json!("c")));
        assert_eq!(p("support.escalation[1].party").get(&v), Some(&json!("c")));
        assert_eq!(p("support.escalation[5].party").get(&v), None);
        p("support.escalation[5].party").set(&mut v, Some(json!("d")));
        assert_eq!(v["support"]["escalation"].as_array().unwrap().len(), 2);
        assert_eq!(p("").get(&v), Some(&v));
    }

    #[test]
    fn patterns_expand_to_concrete_paths() {
        let v = json!({"raci": [{"party": "a"}, {"role": "x"}, {"party": "b"}], "owner": "c"});
        let found: Vec<String> = p("raci[].party").expand(&v).iter().map(|(at, _)| at.to_string()).collect();
        assert_eq!(found, ["raci[0].party", "raci[2].party"]);
        assert_eq!(p("raci[2].party").generic(), p("raci[].party"));
        assert_eq!(p("raci[].party").get(&v), None);
        assert_eq!(p("services[3].owner").strip_prefix(&p("services[3]")), Some(p("owner")));
        assert_eq!(p("services[30].owner").strip_prefix(&p("services[3]")), None);
    }
}
