# METADATA
# title: Time sources are authenticated
# description: |
#   Every upstream time source is authenticated (NTS, or NTP with symmetric keys), so a forged or
#   intercepted server cannot shift the clock and with it every audit timestamp.
# custom:
#   id: AR-TIM-004
#   severity: medium
#   pillar: time
#   applies_to: ["*"]
#   facts: [time.authenticated]
#   params: []
#   remediation: |
#     Use NTS or symmetric keys for every source.
#     chrony: `server <host> iburst nts` (chrony 4+, NTS-KE on port 4460), or `key N` with a keyfile;
#     `chronyc -N authdata` must show every source with a mode (NTS or SK).
#     ntpsec: `server <host> nts` in /etc/ntpsec/ntp.conf (`ntpq -c nts` shows the cookies).
#     systemd-timesyncd: it has no NTS or keys; use chrony or ntpsec where authentication is required.
#     SaaS tools: the provider runs the clocks; mark the fact not applicable with an approver.
#   frameworks:
#     iso27001:
#       A.8.17: Clocks take time only from authenticated sources (NTS or symmetric keys).
#     pci-dss:
#       "10.6.3": "Time data is protected: a forged time server cannot shift the clock."
package auditready.policies.time.authenticated_sources

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["time", "authenticated"], true)], {
	"pass": "Time sources are authenticated",
	"fail": "Time sources are not authenticated",
	"unknown": "Authentication of time sources could not be determined",
	"not_applicable": "Authentication of time sources does not apply",
	"error": "Authentication of time sources could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
