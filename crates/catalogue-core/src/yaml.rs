//! YAML for the formats of other tools: reading a scalar as text, and writing JSON values
//! as a YAML stream, a document each, as descriptor files are.

use serde_json::Value;
use yaml_rust2::{Yaml, YamlEmitter};

/// A scalar as text (`tier: 2` and `tier: "2"` alike); anything else as empty text.
pub fn text(y: &Yaml) -> String {
    match y {
        Yaml::String(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Real(r) => r.clone(),
        _ => String::new(),
    }
}

/// `docs` as one YAML stream: each document starts with `---`.
pub fn stream(docs: &[Value]) -> String {
    let mut text = String::new();
    for doc in docs {
        let mut one = String::new();
        YamlEmitter::new(&mut one).dump(&yaml(doc)).expect("writing to a string");
        text.push_str(&one);
        text.push('\n');
    }
    text
}

fn yaml(v: &Value) -> Yaml {
    match v {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Number(n) => n.as_i64().map(Yaml::Integer).unwrap_or_else(|| Yaml::Real(n.to_string())),
        Value::String(s) => Yaml::String(s.clone()),
        Value::Array(a) => Yaml::Array(a.iter().map(yaml).collect()),
        Value::Object(o) => Yaml::Hash(o.iter().map(|(k, v)| (Yaml::String(k.clone()), yaml(v))).collect()),
    }
}
