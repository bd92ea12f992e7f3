//! Reading and writing catalogue files.
//!
//! Reading checks, in this order, and stops at the first stage that fails: the bytes are
//! UTF-8 text (a leading byte-order mark is dropped), the text is JSON, it is a
//! `service-catalogue` document of a version this code reads, every field has the right
//! type (unknown fields are refused, so a misspelt field is never silently dropped), and
//! finally the whole catalogue validates. Every problem carries its JSON path and the
//! line and column in the file.
//!
//! Writing produces the canonical form: keys in model order, records sorted by id, empty
//! optional fields left out, two-space indentation and a final newline. Reading a
//! canonical file and writing it again gives the same bytes.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Catalogue, FORMAT, VERSION};
use crate::locate::{line_column, locate, locate_all, offset_of, path_at};
use crate::problem::Problem;
use crate::validate::validate;

/// The two long stages of reading a file, for progress reports: the structure (JSON,
/// format, version, types), then the validation of the whole catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadStage {
    Structure,
    Validation,
}

/// Parses and validates a catalogue file. On failure nothing is returned but the problems.
pub fn parse_bytes(bytes: &[u8]) -> Result<Catalogue, Vec<Problem>> {
    parse_bytes_reporting(bytes, |_| ())
}

/// [`parse_bytes`], telling `entering` as each [`ReadStage`] starts.
pub fn parse_bytes_reporting(bytes: &[u8], entering: impl FnMut(ReadStage)) -> Result<Catalogue, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_reporting(text, entering),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            Err(vec![Problem::new(
                "",
                format!("the file is not UTF-8 text: invalid byte at offset {}", e.valid_up_to()),
            )
            .at(line, column)])
        }
    }
}

/// Parses and validates catalogue text.
pub fn parse(text: &str) -> Result<Catalogue, Vec<Problem>> {
    parse_reporting(text, |_| ())
}

fn parse_reporting(text: &str, mut entering: impl FnMut(ReadStage)) -> Result<Catalogue, Vec<Problem>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    entering(ReadStage::Structure);
    let cat = parse_unvalidated(text).map_err(|p| vec![p])?;
    entering(ReadStage::Validation);
    let mut problems = validate(&cat);
    if problems.is_empty() {
        return Ok(cat);
    }
    let places = locate_all(text, problems.iter().map(|p| p.path.as_str()));
    for (p, (line, column)) in problems.iter_mut().zip(places) {
        p.line = Some(line);
        p.column = Some(column);
    }
    Err(problems)
}

/// The metadata, parties and services of a catalogue file, with nothing else read or
/// checked: what the service list shows while the whole file is read and checked.
/// Reading no other kind keeps their readers out of code that only needs the list (the
/// app's first wasm module).
pub fn read_list(bytes: &[u8]) -> Result<Catalogue, String> {
    #[derive(Deserialize)]
    struct List {
        catalogue: crate::CatalogueMeta,
        #[serde(default)]
        parties: Vec<crate::model::Party>,
        #[serde(default)]
        services: Vec<crate::model::Service>,
    }
    // Read as text, as the store reads records: one copy of the readers in the wasm, not
    // one for bytes and one for text.
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let list: List = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(Catalogue { catalogue: list.catalogue, parties: list.parties, services: list.services, ..Catalogue::empty("") })
}

/// The metadata of a catalogue file (or of its list file), with the rest only scanned:
/// which revision a site publishes, told without the memory its records take or the time
/// checking them does.
pub fn read_meta(bytes: &[u8]) -> Result<crate::CatalogueMeta, String> {
    #[derive(Deserialize)]
    struct Head {
        catalogue: crate::CatalogueMeta,
    }
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let head: Head = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| e.to_string())?;
    Ok(head.catalogue)
}

/// The structural stages only: JSON, format, version, types. Returns the first problem.
pub fn parse_unvalidated(text: &str) -> Result<Catalogue, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new("", "the file is empty").at(1, 1));
    }
    // The typed read comes first and the head is looked at only when it fails or the
    // version differs (the type already holds the format): looking at the head first
    // scanned a 200 MB file twice.
    match serde_json::from_str::<Catalogue>(text) {
        Ok(cat) if cat.version == VERSION => Ok(cat),
        Ok(cat) => Err(check_head(text).err().unwrap_or_else(|| {
            Problem::new("version", format!("format version {} is not version {VERSION}", cat.version))
        })),
        Err(e) => {
            check_head(text)?;
            // The path of a type error is recovered from its position rather than tracked
            // while deserializing (as serde_path_to_error does): tracking doubles the
            // deserialization code in the web build.
            let path =
                if e.is_data() { shorten(path_at(text, offset_of(text, e.line(), e.column()))) } else { String::new() };
            Err(json_problem(path, &e))
        }
    }
}

/// A path of a deeply nested error, cut to its first 120 characters (at a segment):
/// `services[0].depends_on[0][0][0]…` says where as well as ten thousand `[0]` would.
fn shorten(path: String) -> String {
    const MAX: usize = 120;
    if path.len() <= MAX {
        return path;
    }
    let cut = path[..MAX].rfind(['.', '[']).unwrap_or(MAX);
    format!("{}…", &path[..cut])
}

