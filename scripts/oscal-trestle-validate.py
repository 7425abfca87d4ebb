"""Validate OSCAL assessment-results files with compliance-trestle, an independent OSCAL implementation.

Usage: .tools/venv/bin/python scripts/oscal-trestle-validate.py FILE...
Each file is read into trestle's pydantic model of assessment-results (types, required fields,
allowed keys, patterns) and checked by every validator trestle registers (duplicate uuids,
references, links). Prints "FILE: ok" or "FILE: <why>" and exits 1 on the first invalid file.
"""
import pathlib
import sys

import trestle.core.validator_factory as validator_factory  # noqa: F401 (registers the validators first)
from trestle.core.all_validator import AllValidator
from trestle.oscal.assessment_results import AssessmentResults

status = 0
for name in sys.argv[1:]:
    try:
        model = AssessmentResults.oscal_read(pathlib.Path(name))
    except Exception as e:  # a pydantic ValidationError names every field that does not fit
        print(f"{name}: {e}")
        status = 1
        continue
    validator = AllValidator()
    if not validator.model_is_valid(model, True, None):
        print(f"{name}: {validator.error_msg()}")
        status = 1
        continue
    print(f"{name}: ok")
sys.exit(status)
