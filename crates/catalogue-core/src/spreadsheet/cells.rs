//! How each kind of field is written in a spreadsheet cell, and read back from one.
//! Values are the records' JSON values; references are written by name and read by name
//! or id ([`Names`]).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::model::*;

/// What a column holds.
#[derive(Clone, Copy)]
pub enum Cell {
    Text,
    /// An enum of the model: written as its label, read by label or file name.
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    Integer,
    Date,
    /// A list of words, joined with "; ".
    Words,
    Ref(RecordKind),
    Refs(RecordKind),
    /// `15 business days`.
    Duration,
    /// `95.00 EUR per hour`, or `free`.
    Price,
    /// Offering elements by name; read back, an element keeps its description.
    Elements,
    /// `availability: 99.9 %; time to respond P1: 15 min`; read back, a target keeps
    /// what the cell does not show (its warning level).
    Targets,
    /// Written, never read (revision, updated).
    Written,
}

/// The (file name, label) pairs of a [`Choice`] enum.
pub fn choice<C: Choice>() -> Vec<(&'static str, &'static str)> {
    C::ALL.iter().map(|c| (c.value(), c.label())).collect()
}

/// The separator of lists in a cell.
pub const LIST: &str = "; ";

/// Records by name and id, to write references by name and read them by either.
pub struct Names {
    by_id: HashMap<(RecordKind, String), String>,
    by_name: HashMap<(RecordKind, String), Vec<String>>,
}

impl Default for Names {
    fn default() -> Self {
        Names::new()
    }
}

impl Names {
    pub fn new() -> Names {
        Names { by_id: HashMap::new(), by_name: HashMap::new() }
    }

    /// Adds a record's name; a record given a new name is found by both.
    pub fn add(&mut self, kind: RecordKind, id: &str, name: &str) {
        self.by_id.insert((kind, id.to_owned()), name.to_owned());
        let ids = self.by_name.entry((kind, name.to_lowercase())).or_default();
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_owned());
        }
    }

    fn name(&self, kind: RecordKind, id: &str) -> String {
        self.by_id.get(&(kind, id.to_owned())).cloned().unwrap_or_else(|| id.to_owned())
    }

    /// The id a cell names: an id of that kind, or the name of exactly one record.
    fn id(&self, kind: RecordKind, text: &str) -> Result<String, String> {
        self.find(kind, text)?.ok_or_else(|| format!("no {} has the name or id “{text}”", kind.label()))
    }

    /// Like [`Names::id`], with `None` for a text that is no id or name of that kind.
    pub(crate) fn find(&self, kind: RecordKind, text: &str) -> Result<Option<String>, String> {
        if self.by_id.contains_key(&(kind, text.to_owned())) {
            return Ok(Some(text.to_owned()));
        }
        match self.by_name.get(&(kind, text.to_lowercase())).map(Vec::as_slice) {
            Some([id]) => Ok(Some(id.clone())),
            Some(ids) if ids.len() > 1 => Err(format!(
                "“{text}” is the name of more than one {} ({}): write the id instead",
                kind.label(),
                ids.join(", ")
            )),
            _ => Ok(None),
        }
    }
}

fn split(text: &str) -> Vec<&str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

impl Cell {
    /// The cell showing `value` (the field's value in a record; `None` when absent).
    pub fn write(self, value: Option<&Value>, names: &Names) -> String {
        let Some(v) = value else { return String::new() };
        let text = |v: &Value| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
        let list = |v: &Value, each: &dyn Fn(&Value) -> String| {
            v.as_array().map(|a| a.iter().map(each).collect::<Vec<_>>().join(LIST)).unwrap_or_default()
        };
        match self {
            Cell::Text | Cell::Date | Cell::Integer | Cell::Written => text(v),
            Cell::Choice(all) => {
                let value = v.as_str().unwrap_or_default();
                all().into_iter().find(|(file, _)| *file == value).map(|(_, label)| label.to_owned()).unwrap_or(text(v))
            }
            Cell::Words => list(v, &text),
            Cell::Ref(kind) => names.name(kind, v.as_str().unwrap_or_default()),
            Cell::Refs(kind) => list(v, &|i| names.name(kind, i.as_str().unwrap_or_default())),
            Cell::Duration => serde_json::from_value::<Duration>(v.clone()).map(|d| d.to_string()).unwrap_or_default(),
            Cell::Price => serde_json::from_value::<Price>(v.clone()).map(|p| p.to_string()).unwrap_or_default(),
            Cell::Elements => list(v, &|e| e["name"].as_str().unwrap_or_default().to_owned()),
            Cell::Targets => list(v, &|t| {
                let Ok(t) = serde_json::from_value::<Target>(t.clone()) else { return String::new() };
                let metric = if t.metric == Metric::Custom { t.name.clone() } else { t.metric.label().to_owned() };
                let priority = t.priority.map(|p| format!(" {}", p.label())).unwrap_or_default();
                format!("{metric}{priority}: {}", t.unit.amount(t.value))
            }),
        }
    }

