package auditready.main_test

import data.auditready.main
import data.auditready.testing

# The testing fixture with deny-all default permission (AR-ACC-005 wants "none"; the fixture's
# "read" is what AR-ACC-002 accepts and its tests use), and a central destination whose store is
# in the estate (AR-CLG-002, AR-XTL-001): in this one-tool estate, the tool itself.
_compliant := object.union(
	testing.with_fact(
		testing.with_fact(testing.tool, "access", "default_permission", "none"),
		"audit_log", "destinations", [{"name": "splunk", "type": "splunk", "central": true, "store": "jenkins/ci"}],
	),
	# The Jenkins fixture's controller (AR-ACC-120 reads its authorization strategy).
	{"resources": [{"id": "controller", "kind": "controller", "name": "ci", "facts": {"authorization_strategy": "roleBased"}, "gaps": []}]},
)

_findings := fs if {
	fs := main.findings with input as testing.input_of([_compliant])
		with data.auditready.params as testing.params
}

test_keys_are_pillar_dot_name if {
	every key in {
		"identity.mfa_required", "identity.sso_enforced",
		"event_tracking.audit_log_enabled", "event_tracking.audit_record_fields",
		"centralized_logging.central_destination", "retention.retention_minimum",
		"access.admin_limit", "access.default_permission",
		"time.clock_synchronized", "time.evidence_fresh",
		"identity.anonymous_access", "identity.local_accounts_limited",
		"access.default_deny", "access.no_wildcard_grants", "time.timestamp_zone",
		"event_tracking.required_event_classes", "access.admin_share", "retention.deletion_protection",
		"centralized_logging.central_store_named", "cross_tool.central_store_retention",
		"cross_tool.single_identity_provider", "identity.mfa_not_bypassable",
		"event_tracking.event_levels", "event_tracking.no_secret_values", "retention.audit_log_rotation",
	} {
		_findings[key]
	}
}

# GitHub-only policies (policies/<pillar>/github_*.rego) have no finding for the Jenkins fixture;
# they are checked against the same fixture as a GitHub organization below.
_github_only(key) if startswith(split(key, ".")[1], "github_")

# Argo CD-only policies (policies/<pillar>/argocd_*.rego), likewise.
_argocd_only(key) if startswith(split(key, ".")[1], "argocd_")

# Policies scoped to time daemons (chrony, ntpsec, timesyncd) have no finding for the Jenkins
# fixture; they are checked against it as a chrony host below.
_time_daemon_only(key) if key in {"time.no_local_reference", "time.error_bound"}

test_compliant_fixture_as_a_chrony_host_passes_the_time_daemon_policies if {
	chrony := object.union(
		testing.with_fact(testing.with_fact(_compliant, "time", "local_reference", false), "time", "error_bound_ms", 12.5),
		{"id": "chrony/ntp-1", "type": "chrony", "category": "time"},
	)
	fs := main.findings with input as testing.input_of([chrony])
		with data.auditready.params as testing.params
	every key in {"time.no_local_reference", "time.error_bound"} {
		testing.only(fs[key]).status == "pass"
	}
}

# Vault/OpenBao-only and Harbor-only policies (vault_*, harbor_*), likewise.
_vault_or_harbor_only(key) if startswith(split(key, ".")[1], "vault_")

_vault_or_harbor_only(key) if startswith(split(key, ".")[1], "harbor_")

# S3-only policies (policies/<pillar>/s3_*.rego), likewise: judged on a bucket resource.
_s3_only(key) if startswith(split(key, ".")[1], "s3_")

# The compliant fixture passes every policy with the testing parameters.
test_compliant_fixture_passes_every_policy if {
	every key, fs in _findings {
		count(fs) == _count_for(key)
		every f in fs {
			f.status == "pass"
		}
	}
}

# A pipeline tool shipping to a log store that is a target: both pass every policy that is not
# GitHub-only; the log store has no cross-tool retention finding (AR-RET-001 checks it directly).
test_compliant_pipeline_and_its_log_store_pass if {
	ci := testing.with_fact(
		_compliant, "audit_log", "destinations",
		[{"name": "loki", "type": "loki", "central": true, "store": "loki/central"}],
	)
	loki := object.union(_compliant, {"id": "loki/central", "type": "loki", "category": "log-store"})
	params := object.union(testing.params, {
		"required_event_classes": {"loki": ["auth"]},
		"required_event_levels": {"loki": {"builds": "Metadata"}},
		"failed_login_event_classes": {"jenkins": ["auth"], "loki": ["auth"]},
		"audit_log_rotation_min": {"loki": {"max_size_mb": 100, "max_files": 10, "max_age_days": 30}},
	})
	fs := main.findings with input as testing.input_of([ci, loki])
		with data.auditready.params as params
	{f.tool | some f in fs["cross_tool.central_store_retention"]} == {"jenkins/ci"}
	every kfs in fs {
		every f in kfs {
			f.status == "pass"
		}
	}
}

