//! Hostile Markdown renders inert: every tag in the output is one the renderer wrote, with
//! known attributes and safe URLs; everything else is escaped text.

use catalogue_core::markdown::render;
use proptest::prelude::*;

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](<java\tscript:alert(1)>)",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](vbscript:msgbox)",
    "<svg onload=alert(1)></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<details open ontoggle=alert(1)>x</details>",
    "| a |\n|---|\n| <td style=\"background:url(javascript:alert(1))\">x |",
    "<input type=\"text\" autofocus onfocus=alert(1)>",
    "<form action=\"https://evil.example\"><button>go</button></form>",
    "<style>body{display:none}</style>",
    "<div style=\"position:fixed;inset:0\">overlay</div>",
    "<h2 id=\"app\">takeover</h2>",
    "```\"><script>alert(1)</script>\nx\n```",
    "```js\" onmouseover=\"alert(1)\nx\n```",
    "<kbd onclick=alert(1)>x</kbd>",
];

const TAGS: &[&str] = &[
    "p",
    "a",
    "img",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "input",
    "kbd",
    "sup",
    "sub",
];
const ATTRIBUTES: &[&str] =
    &["href", "src", "alt", "title", "id", "type", "checked", "disabled", "start", "style", "class"];

/// Checks every real tag of `html` (text `<` is always escaped, so each `<` opens one).
fn assert_inert(input: &str, html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tag = &rest[i + 1..rest[i..].find('>').map(|j| i + j).unwrap_or(rest.len())];
        rest = &rest[i + 1..];
        let tag = tag.trim_start_matches('/').trim_end_matches('/');
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(TAGS.contains(&name.as_str()), "{input:?} produced a <{name}> tag: {html}");
        // Attributes: name="value" pairs written by the renderer.
        let mut attrs = &tag[name.len()..];
        while let Some(eq) = attrs.find("=\"") {
            let attr = attrs[..eq].trim();
            let end = attrs[eq + 2..].find('"').expect("quoted attribute") + eq + 2;
            let value = &attrs[eq + 2..end];
            assert!(ATTRIBUTES.contains(&attr), "{input:?} produced attribute {attr}: {html}");
            if attr == "href" || attr == "src" {
                assert!(
                    catalogue_core::url_policy::is_safe_url(value, catalogue_core::url_policy::UrlUse::Markdown)
                        && !value.to_lowercase().contains("script:"),
                    "{input:?} kept URL {value}: {html}"
                );
            }
            if attr == "style" {
                assert!(value.starts_with("text-align: "), "{input:?} kept style {value}");
            }
            if attr == "class" {
                assert!(
                    value.starts_with("language-") && !value.contains(['"', '<', '>']),
                    "{input:?} kept class {value}"
                );
            }
            if attr == "id" {
                assert!(value.starts_with("h-"), "{input:?} kept id {value}");
            }
            attrs = &attrs[end + 1..];
        }
    }
}

#[test]
fn hostile_markdown_renders_inert() {
    for input in HOSTILE {
        assert_inert(input, &render(input).html);
    }
}

proptest! {
    #[test]
    fn any_text_renders_inert(input in r#"([<>"'=:/#\[\]()!`|\- a-zA-Z\n]|javascript:|<script>|onerror=|data:|<img |<kbd>){0,60}"#) {
        assert_inert(&input, &render(&input).html);
    }
}

#[test]
fn safe_links_survive() {
    let html = render("[docs](https://docs.example) and <mailto:ops@example.org> and [top](#h-steps)").html;
    assert!(html.contains(r#"href="https://docs.example""#), "{html}");
    assert!(html.contains(r#"href="mailto:ops@example.org""#), "{html}");
    assert!(html.contains(r##"href="#h-steps""##), "{html}");
}

#[test]
fn raw_html_shows_as_text() {
    let html = render("Press <kbd>Ctrl</kbd>+<kbd>K</kbd>, not <b onclick=x>this</b>").html;
    assert!(html.contains("<kbd>Ctrl</kbd>"), "{html}");
    assert!(html.contains("&lt;b onclick=x&gt;this&lt;/b&gt;"), "{html}");
}

#[test]
fn unsafe_links_and_images_keep_only_their_text() {
    let html = render(
        "[click me](javascript:alert(1)) and ![a picture](data:image/png;base64,AAAA) and [ok](https://ok.example)",
    )
    .html;
    assert_eq!(html, "<p>click me and a picture and <a href=\"https://ok.example\">ok</a></p>\n");
}
