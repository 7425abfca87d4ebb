# Thresholds: a fact compared with a named parameter of the profile. Every comparison has the
# same three outcomes, decided once in _threshold: the parameter is missing or of the wrong
# type (error), the fact is known (pass or fail), or the fact is null (unknown or not_applicable).
package auditready.lib

# at_most / at_least: the number is at most / at least param(name).
at_most(tool, path, name) := _threshold("at_most", tool, path, name)

at_least(tool, path, name) := _threshold("at_least", tool, path, name)

# at_least_or_forever: like at_least, but -1 (kept forever) always passes.
at_least_or_forever(tool, path, name) := _threshold("at_least_or_forever", tool, path, name)

# count_at_least / count_at_most: the fact is a list with at least / at most param(name)
# entries (the list is the observed value).
count_at_least(tool, path, name) := _threshold("count_at_least", tool, path, name)

count_at_most(tool, path, name) := _threshold("count_at_most", tool, path, name)

# abs_at_most: the absolute value of the fact is at most param(name).
abs_at_most(tool, path, name) := _threshold("abs_at_most", tool, path, name)

# in_param: the fact must be one of the values listed in the array parameter param(name).
in_param(tool, path, name) := _threshold("in_param", tool, path, name)

_threshold(kind, tool, path, name) := missing_param(path, name) if {
	not _param_fits(kind, name)
} else := judged(tool, path, _threshold_text(kind, name), _met(kind, value(tool, path), param(name))) if {
	known(tool, path)
} else := unknown(tool, path, _threshold_text(kind, name))

# in_param takes a list of allowed values; every other kind a number.
_param_fits("in_param", name) if has_array_param(name)

_param_fits(kind, name) if {
	kind != "in_param"
	has_number_param(name)
}

_threshold_text("at_most", name) := _bound("<= ", name)

_threshold_text("at_least", name) := _bound(">= ", name)

_threshold_text("at_least_or_forever", name) := concat("", [_bound(">= ", name), " or -1 (forever)"])

_threshold_text("count_at_least", name) := _bound("count >= ", name)

_threshold_text("count_at_most", name) := _bound("count <= ", name)

_threshold_text("abs_at_most", name) := _bound("absolute value <= ", name)

_threshold_text("in_param", name) := concat("", [_one_of_text(param(name)), " (", name, ")"])

_bound(op, name) := concat("", [op, json.marshal(param(name)), " (", name, ")"])

# whether the fact v meets the parameter value p (v is known, p has the kind's type); a value of
# the wrong type never meets it
_met(kind, v, p) if _holds(kind, v, p)

else := false

_holds("at_most", v, p) if v <= p

_holds("at_least", v, p) if v >= p

_holds("at_least_or_forever", -1, _)

_holds("at_least_or_forever", v, p) if {
	is_number(v)
	v >= p
}

_holds("count_at_least", v, p) if {
	is_array(v)
	count(v) >= p
}

_holds("count_at_most", v, p) if {
	is_array(v)
	count(v) <= p
}

_holds("abs_at_most", v, p) if {
	is_number(v)
	abs(v) <= p
}

_holds("in_param", v, p) if v in p
