//! What of each record is searchable, and how much each part weighs.

use crate::catalogue::Catalogue;
use crate::model::*;

/// The parts of a searchable document, by weight: a word in a title counts more than the
/// same word deep in a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    /// Id, tags, family, kind: short words people search for by name.
    Keywords,
    Summary,
    Body,
}

impl Field {
    /// Always a multiple of a half: a stored index keeps weighted frequencies in halves.
    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 4.5,
            Field::Keywords => 2.0,
            Field::Summary => 1.5,
            Field::Body => 1.0,
        }
    }
}

/// Which record a document stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DocKey {
    pub kind: RecordKind,
    pub id: String,
}

/// One record as the search index sees it, borrowing the record's text: building the
/// index of a large catalogue then copies none of it.
#[derive(Clone, Debug)]
pub struct SearchDoc<'a> {
    pub key: DocKey,
    pub fields: Vec<(Field, &'a str)>,
}

impl<'a> SearchDoc<'a> {
    fn new(kind: RecordKind, id: &str) -> SearchDoc<'a> {
        SearchDoc { key: DocKey { kind, id: id.to_owned() }, fields: Vec::new() }
    }
    fn add(&mut self, field: Field, text: &'a str) -> &mut Self {
        if !text.is_empty() {
            self.fields.push((field, text));
        }
        self
    }
    fn add_all(&mut self, field: Field, texts: impl IntoIterator<Item = &'a str>) -> &mut Self {
        for t in texts {
            self.add(field, t);
        }
        self
    }
}

/// Records that can be searched.
///
/// Every text a reader sees on a record's page is searched. The impls destructure each
/// record whole, so a field added to the model does not compile until it is either
/// searched here or named as not searched (ids of other records, dates, numbers).
pub trait Searchable: Record {
    fn search_doc(&self) -> SearchDoc<'_>;
}

fn elements(list: &[OfferingElement]) -> impl Iterator<Item = &str> {
    list.iter().flat_map(|OfferingElement { name, description }| [name.as_str(), description.as_str()])
}

/// A text, unless it is a web address: the words of an address ("https", the site's
/// domain) would match every record that shows one.
fn not_a_url(text: &str) -> &str {
    if text.contains("://") {
        ""
    } else {
        text
    }
}

/// Words a page shows as the heading of a part that the record has: "escalation" finds
/// the services whose page shows an escalation path.
const ESCALATION_HEADING: &str = "Escalation path";

impl Searchable for Service {
    fn search_doc(&self) -> SearchDoc<'_> {
        let Service {
            id,
            revision: _,
            updated_at: _,
            name,
            view: _,
            owner: _,
            lifecycle: _,
            tier: _,
            family,
            tags,
            summary,
            description,
            utility,
            warranty: Warranty { availability, capacity, security, continuity },
            support: SupportModel { calendar: _, channels, escalation, raci, partners: _ },
            depends_on: _,
            links,
        } = self;
        let mut d = SearchDoc::new(RecordKind::Service, id);
        d.add(Field::Title, name)
            .add(Field::Keywords, id)
            .add(Field::Keywords, family)
            .add_all(Field::Keywords, tags.iter().map(String::as_str))
            .add(Field::Summary, summary)
            .add(Field::Body, description)
            .add_all(Field::Body, utility.iter().map(String::as_str))
            .add_all(Field::Body, [availability, capacity, security, continuity].map(String::as_str));
        for Channel { kind, value, note } in channels {
            d.add_all(Field::Body, [kind.label(), not_a_url(value), note.as_str()]);
        }
        if !escalation.is_empty() {
            d.add(Field::Body, ESCALATION_HEADING);
        }
        for EscalationLevel { party: _, after_minutes: _, note } in escalation {
            d.add(Field::Body, note);
        }
        for RaciAssignment { role, party: _, responsibility: _ } in raci {
            d.add(Field::Body, role);
        }
        for Link { title, url: _ } in links {
            d.add(Field::Body, title);
        }
        d
    }
}

impl Searchable for Offering {
    fn search_doc(&self) -> SearchDoc<'_> {
        let Offering {
            id,
            revision: _,
            updated_at: _,
            name,
            service: _,
            status: _,
            summary,
            consumers,
            goods,
            access,
            actions,
            how_to_request,
            fulfilment_time: _,
            price,
        } = self;
        let mut d = SearchDoc::new(RecordKind::Offering, id);
        d.add(Field::Title, name)
            .add(Field::Keywords, id)
            .add_all(Field::Keywords, consumers.iter().map(String::as_str))
            .add(Field::Summary, summary)
            .add_all(Field::Body, elements(goods))
            .add_all(Field::Body, elements(access))
            .add_all(Field::Body, elements(actions))
            .add(Field::Body, how_to_request);
        if let Some(Price { amount: _, currency, per }) = price {
            d.add_all(Field::Body, [currency.as_str(), per.as_str()]);
        }
        d
    }
}

