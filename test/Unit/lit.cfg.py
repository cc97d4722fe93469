# -*- Python -*-
# Runs the GoogleTest unit tests (unittests/) as part of check-quant-dyn.
import os

import lit.formats

config.name = "QUANT_DYN-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.quant_dyn_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")

# Sanitizer builds (no effect otherwise): see test/lit.cfg.py for why manual
# poisoning is off while libMLIR.so is not instrumented.
config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0"
config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
