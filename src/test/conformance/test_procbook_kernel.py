"""The jupyter_kernel_test conformance suite against the installed procbook kernel.

Run by io.procbook.conformance.KernelConformanceIT (mvn verify) with JUPYTER_PATH pointing at a fresh
install; the kernel name comes from PROCBOOK_KERNEL_NAME (default: procbook).
"""
import os
import unittest

import jupyter_kernel_test


class ProcbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("PROCBOOK_KERNEL_NAME", "procbook")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "Integer.parseI", "matches": {"parseInt("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "void f() { }", "System.out.println(1);"]
    incomplete_code_samples = ["void f() {", "int y = (1 +", "class A {"]
    invalid_code_samples = ["int x = 1 +* ;)"]

    code_page_something = "String?"
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".toUpperCase()', "result": '"ABC"'},
        {"code": "List.of(1, 2)", "result": "[1, 2]"},
    ]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 *"
    code_display_data = [
        {"code": 'display(MimeBundle.html("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display("plain");', "mime": "text/plain"},
    ]
    code_inspect_sample = "String"
    code_clear_output = "clearOutput(false);"


if __name__ == "__main__":
    unittest.main(verbosity=2)
