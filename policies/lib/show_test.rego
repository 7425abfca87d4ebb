package auditready.lib_test

import data.auditready.lib

test_show_sorts_object_keys_and_escapes_like_go if {
	lib.show({"b": 1, "a": "x<y&z>"}) == `{"a":"x\u003cy\u0026z\u003e","b":1}`
	lib.show([{"z": true, "a": null}, "s&t", 3]) == `[{"a":null,"z":true},"s\u0026t",3]`
	lib.show("plain") == `"plain"`
	lib.show(42) == "42"
	lib.show([]) == "[]"
	lib.show({}) == "{}"
}
