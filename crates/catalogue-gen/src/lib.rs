//! Deterministic catalogues of any size for benchmarks: realistic names, words and
//! Markdown, dependency graphs several levels deep (always acyclic), and every reference
//! resolving, so the result passes the same validation as any import.

mod operations;
mod words;

pub use operations::operations;

use catalogue_core::model::*;
use catalogue_core::{Catalogue, CatalogueMeta};
use words::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    S,
    M,
    L,
}

impl Size {
    pub fn parse(s: &str) -> Option<Size> {
        match s {
            "S" | "s" => Some(Size::S),
            "M" | "m" => Some(Size::M),
            "L" | "l" => Some(Size::L),
            _ => None,
        }
    }

    /// Services, offerings, agreements, articles.
    pub fn counts(self) -> (usize, usize, usize, usize) {
        match self {
            Size::S => (40, 35, 14, 40),
            Size::M => (1_000, 3_000, 1_000, 5_000),
            Size::L => (10_000, 30_000, 10_000, 50_000),
        }
    }
}

struct Gen {
    rng: fastrand::Rng,
    used: std::collections::HashSet<String>,
}

impl Gen {
    fn pick<'a>(&mut self, list: &'a [&'a str]) -> &'a str {
        list[self.rng.usize(..list.len())]
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.pick(WORDS)).collect::<Vec<_>>().join(" ")
    }
    fn sentence(&mut self, min: usize, max: usize) -> String {
        let n = self.rng.usize(min..=max);
        let mut s = self.words(n);
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s.push('.');
        s
    }
    /// A unique slug made from `name`.
    fn id(&mut self, name: &str) -> String {
        let base: String = name
            .to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base: String = base.chars().take(48).collect::<String>().trim_end_matches('-').to_owned();
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
    fn timestamp(&mut self) -> Timestamp {
        // Within 2026, deterministic.
        let secs = 1_767_225_600 + self.rng.i64(0..31_536_000);
        Timestamp::from_second(secs).expect("in range")
    }
    fn date(&mut self, year: i16) -> Date {
        jiff::civil::date(year, self.rng.i8(1..=12), self.rng.i8(1..=28))
    }

    /// A Markdown body of roughly `target` bytes: headings, paragraphs, lists, a table,
    /// a code block.
    fn markdown(&mut self, target: usize) -> String {
        let mut out = String::new();
        while out.len() < target {
            match self.rng.u8(..6) {
                0 => out.push_str(&format!("## {}\n\n", self.sentence(2, 4).trim_end_matches('.'))),
                1 => {
                    for i in 1..=self.rng.usize(3..6) {
                        out.push_str(&format!("{i}. {}\n", self.sentence(4, 10)));
                    }
                    out.push('\n');
                }
                2 => {
                    let cmd = self.pick(COMMANDS);
                    let arg = self.pick(WORDS);
                    out.push_str(&format!("```bash\n{cmd} {arg}\n{cmd} --status {arg}\n```\n\n"));
                }
                3 => {
                    out.push_str("| Item | Where |\n|---|---|\n");
                    for _ in 0..3 {
                        out.push_str(&format!("| {} | `{}` |\n", self.words(2), self.pick(WORDS)));
                    }
                    out.push('\n');
                }
                _ => {
                    let n = self.rng.usize(2..5);
                    let p: Vec<String> = (0..n).map(|_| self.sentence(6, 16)).collect();
                    out.push_str(&p.join(" "));
                    out.push_str("\n\n");
                }
            }
        }
        out.trim_end().to_owned()
    }
}

/// The catalogue of a size, from a seed.
pub fn generate(size: Size, seed: u64) -> Catalogue {
    let (n_services, n_offerings, n_agreements, n_articles) = size.counts();
    let mut g = Gen { rng: fastrand::Rng::with_seed(seed), used: Default::default() };
    let mut cat = Catalogue::empty(&format!("Generated catalogue {size:?} (seed {seed})"));
    cat.catalogue = CatalogueMeta {
        name: cat.catalogue.name.clone(),
        description: "Generated for benchmarks.".into(),
        publisher: "catalogue-gen".into(),
        revision: 1,
        published_at: None,
    };

    // Calendars in several zones.
    for (name, zone, start, end, all_week) in CALENDARS {
        let days = if *all_week { Weekday::ALL.to_vec() } else { Weekday::ALL[..5].to_vec() };
        let id = g.id(name);
        cat.calendars.push(Calendar {
            id,
            revision: 1,
            updated_at: g.timestamp(),
            name: (*name).into(),
            time_zone: (*zone).into(),
            hours: vec![WeeklyRange { days, start: (*start).into(), end: (*end).into() }],
            holidays: vec![Holiday { date: jiff::civil::date(2026, 12, 25), name: "Christmas Day".into() }],
        });
    }

    // Teams (one per 10 services), people (two per team), suppliers.
    let n_teams = (n_services / 10).max(4);
    let mut teams = Vec::new();
    for i in 0..n_teams {
        let name = format!("{} {}", g.pick(TEAM_PREFIXES), TEAM_SUFFIXES[i % TEAM_SUFFIXES.len()]);
        let id = g.id(&name);
        cat.parties.push(Party {
            id: id.clone(),
            revision: 1,
            updated_at: g.timestamp(),
            kind: PartyKind::Team,
            name,
            description: g.sentence(6, 12),
            email: Some(format!("{id}@example.org")),
            phone: None,
            chat: Some(format!("#{id}")),
            url: None,
            member_of: vec![],
        });
        teams.push(id);
    }
    let mut people = Vec::new();
    for i in 0..n_teams * 2 {
        let name = format!("{} {}", g.pick(FIRST_NAMES), g.pick(LAST_NAMES));
        let id = g.id(&name);
        cat.parties.push(Party {
            id: id.clone(),
            revision: 1,
            updated_at: g.timestamp(),
            kind: PartyKind::Person,
            name,
            description: String::new(),
            email: Some(format!("{id}@example.org")),
            phone: Some(format!("+49 40 555 {:04}", i % 10_000)),
            chat: None,
            url: None,
            member_of: vec![teams[i / 2].clone()],
        });
        people.push(id);
    }
    let mut suppliers = Vec::new();
    for name in SUPPLIERS {
        let id = g.id(name);
        cat.parties.push(Party {
            id: id.clone(),
            revision: 1,
            updated_at: g.timestamp(),
            kind: PartyKind::Supplier,
            name: (*name).into(),
            description: g.sentence(5, 10),
            email: Some(format!("support@{id}.example")),
            phone: None,
            chat: None,
            url: Some(format!("https://{id}.example")),
            member_of: vec![],
        });
        suppliers.push(id);
    }

    // Services: the first quarter technical foundations, later ones depend on earlier
    // ones only, so the graph is acyclic and chains run several levels deep.
    for i in 0..n_services {
        let technical = i < n_services * 3 / 5;
        let name = format!("{} {}", g.pick(QUALIFIERS), g.pick(if technical { TECH_NOUNS } else { BUSINESS_NOUNS }));
        let id = g.id(&name);
        let team = teams[i % teams.len()].clone();
        let mut depends_on = Vec::new();
        if i > 0 {
            for _ in 0..g.rng.usize(0..=3).min(i) {
                // Mostly recent services: long chains; sometimes any earlier one.
                let j = if g.rng.bool() { i - 1 - g.rng.usize(0..i.min(20)) } else { g.rng.usize(0..i) };
                let dep = cat.services[j].id.clone();
                if !depends_on.contains(&dep) {
                    depends_on.push(dep);
                }
            }
        }
        let calendar = cat.calendars[g.rng.usize(..cat.calendars.len())].id.clone();
        let lead = people[(i % teams.len()) * 2].clone();
        let support = SupportModel {
            calendar: Some(calendar),
            channels: vec![
                Channel {
                    kind: ChannelKind::Portal,
                    value: format!("https://help.example.org/services/{id}"),
                    note: "Raise incidents and requests".into(),
                },
                Channel { kind: ChannelKind::Email, value: format!("{team}@example.org"), note: String::new() },
            ],
            escalation: vec![
                EscalationLevel { party: team.clone(), after_minutes: 0, note: "On-call engineer".into() },
                EscalationLevel { party: lead.clone(), after_minutes: 60, note: "Service owner".into() },
            ],
            raci: vec![RaciAssignment {
                role: "Service owner".into(),
                party: lead.clone(),
                responsibility: Raci::Accountable,
            }],
            partners: if g.rng.u8(..4) == 0 { vec![suppliers[g.rng.usize(..suppliers.len())].clone()] } else { vec![] },
        };
        cat.services.push(Service {
            id,
            revision: g.rng.u64(1..10),
            updated_at: g.timestamp(),
            name,
            view: if technical { ServiceView::Technical } else { ServiceView::Business },
            owner: if g.rng.bool() { team } else { lead },
            lifecycle: [
                Lifecycle::Live,
                Lifecycle::Live,
                Lifecycle::Live,
                Lifecycle::Pipeline,
                Lifecycle::Retiring,
                Lifecycle::Retired,
            ][g.rng.usize(..6)],
            tier: g.rng.u8(1..=4),
            family: g.pick(FAMILIES).into(),
            tags: (0..g.rng.usize(1..4))
                .map(|_| g.pick(TAGS).to_owned())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
            summary: g.sentence(8, 14),
            description: g.markdown(400),
            utility: vec![g.sentence(6, 10), g.sentence(6, 10)],
            warranty: Warranty {
                availability: "99.9 % in service hours".into(),
                capacity: g.sentence(5, 8),
                security: String::new(),
                continuity: String::new(),
            },
            support,
            depends_on,
            links: vec![Link { title: "Runbook index".into(), url: "https://docs.example.org/runbooks".into() }],
        });
    }

    for _ in 0..n_offerings {
        let s = g.rng.usize(..n_services);
        let service = cat.services[s].id.clone();
        let name = format!("{} {}", g.pick(OFFERING_VERBS), g.words(2));
        let id = g.id(&name);
        let element = |g: &mut Gen| OfferingElement { name: g.words(2), description: g.sentence(5, 9) };
        cat.offerings.push(Offering {
            id,
            revision: 1,
            updated_at: g.timestamp(),
            name,
            service,
            status: Lifecycle::Live,
            summary: g.sentence(8, 14),
            consumers: vec![g.pick(CONSUMERS).into()],
            goods: if g.rng.u8(..3) == 0 { vec![element(&mut g)] } else { vec![] },
            access: vec![element(&mut g)],
            actions: vec![element(&mut g), element(&mut g)],
            how_to_request: g.sentence(8, 14),
            fulfilment_time: Some(Duration { value: f64::from(g.rng.u8(1..10)), unit: TimeUnit::BusinessDays }),
            price: None,
        });
    }

    // SLAs first, then OLAs and contracts underpinning them.
    for i in 0..n_agreements {
        let s = &cat.services[g.rng.usize(..n_services)];
        let (kind, supports) = if i < n_agreements / 2 || cat.agreements.is_empty() {
            (AgreementKind::Sla, vec![])
        } else {
            let sla = cat.agreements[g.rng.usize(..n_agreements / 2)].id.clone();
            (if g.rng.u8(..4) == 0 { AgreementKind::UnderpinningContract } else { AgreementKind::Ola }, vec![sla])
        };
        let name = format!("{} {}", s.name, kind.label().to_uppercase());
        let (services, provider, customer) =
            (vec![s.id.clone()], teams[g.rng.usize(..teams.len())].clone(), teams[g.rng.usize(..teams.len())].clone());
        let provider = if kind == AgreementKind::UnderpinningContract {
            suppliers[g.rng.usize(..suppliers.len())].clone()
        } else {
            provider
        };
        let id = g.id(&name);
        cat.agreements.push(Agreement {
            id,
            revision: 1,
            updated_at: g.timestamp(),
            kind,
            name,
            summary: g.sentence(8, 14),
            provider,
            customer,
            services,
            offerings: vec![],
            calendar: None,
            valid_from: g.date(2025),
            valid_until: None,
            review_by: Some(g.date(2027)),
            supports,
            targets: vec![
                Target {
                    metric: Metric::Availability,
                    name: String::new(),
                    priority: None,
                    value: 99.5,
                    unit: TargetUnit::Percent,
                    warning: Some(99.7),
                    slo: None,
                },
                Target {
                    metric: Metric::ResponseTime,
                    name: String::new(),
                    priority: Some(Priority::P1),
                    value: 30.0,
                    unit: TargetUnit::Minutes,
                    warning: Some(20.0),
                    slo: None,
                },
                Target {
                    metric: Metric::ResolutionTime,
                    name: String::new(),
                    priority: Some(Priority::P1),
                    value: 4.0,
                    unit: TargetUnit::Hours,
                    warning: None,
                    slo: None,
                },
            ],
        });
    }

    let kinds = [ArticleKind::HowTo, ArticleKind::Faq, ArticleKind::KnownError, ArticleKind::Runbook];
    for _ in 0..n_articles {
        let kind = kinds[g.rng.usize(..kinds.len())];
        let s = &cat.services[g.rng.usize(..n_services)];
        let title = format!("{} {} {}", g.pick(ARTICLE_OPENERS), s.name.to_lowercase(), g.words(2));
        let (services, owner) = (vec![s.id.clone()], teams[g.rng.usize(..teams.len())].clone());
        let id = g.id(&title);
        let body_size = g.rng.usize(1_000..3_000);
        let known_error = (kind == ArticleKind::KnownError).then(|| KnownError {
            symptom: g.sentence(8, 14),
            cause: g.sentence(8, 14),
            workaround: g.markdown(200),
        });
        let steps = if kind == ArticleKind::Runbook {
            (0..g.rng.usize(3..7)).map(|_| RunbookStep { title: g.sentence(3, 6), body: g.markdown(150) }).collect()
        } else {
            vec![]
        };
        cat.articles.push(Article {
            id,
            revision: 1,
            updated_at: g.timestamp(),
            kind,
            title,
            status: ArticleStatus::Published,
            summary: g.sentence(8, 14),
            owner,
            services,
            tags: vec![g.pick(TAGS).into()],
            last_reviewed: Some(g.date(2026)),
            review_interval_days: Some(180),
            known_error,
            steps,
            body: g.markdown(body_size),
        });
    }
    cat.sort();
    cat
}
