//! Record forms: one engine that renders any record kind's [`spec`] over the record's
//! JSON value, with the domain's validation shown on the field it concerns.

pub mod fields;
pub mod spec;

use serde_json::Value;

/// One step of a field path: `support.escalation[2].party` is
/// `[Key(support), Key(escalation), Index(2), Key(party)]`.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Step::Key(key));
        }
        out.extend(pieces.filter_map(|i| i.trim_end_matches(']').parse().ok()).map(Step::Index));
    }
    out
}

/// The value at a field path, if there is one.
pub fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path).into_iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// Sets (or with `None` removes) the value at a field path, creating the objects on the
/// way. An object left empty by a removal is removed too: the model leaves empty
/// groups (warranty, support model) out of the file.
pub fn set(value: &mut Value, path: &str, new: Option<Value>) {
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
                        Some(n) => {
                            obj.insert((*k).to_owned(), n);
                        }
                        None => {
                            obj.remove(*k);
                        }
                    }
                    return;
                }
                let child = obj.entry((*k).to_owned()).or_insert(Value::Null);
                go(child, rest, new);
                if child.as_object().is_some_and(|o| o.is_empty()) || child.is_null() {
                    obj.remove(*k);
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
        }
    }
    go(value, &steps(path), new);
}

/// `base.key`, or `key` at the top.
pub fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_creates_groups_and_removes_them_when_empty() {
        let mut v = json!({"name": "A"});
        set(&mut v, "support.calendar", Some(json!("office")));
        assert_eq!(get(&v, "support.calendar"), Some(&json!("office")));
        set(&mut v, "support.calendar", None);
        assert_eq!(v, json!({"name": "A"}));
    }

    #[test]
    fn paths_reach_into_lists() {
        let mut v = json!({"support": {"escalation": [{"party": "a"}, {"party": "b"}]}});
        set(&mut v, "support.escalation[1].party", Some(json!("c")));
        assert_eq!(get(&v, "support.escalation[1].party"), Some(&json!("c")));
        assert_eq!(get(&v, "support.escalation[5].party"), None);
    }
}
