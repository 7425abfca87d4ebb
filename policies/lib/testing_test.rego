# Test helpers (a _test file, so it is never built into the policy bundle).
package auditready.testing

# A snapshot where every fact is known and compliant with the default parameters below.
tool := {
	"id": "jenkins/ci",
	"type": "jenkins",
	"category": "ci",
	"name": "ci",
	"source": {
		"collector": "facts",
		"method": "facts-file",
		"location": "ci.yaml",
		"collected_at": "2026-01-01T00:00:00Z",
		"sha256": "0000000000000000000000000000000000000000000000000000000000000000",
	},
	"identity": {
		"sso_provider": "okta",
		"sso_enforced": true,
		"mfa_required": true,
		"mfa_exempt": [],
		"local_accounts": ["break-glass"],
		"anonymous_access": false,
	},
	"access": {
		"principals": [{"name": "alice", "kind": "user", "roles": ["admin"], "admin": true}],
		"admin_count": 2,
		"admin_names": ["alice", "bob"],
		"member_count": 40,
		"default_permission": "read",
		"wildcard_grants": [],
	},
	"audit_log": {
		"enabled": true,
		"level": "full",
		"event_classes": ["auth", "admin", "config", "builds", "credentials", "script-console"],
		"event_levels": {"builds": "Metadata", "credentials": "Metadata", "script-console": "RequestResponse"},
		"fields": {"actor": true, "action": true, "time": true, "target": true, "source_ip": true, "result": true},
		"destinations": [{"name": "splunk", "type": "splunk", "central": true}],
		"retention_days": 400,
		"retention_online_days": 120,
		"backup": true,
		"immutable": true,
		"records_secret_values": false,
		"rotation": {"max_size_mb": 100, "max_files": 10, "max_age_days": 30},
		"failure_alert": true,
		"read_restricted": true,
	},
	"time": {
		"sync_daemon": "chrony",
		"sources": ["time1.example", "time2.example"],
		"synchronized": true,
		"offset_ms": 3.5,
		"timestamp_timezone": "UTC",
		"authenticated": true,
	},
	"gaps": [],
}

# The same snapshot as a GitHub organization (a source-control tool).
github := object.union(tool, {"id": "github/acme", "type": "github", "category": "source-control"})

params := {
	"retention_days_min": 365,
	"retention_online_days_min": 90,
	"max_admins": 5,
	"min_time_sources": 2,
	"max_clock_offset_ms": 1000,
	"max_evidence_age_hours": 24,
	"allowed_default_permissions": ["none", "read"],
	"max_local_accounts": 2,
	"max_mfa_exempt": 0,
	"required_event_levels": {
		"kubernetes": {"secrets": "Metadata", "rbac": "RequestResponse"},
		"jenkins": {"credentials": "Metadata", "script-console": "Request"},
	},
	"audit_level_order": ["None", "Metadata", "Request", "RequestResponse"],
	"required_event_classes": {
		"kubernetes": ["secrets", "rbac"],
		"jenkins": ["builds", "credentials", "script-console"],
		"vault": ["auth", "secrets"],
	},
	"audit_log_rotation_min": {
		"kubernetes": {"max_size_mb": 100, "max_files": 10, "max_age_days": 30},
		"jenkins": {"max_size_mb": 100, "max_files": 10, "max_age_days": 30},
	},
	"max_admin_share_percent": 10,
	"admin_share_min_members": 20,
	"identity_provider": "",
	"failed_login_event_classes": {"jenkins": ["auth"], "vault": ["auth"]},
	"max_event_levels": {"kubernetes": {"secrets": "Metadata"}},
	"min_required_approvals": 1,
	"allowed_review_bypass": [],
	"min_repository_admins": 0,
	"max_repository_admins": 2,
	"allowed_member_repository_creation": [],
	"designated_time_sources": [],
}

as_of := "2026-01-01T12:00:00Z"

