// Linchpin: uniqueness constraints and indexes. Applied idempotently at every
// start (IF NOT EXISTS) by src/store/schema.ts, one statement per `;`.

// Every modelled node carries :Entity; ids are unique across all kinds.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (n:Meta) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenario_id IF NOT EXISTS FOR (n:Scenario) REQUIRE n.id IS UNIQUE;
// A scenario's name is unique per owner: nameKey = owner + NUL + normalised name (src/store/scenarios.ts).
CREATE CONSTRAINT scenario_name_key IF NOT EXISTS FOR (n:Scenario) REQUIRE n.nameKey IS UNIQUE;

// DEPENDS_ON ids are unique (relationship uniqueness constraints, Neo4j 5.7+).
CREATE CONSTRAINT depends_on_id IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() REQUIRE r.id IS UNIQUE;

// Per-kind lookups used by filters and sorting.
CREATE INDEX country_nato IF NOT EXISTS FOR (n:Country) ON (n.natoMember);
CREATE INDEX provider_kind IF NOT EXISTS FOR (n:Provider) ON (n.kind);
CREATE INDEX facility_kind IF NOT EXISTS FOR (n:Facility) ON (n.kind);
CREATE INDEX service_kind IF NOT EXISTS FOR (n:Service) ON (n.kind);
CREATE INDEX function_sector IF NOT EXISTS FOR (n:CriticalFunction) ON (n.sector);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX depends_on_channel IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.channel);

// Text search on names and ids.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.id];

// Access (graph-schema/README.md, "Access"): users, organisations, API keys and the audit log.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
