//! Word lists the generated text is made of: IT-service and logistics vocabulary, so that
//! search runs over text like the real thing (repeated domain words, a long tail).

pub const WORDS: &[&str] = &[
    "access", "account", "agent", "alert", "api", "application", "approval", "archive", "audit", "authentication", "availability", "backup",
    "bandwidth", "batch", "billing", "broker", "browser", "bucket", "budget", "cache", "calendar", "capacity", "carrier", "certificate",
    "change", "channel", "checkout", "client", "cluster", "compliance", "configuration", "connection", "consumer", "container", "contract",
    "cost", "credential", "customer", "customs", "dashboard", "data", "database", "delivery", "deployment", "depot", "device", "dispatch",
    "disk", "dns", "domain", "driver", "email", "encryption", "endpoint", "error", "escalation", "event", "export", "failover", "firewall",
    "fleet", "freight", "gateway", "incident", "index", "invoice", "import", "inventory", "job", "key", "label", "latency", "ledger",
    "license", "load", "log", "mailbox", "maintenance", "message", "metric", "migration", "mobile", "monitor", "network", "node",
    "notification", "order", "outage", "owner", "package", "pallet", "parcel", "partner", "password", "patch", "payment", "performance",
    "pipeline", "platform", "policy", "portal", "printer", "priority", "problem", "provider", "proxy", "queue", "quota", "recovery",
    "region", "release", "replica", "report", "request", "restore", "retention", "role", "route", "router", "runbook", "scanner",
    "schedule", "schema", "secret", "security", "server", "service", "session", "shipment", "shipping", "snapshot", "storage",
    "subscription", "supplier", "support", "switch", "sync", "ticket", "timeout", "token", "topic", "tracking", "traffic", "transfer",
    "truck", "update", "upgrade", "user", "vendor", "version", "vpn", "warehouse", "webhook", "workflow", "zone", "the", "a", "of", "to",
    "and", "in", "for", "on", "with", "when", "after", "before", "check", "restart", "verify", "open", "close", "rotate", "renew",
    "scale", "drain", "promote", "rebuild", "reset", "confirm", "escalate", "notify", "review", "approve", "stuck", "slow", "failed",
    "missing", "expired", "degraded", "healthy", "primary", "secondary", "nightly", "daily", "weekly", "manual", "automatic",
];

pub const COMMANDS: &[&str] = &["kubectl", "systemctl", "psql", "curl", "vault", "patronictl", "kafka-topics", "journalctl", "dig", "openssl"];

pub const QUALIFIERS: &[&str] = &[
    "Global", "Regional", "Central", "Customer", "Partner", "Internal", "Secure", "Managed", "Shared", "Enterprise", "Mobile", "Cloud",
    "Legacy", "Realtime", "Batch", "Hybrid", "Northern", "Southern", "Express", "Premium",
];

pub const TECH_NOUNS: &[&str] = &[
    "Database Cluster", "Message Broker", "Object Storage", "Kubernetes Platform", "Identity Provider", "API Gateway", "DNS", "Load Balancer",
    "Backup Service", "Secrets Vault", "Log Pipeline", "Monitoring", "CI Runners", "Container Registry", "Search Cluster", "Cache",
    "Event Stream", "Network Core", "VPN Concentrator", "Mail Relay", "File Transfer", "Print Servers", "Data Lake", "ETL Jobs",
];

pub const BUSINESS_NOUNS: &[&str] = &[
    "Shipment Tracking", "Order Management", "Invoicing", "Payroll", "Customs Filing", "Route Planning", "Fleet Telematics",
    "Warehouse Management", "Customer Portal", "Returns Handling", "Claims Processing", "Rate Quotes", "Booking", "Proof of Delivery",
    "Dock Scheduling", "Carrier Onboarding", "Expense Reporting", "Reporting", "Helpdesk", "Collaboration", "Procurement", "Recruiting",
];

pub const FAMILIES: &[&str] = &["Platform", "Network", "Data", "Logistics", "Finance", "Workplace", "Security", "Integration", "Customer", "People"];

pub const TAGS: &[&str] = &[
    "p1", "pci", "gdpr", "sox", "customer-facing", "internal", "kubernetes", "postgresql", "kafka", "saas", "on-prem", "legacy", "eu", "us",
    "apac", "batch", "realtime", "edi", "api", "mobile",
];

pub const TEAM_PREFIXES: &[&str] = &["Platform", "Network", "Data", "Logistics", "Finance", "Workplace", "Security", "Integration", "Identity", "Warehouse"];
pub const TEAM_SUFFIXES: &[&str] = &["Engineering", "Operations", "Applications", "Services", "Systems", "Support", "Reliability", "Infrastructure"];

pub const FIRST_NAMES: &[&str] = &[
    "Anna", "Jonas", "Maria", "Priya", "David", "Sophie", "Li Wei", "Marcus", "Katrin", "Nadia", "Ethan", "Omar", "Lena", "Tomás", "Aiko",
    "Fatima", "Lukas", "Chloé", "Mateo", "Ingrid", "Kwame", "Sara", "Yusuf", "Elif",
];
pub const LAST_NAMES: &[&str] = &[
    "Becker", "Weber", "Santos", "Raman", "Kowalski", "Lambert", "Tan", "Johnson", "Vogel", "Rahman", "Cole", "Haddad", "Novak",
    "García", "Sato", "Okafor", "Larsen", "Müller", "Rossi", "Dubois", "Yilmaz", "Nguyen",
];

pub const SUPPLIERS: &[&str] = &["Stratus Cloud", "Hanseatic Telecom", "MailHarbor", "PayBridge", "FleetSense", "Ledgerly", "Keystone Devices", "Northlight Security"];

pub const CONSUMERS: &[&str] = &["All staff", "Customers", "Warehouse staff", "Drivers", "Finance & Accounting", "Engineering teams", "Partners", "Customer Operations"];

pub const OFFERING_VERBS: &[&str] = &["Request", "Provision", "Restore", "Reset", "Onboard", "Extend", "Renew", "Access to", "Managed", "Set up"];

pub const ARTICLE_OPENERS: &[&str] = &["How to use", "Troubleshooting", "Known issue with", "Runbook for", "FAQ about", "Recover", "Configure", "Monitor"];

/// (name, IANA zone, start, end, all week)
pub const CALENDARS: &[(&str, &str, &str, &str, bool)] = &[
    ("Around the clock", "UTC", "00:00", "24:00", true),
    ("Hamburg office hours", "Europe/Berlin", "08:00", "18:00", false),
    ("Chicago office hours", "America/Chicago", "07:00", "19:00", false),
    ("Singapore office hours", "Asia/Singapore", "08:30", "17:30", false),
    ("Night batch window", "Europe/Berlin", "22:00", "06:00", true),
];
