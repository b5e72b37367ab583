"""Every ``sudo()`` of the suite is earned (plain pytest, no database).

The rule (README, *Security*): in the addons' code (their ``tests/`` aside), every
escalation to superuser (``.sudo()``, ``.with_user(SUPERUSER_ID)``, ``su=True``,
``Environment(cr, SUPERUSER_ID, ...)``) is preceded, in the same function (its
nested functions and lambdas included), by

- a call to a permission check: ``check_access``, ``check_access_rights``,
  ``check_access_rule``, ``_filtered_access``, ``has_group``, or a function of the
  suite named ``check_*``, ``_check_*``, ``_ensure_*``, ``_omni_check_*`` or
  ``_omni_ensure_*`` every definition of which calls one of those (directly, through
  another such check, or through ``super()`` of a definition that does); or
- an ``# earned:`` comment naming the check that earns it where it is not in the
  function (the caller's, the route's, the cron's), or why none is needed.

"Preceded" is read on lines: the check's call, or the comment, is on the escalation's
line or above it, below the function's ``def``. It is a guard against regressions:
it cannot tell whether the check is the right one; a reviewer reads the comment.
"""

import ast
import io
import pathlib
import re
import textwrap
import tokenize
from collections import defaultdict

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"

PRIMITIVES = {"check_access", "check_access_rights", "check_access_rule",
              "_filtered_access", "has_group"}
CHECK_NAME = re.compile(r"^(check_|_check_|_ensure_|_omni_check_|_omni_ensure_)")
EARNED = re.compile(r"#\s*earned:")
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _called_name(call):
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _is_superuser(node):
    return (isinstance(node, ast.Name) and node.id == "SUPERUSER_ID") or (
        isinstance(node, ast.Attribute) and node.attr == "SUPERUSER_ID")


def _escalates(call):
    """Whether this call runs what follows as superuser."""
    name = _called_name(call)
    if name == "sudo":
        return not (call.args and isinstance(call.args[0], ast.Constant)
                    and call.args[0].value is False)
    if name == "with_user":
        return bool(call.args) and _is_superuser(call.args[0])
    if name == "Environment":
        return len(call.args) > 1 and _is_superuser(call.args[1])
    return any(keyword.arg == "su" and isinstance(keyword.value, ast.Constant)
               and keyword.value.value is True for keyword in call.keywords)


def _calls(node):
    return [child for child in ast.walk(node) if isinstance(child, ast.Call)]


def _super_call_of(call, name):
    """``super().name(...)`` or ``super(Cls, self).name(...)``."""
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr == name
            and isinstance(func.value, ast.Call) and _called_name(func.value) == "super")


class Source:
    """One Python file: its top-level functions (methods included) and comments."""

    def __init__(self, text, name="<source>"):
        self.name = name
        self.tree = ast.parse(text)
        self.comments = {
            token.start[0]: token.string
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type == tokenize.COMMENT
        }

    def functions(self):
        """Outermost functions (a method is one; its inner functions are part of it)."""
        found = []

        def visit(node):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, FUNCTIONS):
                    found.append(child)
                else:
                    visit(child)

        visit(self.tree)
        return found

    def all_definitions(self):
        return [node for node in ast.walk(self.tree) if isinstance(node, FUNCTIONS)]


def known_checks(sources):
    """Names of the permission checks of ``sources`` (see the module docstring)."""
    definitions = defaultdict(list)
    for source in sources:
        for node in source.all_definitions():
            if CHECK_NAME.match(node.name):
                definitions[node.name].append(node)
    known = set(PRIMITIVES)
    changed = True
    while changed:
        changed = False
        for name, nodes in definitions.items():
            if name in known:
                continue
            direct = [any(_called_name(call) in known and not _super_call_of(call, name)
                          for call in _calls(node)) for node in nodes]
            through_super = [any(_super_call_of(call, name) for call in _calls(node))
                             for node in nodes]
            if any(direct) and all(d or s for d, s in zip(direct, through_super, strict=True)):
                known.add(name)
                changed = True
    return known


