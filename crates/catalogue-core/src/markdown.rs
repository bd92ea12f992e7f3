//! Markdown to safe HTML. Every Markdown text in a catalogue is hostile: it may come from
//! any imported file. `pulldown-cmark` parses it; raw HTML is turned into text and unsafe
//! link URLs are dropped before rendering (see [`defuse`]), so no script, event handler,
//! style, `javascript:` or `data:` URL can reach the page.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::url_policy::{is_safe_url, UrlUse};

/// Prefix of heading anchors, so that a heading can never take the id of an element of
/// the app itself.
pub const ANCHOR_PREFIX: &str = "h-";

/// A heading of a rendered document, for a table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The element id in the rendered HTML (with [`ANCHOR_PREFIX`]).
    pub anchor: String,
}

/// Rendered, sanitized HTML and the document's headings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// Renders Markdown (CommonMark with tables, task lists, strikethrough) to sanitized HTML.
pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut events = defuse(Parser::new_ext(markdown, options));
    let headings = anchor_headings(&mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html, headings }
}

/// Gives every heading an id made from its text (`Before you start` → `before-you-start`),
/// unique within the document.
fn anchor_headings(events: &mut [Event]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base: String = crate::search::text::words(&text).map(|(_, w)| w).collect::<Vec<_>>().join("-");
            let base = if base.is_empty() { "section".to_owned() } else { base };
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            let anchor = format!("{ANCHOR_PREFIX}{slug}");
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor.clone()));
            }
            headings.push(Heading { level: heading_level(level), text: text.trim().to_owned(), anchor });
            i = j;
        }
        i += 1;
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Inline tags kept when written exactly like this (no attributes); any other HTML in
/// the text is shown as text.
const KEPT_TAGS: &[&str] = &["<kbd>", "</kbd>", "<br>", "<br/>", "<br />", "<sup>", "</sup>", "<sub>", "</sub>"];

/// Makes the event stream safe: raw HTML becomes text (except [`KEPT_TAGS`]); a link or
/// image with an unsafe URL (see [`crate::url_policy`]; relative ones are kept) is
/// unwrapped, leaving its text.
///
/// Why not `ammonia` after rendering, the usual pairing: it brings an HTML5 parser and a
/// URL library that add about 930 KB (400 KB compressed) to the WebAssembly module, more
/// than the app's whole first-load budget. Filtering the parser's events instead leaves no
/// HTML to sanitize: every tag in the output is one pulldown-cmark wrote itself, and every
/// text is escaped by it.
fn defuse<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // Ends of unwrapped links and images still to drop.
    let (mut links, mut images) = (0usize, 0usize);
    for event in events {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                out.push(if KEPT_TAGS.contains(&h.trim()) { Event::InlineHtml(h) } else { Event::Text(h) });
            }
            Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_url(dest_url, UrlUse::Markdown) => links += 1,
            Event::Start(Tag::Image { ref dest_url, .. }) if !is_safe_url(dest_url, UrlUse::Markdown) => images += 1,
            Event::End(TagEnd::Link) if links > 0 => links -= 1,
            Event::End(TagEnd::Image) if images > 0 => images -= 1,
            e => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_prefixed_anchors() {
        let r = render("# Before you start\n\n## Steps\n\n## Steps\n");
        assert!(r.html.contains(r#"<h1 id="h-before-you-start">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="h-steps-2">"#), "{}", r.html);
        let anchors: Vec<_> = r.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["h-before-you-start", "h-steps", "h-steps-2"]);
    }

    #[test]
    fn tables_task_lists_and_code_render() {
        let r = render("| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n```bash\necho hi\n```\n");
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains(r#"style="text-align: right""#), "{}", r.html);
        assert!(r.html.contains(r#"<input disabled="" type="checkbox" checked=""/>"#), "{}", r.html);
        assert!(r.html.contains("<pre><code"), "{}", r.html);
    }
}
