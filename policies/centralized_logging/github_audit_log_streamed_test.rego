package auditready.policies.centralized_logging.github_audit_log_streamed_test

import data.auditready.policies.centralized_logging.github_audit_log_streamed as policy
import data.auditready.testing

_github(streams) := object.union(testing.tool, {
	"id": "github/acme", "type": "github", "category": "source-control",
	"integrations": {"webhooks": [], "log_streams": streams},
})

_splunk := {"name": "Splunk stream 7", "type": "splunk", "active": true}

_paused := {"name": "Amazon S3 stream 8", "type": "amazon-s3", "active": false}

_expected(status, message, observed, gaps) := testing.finding_on(
	"github/acme",
	status,
	message,
	{"integrations.log_streams": observed},
	{"integrations.log_streams": "at least one stream enabled and not paused"},
	gaps,
)

test_pass if {
	got := policy.findings with input as testing.input_of([_github([_paused, _splunk])])
	got == {_expected("pass", "Audit log is streamed to a central store", [_paused, _splunk], [])}
}

test_fail_when_only_paused if {
	got := policy.findings with input as testing.input_of([_github([_paused])])
	got == {_expected(
		"fail",
		concat("", [
			"No active audit log stream: integrations.log_streams is ",
			json.marshal([_paused]),
			", expected at least one stream enabled and not paused",
		]),
		[_paused], [],
	)}
}

test_fail_when_none if {
	got := policy.findings with input as testing.input_of([_github([])])
	f := testing.only(got)
	f.status == "fail"
}

test_unknown_when_not_collected if {
	gap := {"fact": "integrations.log_streams", "reason": "not_collected", "detail": "set options.enterprise", "permission": "admin:enterprise"}
	t := object.union(_github(null), {"gaps": [gap]})
	got := policy.findings with input as testing.input_of([t])
	got == {_expected(
		"unknown",
		"Audit log streams could not be read: integrations.log_streams unknown (not_collected: set options.enterprise)",
		null, [gap],
	)}
}

test_not_applicable if {
	gap := {"fact": "integrations.log_streams", "reason": "not_applicable", "detail": "no enterprise"}
	t := object.union(_github(null), {"gaps": [gap]})
	got := policy.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "not_applicable"
	f.gaps == [gap]
}