def unearned(source, checks):
    """``[(line, function)]`` of the escalations of ``source`` nothing earns."""
    found = []
    for function in source.functions():
        first = function.lineno
        calls = _calls(function)
        check_lines = [call.lineno for call in calls if _called_name(call) in checks]
        earned_lines = [line for line, text in source.comments.items()
                        if first <= line <= function.end_lineno and EARNED.search(text)]
        for call in calls:
            if not _escalates(call):
                continue
            line = call.func.end_lineno if isinstance(call.func, ast.Attribute) else call.lineno
            if not any(first <= mark <= line for mark in check_lines + earned_lines):
                found.append((line, function.name))
    module_level = [call for call in _calls(source.tree) if _escalates(call)]
    inside = {id(call) for function in source.functions() for call in _calls(function)}
    for call in module_level:
        if id(call) not in inside and not any(
                line <= call.lineno and EARNED.search(text)
                for line, text in source.comments.items()):
            found.append((call.lineno, "<module>"))
    return sorted(found)


def _suite_sources():
    return [
        Source(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
        for path in sorted(ADDONS.glob("*/**/*.py"))
        if "tests" not in path.relative_to(ADDONS).parts
    ]


def test_every_sudo_of_the_suite_is_earned():
    sources = _suite_sources()
    assert sources, "no addon found"
    checks = known_checks(sources)
    problems = [
        f"{source.name}:{line} in {function}()"
        for source in sources for line, function in unearned(source, checks)
    ]
    assert not problems, (
        "sudo() with neither a permission check before it in the function nor an "
        "'# earned:' comment naming the check:\n" + "\n".join(problems))


# ---------------------------------------------------------------- the rule itself


def _unearned(code, extra=""):
    sources = [Source(textwrap.dedent(code)), Source(textwrap.dedent(extra))]
    return [function for _line, function in unearned(sources[0], known_checks(sources))]


def test_a_bare_sudo_is_refused():
    assert _unearned("""
        def action_go(self):
            self.sudo().write({"state": "done"})
    """) == ["action_go"]


@pytest.mark.parametrize("code", [
    """
    def action_go(self):
        self.check_access("write")
        self.sudo().write({"state": "done"})
    """,
    """
    def action_go(self):
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError("no")
        self.sudo().write({"state": "done"})
    """,
    """
    def _omni_go(self):
        # earned: _check_manager() in action_go, the only caller
        self.sudo().write({"state": "done"})
    """,
    """
    def _omni_go(self):
        self.sudo().write({"state": "done"})  # earned: the cron's, private
    """,
    """
    def action_go(self):
        self._check_manager()
        self.sudo().write({"state": "done"})
    """,
    """
    def action_go(self):
        return self.sudo(False)
    """,
])
def test_a_sudo_after_a_check_or_with_its_comment_passes(code):
    extra = """
        def _check_manager(self):
            if not self.env.user.has_group("base.group_system"):
                raise AccessError("no")
    """
    assert _unearned(code, extra) == []


@pytest.mark.parametrize("code", [
    # the check comes after the sudo
    """
    def action_go(self):
        self.sudo().write({"state": "done"})
        self.check_access("write")
    """,
    # a "check" that checks no permission (a state) earns nothing
    """
    def action_go(self):
        self._check_state("draft")
        self.sudo().write({"state": "done"})
    """,
    # a comment that does not say what earns it
    """
    def action_go(self):
        # sudo to write the state
        self.sudo().write({"state": "done"})
    """,
    # a comment of another function
    """
    def other(self):
        # earned: nothing here
        return 1

    def action_go(self):
        self.sudo().write({"state": "done"})
    """,
    # the other ways to become superuser
    """
    def action_go(self):
        return self.with_user(SUPERUSER_ID).read(["name"])
    """,
    """
    def action_go(self, request, uid):
        request.update_env(user=uid, su=True)
    """,
])
def test_an_unearned_escalation_is_found(code):
    extra = """
        def _check_state(self, *states):
            if self.state not in states:
                raise UserError("wrong state")
    """
    assert _unearned(code, extra) == ["action_go"]