/// Looks at `format` and `version` first, so that a file from a newer version or a
/// different tool gets a message about that rather than about its first unknown field.
fn check_head(text: &str) -> Result<(), Problem> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let head: Head = match serde_json::from_str(text) {
        Ok(h) => h,
        Err(e) if e.is_data() => {
            return Err(Problem::new("", "this is not a service catalogue: the file must hold one JSON object")
                .at(e.line(), e.column()));
        }
        Err(e) => return Err(json_problem(String::new(), &e)),
    };
    let at = |path: &str| {
        let (l, c) = line_column(text, locate(text, path));
        move |p: Problem| p.at(l, c)
    };
    match head.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(at("format")(Problem::new(
                "format",
                format!("this is not a service catalogue: format is {other}, expected \"{FORMAT}\""),
            )));
        }
        None => {
            return Err(Problem::new(
                "format",
                format!("this is not a service catalogue: there is no \"format\": \"{FORMAT}\" field"),
            )
            .at(1, 1))
        }
    }
    match head.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => Ok(()),
        Some(v) if v > u64::from(VERSION) => Err(at("version")(Problem::new(
            "version",
            format!("the file is format version {v}, newer than this app reads (version {VERSION}); update the app to open it"),
        ))),
        Some(v) => Err(at("version")(Problem::new("version", format!("format version {v} does not exist; this app reads version {VERSION}")))),
        None => Err(at("version")(Problem::new("version", format!("\"version\" must be the whole number {VERSION}")))),
    }
}

fn json_problem(path: String, e: &serde_json::Error) -> Problem {
    // serde_json appends " at line L column C" to its messages; we report those apart.
    let raw = e.to_string();
    let message = raw.rsplit_once(" at line ").map(|(m, _)| m.to_owned()).unwrap_or(raw);
    let message = match e.classify() {
        serde_json::error::Category::Eof => format!("the file ends too early (is it truncated?): {message}"),
        serde_json::error::Category::Syntax => format!("not valid JSON: {message}"),
        _ => message,
    };
    Problem::new(path, message).at(e.line().max(1), e.column().max(1))
}

/// The canonical text of a catalogue (see the module documentation).
pub fn to_canonical_json(cat: &Catalogue) -> String {
    let mut sorted = cat.clone();
    sorted.sort();
    let mut out = to_json(&sorted);
    out.push('\n');
    out
}

/// The one JSON writer for records and catalogues, used for files and for storage alike:
/// every serializer instantiated for the model adds its code to the web build again.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("catalogue records always serialize")
}

/// Where a catalogue file's metadata and each of its records are in its text, as byte
/// ranges, found in one scan that reads no record: for a writer that hands the records
/// to another parser a batch at a time (the import worker's `JSON.parse`), so that it
/// stores each batch before it parses the next. Nothing is checked but the JSON's
/// structure: the same file is read and checked in full by [`parse_bytes`].
#[derive(Debug, Default, PartialEq)]
pub struct RecordSpans {
    /// The `catalogue` object.
    pub meta: Option<std::ops::Range<usize>>,
    /// Each kind's records in the file's order; a kind the file leaves out is not here.
    pub lists: Vec<(crate::model::RecordKind, Vec<std::ops::Range<usize>>)>,
}

impl RecordSpans {
    /// How many records the file has.
    pub fn len(&self) -> usize {
        self.lists.iter().map(|(_, spans)| spans.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// [`RecordSpans`] of `text` (a leading byte-order mark is skipped); an error when it is
/// not a JSON object or a list of records is not an array.
pub fn record_spans(text: &str) -> Result<RecordSpans, String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    use serde_json::value::RawValue;

    use crate::model::RecordKind;

    struct Spans<'a>(&'a str);
    impl<'de> Visitor<'de> for Spans<'de> {
        type Value = RecordSpans;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a catalogue file: an object holding lists of records")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RecordSpans, A::Error> {
            // A raw value borrows from the text: where it starts is a distance in it.
            let span = |raw: &RawValue| {
                let start = raw.get().as_ptr() as usize - self.0.as_ptr() as usize;
                start..start + raw.get().len()
            };
            let mut spans = RecordSpans::default();
            while let Some(key) = map.next_key::<String>()? {
                if key == "catalogue" {
                    spans.meta = Some(span(map.next_value::<&RawValue>()?));
                } else if let Some(kind) = RecordKind::ALL.into_iter().find(|k| k.collection() == key) {
                    let records: Vec<&RawValue> = map.next_value()?;
                    // A key given twice: the last one counts, as with any JSON reader.
                    spans.lists.retain(|(k, _)| *k != kind);
                    spans.lists.push((kind, records.into_iter().map(span).collect()));
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(spans)
        }
    }

    let mut reader = serde_json::Deserializer::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));
    let spans = reader.deserialize_map(Spans(text)).map_err(|e| e.to_string())?;
    reader.end().map_err(|e| e.to_string())?;
    Ok(spans)
}