test_missing_params_never_pass if {
	got := main.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as {}
	every key in {
		"retention.retention_minimum", "access.admin_limit", "access.default_permission",
		"time.clock_synchronized", "time.evidence_fresh", "identity.local_accounts_limited",
		"event_tracking.required_event_classes", "access.admin_share",
		"cross_tool.central_store_retention", "cross_tool.single_identity_provider",
		"identity.mfa_not_bypassable", "event_tracking.event_levels", "event_tracking.failed_logins",
		"retention.audit_log_rotation",
	} {
		f := testing.only(got[key])
		f.status == "error"
	}
}

# GitLab-only policies have no finding for the Jenkins fixture either.
_gitlab_only(key) if startswith(split(key, ".")[1], "gitlab_")

_count_for(key) := 0 if _github_only(key)

else := 0 if _argocd_only(key)

else := 0 if _gitlab_only(key)

else := 0 if _time_daemon_only(key)

else := 0 if _vault_or_harbor_only(key)

else := 0 if _s3_only(key)

else := 1

test_compliant_github_fixture_passes_every_github_policy if {
	github := object.union(_compliant, {
		"id": "github/acme", "type": "github", "category": "source-control",
		"pipeline": {"default_token_permission": "read", "can_approve_changes": false},
		"integrations": {
			"webhooks": [{"name": "hook 1", "url": "https://ci.example/hook", "active": true, "signed": true, "tls_verified": true}],
			"log_streams": [{"name": "splunk", "type": "splunk", "active": true}],
		},
		"resources": [
			testing.repo(
				"acme/api", {
					"archived": false, "required_approvals": 2, "force_push_blocked": true, "review_bypass_actors": [],
					"deletion_blocked": true, "admin_count": 1, "outside_collaborators_with_write": [], "write_deploy_keys": [],
					"stale_reviews_dismissed": true, "review_dismissal_restricted": true, "code_owner_review_required": true,
					"last_push_approval_required": true, "push_restricted": true, "unenforced_rulesets": [],
					"unsecured_webhooks": [], "actions_token_read_only": true, "actions_can_approve_pull_requests": false,
				},
				[],
			),
			testing.organization(
				{
					"member_repository_creation": [], "ip_allow_list_enabled": true, "repository_deletion_owners_only": true,
					"visibility_change_owners_only": true, "private_forking_disabled": true,
					"notifications_restricted_to_verified_domains": true, "verified_domains": ["acme.example"],
					"open_runner_groups": [], "admin_app_installations": [],
				},
				[],
			),
		],
	})
	fs := main.findings with input as testing.input_of([github])
		with data.auditready.params as testing.params
	keys := {k | some k, _ in fs; _github_only(k)}
	count(keys) >= 4
	every key in keys {
		f := testing.only(fs[key])
		f.status == "pass"
	}
}

# per_tool and cross_tool split findings: together they are findings, key for key.
test_per_tool_and_cross_tool_partition_findings if {
	ci := testing.with_fact(
		_compliant, "audit_log", "destinations",
		[{"name": "loki", "type": "loki", "central": true, "store": "loki/central"}],
	)
	loki := object.union(_compliant, {"id": "loki/central", "type": "loki", "category": "log-store"})
	inp := testing.input_of([ci, loki])
	per := main.per_tool with input as inp with data.auditready.params as testing.params
	count(per) > 0
	cross := main.cross_tool with input as inp with data.auditready.params as testing.params
	count(cross) == 2
	every key, _ in per {
		not startswith(key, "cross_tool.")
	}
	every key, _ in cross {
		startswith(key, "cross_tool.")
	}
	every_finding := main.findings with input as inp with data.auditready.params as testing.params
	object.union(per, cross) == every_finding
}

test_compliant_s3_bucket_passes_every_s3_policy if {
	s3 := object.union(_compliant, {
		"id": "s3/audit", "type": "s3", "category": "log-store",
		"resources": [{
			"id": "bucket:audit", "kind": "bucket", "name": "audit",
			"facts": {"object_lock_mode": "COMPLIANCE", "object_lock_days": 400}, "gaps": [],
		}],
	})
	fs := main.findings with input as testing.input_of([s3])
		with data.auditready.params as testing.params
	keys := {k | some k, _ in fs; _s3_only(k)}
	count(keys) >= 1
	every key in keys {
		testing.only(fs[key]).status == "pass"
	}
}