# with_fact returns tool with one fact replaced.
with_fact(t, pillar, key, v) := object.union(t, {pillar: object.union(t[pillar], {key: v})})

# without_fact nulls a fact and records a gap for it.
without_fact(t, pillar, key, reason) := object.union(with_fact(t, pillar, key, null), {"gaps": array.concat(t.gaps, [{
	"fact": concat(".", [pillar, key]),
	"reason": reason,
	"detail": concat("", ["test: ", reason]),
}])})

# the run started at as_of and collection ended a minute later
run := {"started_at": as_of, "collected_by": "2026-01-01T12:01:00Z"}

input_of(tools) := {"as_of": as_of, "run": run, "tools": tools}

# finding: the finding a policy reports on the test tool (its id "jenkins/ci") with no resource.
# observed and expected map each fact the policy checked ("pillar.key") to its value and expected
# text; the evidence is the JSON pointer of each of those facts. For another tool use finding_on.
finding(status, message, observed, expected, gaps) := finding_on(tool.id, status, message, observed, expected, gaps)

finding_on(tool_id, status, message, observed, expected, gaps) := {
	"tool": tool_id,
	"resource": null,
	"status": status,
	"message": message,
	"observed": observed,
	"expected": expected,
	"evidence": sort([concat("/", ["", replace(fact, ".", "/")]) | some fact, _ in expected]),
	"gaps": gaps,
}

# fact_finding: finding for a policy that checks one fact.
fact_finding(status, message, fact, observed, expected, gaps) := finding(
	status, message,
	{fact: observed}, {fact: expected}, gaps,
)

# gap: the gap without_fact(t, pillar, key, reason) records, as a finding lists it.
gap(fact, reason) := {"fact": fact, "reason": reason, "detail": concat("", ["test: ", reason])}

# only: the one finding of a policy's findings (undefined unless there is exactly one).
only(findings) := f if {
	[f] := [x | some x in findings]
}

# --- source-control resources -----------------------------------------------------------------

# repo is a repository resource of a GitHub snapshot.
repo(name, facts, gaps) := {"id": concat(":", ["repository", name]), "kind": "repository", "name": name, "facts": facts, "gaps": gaps}

# organization is the organization resource of a GitHub snapshot.
organization(facts, gaps) := {"id": "organization:acme", "kind": "organization", "name": "acme", "facts": facts, "gaps": gaps}

# github_with is the compliant GitHub snapshot holding resources (github has none collected).
github_with(resources) := object.union(github, {"resources": resources})

# resource_finding: the finding a policy reports on the i-th resource (id resource_id) of the
# GitHub test tool; the evidence is each checked fact's pointer into that resource
# ("resources.deletion_blocked" → "/resources/<i>/facts/deletion_blocked").
resource_finding(i, resource_id, status, message, observed, expected, gaps) := resource_finding_on(
	github.id, i, resource_id,
	status, message, observed, expected, gaps,
)

# resource_finding_on: resource_finding for another tool (a Vault server, an S3 bucket's store).
resource_finding_on(tool_id, i, resource_id, status, message, observed, expected, gaps) := object.union(
	finding_on(tool_id, status, message, observed, expected, gaps),
	{"resource": resource_id, "evidence": sort([_resource_pointer(i, fact) | some fact, _ in expected])},
)

# absent_finding_on: the unknown finding of a per-resource policy on a tool with no resource of
# its kind (lib.resource_absent): the gap's detail says which; the evidence is the source.
absent_finding_on(tool_id, message, fact, expected, detail) := object.union(
	finding_on(
		tool_id, "unknown", concat("", [message, ": ", fact, " unknown (not_collected: ", detail, ")"]),
		{fact: null}, {fact: expected}, [{"fact": fact, "reason": "not_collected", "detail": detail}],
	),
	{"evidence": ["/source"]},
)

_resource_pointer(i, fact) := concat("/", ["", "resources", format_int(i, 10), "facts", trim_prefix(fact, "resources.")])
