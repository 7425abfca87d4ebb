# METADATA
# title: Vault/OpenBao audits to more than one device
# description: |
#   At least two audit devices record requests. The server refuses every request that no device
#   can record, so with one device a full disk or an unreachable SIEM stops the whole secrets
#   service; with two, the other device keeps both the service and the audit trail running
#   (Vault and OpenBao documentation: "configure multiple audit devices"). Proves the number of
#   recording devices configured, not that each of them is healthy.
# custom:
#   id: AR-EVT-150
#   severity: medium
#   pillar: event_tracking
#   applies_to: [vault, openbao]
#   facts: [audit_log.destinations]
#   params: []
#   remediation: |
#     Add a second audit device of another kind: a local file (vault audit enable file
#     file_path=/var/log/vault/audit.log) next to a socket or syslog device that reaches the SIEM.
#     OpenBao 2.4+: declare both as audit "<type>" "<path>" stanzas in the server configuration.
#   frameworks:
#     soc2:
#       A1.2: A second audit device keeps the secrets service and its audit trail available when one device fails.
#       CC7.2: Vault keeps recording activity when one audit device fails.
#     iso27001:
#       A.8.15: Vault's logging does not hinge on a single audit device.
#     pci-dss:
#       "10.2.1": Vault's audit logging stays active when one of its devices fails.
#     nist-800-53:
#       AU-5: An audit device failure does not stop auditing (or, with one device, the whole service).
#       AU-9(2): Vault's audit records are written to more than one device.
package auditready.policies.event_tracking.vault_audit_redundant

import data.auditready.lib

_path := ["audit_log", "destinations"]

_expected := "two or more recording audit devices"

_check(tool) := lib.judged(tool, _path, _expected, count(lib.value(tool, _path)) > 1) if lib.known(tool, _path)

else := lib.unknown(tool, _path, _expected)

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "More than one audit device records requests",
	"fail": "One audit device or none: when it fails, the server refuses every request",
	"unknown": "The audit devices could not be determined",
	"not_applicable": "Audit devices do not apply",
	"error": "The audit devices could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
