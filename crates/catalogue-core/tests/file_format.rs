//! Reading files: each kind of broken file gets one clear, located message.

use catalogue_core::{parse, parse_bytes, to_canonical_json, Problem};

const SMALL: &str = include_str!("fixtures/small.json");

fn only_problem(result: Result<catalogue_core::Catalogue, Vec<Problem>>) -> Problem {
    let mut problems = result.expect_err("should be refused");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems.remove(0)
}

#[test]
fn not_json_is_a_syntax_error_with_position() {
    let p = only_problem(parse("{\n  \"format\": \"service-catalogue\",\n  oops\n}"));
    assert!(p.message.starts_with("not valid JSON"), "{p}");
    assert_eq!((p.line, p.column), (Some(3), Some(3)));
}

#[test]
fn truncated_file_says_it_ends_too_early() {
    let p = only_problem(parse(&SMALL[..SMALL.len() / 2]));
    assert!(p.message.contains("ends too early"), "{p}");
    assert!(p.line.unwrap() > 1);
}

#[test]
fn empty_and_non_catalogue_files_are_refused() {
    assert!(only_problem(parse("   ")).message.contains("empty"));
    assert!(only_problem(parse("[1, 2]")).message.contains("not a service catalogue"));
    let p = only_problem(parse(r#"{"name": "left-pad", "version": "1.0.0"}"#));
    assert!(p.message.contains("no \"format\""), "{p}");
    let p = only_problem(parse(r#"{"format": "backstage", "version": 1}"#));
    assert!(p.message.contains("format is \"backstage\""), "{p}");
}

#[test]
fn newer_and_unknown_versions_are_refused_before_anything_else() {
    let newer = SMALL.replace("\"version\": 1", "\"version\": 2").replace("\"name\": \"Email\"", "\"nmae\": \"Email\"");
    let p = only_problem(parse(&newer));
    assert_eq!(p.path, "version");
    assert!(p.message.contains("version 2, newer than this app reads"), "{p}");
    assert_eq!(p.line, Some(4));
    let p = only_problem(parse(&SMALL.replace("\"version\": 1", "\"version\": 0")));
    assert!(p.message.contains("does not exist"), "{p}");
    let p = only_problem(parse(&SMALL.replace("\"version\": 1", "\"version\": \"1\"")));
    assert!(p.message.contains("whole number 1"), "{p}");
}

#[test]
fn wrong_types_name_the_field() {
    let p = only_problem(parse(&SMALL.replace("\"tier\": 2", "\"tier\": \"high\"")));
    assert_eq!(p.path, "services[0].tier");
    assert!(p.message.contains("invalid type"), "{p}");
    let p = only_problem(parse(&SMALL.replace("\"kind\": \"runbook\"", "\"kind\": \"novel\"")));
    assert_eq!(p.path, "articles[0].kind");
    assert!(p.message.contains("unknown variant `novel`"), "{p}");
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let p = only_problem(parse(&SMALL.replace("\"name\": \"Email\"", "\"name\": \"Email\", \"ownr\": \"ana\"")));
    assert_eq!(p.path, "services[0].ownr");
    assert!(p.message.contains("unknown field `ownr`"), "{p}");
}

#[test]
fn missing_required_field_names_the_record() {
    let p = only_problem(parse(&SMALL.replace("\"owner\": \"ana\", ", "")));
    assert_eq!(p.path, "services[0]");
    assert!(p.message.contains("missing field `owner`"), "{p}");
}

#[test]
fn validation_problems_carry_line_and_column() {
    let text = SMALL.replace("\"customer\": \"ana\"", "\"customer\": \"zed\"");
    let problems = parse(&text).unwrap_err();
    assert_eq!(problems.len(), 1);
    let p = &problems[0];
    let line = text.lines().position(|l| l.contains("\"zed\"")).unwrap() + 1;
    assert_eq!(p.line, Some(line));
    let column = text.lines().nth(line - 1).unwrap().find("\"zed\"").unwrap() + 1;
    assert_eq!(p.column, Some(column));
    assert_eq!(
        p.to_string(),
        format!("line {line}, column {column}: agreements[0].customer (agreement \"mail-sla\"): unknown party \"zed\"")
    );
}

#[test]
fn byte_order_mark_is_accepted_and_invalid_utf8_is_refused() {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(SMALL.as_bytes());
    assert!(parse_bytes(&with_bom).is_ok());
    let mut bad = SMALL.as_bytes().to_vec();
    bad[200] = 0xFF;
    let p = only_problem(parse_bytes(&bad));
    assert!(p.message.contains("not UTF-8"), "{p}");
    assert!(p.line.is_some());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!(
        "{{\"format\": \"service-catalogue\", \"version\": 1, \"x\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let p = only_problem(parse(&deep));
    assert_eq!(p.path, "x");
    assert!(p.line.is_some());
    let deep_value = format!(
        "{{\"format\": \"service-catalogue\", \"version\": 1, \"catalogue\": {{\"name\": {}\"x\"{}}}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let p = only_problem(parse(&deep_value));
    assert_eq!(p.path, "catalogue.name");
}

#[test]
fn canonical_export_sorts_records_and_is_stable() {
    let cat = parse(SMALL).unwrap();
    let once = to_canonical_json(&cat);
    let twice = to_canonical_json(&parse(&once).unwrap());
    assert_eq!(once, twice);
    let reread = parse(&once).unwrap();
    let ids: Vec<&str> = reread.services.iter().map(|s| s.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert!(once.ends_with("}\n"));
    assert!(!once.contains("\"goods\": []"), "empty lists are left out");
}

/// A file with problems all over it, written `pretty` or on one line: records whose text
/// holds quotes, brackets and characters of several bytes before the problems, many
/// services with unknown owners and dependencies, references to nothing.
fn with_many_problems(pretty: bool) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(SMALL).unwrap();
    let odd = "Überall \"quoted\" [brackets], {braces}: 日本語 and 😀";
    doc["parties"][0]["name"] = odd.into();
    doc["services"][0]["summary"] = odd.into();
    doc["services"][0]["depends_on"].as_array_mut().unwrap().push("missing".into());
    doc["offerings"][0]["service"] = "gone".into();
    doc["agreements"][1]["services"].as_array_mut().unwrap().push("ghost".into());
    let template = doc["services"][2].clone();
    for i in 0..12 {
        let mut s = template.clone();
        s["id"] = format!("extra-{i:02}").into();
        s["name"] = format!("Extra «{i}»").into();
        s["owner"] = format!("nobody-{}", i % 3).into();
        s["depends_on"] = serde_json::json!([format!("missing-{i}"), "network"]);
        doc["services"].as_array_mut().unwrap().push(s);
    }
    let text = to_canonical_json(&catalogue_core::file::parse_unvalidated(&doc.to_string()).unwrap());
    // The canonical form never breaks a line inside a string.
    if pretty {
        text
    } else {
        text.lines().map(str::trim_start).collect()
    }
}

fn located(text: &str) -> String {
    let problems = parse(text).unwrap_err();
    problems.iter().map(|p| format!("{} {}:{}\n", p.path, p.line.unwrap(), p.column.unwrap())).collect()
}

/// Where each problem of [`with_many_problems`] is, path then line and column, as
/// locating one problem at a time from the file's start found them.
const MANY_PRETTY: &str = "\
services[0].owner 64:16
services[0].depends_on[0] 69:9
services[1].owner 79:16
services[1].depends_on[0] 84:9
services[2].owner 94:16
services[2].depends_on[0] 99:9
services[3].owner 109:16
services[3].depends_on[0] 114:9
services[4].owner 124:16
services[4].depends_on[0] 129:9
services[5].owner 139:16
services[5].depends_on[0] 144:9
services[6].owner 154:16
services[6].depends_on[0] 159:9
services[7].owner 169:16
services[7].depends_on[0] 174:9
services[8].owner 184:16
services[8].depends_on[0] 189:9
services[9].owner 199:16
services[9].depends_on[0] 204:9
services[10].owner 214:16
services[10].depends_on[0] 219:9
services[11].owner 229:16
services[11].depends_on[0] 234:9
services[13].depends_on[2] 268:9
offerings[0].service 289:18
agreements[1].services[2] 332:9
";
const MANY_ON_ONE_LINE: &str = "\
services[0].owner 1:870
services[0].depends_on[0] 1:945
services[1].owner 1:1087
services[1].depends_on[0] 1:1162
services[2].owner 1:1304
services[2].depends_on[0] 1:1379
services[3].owner 1:1521
services[3].depends_on[0] 1:1596
services[4].owner 1:1738
services[4].depends_on[0] 1:1813
services[5].owner 1:1955
services[5].depends_on[0] 1:2030
services[6].owner 1:2172
services[6].depends_on[0] 1:2247
services[7].owner 1:2389
services[7].depends_on[0] 1:2464
services[8].owner 1:2606
services[8].depends_on[0] 1:2681
services[9].owner 1:2823
services[9].depends_on[0] 1:2898
services[10].owner 1:3041
services[10].depends_on[0] 1:3116
services[11].owner 1:3260
services[11].depends_on[0] 1:3335
services[13].depends_on[2] 1:3840
offerings[0].service 1:4135
agreements[1].services[2] 1:4687
";

/// Problems are located all at once, each exactly where locating it alone puts it.
#[test]
fn many_problems_are_each_located_where_they_are() {
    assert_eq!(located(&with_many_problems(true)), MANY_PRETTY);
    assert_eq!(located(&with_many_problems(false)), MANY_ON_ONE_LINE);
}

/// The import's writer stores each record from the span `record_spans` gives it: every
/// span holds exactly one record of the file, in the file's order, and the metadata.
#[test]
fn record_spans_hold_each_record_of_the_file() {
    use catalogue_core::file::record_spans;
    use catalogue_core::model::RecordKind;
    use serde_json::Value;

    let text = include_str!("../../../public/catalogue.json");
    let whole: Value = serde_json::from_str(text).unwrap();
    let spans = record_spans(text).unwrap();
    let parsed = |range: &std::ops::Range<usize>| serde_json::from_str::<Value>(&text[range.clone()]).unwrap();
    assert_eq!(parsed(spans.meta.as_ref().unwrap()), whole["catalogue"]);
    let kinds: Vec<RecordKind> = spans.lists.iter().map(|(kind, _)| *kind).collect();
    let in_file: Vec<RecordKind> =
        RecordKind::ALL.into_iter().filter(|k| whole.get(k.collection()).is_some()).collect();
    assert_eq!(kinds, in_file);
    for (kind, records) in &spans.lists {
        let from_spans: Vec<Value> = records.iter().map(parsed).collect();
        assert_eq!(Value::Array(from_spans), whole[kind.collection()], "{}", kind.collection());
    }
    assert_eq!(spans.len(), in_file.iter().map(|k| whole[k.collection()].as_array().unwrap().len()).sum::<usize>());

    // A byte-order mark shifts every span by its three bytes; anything but an object of
    // lists is refused.
    let with_mark = format!("\u{feff}{text}");
    let shifted = record_spans(&with_mark).unwrap();
    assert_eq!(shifted.meta, spans.meta.map(|r| r.start + 3..r.end + 3));
    assert!(record_spans("[1, 2]").is_err());
    assert!(record_spans(r#"{"services": {"id": "a"}}"#).is_err());
    assert!(record_spans(r#"{"services": []} trailing"#).is_err());
}

/// The update check reads which revision a site publishes from the file's metadata alone.
#[test]
fn read_meta_gives_the_metadata_whatever_follows() {
    use catalogue_core::file::read_meta;
    let text = include_str!("../../../public/catalogue.json");
    let meta = read_meta(text.as_bytes()).unwrap();
    assert_eq!(meta, parse(text).unwrap().catalogue);
    // Records are not read: one that would fail its type does not matter.
    let odd = r#"{"services": [{"id": 3}], "catalogue": {"name": "Odd", "revision": 7}}"#;
    assert_eq!(read_meta(odd.as_bytes()).unwrap().revision, 7);
    assert!(read_meta(br#"{"services": []}"#).is_err(), "no metadata");
    assert!(read_meta(b"{\"catalogue\": ").is_err(), "cut short");
}
