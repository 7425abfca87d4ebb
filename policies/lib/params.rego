# Parameters (thresholds) from the profile or config, read at run time as data.auditready.params.
package auditready.lib

# A parameter (threshold) from the profile, or undefined.
param(name) := data.auditready.params[name]

# has_number_param / has_array_param: the parameter is set and has the right type.
# Negate these (`not has_number_param(name)`), never `not is_number(param(name))`: OPA
# evaluates the nested call outside the negation, so a missing parameter would make the
# whole expression undefined instead of true.
has_number_param(name) if is_number(param(name))

has_array_param(name) if is_array(param(name))

has_object_param(name) if is_object(param(name))

has_string_param(name) if is_string(param(name))