impl Searchable for Agreement {
    fn search_doc(&self) -> SearchDoc<'_> {
        let Agreement {
            id,
            revision: _,
            updated_at: _,
            kind,
            name,
            summary,
            provider: _,
            customer: _,
            services: _,
            offerings: _,
            calendar: _,
            valid_from: _,
            valid_until: _,
            review_by: _,
            supports: _,
            targets,
        } = self;
        let mut d = SearchDoc::new(RecordKind::Agreement, id);
        d.add(Field::Title, name)
            .add(Field::Keywords, id)
            .add(Field::Keywords, kind.label())
            .add(Field::Summary, summary);
        for Target { metric, name, priority, value: _, unit: _, warning: _, slo } in targets {
            d.add(Field::Body, metric.label()).add(Field::Body, name);
            if let Some(p) = priority {
                d.add(Field::Body, p.label());
            }
            // What the page says of it (`SloMeasure::describe`): its words.
            if let Some(slo) = slo {
                d.add(Field::Body, &slo.window)
                    .add(Field::Body, slo.budgeting.label())
                    .add(Field::Body, &slo.indicator);
            }
        }
        d
    }
}

impl Searchable for Article {
    fn search_doc(&self) -> SearchDoc<'_> {
        let Article {
            id,
            revision: _,
            updated_at: _,
            kind,
            title,
            status: _,
            summary,
            owner: _,
            services: _,
            tags,
            last_reviewed: _,
            review_interval_days: _,
            known_error,
            steps,
            body,
        } = self;
        let mut d = SearchDoc::new(RecordKind::Article, id);
        d.add(Field::Title, title)
            .add(Field::Keywords, id)
            .add(Field::Keywords, kind.label())
            .add_all(Field::Keywords, tags.iter().map(String::as_str))
            .add(Field::Summary, summary)
            .add(Field::Body, body);
        if let Some(KnownError { symptom, cause, workaround }) = known_error {
            d.add_all(Field::Body, [symptom, cause, workaround].map(String::as_str));
        }
        for RunbookStep { title, body } in steps {
            d.add(Field::Body, title).add(Field::Body, body);
        }
        d
    }
}

impl Searchable for Party {
    fn search_doc(&self) -> SearchDoc<'_> {
        let Party { id, revision: _, updated_at: _, kind, name, description, email, phone, chat, url: _, member_of: _ } =
            self;
        let mut d = SearchDoc::new(RecordKind::Party, id);
        d.add(Field::Title, name)
            .add(Field::Keywords, id)
            .add(Field::Keywords, kind.label())
            .add_all(Field::Keywords, [email, chat].into_iter().flatten().map(String::as_str))
            .add(Field::Summary, description)
            .add_all(Field::Body, phone.iter().map(String::as_str));
        d
    }
}

/// Every searchable record of a catalogue: those of [`documents_but_articles`], then the
/// articles. Calendars are reached through the services that use them and are not
/// searched on their own.
pub fn documents(cat: &Catalogue) -> impl Iterator<Item = SearchDoc<'_>> {
    documents_but_articles(cat).chain(cat.articles.iter().map(Searchable::search_doc))
}

/// Every searchable record but the articles, which come last: the app holds articles
/// without their texts and indexes them from storage, a batch at a time.
pub fn documents_but_articles(cat: &Catalogue) -> impl Iterator<Item = SearchDoc<'_>> {
    let services = cat.services.iter().map(Searchable::search_doc);
    let offerings = cat.offerings.iter().map(Searchable::search_doc);
    let agreements = cat.agreements.iter().map(Searchable::search_doc);
    let parties = cat.parties.iter().map(Searchable::search_doc);
    services.chain(offerings).chain(agreements).chain(parties)
}

/// The document of one record, if it is there and searched.
pub fn document<'a>(cat: &'a Catalogue, key: &DocKey) -> Option<SearchDoc<'a>> {
    fn find<'a, R: Searchable>(list: &'a [R], id: &str) -> Option<SearchDoc<'a>> {
        list.iter().find(|r| r.id() == id).map(Searchable::search_doc)
    }
    match key.kind {
        RecordKind::Service => find(&cat.services, &key.id),
        RecordKind::Offering => find(&cat.offerings, &key.id),
        RecordKind::Agreement => find(&cat.agreements, &key.id),
        RecordKind::Article => find(&cat.articles, &key.id),
        RecordKind::Party => find(&cat.parties, &key.id),
        RecordKind::Calendar | RecordKind::Scorecard => None,
    }
}

/// How many documents [`documents`] yields.
pub fn document_count(cat: &Catalogue) -> usize {
    cat.services.len() + cat.offerings.len() + cat.agreements.len() + cat.articles.len() + cat.parties.len()
}
