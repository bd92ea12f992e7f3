//! Any text as Markdown: rendering never panics, and the HTML holds only the elements and
//! attributes the renderer writes itself, with no script-capable element, no event
//! handler and no link that is not https, http, mailto or relative.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ELEMENTS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
    "img",
    "sup",
    "sub",
    "kbd",
    "div",
    "span",
];

/// The attributes of a tag's inside (`a href="x" title="y"`), as the renderer writes
/// them: `name="value"` with quotes escaped inside values, or a bare name.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_end_matches('/').split_once(' ').map_or("", |(_, r)| r);
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(['=', ' ']).unwrap_or(rest.len());
        let name = &rest[..end];
        if rest[end..].starts_with("=\"") {
            let value_start = end + 2;
            let value_end = value_start + rest[value_start..].find('"').expect("attribute values are quoted");
            out.push((name, &rest[value_start..value_end]));
            rest = &rest[value_end + 1..];
        } else {
            out.push((name, ""));
            rest = &rest[end..];
        }
    }
}

/// The scheme a browser reads from a URL (WHATWG URL parsing: leading and trailing C0
/// controls and spaces stripped, tabs and newlines removed anywhere, then letters, digits,
/// `+`, `-` and `.` starting with a letter, before a colon); `None` for a relative URL.
/// Written here rather than taken from the renderer, so the check does not trust the
/// code it checks.
fn browser_scheme(url: &str) -> Option<String> {
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let html = catalogue_core::markdown::render(text).html;
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map(|c| open + c).expect("every tag is closed");
        let tag = &rest[open + 1..close];
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(ELEMENTS.contains(&name.as_str()), "unexpected element <{name}> in {html}");
        for (attribute, value) in attributes(tag) {
            let attribute = attribute.to_ascii_lowercase();
            assert!(!attribute.starts_with("on"), "event handler in <{tag}>");
            // The one style the renderer writes: table column alignment.
            let alignment = ["left", "center", "right"].iter().any(|a| value == format!("text-align: {a}"));
            assert!(attribute != "style" || alignment, "inline style in <{tag}>");
            if attribute == "href" || attribute == "src" {
                let url = value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
                let scheme = browser_scheme(&url);
                assert!(
                    scheme.as_ref().is_none_or(|s| ["http", "https", "mailto"].contains(&s.as_str())),
                    "{attribute} with scheme {scheme:?}: {url:?} in {html}"
                );
            }
        }
        rest = &rest[close + 1..];
    }
});
