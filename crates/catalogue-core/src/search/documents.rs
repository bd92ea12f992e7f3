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
            Field::Title => 3.0,
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
pub trait Searchable: Record {
    fn search_doc(&self) -> SearchDoc<'_>;
}

fn elements(list: &[OfferingElement]) -> impl Iterator<Item = &str> {
    list.iter().flat_map(|e| [e.name.as_str(), e.description.as_str()])
}

impl Searchable for Service {
    fn search_doc(&self) -> SearchDoc<'_> {
        let mut d = SearchDoc::new(RecordKind::Service, &self.id);
        d.add(Field::Title, &self.name)
            .add(Field::Keywords, &self.id)
            .add(Field::Keywords, &self.family)
            .add_all(Field::Keywords, self.tags.iter().map(String::as_str))
            .add(Field::Summary, &self.summary)
            .add(Field::Body, &self.description)
            .add_all(Field::Body, self.utility.iter().map(String::as_str))
            .add_all(
                Field::Body,
                [
                    &self.warranty.availability,
                    &self.warranty.capacity,
                    &self.warranty.security,
                    &self.warranty.continuity,
                ]
                .map(String::as_str),
            );
        d
    }
}

impl Searchable for Offering {
    fn search_doc(&self) -> SearchDoc<'_> {
        let mut d = SearchDoc::new(RecordKind::Offering, &self.id);
        d.add(Field::Title, &self.name)
            .add(Field::Keywords, &self.id)
            .add_all(Field::Keywords, self.consumers.iter().map(String::as_str))
            .add(Field::Summary, &self.summary)
            .add_all(Field::Body, elements(&self.goods))
            .add_all(Field::Body, elements(&self.access))
            .add_all(Field::Body, elements(&self.actions))
            .add(Field::Body, &self.how_to_request);
        d
    }
}

impl Searchable for Agreement {
    fn search_doc(&self) -> SearchDoc<'_> {
        let mut d = SearchDoc::new(RecordKind::Agreement, &self.id);
        d.add(Field::Title, &self.name)
            .add(Field::Keywords, &self.id)
            .add(Field::Keywords, self.kind.label())
            .add(Field::Summary, &self.summary)
            .add_all(Field::Body, self.targets.iter().map(|t| t.name.as_str()));
        d
    }
}

impl Searchable for Article {
    fn search_doc(&self) -> SearchDoc<'_> {
        let mut d = SearchDoc::new(RecordKind::Article, &self.id);
        d.add(Field::Title, &self.title)
            .add(Field::Keywords, &self.id)
            .add(Field::Keywords, self.kind.label())
            .add_all(Field::Keywords, self.tags.iter().map(String::as_str))
            .add(Field::Summary, &self.summary)
            .add(Field::Body, &self.body);
        if let Some(k) = &self.known_error {
            d.add_all(Field::Body, [k.symptom.as_str(), k.cause.as_str(), k.workaround.as_str()]);
        }
        for s in &self.steps {
            d.add(Field::Body, &s.title).add(Field::Body, &s.body);
        }
        d
    }
}

impl Searchable for Party {
    fn search_doc(&self) -> SearchDoc<'_> {
        let mut d = SearchDoc::new(RecordKind::Party, &self.id);
        d.add(Field::Title, &self.name)
            .add(Field::Keywords, &self.id)
            .add(Field::Keywords, self.kind.label())
            .add_all(Field::Keywords, [&self.email, &self.chat].into_iter().flatten().map(String::as_str))
            .add(Field::Summary, &self.description);
        d
    }
}

/// Every searchable record of a catalogue. Calendars are reached through the services
/// that use them and are not searched on their own.
pub fn documents(cat: &Catalogue) -> impl Iterator<Item = SearchDoc<'_>> {
    let services = cat.services.iter().map(Searchable::search_doc);
    let offerings = cat.offerings.iter().map(Searchable::search_doc);
    let agreements = cat.agreements.iter().map(Searchable::search_doc);
    let articles = cat.articles.iter().map(Searchable::search_doc);
    let parties = cat.parties.iter().map(Searchable::search_doc);
    services.chain(offerings).chain(agreements).chain(articles).chain(parties)
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