    /// The field's value from `text` (`None`: leave the field out), given what it was
    /// (`before`), or why the text cannot be read.
    pub fn read(self, text: &str, before: Option<&Value>, names: &Names) -> Result<Option<Value>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let value = match self {
            Cell::Text => json!(text),
            Cell::Written => return Ok(before.cloned()),
            Cell::Choice(all) => {
                let found = all()
                    .into_iter()
                    .find(|(file, label)| file.eq_ignore_ascii_case(text) || label.eq_ignore_ascii_case(text));
                match found {
                    Some((file, _)) => json!(file),
                    None => {
                        let labels: Vec<&str> = all().into_iter().map(|(_, l)| l).collect();
                        return Err(format!("“{text}” is none of: {}", labels.join(", ")));
                    }
                }
            }
            Cell::Integer => json!(text.parse::<u64>().map_err(|_| format!("“{text}” is not a whole number"))?),
            Cell::Date => {
                let date: jiff::civil::Date =
                    text.parse().map_err(|_| format!("“{text}” is not a date (YYYY-MM-DD)"))?;
                json!(date.to_string())
            }
            Cell::Words => json!(split(text)),
            Cell::Ref(kind) => json!(names.id(kind, text)?),
            Cell::Refs(kind) => {
                json!(split(text).into_iter().map(|t| names.id(kind, t)).collect::<Result<Vec<_>, _>>()?)
            }
            Cell::Duration => {
                let (value, unit) = amount(text, &time_units())?;
                json!({ "value": value, "unit": unit })
            }
            Cell::Price => price(text, before)?,
            Cell::Elements => {
                let old = before.and_then(Value::as_array).cloned().unwrap_or_default();
                let kept =
                    |name: &str| old.iter().find(|e| e["name"] == name).cloned().unwrap_or(json!({ "name": name }));
                json!(split(text).into_iter().map(kept).collect::<Vec<_>>())
            }
            Cell::Targets => {
                let old = before.and_then(Value::as_array).cloned().unwrap_or_default();
                json!(split(text).into_iter().map(|t| target(t, &old)).collect::<Result<Vec<_>, _>>()?)
            }
        };
        Ok(Some(value))
    }
}

/// The words a unit may be written with after a number, each with its file name.
fn units<U: Copy>(
    all: &[U],
    file: impl Fn(U) -> &'static str,
    words: impl Fn(U) -> Vec<String>,
) -> Vec<(String, &'static str)> {
    all.iter().flat_map(|&u| words(u).into_iter().map(|w| (w.to_lowercase(), file(u))).collect::<Vec<_>>()).collect()
}

fn time_units() -> Vec<(String, &'static str)> {
    units(&TimeUnit::ALL, TimeUnit::value, |u| {
        let after = |n: f64| u.amount(n).split_once(' ').map(|(_, w)| w.to_owned()).unwrap_or_default();
        vec![u.label().to_owned(), u.name().to_owned(), after(1.0), after(2.0)]
    })
}

fn target_units() -> Vec<(String, &'static str)> {
    units(&TargetUnit::ALL, TargetUnit::value, |u| {
        let after = |n: f64| u.amount(n).split_once(' ').map(|(_, w)| w.to_owned()).unwrap_or_default();
        vec![u.label().to_owned(), u.name().to_owned(), after(1.0), after(2.0)]
    })
}

/// `15 business days` → (15, "business_days").
fn amount(text: &str, units: &[(String, &'static str)]) -> Result<(f64, &'static str), String> {
    let (number, unit) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let value: f64 = number.parse().map_err(|_| format!("“{text}” does not start with a number"))?;
    let unit = unit.trim().to_lowercase();
    match units.iter().find(|(word, _)| *word == unit) {
        Some((_, file)) => Ok((value, file)),
        None => Err(format!(
            "“{unit}” is not a unit (for example: {})",
            units.iter().take(4).map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// `95.00 EUR per hour of analyst time`, or `free` (keeping what it was charged per).
fn price(text: &str, before: Option<&Value>) -> Result<Value, String> {
    let form = "write it as an amount, a currency and what it is per, e.g. “10.00 EUR per user”, or “free”";
    if text.eq_ignore_ascii_case("free") {
        let mut p = before.cloned().ok_or(format!("“free” needs a currency: {form}"))?;
        p["amount"] = json!(0.0);
        return Ok(p);
    }
    let (amount, rest) = text.split_once(' ').ok_or(format!("“{text}”: {form}"))?;
    let (currency, per) = rest.split_once(" per ").ok_or(format!("“{text}”: {form}"))?;
    let amount: f64 = amount.parse().map_err(|_| format!("“{text}”: {form}"))?;
    Ok(json!({ "amount": amount, "currency": currency.trim(), "per": per.trim() }))
}

/// `time to respond P1: 15 min`; a target of the same metric and priority before keeps
/// its other fields.
fn target(text: &str, old: &[Value]) -> Result<Value, String> {
    let (left, right) = text.rsplit_once(':').ok_or(format!("“{text}” is not “metric: value unit”"))?;
    let mut words: Vec<&str> = left.split_whitespace().collect();
    let priority = words.last().and_then(|w| Priority::ALL.iter().find(|p| p.label().eq_ignore_ascii_case(w))).copied();
    if priority.is_some() {
        words.pop();
    }
    let metric_text = words.join(" ");
    let metric = Metric::ALL
        .iter()
        .find(|m| m.label().eq_ignore_ascii_case(&metric_text) || m.value().eq_ignore_ascii_case(&metric_text));
    let (metric, name) = match metric {
        Some(m) => (m.value(), String::new()),
        None => ("custom", metric_text.clone()),
    };
    let (value, unit) = amount(right.trim(), &target_units())?;
    let same = |t: &&Value| {
        t["metric"] == metric
            && t.get("priority").and_then(Value::as_str) == priority.map(|p| p.value())
            && t.get("name").and_then(Value::as_str).unwrap_or("") == name
    };
    let mut t = old.iter().find(same).cloned().unwrap_or(json!({ "metric": metric }));
    t["value"] = json!(value);
    t["unit"] = json!(unit);
    if let Some(p) = priority {
        t["priority"] = json!(p.value());
    }
    if !name.is_empty() {
        t["name"] = json!(name);
    }
    Ok(t)
}
