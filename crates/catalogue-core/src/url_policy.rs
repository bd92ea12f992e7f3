//! Which URLs may become links. Every URL in a catalogue comes from an imported file and
//! is hostile until checked: only `https`, `http` and `mailto` links are made, so no
//! `javascript:`, `data:`, `vbscript:` or `file:` URL ever reaches an `href` or `src`.

/// Where a URL is used: the one difference between the two places is whether a URL
/// may be relative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// A URL field of a record (a web page, a portal, a link): absolute, since it points
    /// outside the catalogue (a relative one would resolve against wherever the app is
    /// served), and free of spaces and control characters, since it is shown and opened
    /// exactly as written.
    RecordField,
    /// A link or image in Markdown text: relative URLs (`#h-steps`, `/guide`) are kept,
    /// they stay within the page.
    Markdown,
}

/// URL schemes a link may use.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Whether `url` may be made a link where `usage` says.
pub fn is_safe_url(url: &str, usage: UrlUse) -> bool {
    // Browsers ignore tabs, newlines and leading spaces or controls inside URLs
    // (`java\tscript:`), so the scheme is looked for in the URL without them.
    let cleaned: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    let scheme_end = cleaned.find([':', '/', '?', '#']).filter(|&i| cleaned.as_bytes()[i] == b':');
    match usage {
        UrlUse::Markdown => scheme_end.is_none_or(|i| SAFE_SCHEMES.contains(&&cleaned[..i])),
        UrlUse::RecordField => {
            let Some(i) = scheme_end else { return false };
            // Nothing was removed: the URL is what the browser opens.
            cleaned.len() == url.len()
                && match &cleaned[..i] {
                    "http" | "https" => cleaned[i + 1..].starts_with("//"),
                    "mailto" => true,
                    _ => false,
                }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_and_refused_urls() {
        use UrlUse::*;
        // (url, allowed in a record field, allowed in Markdown)
        let table: &[(&str, bool, bool)] = &[
            ("https://example.org/a?b#c", true, true),
            ("http://example.org", true, true),
            ("HTTPS://EXAMPLE.ORG", true, true),
            ("mailto:ops@example.org", true, true),
            ("#h-steps", false, true),
            ("/guide/start", false, true),
            ("guide/start?x=a:b", false, true),
            ("https:example.org", false, true),
            ("javascript:alert(1)", false, false),
            ("JavaScript:alert(1)", false, false),
            ("java\tscript:alert(1)", false, false),
            ("java\nscript:alert(1)", false, false),
            (" javascript:alert(1)", false, false),
            ("\u{1}javascript:alert(1)", false, false),
            ("data:text/html,<script>alert(1)</script>", false, false),
            ("vbscript:msgbox", false, false),
            ("file:///etc/passwd", false, false),
            ("https://exa mple.org", false, true),
            (" https://example.org", false, true),
            ("https://example.org\n", false, true),
            // An entity is not decoded in a URL: this one is a relative path.
            ("javascript&#58;alert(1)", false, true),
            ("", false, true),
        ];
        for &(url, field, markdown) in table {
            assert_eq!(is_safe_url(url, RecordField), field, "{url:?} in a record field");
            assert_eq!(is_safe_url(url, Markdown), markdown, "{url:?} in Markdown");
        }
    }
}
