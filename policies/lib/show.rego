# One JSON rendering of values for messages, identical in OPA's Go evaluator and in Wasm.
package auditready.lib

# show renders a value as JSON text the same way in OPA's Go evaluator and in Wasm: Wasm's
# json.marshal neither sorts object keys nor escapes <, > and & as Go does. Objects (and
# objects inside arrays) get sorted keys; the three characters are escaped as Go escapes them.
show(v) := _esc(_show_object(v)) if is_object(v)

else := _esc(concat("", ["[", concat(",", [_show_item(x) | some x in v]), "]"])) if is_array(v)

else := _esc(json.marshal(v))

_show_item(x) := _show_object(x) if is_object(x)

else := json.marshal(x)

_show_object(o) := concat("", ["{", concat(",", [concat(":", [json.marshal(k), json.marshal(o[k])]) | some k in sort(object.keys(o))]), "}"])

_esc(s) := replace(replace(replace(s, "<", "\\u003c"), ">", "\\u003e"), "&", "\\u0026")
